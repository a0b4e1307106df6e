using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Invorto.Bench.Realtime;

/// <summary>
/// One run against one target: the step search over N, then one JSON object with the figures of the largest passing step
/// (flat keys) and every step under <c>steps</c>.
/// </summary>
public static class LoadRun
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] HeadlineKeys =
    [
        "p99_frame_ms", "p50_frame_ms", "max_frame_ms", "cores_per_1000", "server_cores", "client_cores", "send_slip_p99_ms",
        "oneway_p50_ms", "oneway_p99_ms", "turn_overhead_p50_ms", "turn_overhead_p95_ms", "bargein_cutoff_p50_ms",
        "bargein_cutoff_p95_ms", "post_bargein_frames", "late_frames", "missed_frames", "client_bound",
    ];

    public static async Task<int> RunAsync(Arguments arguments, CancellationToken cancellationToken)
    {
        var settings = RunSettings.From(arguments);
        var outPath = arguments.Required("out");
        var runner = new StepRunner(settings, SpeechBurst.Build(700));
        var search = new StepSearch(settings.Start, settings.Step, settings.Resolution, settings.Max);
        var steps = new List<StepOutcome>();
        Console.WriteLine($"realtime bench: {settings.Target} at {settings.Session.Url}, warm-up {settings.Warmup.TotalSeconds:0.#} s, measured {settings.Measure.TotalSeconds:0.#} s per step");
        while (search.Next is { } n)
        {
            var step = await runner.RunAsync(n, cancellationToken);
            for (var repeats = 0; settings.Repeat.ShouldRepeat(step, repeats); repeats++)
            {
                steps.Add(StealRepeatPolicy.MarkRepeated(step));
                Console.WriteLine(Describe(step) + $" → measured again (host steal ≥ {settings.Repeat.ThresholdPct.ToString(CultureInfo.InvariantCulture)}%)");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                step = await runner.RunAsync(n, cancellationToken);
            }

            steps.Add(step);
            search.Report(n, step.Passed);
            Console.WriteLine(Describe(step));
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        var best = steps.Where(s => s.Passed).MaxBy(s => s.Sessions);
        var result = new Dictionary<string, object?>
        {
            ["target"] = settings.Target,
            ["max_sessions"] = search.BestPassing,
        };
        foreach (var key in HeadlineKeys)
        {
            result[key] = best?.Figures.GetValueOrDefault(key);
        }

        result["client_bound_steps"] = steps.Count(s => s.Figures["client_bound"] is true);
        result["repeated_steps"] = steps.Count(s => s.Figures.ContainsKey(StealRepeatPolicy.RepeatedKey));
        result["max_steal_pct"] = steps.Select(s => s.Figures.GetValueOrDefault("steal_pct") as double?).Max();
        result["step_plan"] = string.Create(
            CultureInfo.InvariantCulture,
            $"N from {settings.Start} by +{settings.Step} while a step passes, then bisection to ±{settings.Resolution} (at most {settings.Max}); each step connects N sessions at {settings.ConnectsPerSecond}/s, warms up {settings.Warmup.TotalSeconds:0.#} s, measures {settings.Measure.TotalSeconds:0.#} s and closes them all; the client sends from {settings.SenderThreads} threads, each a timer wheel of {settings.Slots} phases per 20 ms; a failed step whose window had host CPU steal ≥ {settings.Repeat.ThresholdPct}% is measured again (at most {settings.Repeat.MaxRepeats}×, every attempt kept in the run file)");
        result["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        result["steps"] = steps.Select(s => s.Figures).ToArray();
        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(result, Indented) + "\n", cancellationToken);
        Console.WriteLine($"{settings.Target}: max_sessions {search.BestPassing} → {outPath}");
        return 0;
    }

    private static string Describe(StepOutcome step)
    {
        var f = step.Figures;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"  N={step.Sessions,5} {(step.Passed ? "pass" : "FAIL")}{(f["client_bound"] is true ? " client_bound" : string.Empty)}: ready {f["ready"]}, dropped {f["dropped_sessions"]}, frames {f["frames"]}, lateness p50 {f["p50_frame_ms"]} p99 {f["p99_frame_ms"]} max {f["max_frame_ms"]} ms, late {f["late_frames"]}, missed {f["missed_frames"]}, one-way p99 {f["oneway_p99_ms"]} ms, send slip p99 {f["send_slip_p99_ms"]} ms, skips {f["send_skips"]}, server {f["server_cores"]} cores ({f["cores_per_1000"]}/1000), client {f["client_cores"]} cores ({f["client_allocated_bytes_per_frame"]} B/frame), turn p95 {f["turn_overhead_p95_ms"]} ms, barge-in p95 {f["bargein_cutoff_p95_ms"]} ms, load {f["load_avg_1m_before"]}→{f["load_avg_1m_after"]}, steal {f.GetValueOrDefault("steal_pct")}%{(f["first_connect_error"] is string error ? $"; connect error: {error}" : string.Empty)}");
    }
}
