using System.Globalization;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;

namespace Invorto.Application.Calls.ReapStaleCalls;

/// <summary>
/// The stale-call reaper of spec §7 (run every minute). Two rules, each failing the call with end reason <c>stale</c>,
/// marking it <c>call.reaped</c> and releasing its slot, so a lost callback or a crashed session never locks a tenant out:
/// calls left queued, dialing or ringing past the ring timeout plus 60 s; and calls in progress (web calls too) whose
/// media session heartbeat is missing or older than two renew intervals, once they were answered longer ago than that
/// (a call just answered may not have opened its session yet). When the heartbeat store cannot be read the second rule
/// reaps nothing and the store's exception propagates, after the first rule has run.
/// </summary>
public sealed class ReapStaleCallsHandler(
    IRepository<Call> calls,
    CallAdmissionLimits limits,
    ConcurrencyPolicy policy,
    ISessionHeartbeat heartbeat,
    TimeProvider clock)
{
    public const int BatchSize = 500;
    public const string ReapedEvent = "call.reaped";
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    /// <summary>How long a live session may go without a heartbeat: two renew intervals, so one late renewal is tolerated.</summary>
    public TimeSpan HeartbeatTimeout => policy.RenewInterval * 2;

    /// <returns>How many calls were reaped.</returns>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reaped = await ReapUnansweredAsync(now, cancellationToken);
        return reaped + await ReapSilentSessionsAsync(now, cancellationToken);
    }

    private async Task<int> ReapUnansweredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stale = await calls.ListAsync(new UnansweredCallsCreatedBeforeSpec(now - limits.RingTimeout - Grace, BatchSize), cancellationToken);
        foreach (var call in stale)
        {
            await ReapAsync(call, now, null, cancellationToken);
        }

        return stale.Count;
    }

    private async Task<int> ReapSilentSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - HeartbeatTimeout;
        var reaped = 0;
        var skip = 0;
        while (true)
        {
            var page = await calls.ListAsync(new InProgressCallsAnsweredBeforeSpec(cutoff, skip, BatchSize), cancellationToken);
            if (page.Count == 0)
            {
                return reaped;
            }

            // Looked up together (one pipelined round trip on Redis); any failure throws before anything is reaped.
            var beats = await Task.WhenAll(page.Select(call => heartbeat.FindAsync(call.Id, cancellationToken)));
            var kept = 0;
            for (var i = 0; i < page.Count; i++)
            {
                if (beats[i] is { } beat && beat.At >= cutoff)
                {
                    kept++;
                    continue;
                }

                if (await ReapAsync(page[i], now, LastBeatPayload(beats[i]), cancellationToken))
                {
                    reaped++;
                }
                else
                {
                    kept++;
                }
            }

            if (page.Count < BatchSize)
            {
                return reaped;
            }

            // Reaped calls leave the query's result, so the next page starts after the calls kept on this one.
            skip += kept;
        }
    }

    private async Task<bool> ReapAsync(Call call, DateTimeOffset now, string? payloadJson, CancellationToken cancellationToken)
    {
        if (call.ApplyStatus(CallStatus.Failed, now, CallEndReasons.Stale) != TransitionOutcome.Applied)
        {
            return false;
        }

        call.Record(now, ReapedEvent, payloadJson);
        await calls.UpdateAsync(call, cancellationToken);
        return true;
    }

    private static string LastBeatPayload(SessionBeat? beat) => beat is null
        ? """{"rule":"heartbeat","lastBeatAt":null}"""
        : $$"""{"rule":"heartbeat","lastBeatAt":"{{beat.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}}"}""";
}
