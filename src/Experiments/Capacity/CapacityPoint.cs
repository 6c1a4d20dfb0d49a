namespace Plasticity.Experiments.Capacity;

/// <summary>One point of a capacity curve: N units at load α, storing P = round(αN) patterns (midpoints away from zero).</summary>
public readonly record struct CapacityPoint(int N, double Alpha)
{
    /// <summary>P = round(αN).</summary>
    public int P => (int)Math.Round(Alpha * N, MidpointRounding.AwayFromZero);
}
