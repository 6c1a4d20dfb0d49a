namespace Plasticity.Core.Neurons;

/// <summary>
/// Linear rate neuron with gain, F(u) = βu (science sheet §1): invertible on all of ℝ, F⁻¹(s) = s/β,
/// Φ(s) = ∫₀^s F⁻¹(x) dx = s² / (2β). With β = 1 it is <see cref="LinearTransfer"/> plus the inverse.
/// </summary>
public sealed class LinearGainTransfer : IInvertibleTransfer
{
    /// <summary>Creates F(u) = βu (0 &lt; β &lt; ∞).</summary>
    public LinearGainTransfer(double gain) => Gain = TransferGain.Validate(gain, nameof(gain));

    /// <summary>β, rate per unit of drive.</summary>
    public double Gain { get; }

    /// <inheritdoc/>
    public (double Lower, double Upper) Range => (double.NegativeInfinity, double.PositiveInfinity);

    /// <inheritdoc/>
    public double Apply(double drive) => Gain * drive;

    /// <inheritdoc/>
    public double Derivative(double drive) => Gain;

    /// <inheritdoc/>
    /// <remarks>A loop over the scalar <see cref="Apply(double)"/> (one multiplication, bit-identical).</remarks>
    public void Apply(ReadOnlySpan<double> drive, Span<double> rate)
    {
        for (var i = 0; i < drive.Length; i++)
        {
            rate[i] = Gain * drive[i];
        }
    }

    /// <inheritdoc/>
    public double Inverse(double rate) => rate / Gain;

    /// <inheritdoc/>
    public double InverseIntegral(double rate) => rate * rate / (2.0 * Gain);
}
