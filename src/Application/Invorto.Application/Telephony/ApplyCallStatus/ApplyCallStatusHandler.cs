using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Costs;
using Invorto.Application.Telephony.Specifications;
using Invorto.Domain.Calls;

namespace Invorto.Application.Telephony.ApplyCallStatus;

/// <summary>
/// Applies a provider status callback to its call (spec §2, §6). Never fails the provider: an unknown call,
/// a duplicate or a regression is recorded or ignored, and a save that lost a race with the call's media session is
/// applied again on a fresh read, so the provider has no reason to retry.
/// </summary>
public sealed class ApplyCallStatusHandler(IRepository<Call> calls, CallSettlement settlement, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<CallStatusApplied> HandleAsync(CallStatusReport report, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(report, cancellationToken);
            }
            catch (ConcurrentUpdateException) when (attempt < Attempts)
            {
                // The media session's end (usage, costs) changed the call meanwhile: read it again.
            }
        }
    }

    private async Task<CallStatusApplied> ApplyAsync(CallStatusReport report, CancellationToken cancellationToken)
    {
        var call = await calls.SingleOrDefaultAsync(new CallByProviderCallIdSpec(report.Provider, report.ProviderCallId), cancellationToken);
        if (call is null)
        {
            return new CallStatusApplied(null, null, report.Status);
        }

        var now = clock.GetUtcNow();
        var carrierChanged = NoteCarrier(call, report);
        if (report.Status is not { } status)
        {
            call.Record(now, "status.unmapped", JsonSerializer.Serialize(new { provider = report.Provider, status = report.RawStatus }));
            await calls.UpdateAsync(call, cancellationToken);
            return new CallStatusApplied(call.Id, null, null);
        }

        var outcome = call.ApplyStatus(status, now, status.IsTerminal() ? EndReasonOf(report) : null);
        var settled = settlement.TrySettle(call);
        if (outcome != TransitionOutcome.IgnoredDuplicate || carrierChanged || settled)
        {
            await calls.UpdateAsync(call, cancellationToken);
        }

        return new CallStatusApplied(call.Id, outcome, call.Status);
    }

    private static bool NoteCarrier(Call call, CallStatusReport report)
    {
        var known = CarrierFacts.Parse(call.CarrierJson);
        var updated = known.With(report);
        if (updated == known || updated.IsEmpty)
        {
            return false;
        }

        call.NoteCarrier(updated.ToJson());
        return true;
    }

    private static string EndReasonOf(CallStatusReport report) => report.Status switch
    {
        CallStatus.Completed => CallEndReasons.Hangup,
        _ => report.RawStatus,
    };
}
