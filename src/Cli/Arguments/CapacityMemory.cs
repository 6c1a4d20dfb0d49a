namespace Plasticity.Cli.Arguments;

/// <summary>
/// Memory a <c>capacity</c> sweep needs, by storage rule: what replaces a flat cap on N, because Hebbian storage never
/// builds an N×N matrix while Storkey and the pseudo-inverse do.
/// </summary>
/// <remarks>
/// Per trial (bytes; N units, P patterns), counting the arrays that scale with N or P:
/// <list type="bullet">
/// <item>every rule: the patterns N·P (one byte per ±1), the states and fields, about 40·N, and the overlaps, 8·P;</item>
/// <item>hebb: the pattern-major copy the fields are computed from, N·P, and the per-pattern overlaps 4·P
/// (<see cref="HebbianCouplings"/>);</item>
/// <item>storkey: the N×N matrix of doubles, 8·N² (<see cref="HopfieldStorage.Storkey"/>);</item>
/// <item>pseudo-inverse: the dense pattern matrix and its product with the Gram pseudo-inverse, 2·8·N·P, the P×P Gram
/// matrix with its SVD factors and pseudo-inverse, about 5·8·P², and the N×N product plus the symmetrised copy,
/// 2·8·N² (<see cref="HopfieldStorage.PseudoInverse"/>).</item>
/// </list>
/// Trials of a point run in parallel, at most one per processor, so a point needs min(trials, processors) trials'
/// worth at once; the results keep 8 bytes per retrieval of every trial of every point.
/// </remarks>
public static class CapacityMemory
{
    /// <summary>Largest N for rules that store an N×N matrix: N² doubles must fit one .NET array.</summary>
    public static int MaxDenseN { get; } = (int)Math.Floor(Math.Sqrt(Array.MaxLength));

    /// <summary>Bytes one trial of (N, P) needs under <paramref name="rule"/>.</summary>
    public static double TrialBytes(int n, int p, StorageRule rule)
    {
        double nn = n, pp = p;
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

    /// <summary>Bytes the sweep needs: the largest point's concurrent trials plus every point's retained overlaps.</summary>
    public static double SweepBytes(IReadOnlyList<CapacityPoint> points, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(settings);
        var largest = 0.0;
        var kept = 0.0;
        foreach (var point in points)
        {
            largest = Math.Max(largest, TrialBytes(point.N, point.P, settings.Rule));
            var retrievals = settings.Measure == CapacityMeasure.OneStep ? point.P : Math.Min(point.P, settings.RetrievalsPerTrial);
            kept += 8.0 * retrievals * settings.Trials;
        }

        return largest * Concurrent(settings.Trials) + kept;
    }
}
