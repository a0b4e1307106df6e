using System.Diagnostics;

namespace Invorto.Bench.Realtime;

/// <summary>
/// Connects N sessions at a bounded rate and concurrency and hands each ready one to the sender threads, so it streams a
/// frame every 20 ms from then on. Shared by the step search and the heap measurement.
/// </summary>
public sealed class SessionOpener(RunSettings settings, byte[][] burst)
{
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    public async Task<OpenedSessions> OpenAsync(int sessionCount, StepMetrics metrics, SenderGroup senders, CancellationToken cancellationToken)
    {
        var sessions = new LoadSession?[sessionCount];
        var connectFailures = 0;
        string? firstConnectError = null;
        var connectStarted = Stopwatch.GetTimestamp();
        using (var gate = new SemaphoreSlim(settings.ConnectConcurrency))
        {
            var connects = new List<Task>(sessionCount);
            for (var i = 0; i < sessionCount; i++)
            {
                var due = connectStarted + (long)(i * Stopwatch.Frequency / (double)settings.ConnectsPerSecond);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await gate.WaitAsync(cancellationToken);
                var index = i;
                connects.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            var session = NewSession(index, metrics);
                            sessions[index] = session;
                            await session.ConnectAsync(cancellationToken);
                            senders.Add(session);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            Interlocked.Increment(ref connectFailures);
                            var closed = sessions[index]?.ServerCloseCode is { } code ? $" (server closed with {code})" : string.Empty;
                            Interlocked.CompareExchange(ref firstConnectError, $"{ex.GetType().Name}: {ex.Message}{closed}", null);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    },
                    cancellationToken));
            }

            await Task.WhenAll(connects);
        }

        return new OpenedSessions(sessions, connectFailures, firstConnectError, Stopwatch.GetElapsedTime(connectStarted).TotalSeconds);
    }

    /// <summary>Closes every session (the Realtime host is sent <c>end</c> first) and disposes it.</summary>
    public async Task CloseAsync(IEnumerable<LoadSession> live, StepMetrics metrics, CancellationToken cancellationToken)
    {
        var sessions = live.ToArray();
        await Parallel.ForEachAsync(
            sessions,
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (session, _) => await session.CloseAsync(sendEnd: !settings.Session.Stamped, TimeSpan.FromSeconds(5)));
        foreach (var session in sessions)
        {
            session.Tracker.Flush(metrics.Lateness);
            session.Dispose();
        }
    }

    private LoadSession NewSession(int index, StepMetrics metrics)
    {
        CallerScript? script = null;
        if (!settings.Session.Stamped)
        {
            // Staggered first turns: 1 s after connecting plus a spread over 3 s.
            var firstTurnAt = Stopwatch.GetTimestamp() + (long)((1_000 + (index * 137 % 3_000)) * TicksPerMs);
            script = new CallerScript(burst, TicksPerMs, firstTurnAt);
        }

        return new LoadSession(settings.Session, metrics, script);
    }
}
