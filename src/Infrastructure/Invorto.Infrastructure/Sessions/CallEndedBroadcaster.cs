using Invorto.Application.Abstractions;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;

namespace Invorto.Infrastructure.Sessions;

/// <summary>Announces every ended call on the <see cref="ICallEndedFeed"/>, so a live media session of it closes.</summary>
public sealed class CallEndedBroadcaster(ICallEndedFeed feed) : IDomainEventHandler<CallEnded>
{
    public Task HandleAsync(CallEnded domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        return feed.PublishAsync(domainEvent.CallId, cancellationToken);
    }
}
