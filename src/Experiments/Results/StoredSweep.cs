namespace Plasticity.Experiments.Results;

/// <summary>
/// Runs the points of a sweep grid that its results store does not hold yet, in grid order, committing each point to
/// the store as soon as it is finished (the commit overlapping the next point's computation).
/// </summary>
/// <remarks>
/// Only the store's shard is run (<see cref="RunMetadata.Shard"/>). Finished points are never recomputed, so a run that
/// was killed continues where it stopped, and because a point's result depends only on the seed and the point
/// (<see cref="SweepGrid{TPoint}"/>), the resumed store holds exactly what an uninterrupted run would.
/// </remarks>
public static class StoredSweep
{
    /// <summary>Runs the missing points.</summary>
    /// <typeparam name="TPoint">The experiment's point type.</typeparam>
    /// <param name="grid">The sweep.</param>
    /// <param name="store">Its store (opened for the grid's run: same point count).</param>
    /// <param name="compute">Computes one point and returns its result as JSON.</param>
    /// <param name="onPointStored">Called after each commit, on the committing thread (calls never overlap; the last has
    /// returned when Run returns).</param>
    /// <param name="cancellationToken">Checked between points; a point in progress is abandoned, not stored.</param>
    /// <exception cref="ResultStoreException">A stored key differs from the grid's key at the same index.</exception>
    public static SweepRunSummary Run<TPoint>(
        SweepGrid<TPoint> grid,
        ResultStore store,
        Func<TPoint, SweepPoint, string> compute,
        Action<SweepPoint, StoredPoint>? onPointStored = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(compute);
        if (store.Metadata.PointCount != grid.Count)
        {
            throw new ResultStoreException($"results store '{store.Path}' is for {store.Metadata.PointCount} points, the sweep has {grid.Count}");
        }

        CheckKeys(grid, store);
        var slice = grid.Slice(store.Metadata.Shard);

        // The points to run are fixed before the first commit: the committing task is then the store's only user
        // while the loop computes, and nothing reads the store's index concurrently with a save.
        var missing = slice.Where(p => !store.Contains(p.Index)).ToList();
        var computed = 0;
        Task? saving = null;

        // Point k is committed on a pool thread while point k + 1 computes (a commit is a few synced writes, mostly
        // waiting on the disk). A killed run therefore loses at most the point in progress and the one being committed;
        // the next commit starts only after the previous one has returned, and the callback for point k runs on the
        // committing thread right after its commit has returned, so calls never overlap.
        void Finish()
        {
            if (saving is null)
            {
                return;
            }

            var task = saving;
            saving = null;
            task.GetAwaiter().GetResult();
            computed++;
        }

        try
        {
            foreach (var point in missing)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var json = compute(grid.Values[point.Index], point);
                var seconds = clock.Elapsed.TotalSeconds;
                Finish();

                // A cancellation requested meanwhile (a callback of the previous commit, say) drops this point.
                cancellationToken.ThrowIfCancellationRequested();
                var toSave = point;
                saving = Task.Run(
                    () =>
                    {
                        store.Save(toSave, json, seconds);
                        onPointStored?.Invoke(toSave, store.Finished[toSave.Index]);
                    },
                    CancellationToken.None);
            }

            Finish();
        }
        finally
        {
            // On an exception from a compute (or a cancellation), the commit in flight still completes before the
            // store is handed back: the finished point is kept. Its own failure, if any, is secondary to the one
            // propagating.
            if (saving is not null)
            {
                try
                {
                    saving.GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is ResultStoreException or IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
                {
                }
            }
        }

        return new SweepRunSummary(slice.Count, slice.Count - missing.Count, computed);
    }

    /// <summary>
    /// The stored results of every point of <paramref name="grid"/>, in grid order; the store must be complete and
    /// hold the whole grid (a whole run or a merged one).
    /// </summary>
    /// <exception cref="ResultStoreException">The store is a shard, incomplete, or its keys differ from the grid's.</exception>
    public static IReadOnlyList<StoredPoint> ReadAll<TPoint>(SweepGrid<TPoint> grid, ResultStore store)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(store);
        if (!store.Metadata.Shard.IsAll)
        {
            throw new ResultStoreException($"results store '{store.Path}' holds shard {store.Metadata.Shard} only; merge the shards first");
        }

        if (store.Metadata.PointCount != grid.Count || store.Finished.Count != grid.Count)
        {
            throw new ResultStoreException($"results store '{store.Path}' holds {store.Finished.Count} of the sweep's {grid.Count} points; continue it with --resume");
        }

        CheckKeys(grid, store);
        return store.Points;
    }

    private static void CheckKeys<TPoint>(SweepGrid<TPoint> grid, ResultStore store)
    {
        foreach (var (index, row) in store.Finished)
        {
            if (index >= grid.Count || !string.Equals(grid.Points[index].Key, row.Key, StringComparison.Ordinal))
            {
                var expected = index < grid.Count ? grid.Points[index].Key : "none";
                throw new ResultStoreException($"results store '{store.Path}' has point {index} = '{row.Key}', the sweep has '{expected}'");
            }
        }
    }
}
