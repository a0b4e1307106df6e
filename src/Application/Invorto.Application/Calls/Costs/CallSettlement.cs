using Invorto.Application.Abstractions;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Costs;

/// <summary>
/// Writes a call's costs once, when it has settled: it is over and its media session reported what it used (a call never
/// answered has no media session and only its transport to pay). Whichever of the two arrives last — the session's end
/// or the provider's final status — settles it; a settled call is never costed again.
/// </summary>
public sealed class CallSettlement(CallCostCalculator calculator, IIdGenerator ids)
{
    public bool TrySettle(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!call.Status.IsTerminal() || CallUsageDocument.IsSettled(call.UsageJson))
        {
            return false;
        }

        if (call.AnsweredAt is not null && !CallUsageDocument.HasMedia(call.UsageJson))
        {
            return false;
        }

        var minutes = TransportMinutes(call);
        foreach (var line in calculator.Calculate(call.Provider, minutes, CallUsageDocument.Media(call.UsageJson)))
        {
            call.AddCost(new CallCost(ids.NewId(), call.Id, line.Type, line.Provider, line.Minutes, line.Units, line.CostInr));
        }

        call.RecordUsage(CallUsageDocument.Settled(call.UsageJson, call.Provider, minutes));
        return true;
    }

    private static decimal TransportMinutes(Call call)
    {
        if (call.DurationSec is { } seconds)
        {
            return seconds / 60m;
        }

        return call is { AnsweredAt: { } answered, EndedAt: { } ended } && ended > answered ? (decimal)(ended - answered).TotalSeconds / 60m : 0m;
    }
}
