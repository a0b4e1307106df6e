using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.ReapStaleCalls;

/// <summary>
/// The stale-call reaper of spec §7 (run every minute): calls left queued, dialing or ringing past the ring
/// timeout plus 60 s are failed with end reason <c>stale</c>, marked <c>call.reaped</c>, and their slots released,
/// so a lost provider callback can never lock a tenant out. (Answered calls whose session stopped renewing are
/// reaped once realtime sessions publish their heartbeat.)
/// </summary>
public sealed class ReapStaleCallsHandler(IRepository<Call> calls, IEnumerable<ICallLifecycleObserver> lifecycle, CallAdmissionLimits limits, TimeProvider clock)
{
    public const int BatchSize = 500;
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    /// <returns>How many calls were reaped.</returns>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stale = await calls.ListAsync(new UnansweredCallsCreatedBeforeSpec(now - limits.RingTimeout - Grace, BatchSize), cancellationToken);
        foreach (var call in stale)
        {
            if (call.ApplyStatus(CallStatus.Failed, now, "stale") != TransitionOutcome.Applied)
            {
                continue;
            }

            call.Record(now, "call.reaped", null);
            await calls.UpdateAsync(call, cancellationToken);
            foreach (var observer in lifecycle)
            {
                await observer.CallEndedAsync(call, cancellationToken);
            }
        }

        return stale.Count;
    }
}
