namespace Invorto.Application.Conversations.Engine;

/// <summary>Ticks sessions on the 20 ms audio grid: the <see cref="AudioPacer"/>'s threads in production, a test's fake clock in scenario tests.</summary>
public interface IAudioPacer
{
    /// <summary>Starts ticking <paramref name="session"/>; disposing the result stops it.</summary>
    IDisposable Register(IPacedSession session);
}
