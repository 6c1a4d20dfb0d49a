namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>The postsynaptic statistic a BCM threshold θ slides towards.</summary>
public enum BcmThreshold
{
    /// <summary>θ → ⟨y²⟩ (Bienenstock, Cooper &amp; Munro 1982; Intrator &amp; Cooper 1992): stable and selective.</summary>
    MeanSquare,

    /// <summary>θ → ⟨y⟩: the known failure. The selective response then grows without bound (kept for demonstrations).</summary>
    Mean,
}
