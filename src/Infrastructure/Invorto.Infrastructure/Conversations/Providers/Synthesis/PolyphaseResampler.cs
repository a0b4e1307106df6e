using System.Numerics;

namespace Invorto.Infrastructure.Conversations.Providers.Synthesis;

/// <summary>
/// Streaming PCM16 rate conversion between any two rates whose ratio reduces to at most <see cref="MaxPhases"/>
/// phases (24000 → 16000 or 8000, 22050 → 16000, 44100 → 48000 ...): a Kaiser-windowed sinc evaluated at the
/// <c>L</c> fractional offsets of an <c>L/M</c> polyphase bank, low-passed at the lower of the two Nyquist rates so
/// nothing aliases when going down. The history survives between calls, so a stream fed in chunks of any size gives
/// exactly the output of one big block; <see cref="Flush"/> then ends it with exactly <c>ceil(n·L/M)</c> samples.
/// </summary>
internal sealed class PolyphaseResampler
{
    public const int MaxPhases = 1024;

    private const int BaseHalfWidth = 16;
    private const double KaiserBeta = 8.0;
    private const double Rolloff = 0.92;

    private readonly int _up;
    private readonly int _down;
    private readonly int _halfWidth;
    private readonly int _width;
    private readonly float[] _bank;
    private float[] _history;
    private int _historyCount;
    private long _historyStart;
    private long _nextIndex;
    private int _nextPhase;
    private long _inputCount;
    private long _outputCount;

    public PolyphaseResampler(int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        var divisor = GreatestCommonDivisor(fromRate, toRate);
        _up = toRate / divisor;
        _down = fromRate / divisor;
        if (_up > MaxPhases)
        {
            throw new ArgumentOutOfRangeException(nameof(toRate), $"Resampling {fromRate} Hz to {toRate} Hz needs {_up} filter phases; at most {MaxPhases} are supported.");
        }

        var ratio = Math.Min(1.0, (double)_up / _down);
        _halfWidth = (int)Math.Ceiling(BaseHalfWidth / ratio);
        _width = 2 * _halfWidth;
        _bank = BuildBank(_up, _halfWidth, ratio * Rolloff);
        _history = new float[(4 * _width) + 2048];

        // The samples before the stream are silence, so the first output needs no special case.
        _historyStart = -(_halfWidth - 1);
        _historyCount = _halfWidth - 1;
    }

    /// <summary>An upper bound of the samples the next <see cref="Process"/> (or <see cref="Flush"/>, with 0) writes.</summary>
    public int MaxOutputSamples(int inputSamples) =>
        (int)(((long)(_historyCount + inputSamples + _halfWidth) * _up / _down) + 2);

    /// <summary>Takes the next input samples and writes every output sample they complete; returns how many.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        Append(input.Length, input, zeros: false);
        _inputCount += input.Length;
        return Drain(output, long.MaxValue);
    }

    /// <summary>Ends the stream: writes the outputs still held back for look-ahead.</summary>
    public int Flush(Span<short> output)
    {
        var expected = ((_inputCount * _up) + _down - 1) / _down;
        Append(_halfWidth, default, zeros: true);
        return Drain(output, expected);
    }

    private int Drain(Span<short> output, long limit)
    {
        var written = 0;
        var end = _historyStart + _historyCount;
        while (_nextIndex + _halfWidth < end && _outputCount < limit)
        {
            var offset = (int)(_nextIndex - _halfWidth + 1 - _historyStart);
            var value = Dot(_history.AsSpan(offset, _width), _bank.AsSpan(_nextPhase * _width, _width));
            output[written++] = (short)Math.Clamp((int)MathF.Round(value), short.MinValue, short.MaxValue);
            _outputCount++;
            _nextPhase += _down;
            _nextIndex += _nextPhase / _up;
            _nextPhase %= _up;
        }

        return written;
    }

    private void Append(int count, ReadOnlySpan<short> samples, bool zeros)
    {
        var keepFrom = _nextIndex - _halfWidth + 1;
        var drop = (int)Math.Min(keepFrom - _historyStart, _historyCount);
        if (drop > 0)
        {
            Array.Copy(_history, drop, _history, 0, _historyCount - drop);
            _historyCount -= drop;
            _historyStart += drop;
        }

        if (_historyCount + count > _history.Length)
        {
            Array.Resize(ref _history, Math.Max(_history.Length * 2, _historyCount + count));
        }

        var target = _history.AsSpan(_historyCount, count);
        if (zeros)
        {
            target.Clear();
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                target[i] = samples[i];
            }
        }

        _historyCount += count;
    }

    private static float Dot(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        var vectorSum = Vector<float>.Zero;
        var i = 0;
        for (; i <= left.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            vectorSum += new Vector<float>(left[i..]) * new Vector<float>(right[i..]);
        }

        var sum = Vector.Sum(vectorSum);
        for (; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }

    /// <summary>
    /// Phase <c>p</c> holds the taps for an output <c>p/L</c> of the way from input <c>i</c> to <c>i + 1</c>, applied to
    /// inputs <c>i − N + 1 … i + N</c>; each phase sums to exactly 1, so DC passes unchanged.
    /// </summary>
    private static float[] BuildBank(int phases, int halfWidth, double cutoff)
    {
        var width = 2 * halfWidth;
        var bank = new float[phases * width];
        var taps = new double[width];
        var norm = BesselI0(KaiserBeta);
        for (var phase = 0; phase < phases; phase++)
        {
            var fraction = (double)phase / phases;
            var sum = 0.0;
            for (var k = 0; k < width; k++)
            {
                var tau = k - halfWidth + 1 - fraction;
                var x = cutoff * tau;
                var sinc = Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var u = tau / halfWidth;
                var window = Math.Abs(u) >= 1 ? 0.0 : BesselI0(KaiserBeta * Math.Sqrt(1 - (u * u))) / norm;
                taps[k] = cutoff * sinc * window;
                sum += taps[k];
            }

            for (var k = 0; k < width; k++)
            {
                bank[(phase * width) + k] = (float)(taps[k] / sum);
            }
        }

        return bank;
    }

    private static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        var half = x / 2;
        for (var k = 1; k < 50; k++)
        {
            term *= half / k;
            sum += term * term;
        }

        return sum;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
