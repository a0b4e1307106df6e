namespace Invorto.Bench.Realtime;

/// <summary>The sessions one connect wave produced (a slot is null when its session could not even be created).</summary>
public sealed record OpenedSessions(LoadSession?[] Sessions, int ConnectFailures, string? FirstConnectError, double ConnectSeconds)
{
    public LoadSession[] Live => Sessions.OfType<LoadSession>().ToArray();

    public int Ready => Sessions.Count(s => s is { IsReady: true });
}
