using System.Numerics;

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
    /// <remarks>
    /// One fused SIMD pass, Δ_j = x_j·(η y) − w_j·(η α y²), with exactly the operations of <see cref="Delta"/> per
    /// element (two multiplies and a subtract, no fused multiply–add), so it equals the scalar rule bit for bit; no
    /// temporary row (the earlier three-pass form allocated one per call above 512 inputs).
    /// </remarks>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        var hebb = Eta * post;
        var decay = Eta * Alpha * post * post;
        var n = pre.Length;
        var j = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vh = new Vector<double>(hebb);
            var vd = new Vector<double>(decay);
            ref var x = ref MemoryMarshal.GetReference(pre);
            ref var w = ref MemoryMarshal.GetReference(weights);
            ref var d = ref MemoryMarshal.GetReference(delta);
            for (; j <= n - Vector<double>.Count; j += Vector<double>.Count)
            {
                ((Vector.LoadUnsafe(ref x, (nuint)j) * vh) - (Vector.LoadUnsafe(ref w, (nuint)j) * vd)).StoreUnsafe(ref d, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            delta[j] = (pre[j] * hebb) - (weights[j] * decay);
        }
    }
}
