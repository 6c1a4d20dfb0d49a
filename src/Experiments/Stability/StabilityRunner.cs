namespace Plasticity.Experiments.Stability;

/// <summary>The results of a stability job: the grid it ran and one result per point, in grid order.</summary>
/// <param name="Grid">The grid.</param>
/// <param name="Results">One result per point (rule by rule, in each rule's axis order).</param>
public sealed record StabilityReport(StabilityGrid Grid, IReadOnlyList<PointResult> Results);

/// <summary>Runs every point of a grid, in parallel; results are independent of the thread count.</summary>
public static class StabilityRunner
{
    /// <summary>
    /// Runs <paramref name="grid"/> with the rules of <paramref name="factory"/> (the toolkit's own,
    /// <see cref="RuleRunner.Create"/>, when null) on up to <paramref name="parallelism"/> threads.
    /// </summary>
    /// <param name="grid">The grid.</param>
    /// <param name="factory">Rule factory; tests inject a changed rule here.</param>
    /// <param name="parallelism">Threads (≥ 1); each point derives its own generators from its seed, so the result
    /// does not depend on it.</param>
    /// <param name="cancellation">Stops the job between points.</param>
    /// <param name="finished">Called after each point with the number finished so far and its result (from the
    /// worker thread; for progress output only, it cannot change the results).</param>
    public static StabilityReport Run(
        StabilityGrid grid, StabilityRuleFactory? factory = null, int parallelism = 2, CancellationToken cancellation = default,
        Action<int, PointResult>? finished = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        factory ??= RuleRunner.Create;
        var points = grid.Points().ToArray();
        var results = new PointResult[points.Length];
        var done = 0;
        Parallel.For(
            0,
            points.Length,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation },
            k =>
            {
                results[k] = PointEvaluation.Evaluate(points[k], factory);
                finished?.Invoke(Interlocked.Increment(ref done), results[k]);
            });
        return new StabilityReport(grid, results);
    }
}
