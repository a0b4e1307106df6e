using System.Diagnostics.Metrics;

namespace Invorto.Hosting.Observability;

/// <summary>The hosts' own meter (<c>Invorto.Hosting</c>), exported on <c>/metrics</c> with the platform's <c>invorto_</c> prefix.</summary>
public sealed class HostingMetrics
{
    public const string MeterName = "Invorto.Hosting";

    private readonly Counter<long> _authentications;

    public HostingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _authentications = meter.CreateCounter<long>("invorto_api_key_authentications", description: "API key checks by outcome (accepted, rejected, missing).");
    }

    public void ApiKeyChecked(string outcome) =>
        _authentications.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
