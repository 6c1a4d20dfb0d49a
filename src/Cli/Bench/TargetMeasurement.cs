namespace Plasticity.Cli.Bench;

/// <summary>The timings of one <see cref="TargetCase"/>, or why it did not run.</summary>
/// <param name="Case">The target.</param>
/// <param name="Seconds">Wall time of each timed run (s); empty when refused.</param>
/// <param name="Outcome">The last run's outcome (every run's checksum is equal); null when refused.</param>
/// <param name="CpuSeconds">Processor time of the whole process during each timed run (s, all threads): on a shared
/// machine this is closer to the work done than the wall time (it excludes time spent waiting for a core).</param>
public sealed record TargetMeasurement(TargetCase Case, IReadOnlyList<double> Seconds, TargetOutcome? Outcome, IReadOnlyList<double> CpuSeconds)
{
    /// <summary>Whether the target ran.</summary>
    public bool Ran => Outcome is not null && Seconds.Count > 0;

    /// <summary>Median wall time (s); the mean of the two middle values for an even count (NaN when refused).</summary>
    public double MedianSeconds
    {
        get
        {
            if (Seconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = Seconds.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
        }
    }

    /// <summary>Work / median time, in <c>WorkUnit/s</c>.</summary>
    public double Throughput => Case.Work / MedianSeconds;

    /// <summary>
    /// Achieved fraction of the machine limit under the target's model: (model amount / median time) / limit, with the
    /// all-cores limit when the model says the kernel runs on all cores; null without a model or a run.
    /// </summary>
    public double? LimitFraction(MachineLimits? limits)
    {
        if (limits is null || Case.Model is not { } model || Outcome is not { ModelAmount: > 0 } outcome || !Ran)
        {
            return null;
        }

        var limit = model.Kind == LimitKind.ReadBandwidth
            ? (model.AllCores ? limits.ReadBytesPerSecondAllCores : limits.ReadBytesPerSecond)
            : (model.AllCores ? limits.PopcountWordsPerSecondAllCores : limits.PopcountWordsPerSecond);
        return outcome.ModelAmount / MedianSeconds / limit;
    }
}
