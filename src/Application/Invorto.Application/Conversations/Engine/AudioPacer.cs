using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The clock of every session's audio: a few dedicated threads ("wheels"), each ticking its share of the sessions every
/// <see cref="ConversationOptions.PacerTickMs"/> on an absolute grid of timestamps, instead of a delay loop per session.
/// A wheel sleeps to each tick with <see cref="IPacerClock"/> and hands the sessions the tick's scheduled time, so a
/// session's 20 ms schedule lies exactly on the grid and a late wake-up delays one tick without shifting the rest. A new
/// utterance starts at the next tick rather than up to a frame later. Sessions are spread round-robin over
/// <see cref="ConversationOptions.PacerThreads"/> wheels, whose grids are offset by a fraction of a tick so that they do
/// not wake together.
/// </summary>
public sealed partial class AudioPacer : IAudioPacer, IDisposable
{
    private readonly Wheel[] _wheels;
    private int _next = -1;

    public AudioPacer(ConversationOptions options, IPacerClock clock, ConversationMetrics metrics, ILogger<AudioPacer> logger)
    {
        _wheels = new Wheel[Math.Max(1, options.PacerThreads)];
        for (var i = 0; i < _wheels.Length; i++)
        {
            _wheels[i] = new Wheel(i, _wheels.Length, Stopwatch.Frequency * options.PacerTickMs / 1000, clock, metrics, logger);
        }
    }

    public int Count => _wheels.Sum(wheel => wheel.Count);

    public IDisposable Register(IPacedSession session)
    {
        var wheel = _wheels[(int)((uint)Interlocked.Increment(ref _next) % (uint)_wheels.Length)];
        wheel.Add(session);
        return new Registration(wheel, session);
    }

    public void Dispose()
    {
        foreach (var wheel in _wheels)
        {
            wheel.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A paced session failed its tick")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    private sealed class Registration(Wheel wheel, IPacedSession session) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                wheel.Remove(session);
            }
        }
    }

    private sealed class Wheel : IDisposable
    {
        private readonly long _period;
        private readonly long _phase;
        private readonly long _catchUpLimit;
        private readonly IPacerClock _clock;
        private readonly Lock _gate = new();
        private readonly Thread _thread;
        private readonly ConversationMetrics _metrics;
        private readonly ILogger _logger;
        private readonly List<IPacedSession> _busy = [];
        private volatile IPacedSession[] _sessions = [];
        private volatile bool _stopping;

        public Wheel(int index, int count, long period, IPacerClock clock, ConversationMetrics metrics, ILogger logger)
        {
            _period = period;
            _phase = period * index / count;
            _catchUpLimit = Stopwatch.Frequency;
            _clock = clock;
            _metrics = metrics;
            _logger = logger;
            _thread = new Thread(Run) { IsBackground = true, Name = $"invorto-pacer-{index}", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }

        public int Count => _sessions.Length;

        public void Add(IPacedSession session)
        {
            lock (_gate)
            {
                _sessions = [.. _sessions, session];
            }
        }

        public void Remove(IPacedSession session)
        {
            lock (_gate)
            {
                _sessions = Array.FindAll(_sessions, s => !ReferenceEquals(s, session));
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _thread.Join(TimeSpan.FromSeconds(1));
        }

        private bool Tick(IPacedSession session, long tick, bool mayWait)
        {
            try
            {
                return session.OnTick(tick, mayWait);
            }
            catch (Exception exception)
            {
                LogTickFailed(_logger, exception);
                return true;
            }
        }

        /// <summary>The first tick of this wheel's grid after <paramref name="timestamp"/>; wheels are offset by a fraction of a period.</summary>
        private long NextTickAfter(long timestamp) => ((timestamp - _phase) / _period + 1) * _period + _phase;

        private void Run()
        {
            var tick = NextTickAfter(Stopwatch.GetTimestamp());
            while (!_stopping)
            {
                _clock.SleepUntil(tick);
                var behind = Stopwatch.GetTimestamp() - tick;
                if (behind > _period)
                {
                    // Ticks missed by a stall run back to back, in order, so every frame still leaves; after a long stall they are skipped.
                    _metrics.PacerLateTicks.Add(1);
                    if (behind > _catchUpLimit)
                    {
                        tick = NextTickAfter(Stopwatch.GetTimestamp());
                        continue;
                    }
                }

                // A session whose lock is held elsewhere (its holder may be descheduled) waits until the rest have had their tick.
                foreach (var session in _sessions)
                {
                    if (!Tick(session, tick, mayWait: false))
                    {
                        _busy.Add(session);
                    }
                }

                foreach (var session in _busy)
                {
                    Tick(session, tick, mayWait: true);
                }

                _busy.Clear();

                _metrics.PacerTickLag.Record((Stopwatch.GetTimestamp() - tick) * 1000.0 / Stopwatch.Frequency);
                tick += _period;
            }
        }
    }
}
