using MathNet.Numerics.Distributions;

namespace Plasticity.Experiments.Stability;

/// <summary>
/// The data, initial weights and order generator of a point, each from its own stream derived from the point's seed
/// (<see cref="SeedSequence.Derive"/>): data from (seed, 1, d, gap, input), initial weights from (seed, 2, d, m),
/// order from (seed, 3). So every rule sees the same data at the same (d, gap, input, seed), and changing one rule
/// or adding a point changes no other point's numbers.
/// </summary>
public static class StabilityInputs
{
    /// <summary>Stream of the data.</summary>
    public const long DataStream = 1;

    /// <summary>Stream of the initial weights.</summary>
    public const long WeightStream = 2;

    /// <summary>Stream of the presentation order.</summary>
    public const long OrderStream = 3;

    /// <summary>Stream of a spiking point's initial weights and input spikes.</summary>
    public const long SpikingStream = 4;

    /// <summary>
    /// The point's samples: the spectrum λ = <see cref="DataSources.EigengapSpectrum"/>(d, gap) with the statistics of
    /// <see cref="StabilityPoint.Input"/> (see <see cref="InputKind"/>), plus the grid's offset μ on every component.
    /// </summary>
    public static Dataset Data(StabilityPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var d = point.Dimension;
        var n = point.Grid.Samples;
        var random = SeedPath.Random(point.Seed, SeedPath.Stability, DataStream, d, BitConverter.DoubleToInt64Bits(point.Eigengap), (long)point.Input);
        var lambda = DataSources.EigengapSpectrum(d, point.Eigengap);
        var raw = point.Input switch
        {
            InputKind.Gaussian => DataSources.GaussianWithSpectrum(lambda, n, random).Data,
            InputKind.Laplacian => DataSources.Laplacian(Mixing(lambda, random), n, random),
            _ => DataSources.OneHot(Probabilities(lambda), n, random),
        };
        if (point.Grid.Mean == 0.0)
        {
            return raw;
        }

        var x = raw.Samples.ToArray();
        for (var k = 0; k < x.Length; k++)
        {
            x[k] += point.Grid.Mean;
        }

        return new Dataset(raw.Count, raw.Dimension, x);
    }

    /// <summary>p_j = λ_j / Σ λ (left-to-right sum): the one-hot probabilities with the point's spectrum.</summary>
    public static double[] Probabilities(double[] lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        var sum = 0.0;
        foreach (var l in lambda)
        {
            sum += l;
        }

        return [.. lambda.Select(l => l / sum)];
    }

    /// <summary>
    /// Initial weights, m rows of d: w_ij ~ N(0, 1/d) (unit expected row norm); |N(0, 1/d)| for the rules that need
    /// a positive drive (instar, outstar, scaling); m distinct samples of the data for competitive learning (every
    /// unit starts on the data and can win).
    /// </summary>
    public static double[][] InitialWeights(StabilityPoint point, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(data);
        var d = point.Dimension;
        var m = point.Outputs;
        var random = SeedPath.Random(point.Seed, SeedPath.Stability, WeightStream, d, m);
        var rows = new double[m][];
        if (point.Rule == "competitive")
        {
            var index = Enumerable.Range(0, data.Count).ToArray();
            for (var i = 0; i < m; i++)
            {
                var j = i + random.Next(index.Length - i);
                (index[i], index[j]) = (index[j], index[i]);
                rows[i] = data.Sample(index[i]).ToArray();
            }

            return rows;
        }

        var positive = point.Rule is "instar" or "outstar" or "scaling";
        var scale = 1.0 / Math.Sqrt(d);
        for (var i = 0; i < m; i++)
        {
            rows[i] = new double[d];
            Normal.Samples(random, rows[i], 0.0, scale);
            if (positive)
            {
                for (var j = 0; j < d; j++)
                {
                    rows[i][j] = Math.Abs(rows[i][j]);
                }
            }
        }

        return rows;
    }

    /// <summary>The generator of the presentation order.</summary>
    public static Random Order(StabilityPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return SeedPath.Random(point.Seed, SeedPath.Stability, OrderStream);
    }

    /// <summary>A = Q diag(√λ) for a Haar-random Q, so x = A s has covariance Q diag(λ) Qᵀ for unit-variance s.</summary>
    private static double[,] Mixing(double[] lambda, Random random)
    {
        var d = lambda.Length;
        var q = DataSources.RandomOrthogonal(d, random);
        var a = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var k = 0; k < d; k++)
            {
                a[i, k] = q[i, k] * Math.Sqrt(lambda[k]);
            }
        }

        return a;
    }

    /// <summary>The generator of a spiking point's initial weights and Poisson inputs: (seed, 4, N, bits of ν).</summary>
    public static Random Spiking(StabilityPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return SeedPath.Random(point.Seed, SeedPath.Stability, SpikingStream, point.Dimension, BitConverter.DoubleToInt64Bits(point.InputRateHz));
    }
}
