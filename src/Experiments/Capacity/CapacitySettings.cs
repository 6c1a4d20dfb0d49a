namespace Plasticity.Experiments.Capacity;

/// <summary>Settings shared by every point of a capacity sweep.</summary>
/// <param name="Rule">Storage rule.</param>
/// <param name="Measure">What each trial measures.</param>
/// <param name="Trials">Independent pattern sets per point (≥ 1).</param>
/// <param name="CueFlip">Fraction f of bits flipped in the start state (exactly round(fN) bits), in [0, 0.5).</param>
/// <param name="RetrievalsPerTrial">Stored patterns retrieved per trial for <see cref="CapacityMeasure.FixedPoint"/> (min with P).</param>
/// <param name="Order">Update order of the fixed-point dynamics.</param>
/// <param name="MaxSweeps">Sweep cap of the fixed-point dynamics.</param>
/// <param name="Diagonal">Diagonal convention of the storage rule.</param>
public sealed record CapacitySettings(
    StorageRule Rule,
    CapacityMeasure Measure,
    int Trials,
    double CueFlip = 0.0,
    int RetrievalsPerTrial = 10,
    UpdateOrder Order = UpdateOrder.AsyncRandomPermutation,
    int MaxSweeps = 100,
    DiagonalConvention Diagonal = DiagonalConvention.Zero);
