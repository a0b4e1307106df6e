using System.Threading.Channels;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Usage;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>
/// One recognition that survives its provider: results are passed on from the current provider's stream; when that
/// stream fails (refused, dropped, circuit open) the next provider of the chain takes over from the next frame (the audio
/// of the gap is lost, the call goes on). When none is left, <see cref="Results"/> completes with a
/// <see cref="ProviderException"/>. Providers whose circuit is open are skipped without being tried.
/// </summary>
internal sealed class FailoverRecognitionStream : IRecognitionStream
{
    private readonly IReadOnlyList<ProviderCandidate<ISpeechRecognizer>> _chain;
    private readonly RecognitionOptions _options;
    private readonly ProviderCircuits _circuits;
    private readonly IProviderFailoverObserver _observer;
    private readonly ProviderUsageMeter? _usage;
    private readonly Channel<RecognitionResult> _results = Channel.CreateUnbounded<RecognitionResult>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Lock _gate = new();
    private readonly Task _pump;
    private IRecognitionStream? _current;
    private string? _currentName;
    private int _index = -1;
    private bool _disposing;

    public FailoverRecognitionStream(IReadOnlyList<ProviderCandidate<ISpeechRecognizer>> chain, RecognitionOptions options, ProviderCircuits circuits, IProviderFailoverObserver observer, ProviderUsageMeter? usage = null)
    {
        _chain = chain;
        _options = options;
        _circuits = circuits;
        _observer = observer;
        _usage = usage;
        Exception? refused = null;
        if (!TryStartNext(ref refused))
        {
            _results.Writer.TryComplete(FailoverStream.Exhausted(chain, refused));
            _pump = Task.CompletedTask;
            return;
        }

        _pump = PumpAsync();
    }

    public ChannelReader<RecognitionResult> Results => _results.Reader;

    public void Write(ReadOnlySpan<byte> pcm16)
    {
        try
        {
            if (Volatile.Read(ref _current) is { } current)
            {
                current.Write(pcm16);
                _usage?.Recognized(Volatile.Read(ref _currentName)!, pcm16.Length, _options.SampleRate);
            }
        }
        catch (ObjectDisposedException)
        {
            // The frame met a provider being replaced; the next one takes the next frame.
        }
    }

    public async ValueTask DisposeAsync()
    {
        IRecognitionStream? current;
        lock (_gate)
        {
            _disposing = true;
            current = _current;
            _current = null;
        }

        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }

        await _pump.ConfigureAwait(false);
        _results.Writer.TryComplete();
    }

    private async Task PumpAsync()
    {
        while (Volatile.Read(ref _current) is { } stream)
        {
            var candidate = _chain[_index];
            Exception? failure = null;
            var heard = false;
            try
            {
                await foreach (var result in stream.Results.ReadAllAsync().ConfigureAwait(false))
                {
                    if (!heard)
                    {
                        heard = true;
                        _circuits.Record(candidate.CircuitKey, exception: null);
                    }

                    _results.Writer.TryWrite(result);
                }
            }
            catch (Exception exception) when (FailoverStream.IsFailover(exception, CancellationToken.None))
            {
                failure = exception;
            }
            catch (Exception exception)
            {
                _results.Writer.TryComplete(exception);
                return;
            }

            lock (_gate)
            {
                if (failure is null || _disposing)
                {
                    _results.Writer.TryComplete();
                    return;
                }

                // The failed stream is the pump's to dispose now, not DisposeAsync's.
                _current = null;
            }

            _circuits.Record(candidate.CircuitKey, failure);
            await stream.DisposeAsync().ConfigureAwait(false);
            if (!TryStartNext(ref failure))
            {
                _results.Writer.TryComplete(FailoverStream.Exhausted(_chain, failure));
                return;
            }

            if (Volatile.Read(ref _current) is null)
            {
                // Disposed while the next provider was starting: TryStartNext handed its stream back.
                _results.Writer.TryComplete();
                return;
            }
        }
    }

    /// <summary>Starts the next provider whose circuit is closed; false when none is left.</summary>
    private bool TryStartNext(ref Exception? failure)
    {
        var failed = _index >= 0 ? _chain[_index].Name : null;
        while (++_index < _chain.Count)
        {
            var candidate = _chain[_index];
            if (failed is not null)
            {
                _observer.FailedOver(failed, candidate.Name, failure!);
            }

            if (_circuits.IsOpen(candidate.CircuitKey))
            {
                failed = candidate.Name;
                failure = new ProviderException(candidate.Name, ProviderFailureKind.Unavailable, $"The {candidate.Name} circuit is open.");
                continue;
            }

            IRecognitionStream started;
            try
            {
                started = candidate.Provider.Start(_options);
            }
            catch (Exception exception) when (FailoverStream.IsFailover(exception, CancellationToken.None))
            {
                _circuits.Record(candidate.CircuitKey, exception);
                failed = candidate.Name;
                failure = exception;
                continue;
            }

            lock (_gate)
            {
                if (!_disposing)
                {
                    Volatile.Write(ref _currentName, candidate.Name);
                    _current = started;
                    return true;
                }
            }

            // The stream was disposed meanwhile: nobody will read or dispose this one but us.
            _ = started.DisposeAsync().AsTask();
            return true;
        }

        if (failed is not null && failure is not null)
        {
            _observer.FailedOver(failed, next: null, failure);
        }

        return false;
    }
}
