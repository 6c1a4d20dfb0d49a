namespace Plasticity.Cli.Learning;

/// <summary>
/// Eigenpairs of the correlation C or the covariance C⁰ of samples, computed on the samples divided by a power of
/// two s ≈ max|x| and scaled back (eigenvalues × s², eigenvectors unchanged).
/// </summary>
/// <remarks>
/// MathNet's symmetric decomposition forms sums of squares of the matrix entries, so it fails (an
/// IndexOutOfRangeException inside SymmetricDiagonalize) once entries pass about 1e154, that is data beyond about
/// 1e77, far inside <see cref="DataLimits.MaxMagnitude"/>. Eigenvectors do not depend on the scale of the matrix and
/// eigenvalues scale with it, so decomposing C/s² (entries at most 1) is exact up to the decomposition's own
/// rounding, and a power of two makes x/s and λ·s² exact. Ordinary data (max|x| within 2^±64, far from both the
/// overflow near 1e77 and the underflow of squares near 1e-154) is decomposed as it is, so its results are unchanged.
/// </remarks>
public static class ScaledSpectrum
{
    /// <summary>Data with max|x| in [2^-64, 2^64] is decomposed unscaled.</summary>
    public const int UnscaledExponent = 64;

    /// <summary>
    /// The power of two s with max|x|/s in (0.5, 1] when max|x| is outside [2^-64, 2^64]; otherwise (and for all-zero
    /// samples) 1.
    /// </summary>
    public static double ScaleOf(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var largest = 0.0;
        foreach (var row in rows)
        {
            foreach (var v in row)
            {
                largest = Math.Max(largest, Math.Abs(v));
            }
        }

        var exponent = largest > 0 ? Math.ILogB(largest) + 1 : 0;
        return Math.Abs(exponent) > UnscaledExponent ? Math.ScaleB(1.0, exponent) : 1.0;
    }

    /// <summary>Eigenpairs of C = E[x xᵀ] (<see cref="HebbianTheory.correlation"/>), robust to the data's scale.</summary>
    public static Eigenpairs Correlation(double[][] rows) => Decompose(rows, HebbianTheory.correlation);

    /// <summary>Eigenpairs of C⁰ (<see cref="HebbianTheory.covariance"/>), robust to the data's scale.</summary>
    public static Eigenpairs Covariance(double[][] rows) => Decompose(rows, HebbianTheory.covariance);

    private static Eigenpairs Decompose(double[][] rows, Func<double[][], double[][]> matrix)
    {
        var s = ScaleOf(rows);
        if (s == 1.0)
        {
            return HebbianTheory.eigen(matrix(rows));
        }

        var scaled = rows.Select(row => row.Select(v => v / s).ToArray()).ToArray();
        var pairs = HebbianTheory.eigen(matrix(scaled));
        // (λ·s)·s rather than λ·s²: s² underflows for data below about 1e-154 while the eigenvalue may not.
        return new Eigenpairs(pairs.Values.Select(v => v * s * s).ToArray(), pairs.Vectors);
    }
}
