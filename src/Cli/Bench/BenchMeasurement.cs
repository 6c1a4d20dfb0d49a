namespace Plasticity.Cli.Bench;

/// <summary>The timings of one <see cref="BenchCase"/>.</summary>
/// <param name="Case">The benchmark.</param>
/// <param name="Seconds">Wall time of each timed repetition, in run order (s).</param>
/// <param name="Checksum">The checksum every repetition returned.</param>
public sealed record BenchMeasurement(BenchCase Case, IReadOnlyList<double> Seconds, double Checksum)
{
    /// <summary>Median wall time (s); the mean of the two middle values for an even count.</summary>
    public double MedianSeconds
    {
        get
        {
            var sorted = Seconds.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
        }
    }

    /// <summary>Smallest wall time (s): the least disturbed run on a shared machine.</summary>
    public double MinSeconds => Seconds.Min();

    /// <summary>Throughput at the median time: <see cref="BenchCase.Work"/> / median, in <c>WorkUnit/s</c>.</summary>
    public double Throughput => Case.Work / MedianSeconds;

    /// <summary>Median time per work unit (s).</summary>
    public double SecondsPerUnit => MedianSeconds / Case.Work;
}
