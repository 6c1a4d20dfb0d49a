using MathNet.Numerics.Distributions;

namespace Plasticity.Core.Data;

public static partial class DataSources
{
    /// <summary>
    /// Scale b = 1/√2 of the unit-variance Laplace source (density e^{−|s|/b}/(2b), variance 2b² = 1,
    /// excess kurtosis 3).
    /// </summary>
    public static readonly double UnitLaplaceScale = 1.0 / Math.Sqrt(2.0);

    /// <summary>
    /// Draws <paramref name="count"/> samples of a linear mixture of independent Laplacian sources,
    /// x = A s, s_j ~ Laplace(0, b = 1/√2) (zero mean, unit variance, excess kurtosis 3): super-Gaussian
    /// input for ICA-like and BCM rules. Covariance A Aᵀ.
    /// </summary>
    /// <param name="mixing">A, d × m (d inputs, m sources), finite, d, m ≥ 1.</param>
    /// <param name="count">Number of samples n ≥ 1.</param>
    /// <param name="random">The generator; it draws the n·m sources s (sample k uses s[k·m .. k·m + m − 1]),
    /// each with MathNet's <see cref="Laplace.Sample(Random, double, double)"/> (location 0, scale b). That
    /// inverse-CDF sampler returns −∞ when the uniform is exactly 0 (probability 2⁻⁵³); such a draw is
    /// discarded and redrawn, which conditions on an event of probability 1 − 2⁻⁵³.</param>
    public static Dataset Laplacian(double[,] mixing, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(mixing);
        var d = mixing.GetLength(0);
        var m = mixing.GetLength(1);
        if (d < 1 || m < 1)
        {
            throw new ArgumentException($"mixing is {d} × {m}; both dimensions must be ≥ 1.", nameof(mixing));
        }

        DataSourceArguments.CheckFiniteMatrix(mixing, d, m, nameof(mixing));
        DataSourceArguments.CheckCount(count, Math.Max(d, m), nameof(count));
        ArgumentNullException.ThrowIfNull(random);

        var s = new double[count * m];
        for (var k = 0; k < s.Length; k++)
        {
            double v;
            do
            {
                v = Laplace.Sample(random, 0.0, UnitLaplaceScale);
            }
            while (!double.IsFinite(v));
            s[k] = v;
        }

        var x = new double[count * d];
        for (var k = 0; k < count; k++)
        {
            for (var i = 0; i < d; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < m; j++)
                {
                    sum += mixing[i, j] * s[k * m + j];
                }

                x[k * d + i] = sum;
            }
        }

        return new Dataset(count, d, x);
    }
}
