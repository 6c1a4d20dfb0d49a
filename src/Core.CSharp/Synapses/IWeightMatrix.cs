namespace Plasticity.Core.Synapses;

/// <summary>
/// The one weight store: W (outputs × inputs), w_ij from presynaptic input j to postsynaptic output i, with what
/// rate layers, learning rules, learning without backprop and crossbars need: the drive h = W x, the transposed
/// product r = Wᵀ δ, updates (a full ΔW, a row, an outer product), programming (writing weights) and the bounds the
/// store enforces. The dense matrix implements it exactly; a simulated crossbar implements the same interface (its
/// updates may quantise, clip or add device noise), so every rule, trainer and runner runs on both.
/// </summary>
/// <remarks>
/// Rules never own the weights: they compute ΔW from a read-only view (<see cref="IWeightView"/>) and the loop
/// applies it here. Every write goes through <see cref="Bounds"/>: w ← clamp(w + Δw). Row-major layout for full
/// matrices: w_ij at i·Inputs + j.
/// </remarks>
public interface IWeightMatrix : IWeightView
{
    /// <summary>The bounds every write enforces (<see cref="WeightBounds.None"/> for an ideal unbounded store).</summary>
    WeightBounds Bounds { get; }

    /// <summary>Writes the drive h_i = Σ_j w_ij x_j for every output i.</summary>
    void Multiply(ReadOnlySpan<double> pre, Span<double> drive);

    /// <summary>Writes r_j = Σ_i w_ij δ_i for every input j (the transposed product Wᵀ δ, for error feedback).</summary>
    void MultiplyTransposed(ReadOnlySpan<double> post, Span<double> result);

    /// <summary>w_ij ← clamp(w_ij + delta_j) for every input j of output i.</summary>
    void AddToRow(int output, ReadOnlySpan<double> delta);

    /// <summary>W ← clamp(W + ΔW) for the full row-major ΔW (length Outputs·Inputs).</summary>
    void Apply(ReadOnlySpan<double> delta);

    /// <summary>
    /// A sparse ΔW: w_k ← clamp(w_k + values_k) for the row-major flat indices k = i·Inputs + j in
    /// <paramref name="flatIndices"/> (strictly ascending, each in [0, Outputs·Inputs)); no other weight is written.
    /// Equal to <see cref="Apply"/> of the dense ΔW holding the values at their indices and +0.0 elsewhere, for every
    /// untouched weight that a write of +0.0 leaves unchanged (w = clamp(w + 0): true in bounds, except for −0.0).
    /// </summary>
    /// <param name="flatIndices">Touched entries, strictly ascending.</param>
    /// <param name="values">Their changes Δw (same length as <paramref name="flatIndices"/>).</param>
    void AddAt(ReadOnlySpan<int> flatIndices, ReadOnlySpan<double> values);

    /// <summary>w_ij ← clamp(w_ij + scale·post_i·pre_j) (a rank-one update, evaluated as (scale·post_i)·pre_j).</summary>
    void AddOuterProduct(double scale, ReadOnlySpan<double> post, ReadOnlySpan<double> pre);

    /// <summary>Programs row i: w_ij ← clamp(values_j) (writing weights, as a device is programmed).</summary>
    void SetRow(int output, ReadOnlySpan<double> values);
}
