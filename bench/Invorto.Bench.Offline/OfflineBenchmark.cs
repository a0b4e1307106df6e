using System.Diagnostics;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Espeak;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Invorto.Testing;

namespace Invorto.Bench.Offline;

/// <summary>
/// Runs eSpeak and PocketSphinx as a call does: the synthesizer's first audio per reply, and recognition of eSpeak's
/// speech of in-grammar phrases through a recognition stream (300 ms of silence, the phrase, 700 ms of silence, in 20 ms
/// frames written as fast as the stream takes them), timed from the first frame to the final result.
/// </summary>
public static class OfflineBenchmark
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<OfflineFigures> RunAsync(int rounds, CancellationToken cancellationToken)
    {
        if (!EspeakSynthesizer.IsInstalled())
        {
            throw new InvalidOperationException("espeak-ng is not installed: apt-get install espeak-ng");
        }

        using var model = new PocketSphinxModel(new PocketSphinxOptions());
        model.EnsureInstalled();
        var (firstAudio, ttsRtf) = await MeasureSynthesisAsync(rounds, cancellationToken);
        var processFirstAudio = await MeasureProcessSynthesisAsync(Math.Max(1, rounds / 2), cancellationToken);
        var wide = await MeasureRecognitionAsync(model, 16000, cancellationToken);
        var narrow = await MeasureRecognitionAsync(model, 8000, cancellationToken);
        firstAudio.Sort();
        processFirstAudio.Sort();
        return new OfflineFigures
        {
            ProcessFirstAudioMsMedian = Percentile(processFirstAudio, 0.5),
            ProcessFirstAudioMsP95 = Percentile(processFirstAudio, 0.95),
            TtsFirstAudioMsMedian = Percentile(firstAudio, 0.5),
            TtsFirstAudioMsP95 = Percentile(firstAudio, 0.95),
            TtsRtf = ttsRtf,
            TtsRequests = firstAudio.Count,
            Wide = wide,
            Narrow = narrow,
        };
    }

    private static async Task<(List<double> FirstAudio, double Rtf)> MeasureSynthesisAsync(int rounds, CancellationToken cancellationToken)
    {
        var synthesizer = new EspeakSynthesizer(BenchAgent.Config.Locale);
        await SpeakAsync(synthesizer, "Warming up.", 8000, cancellationToken);
        var firstAudio = new List<double>();
        var synthesisSeconds = 0.0;
        var audioSeconds = 0.0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var reply in BenchAgent.Replies)
            {
                var clock = Stopwatch.StartNew();
                var bytes = 0L;
                await foreach (var chunk in synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), reply, BenchAgent.Voice, 8000), cancellationToken))
                {
                    if (bytes == 0)
                    {
                        firstAudio.Add(clock.Elapsed.TotalMilliseconds);
                    }

                    bytes += chunk.Length;
                }

                synthesisSeconds += clock.Elapsed.TotalSeconds;
                audioSeconds += bytes / 2.0 / 8000;
            }
        }

        return (firstAudio, synthesisSeconds / audioSeconds);
    }

    /// <summary>The alternative route, for comparison: one <c>espeak-ng --stdout</c> process per reply, timed to its first bytes of audio.</summary>
    private static async Task<List<double>> MeasureProcessSynthesisAsync(int rounds, CancellationToken cancellationToken)
    {
        var firstAudio = new List<double>();
        var buffer = new byte[4096];
        for (var round = 0; round < rounds; round++)
        {
            foreach (var reply in BenchAgent.Replies)
            {
                var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var argument in new[] { "--stdout", "-v", "en-us", reply })
                {
                    start.ArgumentList.Add(argument);
                }

                var clock = Stopwatch.StartNew();
                using var process = Process.Start(start) ?? throw new InvalidOperationException("espeak-ng did not start.");
                var output = process.StandardOutput.BaseStream;

                // The first read returns the 44-byte WAV header together with the first audio, or the header alone.
                var read = 0;
                while (read <= 44)
                {
                    var count = await output.ReadAsync(buffer.AsMemory(0, buffer.Length), cancellationToken);
                    if (count == 0)
                    {
                        break;
                    }

                    read += count;
                }

                firstAudio.Add(clock.Elapsed.TotalMilliseconds);
                while (await output.ReadAsync(buffer.AsMemory(), cancellationToken) > 0)
                {
                }

                await process.WaitForExitAsync(cancellationToken);
            }
        }

        return firstAudio;
    }

    private static async Task<RecognitionFigures> MeasureRecognitionAsync(PocketSphinxModel model, int sampleRate, CancellationToken cancellationToken)
    {
        var synthesizer = new EspeakSynthesizer(BenchAgent.Config.Locale);
        var speech = new Dictionary<string, byte[]>();
        foreach (var phrase in BenchAgent.Phrases.Append(BenchAgent.WarmUp))
        {
            speech[phrase] = Framed(await SpeakAsync(synthesizer, phrase, sampleRate, cancellationToken), sampleRate);
        }

        // New decoders: a new agent version per phrase, so every phrase meets a decoder that has heard nothing.
        var fresh = new List<double>();
        foreach (var phrase in BenchAgent.Phrases)
        {
            var (heard, _, _) = await RecognizeAsync(model, Guid.NewGuid(), speech[phrase], sampleRate, cancellationToken);
            fresh.Add(WordAccuracy.Of(phrase, heard));
        }

        // Pooled decoders: one agent version, warmed up by one utterance, as after its first call.
        var agentId = Guid.NewGuid();
        await RecognizeAsync(model, agentId, speech[BenchAgent.WarmUp], sampleRate, cancellationToken);
        var results = new List<(string, string, double)>();
        var accuracy = new List<double>();
        var wall = 0.0;
        var audio = 0.0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var phrase in BenchAgent.Phrases)
        {
            var (heard, confidence, seconds) = await RecognizeAsync(model, agentId, speech[phrase], sampleRate, cancellationToken);
            results.Add((phrase, heard, confidence));
            accuracy.Add(WordAccuracy.Of(phrase, heard));
            wall += seconds;
            audio += speech[phrase].Length / 2.0 / sampleRate;
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new RecognitionFigures(sampleRate, accuracy.Average(), fresh.Average(), wall / audio, cpu / audio, audio, results);
    }

    private static async Task<(string Heard, double Confidence, double Seconds)> RecognizeAsync(PocketSphinxModel model, Guid agentId, byte[] audio, int sampleRate, CancellationToken cancellationToken)
    {
        var recognizer = new PocketSphinxRecognizer(model, BenchAgent.Config, agentId, 1);
        await using var stream = recognizer.Start(new RecognitionOptions(Guid.NewGuid(), "pocketsphinx", "en-us", "en-US", sampleRate));
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        var clock = Stopwatch.StartNew();
        var frame = sampleRate / 50 * 2;
        for (var offset = 0; offset < audio.Length; offset += frame)
        {
            stream.Write(audio.AsSpan(offset, Math.Min(frame, audio.Length - offset)));
        }

        while (true)
        {
            var result = await stream.Results.ReadAsync(patience.Token);
            if (result.IsFinal)
            {
                return (result.Text, result.Confidence, clock.Elapsed.TotalSeconds);
            }
        }
    }

    private static async Task<byte[]> SpeakAsync(EspeakSynthesizer synthesizer, string text, int sampleRate, CancellationToken cancellationToken)
    {
        using var audio = new MemoryStream();
        await foreach (var chunk in synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), text, BenchAgent.Voice, sampleRate), cancellationToken))
        {
            audio.Write(chunk.Span);
        }

        return audio.ToArray();
    }

    /// <summary>300 ms of silence, the speech, 700 ms of silence.</summary>
    private static byte[] Framed(byte[] speech, int sampleRate) =>
        [.. new byte[sampleRate * 300 / 1000 * 2], .. speech, .. new byte[sampleRate * 700 / 1000 * 2]];

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
