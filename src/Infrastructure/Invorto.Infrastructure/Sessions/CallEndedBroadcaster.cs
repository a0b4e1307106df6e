using Invorto.Application.Conversations;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;

namespace Invorto.Infrastructure.Sessions;

/// <summary>Announces every ended call on the <see cref="ICallEndedFeed"/>, so a live media session of it closes.</summary>
public sealed class CallEndedBroadcaster(ICallEndedFeed feed) : ICallLifecycleObserver
{
    public Task CallEndedAsync(Call call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return feed.PublishAsync(call.Id, cancellationToken);
    }
}
