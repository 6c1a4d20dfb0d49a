namespace Plasticity.Experiments.Results;

/// <summary>What one invocation of a stored sweep did.</summary>
/// <param name="InShard">Points of the grid in the store's shard.</param>
/// <param name="Reused">Points found finished in the store (not recomputed).</param>
/// <param name="Computed">Points computed and committed by this invocation.</param>
public sealed record SweepRunSummary(int InShard, int Reused, int Computed)
{
    /// <summary>Whether every point of the shard is now in the store.</summary>
    public bool Complete => Reused + Computed == InShard;
}
