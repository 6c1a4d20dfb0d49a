namespace Plasticity.Experiments.Capacity;

/// <summary>
/// Aggregate of the trials of one point. Error statistics are over trials (the unit of independence):
/// bits within a trial share patterns and are correlated, so a binomial count over bits would understate
/// the uncertainty (for the fixed-point measure grossly: a failed retrieval loses many bits at once).
/// </summary>
public sealed class CapacityResult
{
    /// <summary>Aggregates <paramref name="trials"/> (in trial order).</summary>
    public CapacityResult(CapacityPoint point, CapacitySettings settings, IReadOnlyList<CapacityTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (trials.Count == 0)
        {
            throw new ArgumentException("at least one trial is required.", nameof(trials));
        }

        Point = point;
        Settings = settings;
        TrialResults = trials;
        ErrorBits = trials.Sum(t => t.ErrorBits);
        TotalBits = trials.Sum(t => t.TotalBits);
        ErrorRate = (double)ErrorBits / TotalBits;
        NonConverged = trials.Sum(t => t.NonConverged);

        var rates = trials.Select(t => t.ErrorRate).ToArray();
        var t = rates.Length;
        if (t >= 2)
        {
            var mean = rates.Average();
            var variance = rates.Sum(r => (r - mean) * (r - mean)) / (t - 1);
            ErrorStandardError = Math.Sqrt(variance / t);
        }

        // Between-trial Student-t interval around the pooled rate (trials have equal bit counts, so the pooled
        // rate is the mean of the trial rates). With fewer than two trials, or no spread at all (e.g. no
        // error in any trial), fall back to the Wilson interval on the pooled bit count.
        ErrorConfidenceInterval95 = t >= 2 && ErrorStandardError > 0
            ? Clip(ConfidenceInterval.StudentMean(ErrorRate, ErrorStandardError, t))
            : ConfidenceInterval.Wilson(ErrorBits, TotalBits);

        var overlaps = trials.SelectMany(x => x.Overlaps).ToArray();
        Retrievals = overlaps.Length;
        OverlapMean = overlaps.Average();
        OverlapSd = overlaps.Length >= 2
            ? Math.Sqrt(overlaps.Sum(m => (m - OverlapMean) * (m - OverlapMean)) / (overlaps.Length - 1))
            : 0.0;
    }

    /// <summary>The point.</summary>
    public CapacityPoint Point { get; }

    /// <summary>The settings.</summary>
    public CapacitySettings Settings { get; }

    /// <summary>Per-trial outcomes, in trial order.</summary>
    public IReadOnlyList<CapacityTrial> TrialResults { get; }

    /// <summary>Number of trials.</summary>
    public int Trials => TrialResults.Count;

    /// <summary>Wrong bits summed over trials.</summary>
    public long ErrorBits { get; }

    /// <summary>Examined bits summed over trials.</summary>
    public long TotalBits { get; }

    /// <summary>Pooled error rate ErrorBits/TotalBits.</summary>
    public double ErrorRate { get; }

    /// <summary>Standard error of the error rate from the spread of the trial rates, s/√T (0 if T &lt; 2).</summary>
    public double ErrorStandardError { get; }

    /// <summary>95 % confidence interval of the error rate.</summary>
    public (double Low, double High) ErrorConfidenceInterval95 { get; }

    /// <summary>Mean final overlap over all retrievals.</summary>
    public double OverlapMean { get; }

    /// <summary>Sample standard deviation of the final overlaps over all retrievals.</summary>
    public double OverlapSd { get; }

    /// <summary>Number of retrievals (one-step: P per trial).</summary>
    public int Retrievals { get; }

    /// <summary>Fixed-point runs that did not reach a fixed point.</summary>
    public int NonConverged { get; }

    private static (double, double) Clip((double Low, double High) ci) => (Math.Max(0.0, ci.Low), Math.Min(1.0, ci.High));
}
