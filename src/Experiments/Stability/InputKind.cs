namespace Plasticity.Experiments.Stability;

/// <summary>
/// The input statistics of a stability point. Every kind has the covariance spectrum λ of
/// <see cref="Plasticity.Core.Data.DataSources.EigengapSpectrum"/>(d, gap), so the eigengap axis means the same for all.
/// </summary>
public enum InputKind
{
    /// <summary>x = μ + Q diag(√λ) z, z ~ N(0, I) (<see cref="Plasticity.Core.Data.DataSources.GaussianWithSpectrum"/>).</summary>
    Gaussian,

    /// <summary>x = μ + Q diag(√λ) s, s_j ~ Laplace(0, 1/√2) (unit variance, excess kurtosis 3;
    /// <see cref="Plasticity.Core.Data.DataSources.Laplacian"/>): same covariance, heavier tails.</summary>
    Laplacian,

    /// <summary>x = e_j with probability p_j = λ_j / Σλ (<see cref="Plasticity.Core.Data.DataSources.OneHot"/>):
    /// C = diag(p), the BCM selectivity stimulus set; the relative gap of C is the eigengap.</summary>
    OneHot,
}
