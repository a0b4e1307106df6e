using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

internal sealed partial class OpenAiTranscriptionStream
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the transcription endpoint fell behind; an utterance was dropped ({Dropped} so far)")]
    private static partial void LogUtteranceDropped(ILogger logger, Guid callId, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: transcription failed ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid callId, ProviderFailureKind kind, string reason, Exception? exception);
}
