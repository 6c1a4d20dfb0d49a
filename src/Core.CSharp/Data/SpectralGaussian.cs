namespace Plasticity.Core.Data;

/// <summary>
/// Samples of N(μ, Σ) with a prescribed spectrum, Σ = Q diag(λ) Qᵀ, together with the eigenvectors and
/// eigenvalues they were drawn from (the oracle for PCA-like rules such as Oja's).
/// </summary>
/// <param name="Data">The samples x = μ + Q diag(√λ) z.</param>
/// <param name="Eigenvectors">Eigenvectors[k] = q_k, column k of the orthogonal Q (unit vectors in ℝ^d).</param>
/// <param name="Eigenvalues">λ_k, in the order given to the generator (Σ q_k = λ_k q_k).</param>
/// <param name="Covariance">Σ = Q diag(λ) Qᵀ, exactly symmetric.</param>
/// <param name="Mean">μ.</param>
public sealed record SpectralGaussian(Dataset Data, double[][] Eigenvectors, double[] Eigenvalues, double[,] Covariance, double[] Mean);
