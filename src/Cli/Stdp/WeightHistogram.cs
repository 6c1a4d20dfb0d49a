namespace Plasticity.Cli.Stdp;

/// <summary>
/// The final weight distribution of the competition experiment in units of g_max: a histogram of u = w/g_max over
/// [0, 1] in equal bins (bin b = [b/B, (b+1)/B), the last bin closed so u = 1, the hard bound, is counted), and the
/// tail fractions the summary reports, fraction(u &lt; 0.1) and fraction(u &gt; 0.9).
/// </summary>
public sealed class WeightHistogram
{
    /// <summary>The lower mark: a weight below 0.1·g_max counts as "at the lower bound".</summary>
    public const double LowMark = 0.1;

    /// <summary>The upper mark: a weight above 0.9·g_max counts as "at the upper bound".</summary>
    public const double HighMark = 0.9;

    private readonly long[] _counts;

    private WeightHistogram(long[] counts, int total, double below, double above, double mean, double sd)
    {
        SdOverGMax = sd;
        _counts = counts;
        Total = total;
        FractionBelow = below;
        FractionAbove = above;
        MeanOverGMax = mean;
    }

    /// <summary>Counts per bin.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>Fraction of the weights in each bin (count/N).</summary>
    public IEnumerable<double> Fractions => _counts.Select(c => (double)c / Total);

    /// <summary>Number of weights N.</summary>
    public int Total { get; }

    /// <summary>Fraction of weights with w/g_max &lt; <see cref="LowMark"/>.</summary>
    public double FractionBelow { get; }

    /// <summary>Fraction of weights with w/g_max &gt; <see cref="HighMark"/>.</summary>
    public double FractionAbove { get; }

    /// <summary>Mean of w/g_max.</summary>
    public double MeanOverGMax { get; }

    /// <summary>Sample standard deviation of w/g_max (0 for one weight).</summary>
    public double SdOverGMax { get; }

    /// <summary>Lower edge of bin <paramref name="bin"/>, b/B.</summary>
    public double Low(int bin) => (double)bin / _counts.Length;

    /// <summary>Upper edge of bin <paramref name="bin"/>, (b+1)/B.</summary>
    public double High(int bin) => (double)(bin + 1) / _counts.Length;

    /// <summary>Bins the weights.</summary>
    /// <param name="weights">Weights (conductance units), at least one; values outside [0, g_max] are clamped into the end bins.</param>
    /// <param name="gMax">g_max &gt; 0.</param>
    /// <param name="bins">Number of bins ≥ 1.</param>
    public static WeightHistogram Of(IReadOnlyList<double> weights, double gMax, int bins)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(weights.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(gMax > 0 && double.IsFinite(gMax)))
        {
            throw new ArgumentOutOfRangeException(nameof(gMax), gMax, "g_max must be finite and > 0.");
        }

        var counts = new long[bins];
        long below = 0;
        long above = 0;
        var sum = 0.0;
        foreach (var w in weights)
        {
            var u = w / gMax;
            sum += u;
            below += u < LowMark ? 1 : 0;
            above += u > HighMark ? 1 : 0;
            counts[(int)Math.Clamp(Math.Floor(u * bins), 0, bins - 1)]++;
        }

        var n = weights.Count;
        var mean = sum / n;
        var squares = 0.0;
        foreach (var w in weights)
        {
            var d = (w / gMax) - mean;
            squares += d * d;
        }

        var sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0.0;
        return new WeightHistogram(counts, n, (double)below / n, (double)above / n, mean, sd);
    }
}
