namespace Invorto.Application.Conversations.Engine;

/// <summary>What the <see cref="AudioPacer"/>'s threads sleep on: a wait to an absolute <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
public interface IPacerClock
{
    /// <summary>Blocks the calling thread until <paramref name="timestamp"/> has passed; returns at once when it already has.</summary>
    void SleepUntil(long timestamp);
}
