using MathNet.Numerics.Distributions;

namespace Plasticity.Core.Numerics;

/// <summary>Confidence intervals used by the toolkit's reports.</summary>
public static class ConfidenceInterval
{
    /// <summary>
    /// Wilson score interval for a binomial proportion k/n at the given two-sided level (Wilson 1927).
    /// Well behaved at k = 0 and k = n, unlike the Wald interval.
    /// </summary>
    public static (double Low, double High) Wilson(long successes, long trials, double level = 0.95)
    {
        if (trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "trials must be at least 1.");
        }

        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes must be in [0, {trials}].");
        }

        var z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        double n = trials, p = successes / n, z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At k = 0 (k = n) the exact lower (upper) bound is 0 (1); rounding would leave ~1e-19 instead.
        var low = successes == 0 ? 0.0 : Math.Max(0.0, centre - half);
        var high = successes == trials ? 1.0 : Math.Min(1.0, centre + half);
        return (low, high);
    }

    /// <summary>
    /// Student-t interval for the mean of independent replicates: x̄ ± t_{T−1, (1+level)/2} · s/√T.
    /// Requires at least two replicates.
    /// </summary>
    public static (double Low, double High) StudentMean(double mean, double standardError, int replicates, double level = 0.95)
    {
        if (replicates < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "at least 2 replicates are needed.");
        }

        var t = StudentT.InvCDF(0, 1, replicates - 1, 0.5 + level / 2);
        return (mean - t * standardError, mean + t * standardError);
    }
}
