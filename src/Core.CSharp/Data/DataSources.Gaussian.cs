using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Plasticity.Core.Data;

public static partial class DataSources
{
    /// <summary>
    /// Relative tolerance of the symmetry check on a covariance: |Σ_ij − Σ_ji| ≤ 1e-12·√(Σ_ii Σ_jj) (a few
    /// thousand roundings, so matrices assembled in floating point or read from text pass; transposition
    /// mistakes do not). Only the lower triangle is used afterwards.
    /// </summary>
    public const double CovarianceSymmetryTolerance = 1e-12;

    /// <summary>
    /// Draws <paramref name="count"/> samples of a multivariate Gaussian N(μ, Σ):
    /// x = μ + L z, with L the lower Cholesky factor (Σ = L Lᵀ) and z ~ N(0, I_d).
    /// </summary>
    /// <param name="mean">μ ∈ ℝ^d (finite, d ≥ 1).</param>
    /// <param name="covariance">Σ, d × d, symmetric (within <see cref="CovarianceSymmetryTolerance"/>) and positive definite.</param>
    /// <param name="count">Number of samples n ≥ 1.</param>
    /// <param name="random">The generator; it draws the n·d standard normals z (sample k uses
    /// z[k·d .. k·d + d − 1]) with MathNet's <see cref="Normal.Samples(Random, double[], double, double)"/>.</param>
    /// <returns>n samples, row-major.</returns>
    public static Dataset Gaussian(double[] mean, double[,] covariance, int count, Random random)
    {
        DataSourceArguments.CheckFiniteVector(mean, nameof(mean));
        var d = mean.Length;
        var lower = CholeskyFactor(covariance, d, nameof(covariance));
        DataSourceArguments.CheckCount(count, d, nameof(count));
        ArgumentNullException.ThrowIfNull(random);

        return AffineNormals(mean, lower, lowerTriangular: true, scale: null, count, random);
    }

    /// <summary>
    /// n samples x_k = μ + A (s ∘ z_k), z_k ~ N(0, I_d), the n·d standard normals drawn as one block with MathNet's
    /// <see cref="Normal.Samples(Random, double[], double, double)"/> (sample k uses z[k·d .. k·d + d − 1]).
    /// s scales each normal first (null: none); a lower-triangular A is read only at j ≤ i. Each component is
    /// μ_i + Σ_j a_ij·(s_j z_kj), summed over j in order.
    /// </summary>
    private static Dataset AffineNormals(double[] mean, double[,] a, bool lowerTriangular, double[]? scale, int count, Random random)
    {
        var d = mean.Length;
        var z = new double[count * d];
        Normal.Samples(random, z, 0.0, 1.0);
        if (scale is not null)
        {
            for (var q = 0; q < z.Length; q++)
            {
                z[q] = scale[q % d] * z[q];
            }
        }

        var x = new double[count * d];
        for (var k = 0; k < count; k++)
        {
            var row = k * d;
            for (var i = 0; i < d; i++)
            {
                var columns = lowerTriangular ? i + 1 : d;
                var s = 0.0;
                for (var j = 0; j < columns; j++)
                {
                    s += a[i, j] * z[row + j];
                }

                x[row + i] = mean[i] + s;
            }
        }

        return new Dataset(count, d, x);
    }

    /// <summary>
    /// The lower Cholesky factor L of a symmetric positive-definite Σ (MathNet), after checking shape,
    /// finiteness and symmetry; the lower triangle is mirrored first, so MathNet sees an exactly symmetric matrix.
    /// </summary>
    private static double[,] CholeskyFactor(double[,] covariance, int d, string name)
    {
        DataSourceArguments.CheckFiniteMatrix(covariance, d, d, name);
        var symmetric = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            if (!(covariance[i, i] > 0))
            {
                throw new ArgumentException($"{name}[{i}, {i}] is {covariance[i, i]}; a covariance must be positive definite (every variance > 0).", name);
            }

            for (var j = 0; j <= i; j++)
            {
                var scale = Math.Sqrt(covariance[i, i] * covariance[j, j]);
                if (Math.Abs(covariance[i, j] - covariance[j, i]) > CovarianceSymmetryTolerance * scale)
                {
                    throw new ArgumentException($"{name} is not symmetric: [{i}, {j}] = {covariance[i, j]:R} but [{j}, {i}] = {covariance[j, i]:R}.", name);
                }

                symmetric[i, j] = covariance[i, j];
                symmetric[j, i] = covariance[i, j];
            }
        }

        try
        {
            return Matrix<double>.Build.DenseOfArray(symmetric).Cholesky().Factor.ToArray();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{name} is not positive definite (Cholesky factorisation failed: {e.Message}).", name, e);
        }
    }
}
