using System.Text.Json.Serialization;

namespace Invorto.Bench.Limiter;

/// <summary>What one hammer process saw; printed as one JSON line after <see cref="Prefix"/>.</summary>
public sealed record HammerReport(
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("started_ms")] long StartedAtUnixMs,
    [property: JsonPropertyName("ended_ms")] long EndedAtUnixMs,
    [property: JsonPropertyName("attempts")] long Attempts,
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("rejections")] long Rejections,
    [property: JsonPropertyName("unavailable")] long Unavailable,
    [property: JsonPropertyName("max_held")] long MaxHeld,
    [property: JsonPropertyName("held_limit")] int HeldLimit,
    [property: JsonPropertyName("over_admissions")] long OverAdmissions)
{
    public const string Prefix = "HAMMER ";
}
