using System.Numerics.Tensors;

namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Oja's rule in its general form (Oja 1982; science sheet §2): Δw = η·x·y − α·y²·w, evaluated as
/// x·(η y) − w·(α y²). With a linear neuron y = w·x the averaged dynamics drive w → ±e₁ with ‖w‖ → 1/√α.
/// </summary>
/// <param name="Eta">Learning rate η &gt; 0.</param>
/// <param name="Alpha">Normalisation strength α &gt; 0 (α = 1 is the classic rule η·y·(x − y·w)).</param>
public sealed record OjaRule(double Eta, double Alpha = 1.0) : ILocalRule
{
    /// <summary>Validates η and α.</summary>
    public OjaRule Validated() =>
        !(Eta > 0 && double.IsFinite(Eta)) ? throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "eta must be finite and > 0.")
        : !(Alpha > 0 && double.IsFinite(Alpha)) ? throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be finite and > 0.")
        : this;

    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight) => pre * (Eta * post) - weight * (Alpha * post * post);

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        var hebb = Eta * post;
        var decay = Alpha * post * post;
        Span<double> loss = pre.Length <= 512 ? stackalloc double[pre.Length] : new double[pre.Length];
        TensorPrimitives.Multiply(pre, hebb, delta);
        TensorPrimitives.Multiply(weights, decay, loss);
        TensorPrimitives.Subtract(delta, loss, delta);
    }
}
