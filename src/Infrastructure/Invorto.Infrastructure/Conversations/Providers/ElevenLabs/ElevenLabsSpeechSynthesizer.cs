using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Conversations.Providers.ElevenLabs;

/// <summary>
/// ElevenLabs text-to-speech over its streaming endpoint: <c>POST /v1/text-to-speech/{voiceId}/stream?output_format=…</c>
/// with <c>xi-api-key</c> answers audio as it is synthesised (see <see cref="ElevenLabsOutputFormat"/> for the format).
/// <c>VoiceSettings.Rate</c> becomes <c>voice_settings.speed</c>, kept to the 0.7–1.2 ElevenLabs accepts, and is left
/// out at 1.0 so the voice's stored settings apply.
/// </summary>
public sealed class ElevenLabsSpeechSynthesizer : ISpeechSynthesizer
{
    public const string ProviderName = "elevenlabs";

    private const double MinSpeed = 0.7;
    private const double MaxSpeed = 1.2;

    private readonly ElevenLabsEndpoint _endpoint;
    private readonly SpeechHttpClient _client;

    public ElevenLabsSpeechSynthesizer(HttpClient httpClient, ElevenLabsEndpoint endpoint, ILogger<ElevenLabsSpeechSynthesizer>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint.ApiKey, nameof(endpoint));
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint.ModelId, nameof(endpoint));
        _endpoint = endpoint;
        _client = new SpeechHttpClient(ProviderName, httpClient, endpoint.Timeouts, time ?? TimeProvider.System, logger ?? NullLogger<ElevenLabsSpeechSynthesizer>.Instance);
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.SampleRate);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            yield break;
        }

        var format = ElevenLabsOutputFormat.For(request.SampleRate);
        var converter = new SpeechAudioConverter(format.Audio, request.SampleRate);
        var uri = new Uri(string.Create(
            CultureInfo.InvariantCulture,
            $"{_endpoint.BaseUrl.AbsoluteUri.TrimEnd('/')}/v1/text-to-speech/{Uri.EscapeDataString(request.Voice.VoiceId)}/stream?output_format={format.Name}"));
        var body = Body(request.Text, _endpoint.ModelId, request.Voice.Rate);

        await foreach (var chunk in _client.StreamAsync(() => CreateRequest(uri, body), request.Text.Length, format.Name, cancellationToken))
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

    private static byte[] Body(string text, string modelId, double rate)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", text);
            json.WriteString("model_id", modelId);
            if (Math.Abs(rate - 1.0) > 1e-9)
            {
                json.WriteStartObject("voice_settings");
                json.WriteNumber("speed", Math.Round(Math.Clamp(rate, MinSpeed, MaxSpeed), 2));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private HttpRequestMessage CreateRequest(Uri uri, byte[] body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Add("xi-api-key", _endpoint.ApiKey);
        return message;
    }
}
