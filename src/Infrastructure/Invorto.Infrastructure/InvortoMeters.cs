namespace Invorto.Infrastructure;

/// <summary>
/// Meter naming: meters are <c>Invorto.&lt;Area&gt;</c>; instruments carry the full Prometheus name of spec §12
/// (<c>invorto_turn_latency_ms</c>, <c>invorto_concurrency_rejections</c>), so the exporter only appends <c>_total</c> to counters.
/// </summary>
public static class InvortoMeters
{
    public const string Prefix = "Invorto.";
}
