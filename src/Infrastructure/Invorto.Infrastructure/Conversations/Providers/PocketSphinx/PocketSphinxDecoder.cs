using System.Globalization;
using System.Runtime.InteropServices;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// One PocketSphinx decoder (16 kHz PCM16) searching one agent's grammar. Not thread-safe: one recognition stream uses it
/// at a time, and it goes back to its <see cref="PocketSphinxDecoderPool"/> when the stream ends. It keeps its
/// cepstral mean between utterances (and calls), so it adapts to the channel it is pooled for.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    public const int SampleRate = 16000;
    private const string ProgramName = "invorto";

    private readonly PocketSphinxDecoderHandle _handle;

    private PocketSphinxDecoder(PocketSphinxDecoderHandle handle, PocketSphinxDecoderPool owner, int inputRate)
    {
        _handle = handle;
        Owner = owner;
        InputRate = inputRate;
    }

    public PocketSphinxDecoderPool Owner { get; }

    /// <summary>The rate of the audio its streams receive (before conversion to 16 kHz); pools are kept per rate.</summary>
    public int InputRate { get; }

    public bool InUtterance { get; private set; }

    /// <summary>Utterances ended so far; a decoder that has heard few has not yet adapted its cepstral mean to the channel.</summary>
    public int Utterances { get; private set; }

    /// <summary>A native call failed; the decoder is freed rather than pooled.</summary>
    public bool Faulted { get; private set; }

    public static PocketSphinxDecoder Create(string acousticModelPath, string? featureParameters, PocketSphinxDictionary dictionary, PocketSphinxDecoderPool owner, int inputRate)
    {
        var config = NewConfig(acousticModelPath, featureParameters);
        IntPtr decoder;
        try
        {
            decoder = PocketSphinxNative.Init(config);
        }
        finally
        {
            // The decoder holds its own reference to the configuration.
            _ = PocketSphinxNative.FreeConfig(config);
        }

        if (decoder == IntPtr.Zero)
        {
            throw Failure(ProviderFailureKind.Unavailable, $"PocketSphinx could not load its acoustic model from {acousticModelPath}: apt-get install pocketsphinx-en-us");
        }

        var handle = new PocketSphinxDecoderHandle(decoder);
        try
        {
            var grammar = owner.Grammar;
            foreach (var word in grammar.Words)
            {
                var pronunciations = dictionary.Pronunciations(word);
                for (var i = 0; i < pronunciations.Count; i++)
                {
                    var name = i == 0 ? word : string.Create(CultureInfo.InvariantCulture, $"{word}({i + 1})");
                    if (PocketSphinxNative.AddWord(handle, name, pronunciations[i], 0) < 0 && i == 0)
                    {
                        throw Failure(ProviderFailureKind.Protocol, $"PocketSphinx refused the pronunciation of '{word}'.");
                    }
                }
            }

            if (PocketSphinxNative.SetJsgfString(handle, PocketSphinxGrammar.SearchName, grammar.Jsgf) < 0
                || PocketSphinxNative.SetSearch(handle, PocketSphinxGrammar.SearchName) < 0)
            {
                throw Failure(ProviderFailureKind.Protocol, "PocketSphinx could not compile the agent's grammar.");
            }

            return new PocketSphinxDecoder(handle, owner, inputRate);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void StartUtterance()
    {
        Check(PocketSphinxNative.StartUtterance(_handle), "start an utterance");
        InUtterance = true;
    }

    public void Process(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        Check(PocketSphinxNative.ProcessRaw(_handle, ref MemoryMarshal.GetReference(samples), (nuint)samples.Length, 0, 0), "decode audio");
    }

    /// <summary>The best words so far in the current utterance.</summary>
    public string PartialHypothesis() => Marshal.PtrToStringUTF8(PocketSphinxNative.Hypothesis(_handle, out _)) ?? string.Empty;

    public PocketSphinxUtterance EndUtterance()
    {
        InUtterance = false;
        Check(PocketSphinxNative.EndUtterance(_handle), "end an utterance");
        Utterances++;
        var text = Marshal.PtrToStringUTF8(PocketSphinxNative.Hypothesis(_handle, out _)) ?? string.Empty;
        var frames = 0;
        long acoustic = 0;
        for (var segment = PocketSphinxNative.SegmentIterator(_handle); segment != IntPtr.Zero; segment = PocketSphinxNative.NextSegment(segment))
        {
            var word = Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(segment));
            if (string.IsNullOrEmpty(word) || word[0] is '<' or '[' or '(')
            {
                continue;
            }

            PocketSphinxNative.SegmentFrames(segment, out var start, out var end);
            _ = PocketSphinxNative.SegmentProbability(segment, out var score, out _, out _);
            frames += end - start + 1;
            acoustic += score;
        }

        return new PocketSphinxUtterance(text, frames, acoustic);
    }

    /// <summary>Decodes a whole utterance again, with the cepstral mean its first pass left behind.</summary>
    public PocketSphinxUtterance Redecode(ReadOnlySpan<short> samples)
    {
        StartUtterance();
        Process(samples);
        return EndUtterance();
    }

    public void Dispose() => _handle.Dispose();

    private static IntPtr NewConfig(string acousticModelPath, string? featureParameters)
    {
        List<string> arguments =
        [
            ProgramName,
            "-hmm", acousticModelPath,

            // PocketSphinx logs every decoder's set-up and every utterance to stderr otherwise.
            "-logfn", "/dev/null",

            // Wider than the defaults (1e-48, 7e-29, 1e-48): a grammar is a small search, and narrower beams lost
            // whole utterances of a decoder that had not yet adapted to the channel.
            "-beam", "1e-80",
            "-wbeam", "1e-60",
            "-pbeam", "1e-80",
        ];
        if (featureParameters is not null)
        {
            arguments.AddRange(["-featparams", featureParameters]);
        }

        // The configuration copies the strings.
        var argv = arguments.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            var config = PocketSphinxNative.ParseConfig(IntPtr.Zero, PocketSphinxNative.Arguments(), argv.Length, argv, 1);
            return config != IntPtr.Zero
                ? config
                : throw Failure(ProviderFailureKind.Unavailable, "PocketSphinx refused its configuration.");
        }
        finally
        {
            Array.ForEach(argv, Marshal.FreeCoTaskMem);
        }
    }

    private void Check(int result, string action)
    {
        if (result < 0)
        {
            Faulted = true;
            throw Failure(ProviderFailureKind.Unavailable, $"PocketSphinx failed to {action} (error {result}).");
        }
    }

    private static ProviderException Failure(ProviderFailureKind kind, string message) =>
        new(PocketSphinxRecognizer.ProviderName, kind, message);
}
