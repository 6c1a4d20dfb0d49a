namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Oja's rule in its general form (Oja 1982; science sheet §2): Δw = η·(x·y − α·y²·w), evaluated as
/// x·(η y) − w·((η α y) y). With a linear neuron y = w·x the averaged dynamics
/// τ dw/dt = C w − α (wᵀC w) w drive w → ±e₁ with ‖w‖ → 1/√α.
/// </summary>
/// <remarks>
/// The sheet writes the general form as η x y − α y² w with ‖w‖ → 1/√α and τ d‖w‖²/dt = 2⟨y²⟩(1 − α‖w‖²);
/// those statements hold together only when the decay is measured in units of η, which is the convention
/// here: α is dimensionless and α = 1 is the classic η y (x − y w).
/// </remarks>
/// <param name="Eta">Learning rate η &gt; 0.</param>
/// <param name="Alpha">Normalisation strength α &gt; 0 (α = 1 is the classic rule η·y·(x − y·w)).</param>
public sealed record OjaRule(double Eta, double Alpha = 1.0) : ILocalRule
{
    /// <summary>Learning rate η &gt; 0.</summary>
    public double Eta { get; } = ParameterChecks.Positive(Eta, nameof(Eta));

    /// <summary>Normalisation strength α &gt; 0 (units of η).</summary>
    public double Alpha { get; } = ParameterChecks.Positive(Alpha, nameof(Alpha));

    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight) => pre * (Eta * post) - weight * (Eta * Alpha * post * post);

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        var hebb = Eta * post;
        var decay = Eta * Alpha * post * post;
        Span<double> loss = pre.Length <= 512 ? stackalloc double[pre.Length] : new double[pre.Length];
        TensorPrimitives.Multiply(pre, hebb, delta);
        TensorPrimitives.Multiply(weights, decay, loss);
        TensorPrimitives.Subtract(delta, loss, delta);
    }
}
