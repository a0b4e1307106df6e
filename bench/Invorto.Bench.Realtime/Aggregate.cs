using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invorto.Bench.Realtime;

/// <summary>
/// The <c>aggregate</c> verb: medians and spreads of several run files into <c>--out</c> (bench/results/realtime.json)
/// and, with <c>--doc</c>, the "Realtime capacity" section of docs/benchmarks.md.
/// </summary>
public static class Aggregate
{
    public const string Heading = "## Realtime capacity";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(Arguments arguments, CancellationToken cancellationToken)
    {
        var runs = new List<JsonObject>();
        foreach (var path in arguments.All("runs"))
        {
            runs.Add(JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))?.AsObject()
                ?? throw new InvalidDataException($"{path} is not a JSON object."));
        }

        var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var summary = RealtimeSummary.Build(runs, MachineInfo.Describe(), date);
        var json = JsonSerializer.Serialize(summary, Indented) + "\n";
        if (arguments.TextOrNull("out") is { } outPath)
        {
            await File.WriteAllTextAsync(outPath, json, cancellationToken);
            Console.WriteLine($"Wrote {outPath}");
        }
        else
        {
            Console.Write(json);
        }

        if (arguments.TextOrNull("doc") is { } docPath)
        {
            var document = File.Exists(docPath)
                ? await File.ReadAllTextAsync(docPath, cancellationToken)
                : "# Benchmarks\n\nFigures measured on the machine named in each section; rerun the command to refresh one.\n";
            var section = Section(summary, arguments.Text("command", "bench/realtime.sh"));
            await File.WriteAllTextAsync(docPath, MarkdownSection.Replace(document, Heading, section), cancellationToken);
            Console.WriteLine($"Updated {docPath}");
        }

        return 0;
    }

    public static string Section(IReadOnlyDictionary<string, object?> s, string command)
    {
        string V(string key) => s.GetValueOrDefault(key) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture)! : "–";
        string M(string key) => $"{V(key)} ({V(key + "_min")}–{V(key + "_max")})";
        string Verdict(bool? ok) => ok switch { true => "meets", false => "**misses**", null => "not measured" };
        double? D(string key) => s.GetValueOrDefault(key) as double?;

        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {V("machine")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Date: {V("date")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}` (Release; runs: {V("runs")} of the Realtime host, {V("baseline_runs")} of the baseline, alternating; median and min–max over the runs)");
        text.AppendLine("- Load: `bench/Invorto.Bench.Realtime` on the same cores opens N WebSocket sessions on 127.0.0.1 (the realtime client protocol: subprotocol key, `start`, `ready`) and sends every session a 640-byte PCM16 frame every 20 ms from shared sender threads (no per-session timer).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Steps: {V("step_plan")}.");
        text.AppendLine("- Caller script (Realtime host): 700 ms speech-like bursts (140 Hz + 3 harmonics, −18 dBFS RMS, 4 Hz envelope), then digital silence until the agent's audio has ended (300 ms without a frame) + 400 ms; every 4th burst starts 600 ms into the agent's answer (barge-in). The baseline gets stamped silence.");
        text.AppendLine("- Baseline: `bench/Invorto.Bench.RealtimeBaseline`, bare Kestrel that only sends each session a 20 ms frame every 20 ms from one timer wheel per core and echoes timestamps. Both servers run with `DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1`.");
        text.AppendLine("- Realtime host: the built-in canary agent on the zero-latency fake providers (`SCRIPTED_TTS_MS_PER_CHAR=30`, a two-sentence 75-character answer, so barge-ins fall inside the window) with `REALTIME_CANARY_BARGEIN_MIN_SPEECH_MS=20`: one frame of speech may interrupt, so the barge-in cutoff is the engine's own reaction (an agent's `bargeIn.minSpeechMs` adds to it one for one). The full pipeline runs: jitter buffer, VAD, energy meter and `emotion.window`, endpointing, barge-in rules, partial/final transcripts, timeline events.");
        text.AppendLine("- A step passes when every session got `ready` and stayed up, and the agent audio's lateness (arrival − the utterance's ideal 20 ms grid, anchored at its earliest frame) has p99 < 5 ms, no frame later than 60 ms and no gap of 60 ms or more (for the Realtime host over the agent's utterances, for the baseline over its continuous stream). A single stall of the shared machine can fail a step; a failure in a window where the hypervisor took ≥ 5 % of the CPU time (steal) is measured again once, and both attempts stay in the run files. Server CPU is utime+stime of the server process over the measured window, at the largest passing N.");
        text.AppendLine();
        text.AppendLine("| figure | Realtime host | bare baseline | goal |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| max sessions (N) | {M("max_sessions")} | {M("baseline_max_sessions")} | ≥ {RealtimeSummary.GoalRatio:0%} of baseline |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| ratio to baseline | {M("ratio_to_baseline")} | 1 | ≥ {RealtimeSummary.GoalRatio} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| frame lateness p99, ms | {M("p99_frame_ms")} | {M("baseline_p99_frame_ms")} | < {RealtimeSummary.GoalP99Ms} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| frame lateness p50, ms | {V("p50_frame_ms")} | {V("baseline_p50_frame_ms")} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| server cores per 1,000 sessions | {M("cores_per_1000")} | {M("baseline_cores_per_1000")} | ≤ {RealtimeSummary.GoalCpuRatio}× baseline |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| turn overhead p95 (p50), ms | {M("turn_overhead_p95_ms")} ({V("turn_overhead_p50_ms")}) | | ≤ {RealtimeSummary.GoalTurnOverheadP95Ms} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| barge-in cutoff p95 (p50), ms | {M("bargein_cutoff_p95_ms")} ({V("bargein_cutoff_p50_ms")}) | | ≤ {RealtimeSummary.GoalBargeInP95Ms} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| agent frames > 40 ms after `control.bargein` | {V("post_bargein_frames")} | | 0 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| baseline one-way latency p50 / p99, ms | | {V("baseline_oneway_p50_ms")} / {V("baseline_oneway_p99_ms")} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| client send slip p99, ms | {V("send_slip_p99_ms")} | {V("baseline_send_slip_p99_ms")} | < 5 (else the step is client-bound) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| host CPU steal in a measured window, max over the runs, % | {V("max_steal_pct")} | {V("baseline_max_steal_pct")} | (a shared host's noise) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| failed steps measured again for host steal, over the runs | {V("repeated_steps")} | {V("baseline_repeated_steps")} | |");
        text.AppendLine();
        var cpuRatio = D("cpu_ratio_to_baseline");
        text.AppendLine(CultureInfo.InvariantCulture, $"Capacity: {Verdict(D("ratio_to_baseline") is { } r ? r >= RealtimeSummary.GoalRatio : null)}; lateness: {Verdict(D("p99_frame_ms") is { } p ? p < RealtimeSummary.GoalP99Ms : null)}; CPU ({V("cpu_ratio_to_baseline")}× baseline): {Verdict(cpuRatio is { } c ? c <= RealtimeSummary.GoalCpuRatio : null)}; turn overhead: {Verdict(D("turn_overhead_p95_ms") is { } t ? t <= RealtimeSummary.GoalTurnOverheadP95Ms : null)}; barge-in cutoff: {Verdict(D("bargein_cutoff_p95_ms") is { } b ? b <= RealtimeSummary.GoalBargeInP95Ms : null)}.");
        text.AppendLine("Steps whose client send slip p99 exceeded 5 ms are flagged `client_bound` in the run files: there the load tool, not the server, set the limit.");
        return text.ToString();
    }
}
