using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>
/// Streaming recognition with Deepgram's <c>/v1/listen</c> WebSocket: one socket per call, model and language from
/// the agent's <c>asr</c> settings, raw PCM16 at the call's sample rate. Built with the platform key
/// (<c>DEEPGRAM_API_KEY</c>) from DI, or per call with a tenant's own key. Without a key every stream fails at once
/// with <see cref="ProviderFailureKind.Unauthorized"/>.
/// </summary>
public sealed class DeepgramRecognizer : ISpeechRecognizer
{
    private readonly string? _apiKey;
    private readonly string _baseUrl;
    private readonly DeepgramListenSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>The platform account: <c>DEEPGRAM_API_KEY</c> at <c>DEEPGRAM_BASE_URL</c>.</summary>
    public DeepgramRecognizer(IOptions<DeepgramOptions> options, ILoggerFactory loggerFactory, TimeProvider? time = null, DeepgramListenSettings? settings = null)
        : this(options.Value.ApiKey, options.Value.BaseUrl, loggerFactory, time, settings)
    {
    }

    /// <summary>An explicit account, such as a tenant's own key read from its secrets at call start.</summary>
    public DeepgramRecognizer(string? apiKey, string baseUrl, ILoggerFactory? loggerFactory = null, TimeProvider? time = null, DeepgramListenSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseUrl);
        _ = DeepgramOptions.WebSocketBase(baseUrl);
        _apiKey = apiKey;
        _baseUrl = baseUrl;
        _settings = settings ?? DeepgramListenSettings.Default;
        _time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DeepgramRecognizer>();
    }

    public IRecognitionStream Start(RecognitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = DeepgramListenUri.For(_baseUrl, options, _settings);
        return new DeepgramRecognitionStream(uri, _apiKey, options, _settings, _time, _logger);
    }
}
