using System.Diagnostics.Metrics;

namespace Invorto.Infrastructure.Billing;

/// <summary><c>invorto_spend_cap_events_total{threshold}</c>: spend-cap thresholds (80, 100) reached, once per tenant and day.</summary>
public sealed class SpendCapMetrics
{
    public const string MeterName = "Invorto.Billing";
    public const string EventsName = "invorto_spend_cap_events_total";
    public const string ThresholdTag = "threshold";

    private readonly Counter<long> _events;

    public SpendCapMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>(EventsName, unit: "{event}", description: "Daily spend-cap thresholds reached (once per tenant and UTC day).");
    }

    public void Reached(int thresholdPercent) =>
        _events.Add(1, new KeyValuePair<string, object?>(ThresholdTag, thresholdPercent));
}
