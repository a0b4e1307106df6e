using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>
/// Deepgram Aura text-to-speech over its streaming REST endpoint: <c>POST /v1/speak?model={voiceId}&amp;encoding=linear16
/// &amp;sample_rate={rate}&amp;container=none</c> answers raw PCM16 as it is synthesised. The call's rate is asked for
/// directly when Aura offers it (8, 16, 24, 32 or 48 kHz), otherwise the nearest one is resampled. Aura has no speaking
/// rate, so <c>VoiceSettings.Rate</c> is ignored.
/// </summary>
public sealed class AuraSpeechSynthesizer : ISpeechSynthesizer
{
    /// <summary>The name to register this synthesizer's client under (<see cref="SpeechSynthesisHttpClientRegistration.AddSpeechSynthesisHttpClient"/>).</summary>
    public const string HttpClientName = "deepgram-aura";

    public const string ProviderName = "deepgram";

    private static readonly int[] SupportedRates = [8000, 16000, 24000, 32000, 48000];

    private readonly AuraEndpoint _endpoint;
    private readonly SpeechHttpClient _client;

    public AuraSpeechSynthesizer(HttpClient httpClient, AuraEndpoint endpoint, ILogger<AuraSpeechSynthesizer>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint.ApiKey, nameof(endpoint));
        _endpoint = endpoint;
        _client = new SpeechHttpClient(ProviderName, httpClient, endpoint.Timeouts, time ?? TimeProvider.System, logger ?? NullLogger<AuraSpeechSynthesizer>.Instance);
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.SampleRate);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            yield break;
        }

        var rate = NearestSupportedRate(request.SampleRate);
        var converter = new SpeechAudioConverter(new ProviderAudioFormat(ProviderAudioEncoding.Pcm16, rate), request.SampleRate);
        var uri = new Uri(string.Create(
            CultureInfo.InvariantCulture,
            $"{_endpoint.BaseUrl.AbsoluteUri.TrimEnd('/')}/v1/speak?model={Uri.EscapeDataString(request.Voice.VoiceId)}&encoding=linear16&sample_rate={rate}&container=none"));
        var body = Body(request.Text);

        await foreach (var chunk in _client.StreamAsync(() => CreateRequest(uri, body), request.Text.Length, $"linear16/{rate}", cancellationToken))
        {
            var pcm = converter.Convert(chunk.Span);
            if (!pcm.IsEmpty)
            {
                yield return pcm;
            }
        }

        var tail = converter.Flush();
        if (!tail.IsEmpty)
        {
            yield return tail;
        }
    }

    private static int NearestSupportedRate(int sampleRate) =>
        SupportedRates.OrderBy(rate => Math.Abs(rate - sampleRate)).ThenByDescending(rate => rate).First();

    private static byte[] Body(string text)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private HttpRequestMessage CreateRequest(Uri uri, byte[] body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Authorization = new AuthenticationHeaderValue("Token", _endpoint.ApiKey);
        return message;
    }
}
