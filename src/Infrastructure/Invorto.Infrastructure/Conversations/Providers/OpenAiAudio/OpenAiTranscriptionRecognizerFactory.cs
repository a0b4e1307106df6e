using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>
/// Builds a transcription recognizer for one agent's endpoint and key (the platform's <c>OPENAI_BASE_URL</c> and
/// <c>OPENAI_API_KEY</c>, a tenant secret, or a self-hosted server), on the named HTTP client registered by
/// <see cref="OpenAiTranscriptionRegistration.AddOpenAiTranscription"/>.
/// </summary>
public sealed class OpenAiTranscriptionRecognizerFactory(IHttpClientFactory httpClients, ILoggerFactory loggerFactory)
{
    public const string HttpClientName = "invorto-openai-transcription";

    /// <summary>The client's overall timeout: one upload of an utterance and its transcription.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <param name="baseUrl">The API root; <see cref="OpenAiTranscriptionRecognizer.DefaultBaseUrl"/> when null.</param>
    /// <param name="apiKey">The key for exactly that server. Never pass the platform's OpenAI key for a tenant's own base URL.</param>
    /// <param name="settings">Segmentation and retry settings, or the defaults.</param>
    /// <param name="agentEndpoint">True when an agent wrote <paramref name="baseUrl"/>: its connections are guarded (<see cref="AgentEndpointHttpClients"/>).</param>
    public OpenAiTranscriptionRecognizer Create(string? baseUrl, string? apiKey, OpenAiTranscriptionSettings? settings = null, bool agentEndpoint = false) =>
        new(httpClients.CreateClient(AgentEndpointHttpClients.ClientName(HttpClientName, agentEndpoint)), string.IsNullOrWhiteSpace(baseUrl) ? OpenAiTranscriptionRecognizer.DefaultBaseUrl : baseUrl, apiKey, loggerFactory, settings);
}
