namespace Invorto.Application.Audio;

/// <summary>
/// Streams PCM16 mono from one sample rate to any other (eSpeak's 22050 Hz or a speech server's 24 kHz to the call's 8 or 16 kHz) through a
/// <see cref="PolyphaseFilter"/>. The input history survives between calls, so converting chunk by chunk gives exactly the
/// output of one big block; <see cref="Flush"/> emits the last samples, whose filter window reaches past the end.
/// </summary>
public sealed class PolyphaseResampler
{
    private readonly PolyphaseFilter _filter;
    private float[] _history;
    private int _count;
    private long _historyStart;
    private long _consumed;
    private long _produced;

    /// <summary>A resampler with a filter of its own; share a <see cref="PolyphaseFilter"/> where many streams convert alike.</summary>
    public PolyphaseResampler(int fromRate, int toRate)
        : this(PolyphaseFilter.Create(fromRate, toRate))
    {
    }

    public PolyphaseResampler(PolyphaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _filter = filter;
        _history = new float[(4 * filter.HalfWidth) + 1024];
    }

    /// <summary>An upper bound of the samples <see cref="Process"/> or <see cref="Flush"/> writes for <paramref name="inputSamples"/>.</summary>
    public int MaxOutputSamples(int inputSamples) =>
        (int)(((long)(inputSamples + _filter.HalfWidth + 1) * _filter.Up / _filter.Down) + 2);

    /// <summary>Converts <paramref name="input"/>; returns the samples written to <paramref name="output"/>.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        Append(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            _history[_count + i] = input[i];
        }

        _count += input.Length;
        _consumed += input.Length;
        return Produce(output, _consumed, long.MaxValue);
    }

    /// <summary>Ends the stream: the remaining output, as if silence followed the last sample.</summary>
    public int Flush(Span<short> output)
    {
        var padding = _filter.HalfWidth + 1;
        Append(padding);
        Array.Clear(_history, _count, padding);
        _count += padding;
        var total = ((_consumed * _filter.Up) + _filter.Down - 1) / _filter.Down;
        return Produce(output, _consumed + padding, total);
    }

    private void Append(int samples)
    {
        if (_count + samples > _history.Length)
        {
            Array.Resize(ref _history, Math.Max(_history.Length * 2, _count + samples));
        }
    }

    /// <summary>Computes every output sample whose window lies inside the first <paramref name="available"/> input samples.</summary>
    private int Produce(Span<short> output, long available, long limit)
    {
        var up = _filter.Up;
        var down = _filter.Down;
        var halfWidth = _filter.HalfWidth;
        var taps = _filter.Taps;
        var coefficients = _filter.Coefficients;
        var written = 0;
        while (_produced < limit)
        {
            var position = _produced * down;
            var centre = position / up;
            if (centre + halfWidth >= available)
            {
                break;
            }

            var phase = (int)(position % up);
            var first = centre - halfWidth + 1 - _historyStart;
            var row = coefficients.AsSpan(phase * taps, taps);
            var sum = 0f;
            for (var i = 0; i < taps; i++)
            {
                var index = first + i;
                if (index >= 0)
                {
                    sum += _history[index] * row[i];
                }
            }

            output[written++] = (short)Math.Clamp((int)MathF.Round(sum), short.MinValue, short.MaxValue);
            _produced++;
        }

        var keepFrom = (_produced * down / up) - halfWidth + 1 - _historyStart;
        if (keepFrom > 0)
        {
            var drop = (int)Math.Min(keepFrom, _count);
            Array.Copy(_history, drop, _history, 0, _count - drop);
            _count -= drop;
            _historyStart += drop;
        }

        return written;
    }
}
