namespace Invorto.Application.Audio;

/// <summary>
/// The taps of a windowed-sinc (Kaiser) low-pass filter for converting between two sample rates whose ratio is
/// <see cref="Up"/>/<see cref="Down"/>, split into <see cref="Up"/> phases of <see cref="Taps"/> taps each. The pass band
/// ends at 92 % of the lower Nyquist frequency (7.4 kHz for 16 kHz output, 3.7 kHz for 8 kHz). Immutable, so one filter
/// serves every stream converting between the same two rates.
/// </summary>
public sealed class PolyphaseFilter
{
    private const int ZeroCrossings = 10;
    private const double PassBand = 0.92;
    private const int MaxPhases = 4096;

    private PolyphaseFilter(int fromRate, int toRate, int up, int down, int halfWidth, float[] coefficients)
    {
        FromRate = fromRate;
        ToRate = toRate;
        Up = up;
        Down = down;
        HalfWidth = halfWidth;
        Coefficients = coefficients;
    }

    public int FromRate { get; }

    public int ToRate { get; }

    /// <summary>Output samples per <see cref="Down"/> input samples (the reduced ratio).</summary>
    public int Up { get; }

    public int Down { get; }

    /// <summary>Input samples either side of an output sample's position that contribute to it.</summary>
    public int HalfWidth { get; }

    public int Taps => 2 * HalfWidth;

    /// <summary>Phase-major taps: phase <c>p</c> holds the weights of input samples <c>n - HalfWidth + 1 .. n + HalfWidth</c>.</summary>
    public float[] Coefficients { get; }

    public static PolyphaseFilter Create(int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        var divisor = GreatestCommonDivisor(fromRate, toRate);
        var up = toRate / divisor;
        var down = fromRate / divisor;
        if (up > MaxPhases)
        {
            throw new ArgumentOutOfRangeException(nameof(toRate), $"Resampling {fromRate} Hz to {toRate} Hz needs {up} filter phases; at most {MaxPhases} are supported.");
        }

        // Cut-off in cycles per input sample: below the lower of the two Nyquist frequencies.
        var cutoff = 0.5 * PassBand * Math.Min(1.0, (double)toRate / fromRate);
        var halfWidth = (int)Math.Ceiling(ZeroCrossings / (2 * cutoff));
        var taps = 2 * halfWidth;
        var coefficients = new float[up * taps];
        for (var phase = 0; phase < up; phase++)
        {
            var fraction = (double)phase / up;
            var sum = 0.0;
            var row = new double[taps];
            for (var i = 0; i < taps; i++)
            {
                var distance = i - halfWidth + 1 - fraction;
                var x = 2 * cutoff * distance;
                var sinc = Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var r = distance / halfWidth;
                var kaiser = KaiserWindow.At(r);
                row[i] = sinc * kaiser;
                sum += row[i];
            }

            for (var i = 0; i < taps; i++)
            {
                coefficients[(phase * taps) + i] = (float)(row[i] / sum);
            }
        }

        return new PolyphaseFilter(fromRate, toRate, up, down, halfWidth, coefficients);
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
