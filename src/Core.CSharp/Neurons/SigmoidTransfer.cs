namespace Plasticity.Core.Neurons;

/// <summary>
/// Logistic sigmoid F(u) = 1 / (1 + e^{−βu}) with gain β (per unit of drive), rates in (0, 1)
/// (science sheet §1; Hopfield 1984).
/// </summary>
/// <remarks>
/// F′(u) = β F(u)(1 − F(u)), computed as β e / (1 + e)² with e = e^{−β|u|} so it stays accurate in both tails.
/// F⁻¹(s) = ln(s / (1 − s)) / β. Φ(s) = ∫₀^s F⁻¹(x) dx = [s ln s + (1 − s) ln(1 − s)] / β (negative entropy,
/// Φ(0) = Φ(1) = 0, minimum −ln 2 / β at s = ½).
/// </remarks>
public sealed class SigmoidTransfer : IInvertibleTransfer
{
    /// <summary>Creates the sigmoid with gain β (0 &lt; β &lt; ∞).</summary>
    public SigmoidTransfer(double gain) => Gain = TransferGain.Validate(gain, nameof(gain));

    /// <summary>β, per unit of drive.</summary>
    public double Gain { get; }

    /// <inheritdoc/>
    public (double Lower, double Upper) Range => (0.0, 1.0);

    /// <inheritdoc/>
    public double Apply(double drive) => 1.0 / (1.0 + Math.Exp(-Gain * drive));

    /// <inheritdoc/>
    public double Derivative(double drive)
    {
        var e = Math.Exp(-Gain * Math.Abs(drive));
        var d = 1.0 + e;
        return Gain * e / (d * d);
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
    public double Inverse(double rate) => (Math.Log(rate) - TransferGain.Log1P(-rate)) / Gain;

    /// <inheritdoc/>
    public double InverseIntegral(double rate) => (TransferGain.XLogX(rate) + TransferGain.XLogX(1.0 - rate)) / Gain;
}
