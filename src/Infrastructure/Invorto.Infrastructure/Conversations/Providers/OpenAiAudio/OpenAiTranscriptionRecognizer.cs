using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>
/// Recognition with an OpenAI-compatible <c>/audio/transcriptions</c> endpoint (OpenAI, or a self-hosted whisper
/// server at the agent's <c>asr.baseUrl</c>): the caller's audio is cut into utterances by voice activity and each is
/// uploaded as a PCM16 WAV; every utterance with words becomes one final result. The key is optional (self-hosted
/// servers often have none) and is sent as <c>Authorization: Bearer</c>.
/// </summary>
public sealed partial class OpenAiTranscriptionRecognizer : ISpeechRecognizer
{
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    private readonly OpenAiTranscriptionClient _client;
    private readonly OpenAiTranscriptionSettings _settings;
    private readonly ILogger _logger;

    /// <param name="httpClient">A client without a retry handler of its own: uploads are retried here, once.</param>
    /// <param name="baseUrl">The API root, e.g. <c>https://api.openai.com/v1</c> or <c>http://whisper:8000/v1</c>.</param>
    /// <param name="apiKey">The key for that server, or null.</param>
    /// <param name="loggerFactory">Logs failures and dropped utterances, never the key.</param>
    /// <param name="settings">Segmentation and retry settings; <see cref="OpenAiTranscriptionSettings.Default"/> when null.</param>
    public OpenAiTranscriptionRecognizer(HttpClient httpClient, string baseUrl, string? apiKey, ILoggerFactory? loggerFactory = null, OpenAiTranscriptionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("The transcription base URL must be an absolute http or https URL.", nameof(baseUrl));
        }

        _settings = settings ?? OpenAiTranscriptionSettings.Default;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<OpenAiTranscriptionRecognizer>();
        _client = new OpenAiTranscriptionClient(httpClient, baseUrl, apiKey, _settings, (status, exception) => LogRetry(_logger, status, exception));
    }

    public IRecognitionStream Start(RecognitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OpenAiTranscriptionStream(_client, options, _settings, _logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A transcription upload failed (HTTP {Status}); retrying once")]
    private static partial void LogRetry(ILogger logger, int? status, Exception? exception);
}
