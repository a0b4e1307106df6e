using System.Diagnostics;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// One step: connects N calls (10 per second), lets them talk through a warm-up, measures a window, ends them all.
/// Each caller starts on its own phrase and its first turn is spread over 2 s so the turns do not line up.
/// </summary>
public sealed class CallStepRunner(CallSettings settings, IReadOnlyList<SpokenPhrase> phrases, int? serverPid, Action<CallSession>? onVoicedEnd = null)
{
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    /// <summary>Called with each call once it is ready, before its first turn (the cloud fakes pair their recognizer socket with it).</summary>
    public Func<CallSession, CancellationToken, Task>? OnReady { get; init; }

    public async Task<CallStep> RunAsync(int sessionCount, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken)
    {
        var metrics = new CallMetrics();
        var loadBefore = LoadAverage();
        using var ticker = new CallTicker();
        ticker.Start();
        var sessions = new List<CallSession>();
        try
        {
            for (var i = 0; i < sessionCount; i++)
            {
                var firstTurnAt = Stopwatch.GetTimestamp() + (long)((1_000 + (i * 337 % 2_000)) * TicksPerMs);
                var session = new CallSession(settings, metrics, new CallerTurns(phrases, i % phrases.Count, TicksPerMs, firstTurnAt), onVoicedEnd);
                sessions.Add(session);
                try
                {
                    await session.ConnectAsync(cancellationToken);
                    if (OnReady is { } onReady)
                    {
                        await onReady(session, cancellationToken);
                    }

                    ticker.Add(session);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Console.WriteLine($"  call {i} did not start: {ex.GetType().Name}: {ex.Message}");
                }

                await Task.Delay(100, cancellationToken);
            }

            await Task.Delay(warmup, cancellationToken);
            var cpuStart = ServerCpuSeconds();
            var windowStart = Stopwatch.GetTimestamp();
            metrics.Window.Open(windowStart);
            await Task.Delay(measure, cancellationToken);
            var windowEnd = Stopwatch.GetTimestamp();
            metrics.Window.Close(windowEnd);
            var cpuEnd = ServerCpuSeconds();
            var seconds = (windowEnd - windowStart) / (double)Stopwatch.Frequency;
            ticker.Stop();
            var dropped = sessions.Count(s => s.IsReady && (s.RemoteClosed || s.Broken));
            var ready = sessions.Count(s => s.IsReady);
            await Task.WhenAll(sessions.Select(s => s.CloseAsync(TimeSpan.FromSeconds(5))));
            return new CallStep
            {
                Sessions = sessionCount,
                Ready = ready,
                Dropped = dropped,
                Frames = metrics.Lateness.Count,
                LatenessP50Ms = Stats.Round(metrics.Lateness.PercentileMs(50)),
                LatenessP99Ms = Stats.Round(metrics.Lateness.PercentileMs(99)),
                LateFrames = sessions.Sum(s => s.LateFrames),
                AnsweredTurns = sessions.Sum(s => s.AnsweredTurns),
                UnansweredTurns = sessions.Sum(s => (long)s.Turns.Unanswered),
                TurnLatencyP50Ms = metrics.TurnLatency.Percentile(50),
                TurnLatencyP95Ms = metrics.TurnLatency.Percentile(95),
                SttFinalToAudioP50Ms = metrics.SttFinalToAudio.Percentile(50),
                SttFinalToAudioP95Ms = metrics.SttFinalToAudio.Percentile(95),
                ServerErrors = sessions.Sum(s => s.Errors),
                ServerCores = cpuEnd - cpuStart is { } cpu ? Math.Round(cpu / seconds, 3) : null,
                MeasuredSeconds = Math.Round(seconds, 2),
                SendSlipP99Ms = Stats.Round(ticker.Slip.PercentileMs(99)),
                LoadAverageBefore = loadBefore,
                LoadAverageAfter = LoadAverage(),
                TurnLatencyByPhrase = metrics.TurnLatencyByPhrase.ToDictionary(
                    pair => pair.Key,
                    pair => (Math.Round(Stats.Median(pair.Value.Select(v => (double?)v)) ?? 0, 1), pair.Value.Count),
                    StringComparer.Ordinal),
            };
        }
        finally
        {
            ticker.Stop();
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    private static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private double? ServerCpuSeconds() => ProcStat.ReadCpuSeconds(serverPid);
}
