using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>
/// Text-to-speech through any OpenAI-compatible <c>POST {baseUrl}/audio/speech</c> (OpenAI, or a self-hosted Kokoro or
/// Piper server): asks for raw <c>pcm</c> (16-bit mono little-endian at <see cref="OpenAiSpeechEndpoint.SourceSampleRate"/>)
/// and resamples it to the call's rate as it streams. An agent's <c>voice.baseUrl</c> overrides the endpoint's, but the
/// endpoint's key is sent only to the endpoint's own base URL, never to one an agent names.
/// </summary>
public sealed class OpenAiSpeechSynthesizer : ISpeechSynthesizer
{
    /// <summary>The name to register this synthesizer's client under (<see cref="SpeechSynthesisHttpClientRegistration.AddSpeechSynthesisHttpClient"/>).</summary>
    public const string HttpClientName = "openai-speech";

    public const string ProviderName = "openai";

    private const double MinSpeed = 0.25;
    private const double MaxSpeed = 4.0;

    private readonly OpenAiSpeechEndpoint _endpoint;
    private readonly SpeechHttpClient _client;

    public OpenAiSpeechSynthesizer(HttpClient httpClient, OpenAiSpeechEndpoint endpoint, ILogger<OpenAiSpeechSynthesizer>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint.Model, nameof(endpoint));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(endpoint.SourceSampleRate, nameof(endpoint));
        _endpoint = endpoint;
        _client = new SpeechHttpClient(ProviderName, httpClient, endpoint.Timeouts, time ?? TimeProvider.System, logger ?? NullLogger<OpenAiSpeechSynthesizer>.Instance);
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.SampleRate);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            yield break;
        }

        var baseUrl = BaseUrlFor(request);
        var apiKey = string.IsNullOrEmpty(_endpoint.ApiKey) || Normalized(baseUrl) != Normalized(_endpoint.BaseUrl) ? null : _endpoint.ApiKey;
        var uri = new Uri(Normalized(baseUrl) + "/audio/speech");
        var body = Body(request, _endpoint.Model);
        var converter = new SpeechAudioConverter(new ProviderAudioFormat(ProviderAudioEncoding.Pcm16, _endpoint.SourceSampleRate), request.SampleRate);

        await foreach (var chunk in _client.StreamAsync(() => CreateRequest(uri, body, apiKey), request.Text.Length, $"pcm/{_endpoint.SourceSampleRate}", cancellationToken))
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

    private static string Normalized(Uri baseUrl) => baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private static byte[] Body(SpeechRequest request, string model)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("voice", request.Voice.VoiceId);
            json.WriteString("input", request.Text);
            json.WriteString("response_format", "pcm");
            json.WriteNumber("speed", Math.Round(Math.Clamp(request.Voice.Rate, MinSpeed, MaxSpeed), 2));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static HttpRequestMessage CreateRequest(Uri uri, byte[] body, string? apiKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (apiKey is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return message;
    }

    private Uri BaseUrlFor(SpeechRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Voice.BaseUrl))
        {
            return _endpoint.BaseUrl;
        }

        if (Uri.TryCreate(request.Voice.BaseUrl, UriKind.Absolute, out var agentUrl) && (agentUrl.Scheme == Uri.UriSchemeHttp || agentUrl.Scheme == Uri.UriSchemeHttps))
        {
            return agentUrl;
        }

        throw new ProviderException(ProviderName, ProviderFailureKind.Protocol, "The agent's voice.baseUrl is not an absolute http or https URL.");
    }
}
