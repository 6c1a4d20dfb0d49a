namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Instar rule (Grossberg 1976; Dayan &amp; Abbott 2001 §8.2): Δw_ij = η·y_i·(x_j − w_ij), evaluated as
/// (x − w)·(η y). Postsynaptically gated learning towards the input; averaged fixed point w = E[y x]/E[y].
/// </summary>
/// <param name="Eta">Learning rate η.</param>
public sealed record InstarRule(double Eta) : ILocalRule
{
    /// <summary>Learning rate η (finite).</summary>
    public double Eta { get; } = ParameterChecks.Finite(Eta, nameof(Eta));

    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight) => (pre - weight) * (Eta * post);

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        TensorPrimitives.Subtract(pre, weights, delta);
        TensorPrimitives.Multiply(delta, Eta * post, delta);
    }
}
