using System.Collections.Concurrent;
using System.Diagnostics;
using Invorto.Application.Conversations.Engine;
using Invorto.Infrastructure.Conversations.Pacing;
using Invorto.Testing.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations;

public sealed class AudioPacerTests
{
    private static readonly long Period = Stopwatch.Frequency * new ConversationOptions().PacerTickMs / 1000;

    [Fact]
    public async Task Ticks_lie_on_an_exact_grid_and_a_busy_session_waits_until_the_others_have_had_the_tick()
    {
        using var meters = new TestMeterFactory();
        var visits = new ConcurrentQueue<(string Name, long Tick, bool MayWait)>();
        var busyOnce = new HashSet<long>();
        var sessions = new[]
        {
            new RecordingSession("first", visits, _ => true),
            new RecordingSession("busy", visits, tick => busyOnce.Add(tick) is false),
            new RecordingSession("last", visits, _ => true),
        };

        var clock = new GatedClock();
        using (var pacer = new AudioPacer(new ConversationOptions { PacerThreads = 1 }, clock, new ConversationMetrics(meters), NullLogger<AudioPacer>.Instance))
        {
            var registrations = sessions.Select(pacer.Register).ToList();
            clock.Allow(ticks: 25);
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while (visits.Count(visit => visit.Name == "last") < 20 && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(10);
            }

            registrations.ForEach(registration => registration.Dispose());
            clock.Open();
        }

        var ticks = visits.Where(visit => visit.Name == "first").Select(visit => visit.Tick).Take(20).ToList();
        ticks.Count.ShouldBe(20);
        ticks.Zip(ticks.Skip(1), (earlier, later) => later - earlier).ShouldAllBe(step => step == Period);

        var oneTick = visits.Where(visit => visit.Tick == ticks[5]).Select(visit => (visit.Name, visit.MayWait)).ToList();
        oneTick.ShouldBe([("first", false), ("busy", false), ("last", false), ("busy", true)]);
    }

    [Fact]
    public void The_monotonic_clock_sleeps_to_the_timestamp_and_returns_at_once_for_a_past_one()
    {
        var clock = new MonotonicPacerClock();
        var target = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);

        clock.SleepUntil(target);
        var woke = Stopwatch.GetTimestamp();
        clock.SleepUntil(target);

        // Linux sleeps to the absolute time; elsewhere the whole-millisecond sleep may return up to a millisecond early.
        var earliest = OperatingSystem.IsLinux() ? target : target - (Stopwatch.Frequency / 1000);
        woke.ShouldBeGreaterThanOrEqualTo(earliest);
    }

    /// <summary>Lets the wheel through as many ticks as the test allows, at once; the wheel's thread starts before any registration.</summary>
    private sealed class GatedClock : IPacerClock
    {
        private readonly SemaphoreSlim _ticks = new(0);
        private volatile bool _open;

        public void Allow(int ticks) => _ticks.Release(ticks);

        public void Open()
        {
            _open = true;
            _ticks.Release();
        }

        public void SleepUntil(long timestamp)
        {
            if (!_open)
            {
                _ticks.Wait();
            }
        }
    }

    private sealed class RecordingSession(string name, ConcurrentQueue<(string, long, bool)> visits, Func<long, bool> free) : IPacedSession
    {
        public bool OnTick(long tick, bool mayWait)
        {
            visits.Enqueue((name, tick, mayWait));
            return mayWait || free(tick);
        }
    }
}
