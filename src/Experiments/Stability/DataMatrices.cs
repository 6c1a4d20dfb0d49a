using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Plasticity.Experiments.Stability;

/// <summary>
/// The data's matrices and their eigenvectors, computed independently of the rules (MathNet's symmetric EVD): the
/// oracle the final weights are compared with. Statistics use 1/n, the empirical distribution an online rule sees.
/// </summary>
public static class DataMatrices
{
    /// <summary>C = (1/n) Σ_k x_k x_kᵀ.</summary>
    public static Matrix<double> Correlation(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return SecondMoment(data, new double[data.Dimension]);
    }

    /// <summary>C⁰ = (1/n) Σ_k (x_k − ⟨x⟩)(x_k − ⟨x⟩)ᵀ.</summary>
    public static Matrix<double> Covariance(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return SecondMoment(data, data.Mean());
    }

    /// <summary>The drift matrix of <paramref name="kind"/> (see <see cref="DriftMatrix"/>).</summary>
    public static Matrix<double> Drift(Dataset data, DriftMatrix kind)
    {
        ArgumentNullException.ThrowIfNull(data);
        switch (kind)
        {
            case DriftMatrix.Covariance:
                return Covariance(data);
            case DriftMatrix.OutstarDrift:
                var a = Correlation(data);
                var mean = data.Mean();
                for (var j = 0; j < mean.Length; j++)
                {
                    a[j, j] -= mean[j];
                }

                return a;
            default:
                return Correlation(data);
        }
    }

    /// <summary>Eigenpairs of a symmetric matrix, eigenvalues descending; each eigenvector has unit norm.</summary>
    public static (double[] Values, double[][] Vectors) Eigen(Matrix<double> symmetric)
    {
        ArgumentNullException.ThrowIfNull(symmetric);
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var d = symmetric.RowCount;
        var order = Enumerable.Range(0, d).OrderByDescending(k => evd.EigenValues[k].Real).ToArray();
        var values = order.Select(k => evd.EigenValues[k].Real).ToArray();
        var vectors = order.Select(k => evd.EigenVectors.Column(k).Normalize(2).ToArray()).ToArray();
        return (values, vectors);
    }

    private static Matrix<double> SecondMoment(Dataset data, double[] centre)
    {
        var d = data.Dimension;
        var m = Matrix<double>.Build.Dense(d, d);
        var row = new double[d];
        for (var k = 0; k < data.Count; k++)
        {
            var x = data.Sample(k);
            for (var i = 0; i < d; i++)
            {
                row[i] = x[i] - centre[i];
            }

            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    m[i, j] += row[i] * row[j];
                }
            }
        }

        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                m[i, j] /= data.Count;
                m[j, i] = m[i, j];
            }
        }

        return m;
    }
}
