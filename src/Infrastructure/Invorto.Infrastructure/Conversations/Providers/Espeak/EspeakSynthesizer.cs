using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.Espeak;

/// <summary>
/// Offline text-to-speech with eSpeak NG through its C library (<c>libespeak-ng.so.1</c>, Debian <c>espeak-ng</c>):
/// PCM16 mono at the request's sample rate, in chunks of about 50 ms of speech that arrive as soon as eSpeak makes them.
/// The voice is <see cref="Application.Agents.Configuration.VoiceSettings.VoiceId"/> when eSpeak knows it, else the one
/// for <paramref name="locale"/> (the agent's locale: <c>en-IN</c> → <c>en</c>, <c>hi-IN</c> → <c>hi</c>); the speed is
/// the voice's rate times eSpeak's normal 175 words per minute. Cheap to create (one per agent or call): every instance
/// shares the process's single eSpeak worker. Cancelling, or leaving the enumeration early, aborts the synthesis at its
/// next 50 ms buffer. Without the library it fails with a <see cref="ProviderException"/> (<c>espeak</c>, Unavailable).
/// </summary>
public sealed class EspeakSynthesizer(string? locale = null) : ISpeechSynthesizer
{
    public const string ProviderName = EspeakWorker.ProviderName;

    /// <summary>The outcome of the latest request, for tests that prove a cancelled synthesis really stopped.</summary>
    internal Task<EspeakJobOutcome>? LastOutcome { get; private set; }

    /// <summary>Whether libespeak-ng can be loaded in this process.</summary>
    public static bool IsInstalled()
    {
        if (!NativeLibrary.TryLoad(EspeakNative.Library, typeof(EspeakSynthesizer).Assembly, DllImportSearchPath.SafeDirectories, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.SampleRate);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            yield break;
        }

        var job = new EspeakJob(
            request.Text,
            EspeakVoiceChoice.Candidates(request.Voice.VoiceId, locale),
            EspeakVoiceChoice.WordsPerMinute(request.Voice.Rate),
            request.SampleRate,
            cancellationToken);
        LastOutcome = job.Outcome.Task;
        EspeakWorker.Shared.Enqueue(job);
        byte[]? lent = null;
        try
        {
            await foreach (var chunk in job.Audio.Reader.ReadAllAsync(cancellationToken))
            {
                lent = chunk.Buffer;
                yield return chunk.Buffer.AsMemory(0, chunk.Length);
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
                lent = null;

                // Chunks already made are not read on: the reader stops at once, not when the queue is empty.
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            if (lent is not null)
            {
                ArrayPool<byte>.Shared.Return(lent);
            }

            job.Stop();
            job.Audio.Writer.TryComplete();
            while (job.Audio.Reader.TryRead(out var left))
            {
                ArrayPool<byte>.Shared.Return(left.Buffer);
            }
        }
    }
}
