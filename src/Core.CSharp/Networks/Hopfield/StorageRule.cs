namespace Plasticity.Core.Networks.Hopfield;

/// <summary>How patterns are written into the couplings.</summary>
public enum StorageRule
{
    /// <summary>w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ (Hopfield 1982).</summary>
    Hebbian,

    /// <summary>Storkey's incremental, local rule (Storkey 1997); capacity ~ N/√(2 ln N).</summary>
    Storkey,

    /// <summary>Projection onto the span of the patterns, W = Ξᵀ(ΞΞᵀ)⁺Ξ (Personnaz et al. 1985; Kanter &amp; Sompolinsky 1987).</summary>
    PseudoInverse,
}
