namespace Plasticity.Experiments.Capacity;

/// <summary>
/// Runs a capacity sweep into a results store, one point after another (each point parallelises its trials), and
/// reads the finished sweep back.
/// </summary>
/// <remarks>
/// Each finished point is committed to the store before the next starts (<see cref="StoredSweep"/>), so a killed run
/// loses at most the point in progress and <c>resume</c> recomputes nothing that was stored. Outputs are built from the
/// store's results only (<see cref="Results"/>), which makes them identical for an uninterrupted, a resumed, and a
/// sharded-then-merged run. From an F# script:
/// <code>
/// let spec = CapacitySweepSpec([| 200 |], [| 0.1; 0.2 |], CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 3), 1UL)
/// use store = ResultStore.Open("capacity.sqlite", spec.Metadata(ShardSpec.All), resume = true)
/// CapacitySweep.Run(spec, store) |> ignore
/// let results = CapacitySweep.Results(spec, store)
/// </code>
/// </remarks>
public static class CapacitySweep
{
    /// <summary>Runs the points of the store's shard that it does not hold yet.</summary>
    /// <param name="spec">The sweep.</param>
    /// <param name="store">Its store, opened with <c>spec.Metadata(shard)</c>.</param>
    /// <param name="onPointStarted">Called before a point is computed (calling thread).</param>
    /// <param name="onTrialDone">Called after each finished trial (any thread).</param>
    /// <param name="onPointStored">Called after a point is committed, on the committing thread (calls never overlap).</param>
    /// <param name="cancellationToken">Stops between trials; the point in progress is not stored.</param>
    public static SweepRunSummary Run(
        CapacitySweepSpec spec,
        ResultStore store,
        Action<CapacityPoint>? onPointStarted = null,
        Action? onTrialDone = null,
        Action<CapacityPoint, StoredPoint>? onPointStored = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(store);
        var grid = spec.Grid();
        return StoredSweep.Run(
            grid,
            store,
            (point, _) =>
            {
                onPointStarted?.Invoke(point);
                var result = CapacityExperiment.Run(point, spec.SettingsAt(point.N), spec.ExperimentSeed, onTrialDone, cancellationToken);
                return CapacityResultJson.Write(result);
            },
            onPointStored is null ? null : (p, row) => onPointStored(grid.Values[p.Index], row),
            cancellationToken);
    }

    /// <summary>The results of every point in grid order, from a complete whole-sweep (or merged) store.</summary>
    /// <exception cref="ResultStoreException">The store is a shard, incomplete, or does not match the sweep.</exception>
    public static IReadOnlyList<CapacityResult> Results(CapacitySweepSpec spec, ResultStore store)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(store);
        var grid = spec.Grid();
        return [.. StoredSweep.ReadAll(grid, store).Select(row => CapacityResultJson.Read(grid.Values[row.Index], spec.SettingsAt(grid.Values[row.Index].N), row.Result))];
    }

    /// <summary>The points of the store's shard that it does not hold yet (what a run would compute).</summary>
    public static IReadOnlyList<CapacityPoint> Pending(CapacitySweepSpec spec, ResultStore store)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(store);
        var grid = spec.Grid();
        return [.. grid.Slice(store.Metadata.Shard).Where(p => !store.Contains(p.Index)).Select(p => grid.Values[p.Index])];
    }
}
