using Invorto.Application.Conversations.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Testing.Conversations;

/// <summary>
/// The fake-time counterpart of <see cref="AudioPacer"/>: it ticks its sessions only when the test steps it, each step
/// advancing the <see cref="FakeTimeProvider"/> by one pacer tick and handing the sessions the new fake timestamp.
/// </summary>
public sealed class SteppedPacer(FakeTimeProvider clock, int tickMs = 5) : IAudioPacer
{
    private readonly Lock _gate = new();
    private IPacedSession[] _sessions = [];

    public FakeTimeProvider Clock => clock;

    public TimeSpan TickPeriod { get; } = TimeSpan.FromMilliseconds(tickMs);

    public int Count => Volatile.Read(ref _sessions).Length;

    public IDisposable Register(IPacedSession session)
    {
        lock (_gate)
        {
            _sessions = [.. _sessions, session];
        }

        return new Registration(this, session);
    }

    /// <summary>Advances the clock by one tick, then ticks every session at the new time.</summary>
    public void Step()
    {
        clock.Advance(TickPeriod);
        Tick();
    }

    /// <summary>Ticks every session at the clock's time, waiting for each one's lock.</summary>
    public void Tick()
    {
        var now = clock.GetTimestamp();
        foreach (var session in Volatile.Read(ref _sessions))
        {
            session.OnTick(now, mayWait: true);
        }
    }

    private void Remove(IPacedSession session)
    {
        lock (_gate)
        {
            _sessions = Array.FindAll(_sessions, s => !ReferenceEquals(s, session));
        }
    }

    private sealed class Registration(SteppedPacer pacer, IPacedSession session) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                pacer.Remove(session);
            }
        }
    }
}
