using System.Diagnostics;

namespace Invorto.Bench.Api;

/// <summary>
/// Sends requests on a fixed schedule whatever the responses do (open loop), so a slow response cannot hide the
/// queueing it causes: latency is measured from when a request was due, not from when it was sent.
/// </summary>
internal static class OpenLoopDriver
{
    public static async Task<ScenarioResult> RunAsync(HttpClient client, string name, string path, int ratePerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var count = (int)(ratePerSecond * duration.TotalSeconds);
        var latencies = new double[count];
        var failures = 0;
        var interval = Stopwatch.Frequency / (double)ratePerSecond;
        var inFlight = new Task[count];
        var start = Stopwatch.GetTimestamp();

        async Task SendAsync(int index, long due)
        {
            await Task.Yield();
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
            }

            latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        }

        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                // No spinning: on two cores a spinning driver steals the server's CPU. Lateness of the timer is
                // charged to the request, because latency counts from the due time.
                await Task.Delay(wait, cancellationToken);
            }

            inFlight[i] = SendAsync(i, due);
        }

        await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        return new ScenarioResult(
            name,
            path,
            count,
            failures,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            latencies[^1],
            count / elapsed);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}
