namespace Plasticity.Experiments.Results;

/// <summary>What identifies a run in its results store: the rows are valid only for exactly these values.</summary>
/// <param name="Experiment">Experiment id (e.g. "capacity").</param>
/// <param name="Settings">The experiment's canonical settings as JSON (grid and model settings; compared as text).</param>
/// <param name="Seed">The user's 64-bit seed.</param>
/// <param name="PointCount">Points in the whole (unsharded) grid.</param>
/// <param name="Shard">The slice this store holds (1/1 for a whole run or a merged store).</param>
public sealed record RunMetadata(string Experiment, string Settings, ulong Seed, int PointCount, ShardSpec Shard)
{
    /// <summary>
    /// Version of the store's schema and of the meaning of its result JSON; a store of another version is refused
    /// rather than misread. Bump it when either changes. 2: capacity trials draw from Derive(seed, [1, N, P, t, …]), the
    /// command id first (docs/seeds.md); a version-1 store holds results of the former streams (N, P, t, …), so
    /// resuming or merging it would mix two derivations.
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>The first field in which <paramref name="other"/> differs from this, as "name (stored …, requested …)"; null if none.</summary>
    public string? FirstDifference(RunMetadata other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Experiment, other.Experiment, StringComparison.Ordinal))
        {
            return $"experiment (stored {Experiment}, requested {other.Experiment})";
        }

        if (Seed != other.Seed)
        {
            return $"seed (stored {Seed}, requested {other.Seed})";
        }

        if (PointCount != other.PointCount)
        {
            return $"number of points (stored {PointCount}, requested {other.PointCount})";
        }

        if (!string.Equals(Settings, other.Settings, StringComparison.Ordinal))
        {
            return $"settings (stored {Settings}, requested {other.Settings})";
        }

        if (Shard != other.Shard)
        {
            return $"shard (stored {Shard}, requested {other.Shard})";
        }

        return null;
    }
}
