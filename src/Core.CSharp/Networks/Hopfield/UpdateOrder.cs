namespace Plasticity.Core.Networks.Hopfield;

/// <summary>The order in which units are updated.</summary>
public enum UpdateOrder
{
    /// <summary>All units at once from the previous state (may end in a 2-cycle).</summary>
    Synchronous,

    /// <summary>One unit at a time; each sweep visits every unit once in a fresh uniformly random permutation.</summary>
    AsyncRandomPermutation,

    /// <summary>One unit at a time in index order 0, 1, …, N−1, every sweep.</summary>
    AsyncFixed,
}
