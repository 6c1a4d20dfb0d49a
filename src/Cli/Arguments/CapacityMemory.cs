namespace Plasticity.Cli.Arguments;

/// <summary>
/// Memory a <c>capacity</c> sweep needs, by storage rule and measure: what replaces a flat cap on N, because Hebbian
/// storage never builds an N×N matrix while Storkey and the pseudo-inverse do.
/// </summary>
/// <remarks>
/// Per trial (bytes; N units, P patterns), counting the arrays that scale with N or P:
/// <list type="bullet">
/// <item>hebb, fixed point (the bit-packed neuron-major engine): for each unit i its P pattern bits in ⌈P/64⌉ 64-bit
/// words, ⌈P/64⌉·8·N, plus the O(N + P) arrays: states, cue, target pattern, fields and update order, 40·N, and the
/// overlaps M_μ (int32) with their per-retrieval copy, 16·P. No byte-per-bit pattern copy, so no N·P &lt; 2^31
/// limit applies here.</item>
/// <item>every other case: the patterns N·P (one byte per ±1), the states and fields, about 40·N, and the overlaps,
/// 8·P; plus, for hebb (one step), the pattern-major copy the fields are computed from, N·P, and the per-pattern
/// overlaps 4·P (<see cref="HebbianCouplings"/>);</item>
/// <item>storkey: the N×N matrix of doubles, 8·N² (<see cref="HopfieldStorage.Storkey"/>);</item>
/// <item>pseudo-inverse: the dense pattern matrix and its product with the Gram pseudo-inverse, 2·8·N·P, the P×P Gram
/// matrix with its SVD factors and pseudo-inverse, about 5·8·P², and the N×N product plus the symmetrised copy,
/// 2·8·N² (<see cref="HopfieldStorage.PseudoInverse"/>).</item>
/// </list>
/// Trials of a point run in parallel, at most one per processor, so a point needs min(trials, processors) trials'
/// worth at once, with the trials of its own N (<see cref="CapacitySettings.TrialsAt"/>); the results keep 8 bytes per
/// retrieval of every trial of every point.
/// </remarks>
public static class CapacityMemory
{
    /// <summary>Largest N for rules that store an N×N matrix: N² doubles must fit one .NET array.</summary>
    public static int MaxDenseN { get; } = (int)Math.Floor(Math.Sqrt(Array.MaxLength));

    /// <summary>Bytes of the packed neuron-major pattern bits of (N, P): ⌈P/64⌉ 64-bit words per unit.</summary>
    public static double PackedBits(int n, int p) => 8.0 * Math.Ceiling(p / 64.0) * n;

    /// <summary>Bytes one one-step trial of (N, P) needs under <paramref name="rule"/> (the estimate before the packed engine).</summary>
    public static double TrialBytes(int n, int p, StorageRule rule) => TrialBytes(n, p, rule, CapacityMeasure.OneStep);

    /// <summary>Bytes one trial of (N, P) needs under <paramref name="rule"/> and <paramref name="measure"/>.</summary>
    public static double TrialBytes(int n, int p, StorageRule rule, CapacityMeasure measure)
    {
        double nn = n, pp = p;
        if (rule == StorageRule.Hebbian && measure == CapacityMeasure.FixedPoint)
        {
            return PackedBits(n, p) + (40 * nn) + (16 * pp);
        }

        var common = nn * pp + 40 * nn + 8 * pp;
        return common + rule switch
        {
            StorageRule.Hebbian => nn * pp + 4 * pp,
            StorageRule.Storkey => 8 * nn * nn + 32 * nn,
            _ => 16 * nn * pp + 40 * pp * pp + 16 * nn * nn,
        };
    }

    /// <summary>Trials that run at the same time.</summary>
    public static int Concurrent(int trials) => Math.Max(1, Math.Min(trials, Environment.ProcessorCount));

    /// <summary>Bytes a point needs while it runs: its concurrent trials.</summary>
    public static double PointBytes(CapacityPoint point, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TrialBytes(point.N, point.P, settings.Rule, settings.Measure) * Concurrent(settings.TrialsAt(point.N));
    }

    /// <summary>Bytes the sweep needs: the largest point's concurrent trials plus every point's retained overlaps.</summary>
    public static double SweepBytes(IReadOnlyList<CapacityPoint> points, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(settings);
        var largest = 0.0;
        var kept = 0.0;
        foreach (var point in points)
        {
            largest = Math.Max(largest, PointBytes(point, settings));
            var retrievals = settings.Measure == CapacityMeasure.OneStep ? point.P : Math.Min(point.P, settings.RetrievalsAt(point.N));
            kept += 8.0 * retrievals * settings.TrialsAt(point.N);
        }

        return largest + kept;
    }
}
