using System.Buffers;
using System.Text;
using System.Threading.Channels;

namespace Invorto.Infrastructure.Conversations.Providers.Espeak;

/// <summary>
/// One text to speak, queued for the <see cref="EspeakWorker"/>: the voices to try, the speed, the output rate, and the
/// channel its audio goes to. The reader stops it (cancellation, or it stopped listening); the worker then aborts the
/// synthesis at its next callback.
/// </summary>
internal sealed class EspeakJob
{
    private readonly CancellationToken _cancellationToken;
    private int _stopped;
    private int _aborted;
    private long _bytesWritten;

    public EspeakJob(string text, IReadOnlyList<string> voices, int wordsPerMinute, int sampleRate, CancellationToken cancellationToken)
    {
        Text = Encoding.UTF8.GetBytes(text + "\0");
        Voices = voices;
        WordsPerMinute = wordsPerMinute;
        SampleRate = sampleRate;
        _cancellationToken = cancellationToken;
    }

    /// <summary>NUL-terminated UTF-8.</summary>
    public byte[] Text { get; }

    public IReadOnlyList<string> Voices { get; }

    public int WordsPerMinute { get; }

    public int SampleRate { get; }

    public Channel<EspeakChunk> Audio { get; } = Channel.CreateUnbounded<EspeakChunk>(new UnboundedChannelOptions { SingleReader = true });

    public TaskCompletionSource<EspeakJobOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Stopped => Volatile.Read(ref _stopped) != 0 || _cancellationToken.IsCancellationRequested;

    public void Stop() => Volatile.Write(ref _stopped, 1);

    public void MarkAborted() => Volatile.Write(ref _aborted, 1);

    /// <summary>Hands a chunk to the reader, or back to the pool when the reader has gone.</summary>
    public void Write(byte[] buffer, int length)
    {
        if (Stopped || !Audio.Writer.TryWrite(new EspeakChunk(buffer, length)))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return;
        }

        _bytesWritten += length;
    }

    public void Finish(Exception? error = null)
    {
        Audio.Writer.TryComplete(error);
        Outcome.TrySetResult(new EspeakJobOutcome(Volatile.Read(ref _aborted) != 0, _bytesWritten));
    }
}
