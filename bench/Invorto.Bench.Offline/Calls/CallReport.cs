using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invorto.Bench.Offline.Calls;

/// <summary>The call benchmarks' flat keys of <c>bench/results/offline.json</c> and their part of the "Offline speech" section.</summary>
public static class CallReport
{
    public const double TurnLatencyGoalMs = 900;
    public const double CloudOverheadGoalMs = 10;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Keys(CallFigures calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var best = calls.BestCapacityStep;
        return new JsonObject
        {
            ["turn_latency_p95_ms"] = calls.OfflineTurns.TurnLatencyP95Ms,
            ["turn_latency_p50_ms"] = calls.OfflineTurns.TurnLatencyP50Ms,
            ["turn_latency_turns"] = calls.OfflineTurns.AnsweredTurns,
            ["turn_latency_unanswered_turns"] = calls.OfflineTurns.UnansweredTurns,
            ["turn_latency_sessions"] = calls.OfflineTurns.Sessions,
            ["turn_stt_final_to_audio_p50_ms"] = calls.OfflineTurns.SttFinalToAudioP50Ms,
            ["turn_stt_final_to_audio_p95_ms"] = calls.OfflineTurns.SttFinalToAudioP95Ms,
            ["turn_latency_fixed_wait_p95_ms"] = calls.OfflineTurnsFixedWait.TurnLatencyP95Ms,
            ["turn_latency_fixed_wait_p50_ms"] = calls.OfflineTurnsFixedWait.TurnLatencyP50Ms,
            ["turn_latency_fixed_wait_turns"] = calls.OfflineTurnsFixedWait.AnsweredTurns,
            ["turn_latency_fixed_wait_ms"] = int.Parse(CallAgents.FixedWait, CultureInfo.InvariantCulture),
            ["offline_sessions_per_core"] = calls.SessionsPerCore,
            ["offline_sessions_per_core_p99_frame_ms"] = best?.LatenessP99Ms,
            ["offline_sessions_per_core_server_cores"] = best?.ServerCores,
            ["offline_sessions_per_core_turn_latency_p95_ms"] = best?.TurnLatencyP95Ms,
            ["offline_sessions_per_core_steps"] = new JsonArray([.. calls.CapacitySteps.Select(Step)]),
            ["offline_sessions_plan"] = calls.CapacityPlan,
            ["cloud_fake_turn_overhead_p95_ms"] = Round(calls.CloudOverheadP95Ms),
            ["cloud_fake_turn_overhead_p50_ms"] = Round(calls.CloudOverheadP50Ms),
            ["cloud_fake_stt_final_to_audio_p95_ms"] = calls.CloudTurns.SttFinalToAudioP95Ms,
            ["cloud_fake_provider_ms"] = calls.CloudFakeMs,
            ["cloud_fake_turns"] = calls.CloudTurns.AnsweredTurns,
            ["cloud_fake_turn_latency_p95_ms"] = calls.CloudTurns.TurnLatencyP95Ms,
            ["calls_host_pinning"] = calls.HostPinning,
        };
    }

    public static string Json(CallFigures calls) => Keys(calls).ToJsonString(Indented);

    public static void AppendMarkdown(StringBuilder text, CallFigures calls)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(calls);
        var turns = calls.OfflineTurns;
        var cloud = calls.CloudTurns;
        var best = calls.BestCapacityStep;
        text.AppendLine("| calls over real WebSockets (Realtime host) | figure | goal |");
        text.AppendLine("|---|---:|---|");
        Line(text, $"| turn latency p95 (p50), caller's last voiced frame → agent's first audio, offline providers, ms | {turns.TurnLatencyP95Ms} ({turns.TurnLatencyP50Ms}) | ≤ {TurnLatencyGoalMs:0}: {Verdict(turns.TurnLatencyP95Ms <= TurnLatencyGoalMs)} |");
        Line(text, $"| of which `stt.final` → agent's first audio p95 (p50), ms | {turns.SttFinalToAudioP95Ms} ({turns.SttFinalToAudioP50Ms}) | |");
        Line(text, $"| turns answered (unanswered), {turns.Sessions} concurrent calls | {turns.AnsweredTurns} ({turns.UnansweredTurns}) | ≥ 20 |");
        var fixedWait = calls.OfflineTurnsFixedWait;
        Line(text, $"| the same with the agent's endpointing wait fixed at {CallAgents.FixedWait} ms (`endpointing.waitFunction: \"{CallAgents.FixedWait}\"`): p95 (p50), ms; turns | {fixedWait.TurnLatencyP95Ms} ({fixedWait.TurnLatencyP50Ms}); {fixedWait.AnsweredTurns} ({fixedWait.UnansweredTurns}) | |");
        Line(text, $"| offline sessions per core (frame lateness p99 < 5 ms, ≥ 90 % of turns answered) | {calls.SessionsPerCore} | |");
        Line(text, $"| at that N: lateness p99, ms; host cores; turn latency p95, ms | {best?.LatenessP99Ms}; {best?.ServerCores}; {best?.TurnLatencyP95Ms} | |");
        Line(text, $"| platform turn overhead p95 (p50) on instant cloud fakes, ms | {Round(calls.CloudOverheadP95Ms)} ({Round(calls.CloudOverheadP50Ms)}) | ≤ {CloudOverheadGoalMs:0}: {Verdict(calls.CloudOverheadP95Ms <= CloudOverheadGoalMs)} |");
        Line(text, $"| of which the fakes themselves (chat answer + first audio, bare client), ms | {calls.CloudFakeMs} ({calls.CloudChatMs} + {calls.CloudSpeechFirstAudioMs}) | |");
        Line(text, $"| cloud-fake turns answered (unanswered) | {cloud.AnsweredTurns} ({cloud.UnansweredTurns}) | |");
        text.AppendLine();
        Line(text, $"Median turn latency per phrase, default wait (fixed {CallAgents.FixedWait} ms wait), ms: {string.Join("; ", CallerPhrases.Texts.Select(p => $"\"{p}\" {ByPhrase(turns, p)} ({ByPhrase(fixedWait, p)})"))}.");
        text.AppendLine();
        Line(text, $"Capacity steps ({calls.CapacityPlan}; host {calls.HostPinning}, the load tool on the other core): {string.Join(", ", calls.CapacitySteps.Select(s => $"{s.Sessions} {(s.Passed ? "pass" : "fail")}{(s.ClientBound ? " client-bound" : string.Empty)} (p99 {s.LatenessP99Ms} ms, {s.AnsweredTurns}/{s.AnsweredTurns + s.UnansweredTurns} turns, {s.ServerCores} cores, load {s.LoadAverageBefore}→{s.LoadAverageAfter})"))}.");
        text.AppendLine();
        text.AppendLine(
            "How (calls): `bench/offline.sh` builds the Realtime and Api hosts (Release), makes a tenant with `Invorto.Api create-tenant` in a " +
            "fresh embedded (SQLite) data directory and three agents through `POST /v1/agents`, then starts the Realtime host on 127.0.0.1. " +
            "Each simulated caller (a web call on the realtime client protocol, 16 kHz) waits for the greeting to end, says an in-grammar phrase spoken by " +
            "eSpeak (`en-us`) in real time, 20 ms frames from one paced sender thread, then sends silence until the agent has answered and " +
            "been quiet for 700 ms, and says the next phrase. Turn latency runs from sending the phrase's last voiced frame (≥ −40 dBFS) to " +
            "receiving the agent's first audio frame, so it holds PocketSphinx's end of utterance, the endpointing wait, the rule-based " +
            "answer and eSpeak's first audio; lateness is the realtime benchmark's (arrival − the utterance's 20 ms grid). The offline " +
            "agent is the recognition benchmark's (intents with replies, no tools). The cloud agent names Deepgram, OpenAI and ElevenLabs; a " +
            "second Realtime host gets operator keys and base URLs pointing at wire-format fakes in the load tool (`tests/Invorto.Testing`): " +
            "the Deepgram socket sends the final transcript the moment the caller's voice ends, the chat server streams a one-sentence " +
            "answer, the speech server 200 ms of audio. The turn overhead is the realtime benchmark's: `stt.final` received → the agent's " +
            "first audio frame received, minus what the fakes take as a bare HTTP client sees them (median over 20 requests each), so " +
            "it is the engine, the provider adapters and their HTTP clients.");
        text.AppendLine();
        text.AppendLine(
            "Reading the turn latency: `stt.final` → first audio is a few ms, so nearly all of it is the end of the caller's turn. The " +
            "default endpointing waits 200 + 8000 × (1 − confidence) ms after the last speech, at most 3000: 360 ms at a confidence of " +
            "0.98, 1000 ms at 0.9, 3000 ms at 0.65 and below. PocketSphinx's confidence is the share of the caller's speech its " +
            "grammar phrase covers, lowered only by a poor acoustic fit, so a whole in-grammar phrase is near 1 (table below) and " +
            "answers after about 200–400 ms; a phrase under the confidence threshold (0.65) or under 2 words (\"goodbye\" heard as " +
            "\"bye\") waits the 1500 ms never-stuck wait, which sets the p95 when it comes up, while the p50 is what a confident phrase costs.");
    }

    private static JsonObject Step(CallStep s) => new()
    {
        ["n"] = s.Sessions,
        ["passed"] = s.Passed,
        ["ready"] = s.Ready,
        ["dropped"] = s.Dropped,
        ["frames"] = s.Frames,
        ["p50_frame_ms"] = s.LatenessP50Ms,
        ["p99_frame_ms"] = s.LatenessP99Ms,
        ["late_frames"] = s.LateFrames,
        ["answered_turns"] = s.AnsweredTurns,
        ["unanswered_turns"] = s.UnansweredTurns,
        ["turn_latency_p95_ms"] = s.TurnLatencyP95Ms,
        ["server_cores"] = s.ServerCores,
        ["server_errors"] = s.ServerErrors,
        ["send_slip_p99_ms"] = s.SendSlipP99Ms,
        ["client_bound"] = s.ClientBound,
        ["load_avg_1m_before"] = s.LoadAverageBefore,
        ["load_avg_1m_after"] = s.LoadAverageAfter,
    };

    private static string ByPhrase(CallStep step, string phrase) =>
        step.TurnLatencyByPhrase.TryGetValue(phrase, out var figure) ? figure.MedianMs.ToString("0", CultureInfo.InvariantCulture) : "–";

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    private static string Verdict(bool met) => met ? "meets" : "misses";

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
