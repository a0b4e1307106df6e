using System.Threading.Channels;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Scripted;

/// <summary>
/// A recognition stream driven by energy: voiced frames (over −40 dBFS) reveal the next scripted word every
/// <see cref="ScriptedProviderOptions.WordMs"/>; a pause of <see cref="ScriptedProviderOptions.FinalSilenceMs"/> turns the words
/// heard so far into a final result. Results are delayed by the configured latency, in order, on the stream's clock.
/// </summary>
internal sealed class ScriptedRecognitionStream : IRecognitionStream
{
    private const double VoicedDbfs = -40;
    private readonly ScriptedProviderOptions _options;
    private readonly ScriptedProviderCounters _counters;
    private readonly IReadOnlyList<string> _script;
    private readonly int _sampleRate;
    private readonly TimeProvider _time;
    private readonly Channel<RecognitionResult> _results = Channel.CreateUnbounded<RecognitionResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<(long Due, RecognitionResult Result)>? _delayed;
    private readonly Task? _delay;
    private readonly CancellationTokenSource _stop = new();
    private int _utterance;
    private string[] _words = [];
    private int _revealed;
    private double _voicedMs;
    private double _silenceMs;
    private bool _inBurst;
    private int _disposed;

    public ScriptedRecognitionStream(ScriptedProviderOptions options, ScriptedProviderCounters counters, IReadOnlyList<string> script, int sampleRate, TimeProvider time)
    {
        _time = time;
        _options = options;
        _counters = counters;
        _script = script.Count > 0 ? script : ["hello"];
        _sampleRate = sampleRate;
        counters.RecognitionOpened();
        if (options.RecognizerLatencyMs > 0)
        {
            _delayed = Channel.CreateUnbounded<(long, RecognitionResult)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            _delay = DelayAsync(_stop.Token);
        }
    }

    public ChannelReader<RecognitionResult> Results => _results.Reader;

    public void Write(ReadOnlySpan<byte> pcm16)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var milliseconds = Pcm16.Duration(pcm16.Length, _sampleRate).TotalMilliseconds;
        if (Pcm16.RmsDbfs(pcm16) > VoicedDbfs)
        {
            if (!_inBurst)
            {
                _inBurst = true;
                _words = _script[_utterance++ % _script.Count].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                _revealed = 0;
                _voicedMs = 0;
            }

            _silenceMs = 0;
            _voicedMs += milliseconds;
            var due = _voicedMs < _options.FirstWordMs ? 0 : 1 + (int)((_voicedMs - _options.FirstWordMs) / Math.Max(1, _options.WordMs));
            due = Math.Min(due, _words.Length);
            if (due > _revealed)
            {
                _revealed = due;
                Emit(new RecognitionResult(string.Join(' ', _words, 0, _revealed), false, 0));
            }

            return;
        }

        if (!_inBurst)
        {
            return;
        }

        _silenceMs += milliseconds;
        if (_silenceMs >= _options.FinalSilenceMs)
        {
            _inBurst = false;
            if (_revealed > 0)
            {
                Emit(new RecognitionResult(string.Join(' ', _words, 0, _revealed), true, _options.Confidence));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_delay is not null)
        {
            try
            {
                await _delay;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _results.Writer.TryComplete();
        _stop.Dispose();
        _counters.RecognitionClosed();
    }

    private void Emit(RecognitionResult result)
    {
        if (_delayed is null)
        {
            _results.Writer.TryWrite(result);
            return;
        }

        _delayed.Writer.TryWrite((_time.GetTimestamp() + (_options.RecognizerLatencyMs * _time.TimestampFrequency / 1000), result));
    }

    private async Task DelayAsync(CancellationToken cancellationToken)
    {
        await foreach (var (due, result) in _delayed!.Reader.ReadAllAsync(cancellationToken))
        {
            var wait = due - _time.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / _time.TimestampFrequency), _time, cancellationToken);
            }

            _results.Writer.TryWrite(result);
        }
    }
}
