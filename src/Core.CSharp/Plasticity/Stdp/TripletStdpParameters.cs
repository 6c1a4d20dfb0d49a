namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Parameters of the triplet rule (Pfister &amp; Gerstner 2006, J. Neurosci. 26:9673, Eqs. 3–4): pair amplitudes
/// A₂⁺, A₂⁻, triplet amplitudes A₃⁺, A₃⁻ (weight units), and the time constants of the presynaptic traces
/// r₁ (τ₊) and r₂ (τ_x) and of the postsynaptic traces o₁ (τ₋) and o₂ (τ_y), all in ms.
/// <code>
/// post spike at t:  w ← w + r₁(t)·(A₂⁺ + A₃⁺·o₂(t−ε))
/// pre spike at t:   w ← w − o₁(t)·(A₂⁻ + A₃⁻·r₂(t−ε))
/// </code>
/// </summary>
/// <param name="A2Plus">A₂⁺ ≥ 0.</param>
/// <param name="A3Plus">A₃⁺ ≥ 0.</param>
/// <param name="A2Minus">A₂⁻ ≥ 0.</param>
/// <param name="A3Minus">A₃⁻ ≥ 0.</param>
/// <param name="TauPlus">τ₊ &gt; 0 (ms), trace r₁.</param>
/// <param name="TauMinus">τ₋ &gt; 0 (ms), trace o₁.</param>
/// <param name="TauX">τ_x &gt; 0 (ms), trace r₂.</param>
/// <param name="TauY">τ_y &gt; 0 (ms), trace o₂.</param>
public sealed record TripletStdpParameters(
    double A2Plus, double A3Plus, double A2Minus, double A3Minus,
    double TauPlus, double TauMinus, double TauX, double TauY)
{
    /// <summary>Validates the parameters (ArgumentOutOfRangeException naming the parameter).</summary>
    public TripletStdpParameters Validated()
    {
        RequireAmplitude(A2Plus, nameof(A2Plus));
        RequireAmplitude(A3Plus, nameof(A3Plus));
        RequireAmplitude(A2Minus, nameof(A2Minus));
        RequireAmplitude(A3Minus, nameof(A3Minus));
        RequireTau(TauPlus, nameof(TauPlus));
        RequireTau(TauMinus, nameof(TauMinus));
        RequireTau(TauX, nameof(TauX));
        RequireTau(TauY, nameof(TauY));
        return this;
    }

    private static void RequireAmplitude(double a, string name)
    {
        if (!(a >= 0 && double.IsFinite(a)))
        {
            throw new ArgumentOutOfRangeException(name, a, "amplitudes must be finite and >= 0.");
        }
    }

    private static void RequireTau(double tau, string name)
    {
        if (!(tau > 0 && double.IsFinite(tau)))
        {
            throw new ArgumentOutOfRangeException(name, tau, "time constants must be finite and > 0 ms.");
        }
    }
}
