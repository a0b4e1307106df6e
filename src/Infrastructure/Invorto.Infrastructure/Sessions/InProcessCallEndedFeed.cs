using Invorto.Application.Conversations;

namespace Invorto.Infrastructure.Sessions;

/// <summary>The embedded mode's call-ended feed: the four services of the process share one instance.</summary>
public sealed class InProcessCallEndedFeed : ICallEndedFeed
{
    private readonly Lock _gate = new();
    private Action<Guid>[] _subscribers = [];

    public Task PublishAsync(Guid callId, CancellationToken cancellationToken)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(callId);
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<Guid> onEnded)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onEnded];
        }

        return new Subscription(this, onEnded);
    }

    private void Unsubscribe(Action<Guid> onEnded)
    {
        lock (_gate)
        {
            _subscribers = Array.FindAll(_subscribers, subscriber => subscriber != onEnded);
        }
    }

    private sealed class Subscription(InProcessCallEndedFeed feed, Action<Guid> onEnded) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(onEnded);
    }
}
