using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The clock of every session's audio: a few dedicated threads ("wheels"), each ticking its share of the sessions every
/// <see cref="ConversationOptions.PacerTickMs"/> from one timer, instead of a delay loop per session. Each session keeps
/// its own 20 ms schedule on that finer grid, so a new utterance starts at the next tick rather than up to a frame
/// later. One thread for all sessions falls behind before the CPU is busy, so sessions are spread round-robin over
/// <see cref="ConversationOptions.PacerThreads"/> wheels.
/// </summary>
public sealed partial class AudioPacer : IDisposable
{
    private readonly Wheel[] _wheels;
    private int _next = -1;

    public AudioPacer(ConversationOptions options, ConversationMetrics metrics, ILogger<AudioPacer> logger)
    {
        _wheels = new Wheel[Math.Max(1, options.PacerThreads)];
        for (var i = 0; i < _wheels.Length; i++)
        {
            _wheels[i] = new Wheel(i, Stopwatch.Frequency * options.PacerTickMs / 1000, metrics, logger);
        }
    }

    public int Count => _wheels.Sum(wheel => wheel.Count);

    /// <summary>Starts ticking <paramref name="session"/>; disposing the result stops it.</summary>
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
        private readonly Lock _gate = new();
        private readonly Thread _thread;
        private readonly ConversationMetrics _metrics;
        private readonly ILogger _logger;
        private volatile IPacedSession[] _sessions = [];
        private volatile bool _stopping;

        public Wheel(int index, long period, ConversationMetrics metrics, ILogger logger)
        {
            _period = period;
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

        private void Run()
        {
            var next = Stopwatch.GetTimestamp() + _period;
            while (!_stopping)
            {
                var now = Stopwatch.GetTimestamp();
                var wait = next - now;
                var milliseconds = wait * 1000 / Stopwatch.Frequency;
                if (milliseconds >= 1)
                {
                    // Sleep whole milliseconds and tick up to one early rather than spin: sessions keep their own 20 ms schedules.
                    Thread.Sleep((int)milliseconds);
                    continue;
                }

                if (-wait > _period)
                {
                    _metrics.PacerLateTicks.Add(1);
                    next = now;
                }

                foreach (var session in _sessions)
                {
                    try
                    {
                        session.OnTick(Stopwatch.GetTimestamp());
                    }
                    catch (Exception exception)
                    {
                        LogTickFailed(_logger, exception);
                    }
                }

                next += _period;
            }
        }
    }
}
