namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Plain Hebb with an optional constant decay (science sheet §2): Δw = η·x·y − c, evaluated as x·(η y) − c.
/// With c = 0 and a linear neuron the averaged dynamics τ dw/dt = C w align w with e₁ of the correlation
/// matrix and ‖w‖ grows without bound.
/// </summary>
/// <param name="Eta">Learning rate η.</param>
/// <param name="Decay">Constant decay c (0 for plain Hebb).</param>
public sealed record HebbRule(double Eta, double Decay = 0.0) : ILocalRule
{
    /// <summary>Learning rate η (finite; negative is anti-Hebbian).</summary>
    public double Eta { get; } = ParameterChecks.Finite(Eta, nameof(Eta));

    /// <summary>Constant decay c (finite).</summary>
    public double Decay { get; } = ParameterChecks.Finite(Decay, nameof(Decay));

    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight) => pre * (Eta * post) - Decay;

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        TensorPrimitives.Multiply(pre, Eta * post, delta);
        TensorPrimitives.Subtract(delta, Decay, delta);
    }
}
