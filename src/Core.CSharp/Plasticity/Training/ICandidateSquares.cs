namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// A rule state that, while writing its change Δw at weights W in <see cref="IRuleState.ComputeDelta"/>, also summed
/// each candidate row's squares Σ_j (w_ij + Δw_ij)² in the order TensorPrimitives.Norm sums them
/// (<see cref="RowSums"/>), so the trainer's online divergence check needs no pass of its own.
/// </summary>
/// <remarks>
/// The trainer uses the sums only right after the ComputeDelta of the same step, on the dense store it passed, and
/// turns them into norms exactly as <see cref="CandidateNormKernels.LargestFused"/> does (rows whose norm
/// <see cref="Numerics.SafeNorm"/> would rescale are recomputed by the reference), so the check and its reported step
/// and norm are unchanged bit for bit.
/// </remarks>
internal interface ICandidateSquares
{
    /// <summary>Σ_j (w_ij + Δw_ij)² per row of the last ComputeDelta, or empty when that call did not compute them.</summary>
    ReadOnlySpan<double> CandidateSquares { get; }
}
