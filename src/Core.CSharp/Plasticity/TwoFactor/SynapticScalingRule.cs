namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Multiplicative synaptic scaling (Turrigiano et al. 1998; science sheet §2): Δw = η·w·(y_target − y),
/// evaluated as w·(η (y_target − y)). Every weight of a neuron is scaled by the same factor, so weight ratios
/// are preserved exactly in exact arithmetic.
/// </summary>
/// <param name="Eta">Learning rate η.</param>
/// <param name="Target">Target postsynaptic rate y_target.</param>
public sealed record SynapticScalingRule(double Eta, double Target) : ILocalRule
{
    /// <summary>Learning rate η (finite).</summary>
    public double Eta { get; } = ParameterChecks.Finite(Eta, nameof(Eta));

    /// <summary>Target rate (finite).</summary>
    public double Target { get; } = ParameterChecks.Finite(Target, nameof(Target));

    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight) => weight * (Eta * (Target - post));

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta) =>
        TensorPrimitives.Multiply(weights, Eta * (Target - post), delta);
}
