namespace Plasticity.Experiments.Sweeps;

/// <summary>One point of a sweep grid: its position, a stable text key and the identifiers its seeds derive from.</summary>
/// <param name="Index">0-based position in the grid (the output row order, and what shards slice).</param>
/// <param name="Key">
/// Stable, human-readable identity of the point (e.g. <c>n=200;alpha=0.1</c>): written next to its result in the store,
/// so a store can be checked against the grid it is resumed or merged with.
/// </param>
/// <param name="SeedPath">
/// Identifiers of the point in the seed path (e.g. N and P): trial t draws from
/// <c>SeedSequence.Derive(seed, [..SeedPath, t])</c> (<see cref="TrialSeed"/>).
/// </param>
public sealed record SweepPoint(int Index, string Key, IReadOnlyList<long> SeedPath)
{
    /// <summary>
    /// Seed of trial <paramref name="trial"/>: Derive(seed, [..SeedPath, trial]) from the user's full 64-bit
    /// <paramref name="seed"/> (SplitMix64 chain, <see cref="SeedSequence.Derive"/>).
    /// </summary>
    public ulong TrialSeed(ulong seed, int trial)
    {
        Span<long> path = stackalloc long[SeedPath.Count + 1];
        for (var i = 0; i < SeedPath.Count; i++)
        {
            path[i] = SeedPath[i];
        }

        path[^1] = trial;
        return SeedSequence.Derive(seed, path);
    }
}
