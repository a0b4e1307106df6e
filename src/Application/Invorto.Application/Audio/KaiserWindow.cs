namespace Invorto.Application.Audio;

/// <summary>The Kaiser window (β = 7) both resamplers shape their sinc taps with.</summary>
internal static class KaiserWindow
{
    public const double Beta = 7.0;

    private static readonly double Peak = BesselI0(Beta);

    /// <summary>The window's weight at <paramref name="r"/>: 1 at the centre (0), falling to the edges (±1), 0 outside.</summary>
    public static double At(double r) => Math.Abs(r) >= 1 ? 0.0 : BesselI0(Beta * Math.Sqrt(1 - (r * r))) / Peak;

    /// <summary>The zeroth-order modified Bessel function of the first kind, by its power series.</summary>
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
}
