namespace Plasticity.Experiments.Sweeps;

/// <summary>
/// A sweep: an ordered grid of points of one experiment, each run for the same number of trials.
/// </summary>
/// <remarks>
/// <para>Seed path (one scheme for every sweep): trial t of the point with seed path [f₁, …, f_m] draws from
/// <c>SeedSequence.Derive(seed, [f₁, …, f_m, t])</c>, where <c>seed</c> is the user's full 64-bit seed and the fields are
/// the point's identity (for the capacity sweep [1, N, P], the command id first). A point's streams therefore depend only on the seed and on the
/// point itself, never on its index, on which other points the grid contains or on which shard runs it, which is what
/// makes a resumed or a sharded-and-merged sweep bit-identical to an uninterrupted one.</para>
/// <para>Points with the same seed path share their random streams by design (paired comparisons: e.g. two storage
/// rules see the same pattern sets); keys, however, must be unique.</para>
/// </remarks>
/// <typeparam name="TPoint">The experiment's own point type.</typeparam>
public sealed class SweepGrid<TPoint>
{
    private readonly SweepPoint[] points;

    /// <summary>Builds the grid.</summary>
    /// <param name="experiment">Experiment id (e.g. "capacity"), recorded in the results store.</param>
    /// <param name="values">The points, in output order.</param>
    /// <param name="trials">Trials per point (≥ 1).</param>
    /// <param name="key">Stable unique text key of a point.</param>
    /// <param name="seedPath">Seed-path fields of a point.</param>
    /// <exception cref="ArgumentException">No points, trials &lt; 1, or a repeated key.</exception>
    public SweepGrid(string experiment, IReadOnlyList<TPoint> values, int trials, Func<TPoint, string> key, Func<TPoint, long[]> seedPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(seedPath);
        if (values.Count == 0)
        {
            throw new ArgumentException("a sweep needs at least one point.", nameof(values));
        }

        if (trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "trials must be at least 1.");
        }

        Experiment = experiment;
        Trials = trials;
        Values = values;
        points = new SweepPoint[values.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var k = key(values[i]);
            if (!seen.Add(k))
            {
                throw new ArgumentException($"the sweep lists the point '{k}' twice.", nameof(values));
            }

            points[i] = new SweepPoint(i, k, seedPath(values[i]));
        }
    }

    /// <summary>Experiment id.</summary>
    public string Experiment { get; }

    /// <summary>Trials per point.</summary>
    public int Trials { get; }

    /// <summary>The experiment's points, in grid order.</summary>
    public IReadOnlyList<TPoint> Values { get; }

    /// <summary>The grid's points (index, key, seed path), in grid order.</summary>
    public IReadOnlyList<SweepPoint> Points => points;

    /// <summary>Number of points.</summary>
    public int Count => points.Length;

    /// <summary>The points of shard <paramref name="shard"/> (index mod n = k − 1), in grid order.</summary>
    public IReadOnlyList<SweepPoint> Slice(ShardSpec shard) => [.. points.Where(p => shard.Contains(p.Index))];
}
