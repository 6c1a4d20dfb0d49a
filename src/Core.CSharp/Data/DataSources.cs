namespace Plasticity.Core.Data;

/// <summary>
/// Seeded synthetic input distributions for rate-based learning rules (science sheet §2): Gaussian inputs
/// with a given covariance or spectrum (Oja/PCA), two clusters, Laplacian mixtures (ICA-like, BCM) and
/// one-hot inputs (BCM selectivity). One generator per file (<c>DataSources.*.cs</c>).
/// </summary>
/// <remarks>
/// Every generator takes the <see cref="Random"/> it draws from and the sample count, so the same generator
/// state gives bit-identical data; the order in which values are drawn is documented on each generator
/// and is part of its contract.
/// </remarks>
public static partial class DataSources
{
}
