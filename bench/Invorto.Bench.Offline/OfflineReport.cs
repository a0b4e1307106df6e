using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Bench.Offline.Calls;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Offline;

/// <summary>The run's figures as <c>bench/results/offline.json</c> (flat keys) and as the "Offline speech" section of docs/benchmarks.md.</summary>
public sealed class OfflineReport(OfflineFigures figures, CallFigures? calls, DateTimeOffset date, string command, string loadBefore, string loadAfter)
{
    public const string Heading = "## Offline speech";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string _machine = MachineInfo.Describe();
    private readonly string _date = date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public string Json()
    {
        var json = new JsonObject
        {
            ["asr_rtf"] = Round(figures.Wide.Rtf, 4),
            ["asr_word_accuracy"] = Round(figures.Wide.WordAccuracy, 3),
            ["tts_first_audio_ms"] = Round(figures.TtsFirstAudioMsMedian, 3),
            ["tts_first_audio_ms_median"] = Round(figures.TtsFirstAudioMsMedian, 3),
            ["tts_first_audio_ms_p95"] = Round(figures.TtsFirstAudioMsP95, 3),
            ["machine"] = _machine,
            ["date"] = _date,
            ["asr_cpu_rtf"] = Round(figures.Wide.CpuRtf, 4),
            ["asr_word_accuracy_new_decoder"] = Round(figures.Wide.WordAccuracyNewDecoder, 3),
            ["asr_rtf_8k"] = Round(figures.Narrow.Rtf, 4),
            ["asr_cpu_rtf_8k"] = Round(figures.Narrow.CpuRtf, 4),
            ["asr_word_accuracy_8k"] = Round(figures.Narrow.WordAccuracy, 3),
            ["asr_word_accuracy_new_decoder_8k"] = Round(figures.Narrow.WordAccuracyNewDecoder, 3),
            ["asr_phrases"] = BenchAgent.Phrases.Length,
            ["asr_audio_sec"] = Round(figures.Wide.AudioSeconds, 2),
            ["tts_rtf"] = Round(figures.TtsRtf, 5),
            ["tts_requests"] = figures.TtsRequests,
            ["tts_sample_rate"] = 8000,
            ["tts_process_first_audio_ms_median"] = Round(figures.ProcessFirstAudioMsMedian, 2),
            ["tts_process_first_audio_ms_p95"] = Round(figures.ProcessFirstAudioMsP95, 2),
            ["tts_route"] = "libespeak-ng by P/Invoke on one worker thread",
            ["runtime"] = Environment.Version.ToString(),
            ["load_average_before"] = loadBefore,
            ["load_average_after"] = loadAfter,
            ["command"] = command,
        };
        if (calls is not null)
        {
            foreach (var (key, value) in CallReport.Keys(calls))
            {
                json[key] = value?.DeepClone();
            }
        }

        return json.ToJsonString(Indented);
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        Line(text, $"Measured {_date} on {_machine}, .NET {Environment.Version}.");
        text.AppendLine();
        Line(text, $"Command: `{command}` (Release build; raw figures in `bench/results/offline.json`).");
        text.AppendLine();
        text.AppendLine("| recognition (PocketSphinx, agent grammar) | 16 kHz | 8 kHz |");
        text.AppendLine("|---|---:|---:|");
        Line(text, $"| word accuracy, pooled decoder | {figures.Wide.WordAccuracy:F3} | {figures.Narrow.WordAccuracy:F3} |");
        Line(text, $"| word accuracy, new decoder | {figures.Wide.WordAccuracyNewDecoder:F3} | {figures.Narrow.WordAccuracyNewDecoder:F3} |");
        Line(text, $"| real-time factor (wall, first frame → final) | {figures.Wide.Rtf:F4} | {figures.Narrow.Rtf:F4} |");
        Line(text, $"| real-time factor (process CPU) | {figures.Wide.CpuRtf:F4} | {figures.Narrow.CpuRtf:F4} |");
        text.AppendLine();
        Line(text, $"Synthesis (eSpeak NG, 8 kHz): first audio after {figures.TtsFirstAudioMsMedian:F2} ms (median; p95 {figures.TtsFirstAudioMsP95:F2} ms) over {figures.TtsRequests} replies, whole replies at {figures.TtsRtf:F4} of real time. The route not taken, one `espeak-ng --stdout` process per reply: first audio after {figures.ProcessFirstAudioMsMedian:F1} ms (median; p95 {figures.ProcessFirstAudioMsP95:F1} ms).");
        text.AppendLine();
        if (calls is not null)
        {
            CallReport.AppendMarkdown(text, calls);
            text.AppendLine();
        }

        text.AppendLine("| phrase (eSpeak `en-us`) | heard at 16 kHz | confidence | heard at 8 kHz | confidence |");
        text.AppendLine("|---|---|---:|---|---:|");
        for (var i = 0; i < figures.Wide.Results.Count; i++)
        {
            var wide = figures.Wide.Results[i];
            var narrow = figures.Narrow.Results[i];
            Line(text, $"| {wide.Phrase} | {Heard(wide.Heard)} | {wide.Confidence:F2} | {Heard(narrow.Heard)} | {narrow.Confidence:F2} |");
        }

        text.AppendLine();
        text.AppendLine(
            "How: eSpeak speaks each phrase with the `en-us` voice; the recognition stream gets 300 ms of silence, the phrase and 700 ms of " +
            "silence in 20 ms frames, written as fast as it takes them, and the time runs from the first frame to the final result (so the " +
            "real-time factor includes the 300 ms end-of-utterance wait's audio, not its wall time). \"Pooled decoder\": one agent version " +
            "whose decoder has heard one utterance before (as from its second call on); \"new decoder\": a new agent version per phrase. Word " +
            "accuracy is 1 − word error rate, averaged over the phrases, all of them in the agent's grammar (intent examples, tool " +
            "descriptions, short answers). Synthesis first audio is timed from the request to its first chunk, replies in turn on a warm worker.");
        text.AppendLine();
        text.AppendLine(
            "Route: both native libraries are called in-process by P/Invoke. eSpeak makes a 7 s sentence in about 8 ms of CPU and hands " +
            "over its first 50 ms of audio within a millisecond, so one worker thread serialising the (not thread-safe, process-global) " +
            "library serves hundreds of concurrent calls; a process per reply costs a fork and eSpeak's start-up every time (the figure " +
            "above). A PocketSphinx decoder given only its grammar's words costs about 8 ms and 4 MB to create (120 ms and 27 MB with the " +
            "whole dictionary) and is pooled per agent version and sample rate.");
        text.AppendLine();
        text.AppendLine(
            $"Caveats: the 1-minute load average was {loadBefore} before and {loadAfter} after the run on this shared machine, which " +
            "lengthens the wall-clock figures (the CPU real-time factor is steadier). eSpeak's voice is not a human caller, so these are " +
            "figures for the offline round trip, not for real callers. The " +
            "en-us model is a 16 kHz one; 8 kHz telephone audio is converted up and starts from a channel-adjusted cepstral mean, and a new " +
            "decoder decodes its first utterance twice, yet 8 kHz stays behind 16 kHz. There is no fallback to the general English model for " +
            "out-of-grammar speech: measured once with a scratch program, loading it costs 300 ms and 63 MB per decoder, decodes at 0.16–0.27 " +
            "of real time instead of 0.02–0.04, and got 1 of 5 eSpeak phrases right; out-of-grammar speech instead comes out as the " +
            "closest phrase with a low confidence.");
        return text.ToString();
    }

    public string UpdatedDocument(string document) => MarkdownSection.Replace(document, Heading, Markdown());

    private static double Round(double value, int digits) => Math.Round(value, digits);

    private static string Heard(string heard) => heard.Length == 0 ? "(nothing)" : heard;

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
