using MathNet.Numerics.Distributions;

namespace Plasticity.Core.Data;

public static partial class DataSources
{
    /// <summary>
    /// Draws <paramref name="count"/> samples of a two-cluster mixture: with probability p_A,
    /// x = a + σ z, otherwise x = b + σ z, z ~ N(0, I_d) (isotropic clusters). Mean p_A a + (1 − p_A) b,
    /// covariance σ² I + p_A (1 − p_A)(a − b)(a − b)ᵀ.
    /// </summary>
    /// <param name="centreA">a ∈ ℝ^d (finite, d ≥ 1).</param>
    /// <param name="centreB">b ∈ ℝ^d (finite, same d).</param>
    /// <param name="spread">σ ≥ 0, the per-component standard deviation within a cluster (input units).</param>
    /// <param name="probabilityA">p_A ∈ [0, 1], the probability that a sample comes from cluster A.</param>
    /// <param name="count">Number of samples n ≥ 1.</param>
    /// <param name="random">The generator; it draws first n uniforms u_k (sample k is from A iff u_k &lt; p_A),
    /// then the n·d normals z (sample k uses z[k·d .. k·d + d − 1]).</param>
    public static Dataset TwoCluster(double[] centreA, double[] centreB, double spread, double probabilityA, int count, Random random)
    {
        DataSourceArguments.CheckFiniteVector(centreA, nameof(centreA));
        DataSourceArguments.CheckFiniteVector(centreB, nameof(centreB));
        var d = centreA.Length;
        if (centreB.Length != d)
        {
            throw new ArgumentException($"centreB has {centreB.Length} components; expected {d} (as centreA).", nameof(centreB));
        }

        if (!(spread >= 0 && double.IsFinite(spread)))
        {
            throw new ArgumentOutOfRangeException(nameof(spread), spread, "spread must be finite and ≥ 0.");
        }

        if (!(probabilityA >= 0 && probabilityA <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityA), probabilityA, "probabilityA must be in [0, 1].");
        }

        DataSourceArguments.CheckCount(count, d, nameof(count));
        ArgumentNullException.ThrowIfNull(random);

        var fromA = new bool[count];
        for (var k = 0; k < count; k++)
        {
            fromA[k] = random.NextDouble() < probabilityA;
        }

        var z = new double[count * d];
        Normal.Samples(random, z, 0.0, 1.0);
        var x = new double[count * d];
        for (var k = 0; k < count; k++)
        {
            var centre = fromA[k] ? centreA : centreB;
            for (var i = 0; i < d; i++)
            {
                x[k * d + i] = centre[i] + spread * z[k * d + i];
            }
        }

        return new Dataset(count, d, x);
    }
}
