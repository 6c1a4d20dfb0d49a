using MathNet.Numerics.Distributions;

namespace Plasticity.Experiments.Checks;

/// <summary>The statistics the check tolerances are built from.</summary>
public static class CheckStatistics
{
    /// <summary>Unit roundoff u = 2⁻⁵³ of binary64.</summary>
    public const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>Mean and standard error (sd/√n, n − 1 in the variance) of independent units.</summary>
    public static (double Mean, double Se) MeanAndSe(IReadOnlyList<double> xs)
    {
        ArgumentNullException.ThrowIfNull(xs);
        var mean = xs.Average();
        var ss = xs.Sum(x => (x - mean) * (x - mean));
        return (mean, Math.Sqrt(ss / (xs.Count - 1) / xs.Count));
    }

    /// <summary>
    /// Mean and standard error of <paramref name="repetitions"/> independent repetitions run in parallel
    /// (repetition r is <paramref name="sample"/>(r), which draws from its own seed, so the order of completion cannot
    /// change a value).
    /// </summary>
    public static (double Mean, double Se) MeanAndSeOfRepetitions(int repetitions, Func<int, double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var samples = new double[repetitions];
        Parallel.For(0, repetitions, r => samples[r] = sample(r));
        return MeanAndSe(samples);
    }

    /// <summary>Two-sided Student-t quantile t_{units−1}(1 − level/2) for a mean over <paramref name="units"/> independent units.</summary>
    public static double StudentT(double level, int units) => StudentQuantile(units - 1, 1.0 - (level / 2.0));

    /// <summary>One-sided Student-t quantile t_{dof}(1 − level).</summary>
    public static double StudentTOneSided(double level, double dof) => StudentQuantile(dof, 1.0 - level);

    /// <summary>
    /// The Student-t quantile t_ν(p), ½ ≤ p &lt; 1. For ν = 1 (the Cauchy law) t = tan(π(p − ½)) and for ν = 2
    /// t = (2p − 1)/√(2p(1 − p)), both exact inversions of the closed-form CDFs; MathNet's root search fails to converge
    /// there at the far tails the checks use (p = 1 − 5·10⁻⁶ with ν = 1, i.e. two trials), so those two use the closed
    /// forms and every other ν uses MathNet's InvCDF.
    /// </summary>
    public static double StudentQuantile(double dof, double p) => dof switch
    {
        1.0 => Math.Tan(Math.PI * (p - 0.5)),
        2.0 => ((2.0 * p) - 1.0) / Math.Sqrt(2.0 * p * (1.0 - p)),
        _ => MathNet.Numerics.Distributions.StudentT.InvCDF(0.0, 1.0, dof, p),
    };

    /// <summary>Two-sided normal tail 2(1 − Φ(k)): the false-alarm rate of a k-SE check.</summary>
    public static double TwoSidedNormalTail(double k) => 2.0 * (1.0 - Normal.CDF(0.0, 1.0, k));
}
