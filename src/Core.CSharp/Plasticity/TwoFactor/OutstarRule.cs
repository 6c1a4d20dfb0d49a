namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Outstar rule (Grossberg 1976): Δw_ij = η·x_j·(y_i − w_ij), evaluated as (y − w)·(η x). Presynaptically
/// gated learning towards the output; averaged fixed point w_ij = E[x_j y_i]/E[x_j].
/// </summary>
/// <param name="Eta">Learning rate η.</param>
public sealed record OutstarRule(double Eta) : ILocalRule
{
    /// <summary>Learning rate η (finite).</summary>
    public double Eta { get; } = ParameterChecks.Finite(Eta, nameof(Eta));

    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight) => (post - weight) * (Eta * pre);

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        var n = pre.Length;
        var gate = n <= 512 ? stackalloc double[n] : new double[n];
        TensorPrimitives.Multiply(pre, Eta, gate);           // η x
        TensorPrimitives.Subtract(post, weights, delta);     // y − w
        TensorPrimitives.Multiply(delta, gate, delta);
    }
}
