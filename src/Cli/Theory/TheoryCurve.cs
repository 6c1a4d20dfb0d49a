namespace Plasticity.Cli.Theory;

/// <summary>
/// A theory line for the capacity plot: the plotted quantity (one-step error rate or fixed-point overlap) on a dense
/// grid of loads.
/// </summary>
/// <param name="Alphas">Loads α, increasing.</param>
/// <param name="Values">Plotted quantity at each load.</param>
public sealed record TheoryCurve(IReadOnlyList<double> Alphas, IReadOnlyList<double> Values)
{
    /// <summary>Default number of grid points of the smooth (large-N and AGS) curves.</summary>
    public const int DefaultPoints = 200;

    /// <summary>Largest number of integer-P points of a finite-N curve.</summary>
    public const int MaxExactPoints = 1000;

    /// <summary>
    /// The finite-N one-step curve for N units (error rate, or from a cue the error after the first step),
    /// between <paramref name="alphaMin"/> and <paramref name="alphaMax"/>.
    /// </summary>
    /// <remarks>
    /// The exact laws are defined for integer P only, so the grid is made of loads P/N. The binomial law also depends
    /// on the parity of P (ties in the local field), so a grid with uneven gaps between the P values draws a spurious
    /// wiggle: every P is used when there are at most <paramref name="maxPoints"/> of them, otherwise every s-th P
    /// with an even step s, which keeps the parity fixed.
    /// </remarks>
    public static TheoryCurve OneStep(
        int n, CapacitySettings settings, double alphaMin, double alphaMax, int maxPoints = MaxExactPoints)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var flips = PatternOps.FlipCount(n, settings.CueFlip);
        var pMin = Math.Max(1, (int)Math.Floor(alphaMin * n));
        var pMax = Math.Max(pMin, (int)Math.Ceiling(alphaMax * n));
        var count = pMax - pMin + 1;
        var step = count <= maxPoints ? 1 : 2 * (int)Math.Ceiling(count / (2.0 * maxPoints));
        var alphas = new List<double>();
        var values = new List<double>();
        for (var p = pMin; p <= pMax; p += step)
        {
            var alpha = (double)p / n;
            var theory = CapacityTheory.OneStep(n, p, alpha, flips);
            if (theory.Error is double error)
            {
                alphas.Add(alpha);
                values.Add(error);
            }
        }

        return new TheoryCurve(alphas, values);
    }

    /// <summary>The large-N one-step error curve, ½erfc(1/√(2α)) or (1 − erf(m0/√(2α)))/2 from a cue.</summary>
    public static TheoryCurve OneStepLargeN(double cueOverlap, double alphaMin, double alphaMax, int points = DefaultPoints)
    {
        var alphas = Grid(alphaMin, alphaMax, points);
        var values = alphas
            .Select(alpha => (1.0 - Plasticity.Analysis.HopfieldTheory.firstStepOverlapLargeN(alpha, cueOverlap)) / 2.0)
            .ToArray();
        return new TheoryCurve(alphas, values);
    }

    /// <summary>
    /// The AGS retrieval overlap m(α) from <paramref name="alphaMin"/> up to min(<paramref name="alphaMax"/>, α_c);
    /// the retrieval branch ends at α_c (the curve includes that end point when it is in range).
    /// </summary>
    public static TheoryCurve Ags(double alphaMin, double alphaMax, int points = DefaultPoints)
    {
        var alphaC = CapacityTheory.Critical.AlphaC;
        var top = Math.Min(alphaMax, alphaC);
        if (top <= alphaMin)
        {
            return new TheoryCurve([], []);
        }

        var alphas = new List<double>();
        var values = new List<double>();
        foreach (var alpha in Grid(alphaMin, top, points))
        {
            if (CapacityTheory.AgsOverlap(alpha) is double m)
            {
                alphas.Add(alpha);
                values.Add(m);
            }
        }

        return new TheoryCurve(alphas, values);
    }

    private static double[] Grid(double min, double max, int points)
    {
        if (points < 2 || max <= min)
        {
            return [max];
        }

        var grid = new double[points];
        for (var k = 0; k < points; k++)
        {
            grid[k] = min + (max - min) * k / (points - 1);
        }

        grid[^1] = max;
        return grid;
    }
}
