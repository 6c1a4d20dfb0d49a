using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Plasticity.Core.Data;

public static partial class DataSources
{
    /// <summary>
    /// Draws <paramref name="count"/> samples of N(μ, Σ) with Σ = Q diag(λ) Qᵀ for a random orthogonal Q
    /// (<see cref="RandomOrthogonal"/>): x = μ + Σ_k q_k √λ_k z_k, z ~ N(0, I_d). The principal axes are
    /// therefore known exactly, which is what PCA-like rules (Oja) are checked against.
    /// </summary>
    /// <param name="eigenvalues">λ ∈ ℝ^d, every λ_k finite and ≥ 0 (any order; returned as given).</param>
    /// <param name="count">Number of samples n ≥ 1.</param>
    /// <param name="random">The generator; it draws first the d·d normals of Q, then the n·d normals z
    /// (sample k uses z[k·d .. k·d + d − 1]).</param>
    /// <param name="mean">μ ∈ ℝ^d (finite); zero when null.</param>
    /// <returns>The samples with the Q, λ, Σ and μ they were drawn from.</returns>
    public static SpectralGaussian GaussianWithSpectrum(double[] eigenvalues, int count, Random random, double[]? mean = null)
    {
        DataSourceArguments.CheckFiniteVector(eigenvalues, nameof(eigenvalues));
        var d = eigenvalues.Length;
        for (var k = 0; k < d; k++)
        {
            if (eigenvalues[k] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(eigenvalues), eigenvalues[k], $"eigenvalues[{k}] is {eigenvalues[k]}; a covariance's eigenvalues must be ≥ 0.");
            }
        }

        if (mean is not null)
        {
            DataSourceArguments.CheckFiniteVector(mean, nameof(mean));
            if (mean.Length != d)
            {
                throw new ArgumentException($"mean has {mean.Length} components; expected {d} (the number of eigenvalues).", nameof(mean));
            }
        }

        DataSourceArguments.CheckCount(count, d, nameof(count));
        ArgumentNullException.ThrowIfNull(random);

        var mu = mean is null ? new double[d] : (double[])mean.Clone();
        var q = RandomOrthogonal(d, random);
        var eigenvectors = new double[d][];
        for (var k = 0; k < d; k++)
        {
            eigenvectors[k] = new double[d];
            for (var i = 0; i < d; i++)
            {
                eigenvectors[k][i] = q[i, k];
            }
        }

        // Σ_ij = Σ_k λ_k q_k[i] q_k[j], summed over k in order, computed for i ≤ j and mirrored (exactly symmetric).
        var covariance = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = i; j < d; j++)
            {
                var s = 0.0;
                for (var k = 0; k < d; k++)
                {
                    s += eigenvalues[k] * eigenvectors[k][i] * eigenvectors[k][j];
                }

                covariance[i, j] = s;
                covariance[j, i] = s;
            }
        }

        var root = new double[d];
        for (var k = 0; k < d; k++)
        {
            root[k] = Math.Sqrt(eigenvalues[k]);
        }

        // x = μ + Q (√λ ∘ z): each term q_ik·(√λ_k z_k), as the sum Σ_k q_k √λ_k z_k of the summary.
        var samples = AffineNormals(mu, q, lowerTriangular: false, scale: root, count, random);
        return new SpectralGaussian(samples, eigenvectors, (double[])eigenvalues.Clone(), covariance, mu);
    }

    /// <summary>
    /// A random d × d orthogonal matrix, Haar-distributed: Q from the Householder QR factorisation (MathNet)
    /// of a matrix G of independent standard normals, with column j multiplied by sign(R_jj) so that R has
    /// a positive diagonal. The sign fix makes Q a function of G alone (Mezzadri 2007, "How to generate
    /// random matrices from the classical compact groups", Notices AMS 54:592).
    /// </summary>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="random">The generator; it draws the d·d normals of G, row-major.</param>
    public static double[,] RandomOrthogonal(int dimension, Random random)
    {
        if (dimension < 1 || (long)dimension * dimension > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension must be in [1, {(int)Math.Sqrt(Array.MaxLength)}].");
        }

        ArgumentNullException.ThrowIfNull(random);
        var d = dimension;
        var g = new double[d * d];
        Normal.Samples(random, g, 0.0, 1.0);
        var qr = Matrix<double>.Build.Dense(d, d, (i, j) => g[i * d + j]).QR(QRMethod.Full);
        var q = qr.Q.ToArray();
        var r = qr.R;
        for (var j = 0; j < d; j++)
        {
            if (r[j, j] < 0)
            {
                for (var i = 0; i < d; i++)
                {
                    q[i, j] = -q[i, j];
                }
            }
        }

        return q;
    }

    /// <summary>
    /// A d-dimensional spectrum with a relative gap between the two leading eigenvalues:
    /// λ_1 = 1, λ_k = (1 − gap)·(1 − (k − 2)/d) for k = 2 … d (1-based), so λ_2 = 1 − gap, the rest fall
    /// linearly to λ_d = 2(1 − gap)/d &gt; 0, and (λ_1 − λ_2)/λ_1 = gap. "A 20-dimensional Gaussian with a
    /// 10 % eigengap" is <c>EigengapSpectrum(20, 0.1)</c>.
    /// </summary>
    /// <param name="dimension">d ≥ 2.</param>
    /// <param name="gap">Relative eigengap in (0, 1).</param>
    /// <returns>λ in decreasing order.</returns>
    public static double[] EigengapSpectrum(int dimension, double gap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 2);
        if (!(gap > 0 && gap < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gap), gap, "gap must be in (0, 1).");
        }

        var lambda = new double[dimension];
        lambda[0] = 1.0;
        for (var k = 2; k <= dimension; k++)
        {
            lambda[k - 1] = (1.0 - gap) * (1.0 - (double)(k - 2) / dimension);
        }

        return lambda;
    }
}
