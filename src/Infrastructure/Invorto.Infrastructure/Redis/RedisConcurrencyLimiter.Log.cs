using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Redis;

public sealed partial class RedisConcurrencyLimiter
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Concurrency store unavailable during {Operation} of {Subject}; failing closed")]
    private static partial void LogUnavailable(ILogger logger, string operation, string subject, Exception exception);
}
