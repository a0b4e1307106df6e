using Invorto.Application.Abstractions;
using Invorto.Application.Calls.HangUpCall;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;

namespace Invorto.Application.Conversations;

/// <summary>
/// What the end of a media session means for its call. A web call ends with its socket: completed (failed when the
/// session failed), slot released. A phone call the agent ends (silence, duration, goodbye) is hung up at the provider,
/// whose status hook then ends it; a phone call whose far end went away is left to that status hook.
/// </summary>
public sealed class EndConversationHandler(IRepository<Call> calls, HangUpCallHandler hangUp, IEnumerable<ICallLifecycleObserver> lifecycle, TimeProvider clock)
{
    public async Task HandleAsync(ConversationSetup setup, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.IsCanary)
        {
            return;
        }

        if (setup.Direction == CallDirection.Web)
        {
            var call = await calls.GetByIdAsync(setup.CallId, cancellationToken);
            if (call is null || call.Status.IsTerminal())
            {
                return;
            }

            var status = reason == ConversationEndReasons.Error ? CallStatus.Failed : CallStatus.Completed;
            call.ApplyStatus(status, clock.GetUtcNow(), reason);
            await calls.UpdateAsync(call, cancellationToken);
            foreach (var observer in lifecycle)
            {
                await observer.CallEndedAsync(call, cancellationToken);
            }

            return;
        }

        if (reason is ConversationEndReasons.Hangup)
        {
            return;
        }

        await hangUp.HandleAsync(new HangUpCallCommand(setup.TenantId, setup.CallId), cancellationToken);
    }
}
