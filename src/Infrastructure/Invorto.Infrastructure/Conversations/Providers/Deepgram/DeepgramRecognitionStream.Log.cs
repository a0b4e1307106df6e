using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

internal sealed partial class DeepgramRecognitionStream
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: Deepgram listen stream connected")]
    private static partial void LogConnected(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: Deepgram listen stream closed ({SentBytes} audio bytes sent, {DroppedBytes} dropped)")]
    private static partial void LogClosed(ILogger logger, Guid callId, long sentBytes, long droppedBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: Deepgram listen stream failed ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid callId, ProviderFailureKind kind, string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: more than {BufferMs} ms of audio is waiting for Deepgram; caller audio is being dropped")]
    private static partial void LogDroppingAudio(ILogger logger, Guid callId, int bufferMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: Deepgram request {RequestId} ended")]
    private static partial void LogMetadata(ILogger logger, Guid callId, string? requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: Deepgram did not answer the close handshake; the socket was aborted")]
    private static partial void LogCloseHandshakeTimedOut(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: ignored a Deepgram message of type {Type}")]
    private static partial void LogUnknownMessage(ILogger logger, Guid callId, string? type);
}
