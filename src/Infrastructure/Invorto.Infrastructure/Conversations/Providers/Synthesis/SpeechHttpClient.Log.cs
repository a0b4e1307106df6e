using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Conversations.Providers.Synthesis;

/// <summary>What a synthesis request logs: sizes, formats and timings, never the text or a key.</summary>
internal sealed partial class SpeechHttpClient
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Synthesizing {Characters} characters with {Provider} as {Format}")]
    private static partial void LogStarting(ILogger logger, string provider, int characters, string format);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} sent the first audio after {ElapsedMs:0.0} ms")]
    private static partial void LogFirstAudio(ILogger logger, string provider, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} finished: {Bytes} bytes in {ElapsedMs:0.0} ms")]
    private static partial void LogFinished(ILogger logger, string provider, long bytes, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} synthesis stopped after {Bytes} bytes; aborting the request")]
    private static partial void LogAborting(ILogger logger, string provider, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} failed before any audio ({Reason}); retrying once")]
    private static partial void LogRetrying(ILogger logger, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} speech synthesis failed: {Kind} (HTTP {StatusCode})")]
    private static partial void LogFailed(ILogger logger, string provider, ProviderFailureKind kind, int? statusCode);
}
