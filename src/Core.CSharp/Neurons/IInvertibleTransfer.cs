namespace Plasticity.Core.Neurons;

/// <summary>
/// A strictly increasing transfer function s = F(u) with an inverse on its open range of rates, as the
/// continuous Hopfield network's Lyapunov function needs (science sheet §5):
/// E(s) = −½ sᵀ M s − hᵀ s + Σ_i ∫₀^{s_i} F⁻¹(x) dx.
/// </summary>
public interface IInvertibleTransfer : ITransferFunction
{
    /// <summary>
    /// The open interval (Lower, Upper) of rates F(u) for finite u; F⁻¹ is defined on it. Infinite ends for an
    /// unbounded F.
    /// </summary>
    (double Lower, double Upper) Range { get; }

    /// <summary>u = F⁻¹(s) for s inside <see cref="Range"/>.</summary>
    double Inverse(double rate);

    /// <summary>
    /// Φ(s) = ∫₀^s F⁻¹(x) dx in closed form (the lower limit 0 is a rate, not a drive). Defined on the closure
    /// of <see cref="Range"/> where the integral converges (a saturating F reaches its bounds only in the
    /// limit, but a computed rate may round onto them).
    /// </summary>
    double InverseIntegral(double rate);
}
