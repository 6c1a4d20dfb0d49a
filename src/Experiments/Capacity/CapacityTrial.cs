namespace Plasticity.Experiments.Capacity;

/// <summary>The raw outcome of one trial (one freshly drawn pattern set).</summary>
/// <param name="Index">Trial index.</param>
/// <param name="ErrorBits">Bits that differ from the stored pattern at the end.</param>
/// <param name="TotalBits">Bits examined.</param>
/// <param name="Overlaps">Final overlap of each retrieval (one-step: one per stored pattern).</param>
/// <param name="NonConverged">Fixed-point runs that ended in a 2-cycle or at the sweep cap.</param>
public sealed record CapacityTrial(int Index, long ErrorBits, long TotalBits, double[] Overlaps, int NonConverged)
{
    /// <summary>ErrorBits / TotalBits.</summary>
    public double ErrorRate => (double)ErrorBits / TotalBits;
}
