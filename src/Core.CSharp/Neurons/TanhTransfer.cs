namespace Plasticity.Core.Neurons;

/// <summary>
/// Hyperbolic tangent F(u) = tanh(βu) with gain β (per unit of drive), rates in (−1, 1) (science sheet §1).
/// </summary>
/// <remarks>
/// F′(u) = β(1 − tanh²(βu)), computed as 4β e / (1 + e)² with e = e^{−2β|u|} so it stays accurate in the tails.
/// F⁻¹(s) = atanh(s) / β. Φ(s) = ∫₀^s F⁻¹(x) dx = [s atanh s + ½ ln(1 − s²)] / β, evaluated in the
/// equivalent form [(1 + s) ln(1 + s) + (1 − s) ln(1 − s)] / (2β), which is finite at s = ±1 (Φ(±1) = ln 2 / β).
/// </remarks>
public sealed class TanhTransfer : IInvertibleTransfer
{
    /// <summary>Creates tanh with gain β (0 &lt; β &lt; ∞).</summary>
    public TanhTransfer(double gain) => Gain = TransferGain.Validate(gain, nameof(gain));

    /// <summary>β, per unit of drive.</summary>
    public double Gain { get; }

    /// <inheritdoc/>
    public (double Lower, double Upper) Range => (-1.0, 1.0);

    /// <inheritdoc/>
    public double Apply(double drive) => Math.Tanh(Gain * drive);

    /// <inheritdoc/>
    public double Derivative(double drive)
    {
        var e = Math.Exp(-2.0 * Gain * Math.Abs(drive));
        var d = 1.0 + e;
        return 4.0 * Gain * e / (d * d);
    }

    /// <inheritdoc/>
    /// <remarks>A loop over the scalar <see cref="Apply(double)"/>, so it is bit-identical by construction.</remarks>
    public void Apply(ReadOnlySpan<double> drive, Span<double> rate)
    {
        for (var i = 0; i < drive.Length; i++)
        {
            rate[i] = Apply(drive[i]);
        }
    }

    /// <inheritdoc/>
    public double Inverse(double rate) => Math.Atanh(rate) / Gain;

    /// <inheritdoc/>
    public double InverseIntegral(double rate)
    {
        // (1 ± s) ln(1 ± s) with ln(1 ± s) from log1p: no rounding of 1 ± s inside the logarithm.
        var plus = rate == -1.0 ? 0.0 : (1.0 + rate) * TransferGain.Log1P(rate);
        var minus = rate == 1.0 ? 0.0 : (1.0 - rate) * TransferGain.Log1P(-rate);
        return (plus + minus) / (2.0 * Gain);
    }
}
