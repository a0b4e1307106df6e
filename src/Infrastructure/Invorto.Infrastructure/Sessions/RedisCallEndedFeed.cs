using Invorto.Application.Conversations;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Sessions;

/// <summary>The call-ended feed over Redis pub/sub (<c>invorto:call-ended</c>): best effort, a lost message leaves the provider to close its stream.</summary>
public sealed partial class RedisCallEndedFeed(IConnectionMultiplexer redis, ILogger<RedisCallEndedFeed> logger) : ICallEndedFeed
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("invorto:call-ended");

    public async Task PublishAsync(Guid callId, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, callId.ToString("D"));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogPublishFailed(logger, callId, exception.Message);
        }
    }

    public IDisposable Subscribe(Action<Guid> onEnded)
    {
        var subscriber = redis.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (_, value) =>
        {
            if (Guid.TryParse(value.ToString(), out var callId))
            {
                onEnded(callId);
            }
        };

        // Subscribing never blocks the caller: a slow or absent Redis only delays (or loses) the announcements.
        _ = SubscribeAsync(subscriber, handler);
        return new Subscription(subscriber, handler);
    }

    private async Task SubscribeAsync(ISubscriber subscriber, Action<RedisChannel, RedisValue> handler)
    {
        try
        {
            await subscriber.SubscribeAsync(Channel, handler);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogSubscribeFailed(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to ended calls: {Reason}")]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce the end of call {CallId}: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, Guid callId, string reason);

    private sealed class Subscription(ISubscriber subscriber, Action<RedisChannel, RedisValue> handler) : IDisposable
    {
        public void Dispose() => _ = subscriber.UnsubscribeAsync(Channel, handler, CommandFlags.FireAndForget);
    }
}
