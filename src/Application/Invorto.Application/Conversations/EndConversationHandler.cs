using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Costs;
using Invorto.Application.Calls.HangUpCall;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Conversations.Usage;
using Invorto.Domain.Calls;

namespace Invorto.Application.Conversations;

/// <summary>
/// What the end of a media session means for its call. The session's KPI summary and what each provider served go into
/// the call's usage (<c>usage.kpis</c>, <c>usage.asr|tts|llm</c>); an ended call is then settled (its costs written). A web call ends with its socket: completed (failed when the session failed), slot released.
/// A phone call the agent ends (silence, duration, goodbye) is hung up at the provider, whose status hook then ends it;
/// a phone call whose far end went away is left to that status hook.
/// </summary>
public sealed class EndConversationHandler(IRepository<Call> calls, HangUpCallHandler hangUp, CallSettlement settlement, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task HandleAsync(ConversationSetup setup, string reason, ConversationKpis? kpis, ConversationUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.IsCanary)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var call = await calls.GetByIdAsync(setup.CallId, cancellationToken);
            if (call is null)
            {
                return;
            }

            if (kpis is not null)
            {
                call.RecordUsage(CallUsageDocument.WithKpis(call.UsageJson, kpis));
            }

            call.RecordUsage(CallUsageDocument.WithMedia(call.UsageJson, usage));
            var ends = setup.Direction == CallDirection.Web && !call.Status.IsTerminal();
            if (ends)
            {
                call.ApplyStatus(reason is ConversationEndReasons.Error or ConversationEndReasons.ProviderUnavailable ? CallStatus.Failed : CallStatus.Completed, clock.GetUtcNow(), reason);
            }

            settlement.TrySettle(call);

            try
            {
                await calls.UpdateAsync(call, cancellationToken);
                break;
            }
            catch (ConcurrentUpdateException) when (attempt < Attempts)
            {
                // A status hook changed the call meanwhile: read it again.
            }
        }

        if (setup.Direction != CallDirection.Web && reason is not ConversationEndReasons.Hangup)
        {
            await hangUp.HandleAsync(new HangUpCallCommand(setup.TenantId, setup.CallId), cancellationToken);
        }
    }
}
