namespace Plasticity.Cli.Bench;

/// <summary>
/// Times a <see cref="BenchCase"/> with <see cref="Stopwatch"/>: untimed warm-up runs, then K timed repetitions.
/// </summary>
/// <remarks>
/// Warm-up runs repeat until a minimum wall time has passed, so the JIT has tiered the hot methods up: tiered
/// compilation promotes a method only after about 30 calls and a 100 ms call-counting delay, and one warm-up run
/// left the first timed repetition three times slower than the rest on the reference machine. Before each repetition the set-up runs and a full, blocking garbage collection is
/// forced, both outside the clock, so one run's garbage is not collected on the next run's time.
/// </remarks>
public static class BenchRunner
{
    /// <summary>Fewest warm-up runs, however long one run takes.</summary>
    public const int MinWarmUpRuns = 2;

    /// <summary>Warms up, runs <paramref name="repetitions"/> timed repetitions and checks the checksums agree.</summary>
    /// <param name="benchCase">The benchmark.</param>
    /// <param name="repetitions">Timed repetitions K ≥ 1.</param>
    /// <param name="warmUpSeconds">Minimum wall time of the warm-up runs (s, ≥ 0; at least <see cref="MinWarmUpRuns"/> runs are made).</param>
    /// <param name="cancellationToken">Checked between runs.</param>
    /// <exception cref="InvalidOperationException">A repetition returned a different checksum (the work is not seed-deterministic).</exception>
    public static BenchMeasurement Measure(BenchCase benchCase, int repetitions, double warmUpSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUpSeconds);
        var warmUpStart = Stopwatch.GetTimestamp();
        var warmUpRuns = 0;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (benchCase.WarmUp is { } warmUp)
            {
                warmUp();
            }
            else
            {
                benchCase.Prepare()();
            }
        }
        while (++warmUpRuns < MinWarmUpRuns || Stopwatch.GetElapsedTime(warmUpStart).TotalSeconds < warmUpSeconds);

        var seconds = new double[repetitions];
        double? checksum = null;
        for (var r = 0; r < repetitions; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = benchCase.Prepare();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var start = Stopwatch.GetTimestamp();
            var sum = run();
            seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (checksum is double first && !first.Equals(sum))
            {
                throw new InvalidOperationException(
                    $"benchmark {benchCase.Name}: repetition {r + 1} returned checksum {sum:R}, repetition 1 returned {first:R}; the work should be seed-deterministic");
            }

            checksum = sum;
        }

        return new BenchMeasurement(benchCase, seconds, checksum!.Value);
    }
}
