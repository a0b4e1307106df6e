using System.Collections.Frozen;

namespace Invorto.Domain.Calls;

/// <summary>The wire and storage names of call states: <c>queued</c>, <c>in-progress</c>, <c>no-answer</c>...</summary>
public static class CallStatusNames
{
    private static readonly FrozenDictionary<CallStatus, string> Names = new Dictionary<CallStatus, string>
    {
        [CallStatus.Queued] = "queued",
        [CallStatus.Dialing] = "dialing",
        [CallStatus.Ringing] = "ringing",
        [CallStatus.InProgress] = "in-progress",
        [CallStatus.Completed] = "completed",
        [CallStatus.Failed] = "failed",
        [CallStatus.Busy] = "busy",
        [CallStatus.NoAnswer] = "no-answer",
        [CallStatus.Canceled] = "canceled",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, CallStatus> Statuses =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string ToName(this CallStatus status) => Names[status];

    public static bool TryParse(string? name, out CallStatus status) =>
        Statuses.TryGetValue(name ?? string.Empty, out status);

    public static CallStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"Unknown call status '{name}'.");
}
