namespace Plasticity.Core.Data;

public static partial class DataSources
{
    /// <summary>Tolerance on |Σ_j p_j − 1| accepted by <see cref="OneHot"/>.</summary>
    public const double ProbabilitySumTolerance = 1e-12;

    /// <summary>
    /// Draws <paramref name="count"/> one-hot samples: x = e_j with probability p_j (the stimulus set of BCM
    /// selectivity experiments).
    /// </summary>
    /// <param name="probabilities">p ∈ ℝ^d, p_j ≥ 0, |Σ p_j − 1| ≤ <see cref="ProbabilitySumTolerance"/>.</param>
    /// <param name="count">Number of samples n ≥ 1.</param>
    /// <param name="random">The generator; it draws one uniform u per sample and picks the first j with
    /// u &lt; p_1 + … + p_j (cumulative sums left to right); if roundoff leaves u above the last sum, the last
    /// j with p_j &gt; 0.</param>
    public static Dataset OneHot(double[] probabilities, int count, Random random)
    {
        DataSourceArguments.CheckFiniteVector(probabilities, nameof(probabilities));
        var d = probabilities.Length;
        var sum = 0.0;
        var last = -1;
        for (var j = 0; j < d; j++)
        {
            if (probabilities[j] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(probabilities), probabilities[j], $"probabilities[{j}] is {probabilities[j]}; every probability must be ≥ 0.");
            }

            sum += probabilities[j];
            if (probabilities[j] > 0)
            {
                last = j;
            }
        }

        if (!(Math.Abs(sum - 1.0) <= ProbabilitySumTolerance))
        {
            throw new ArgumentException($"probabilities sum to {sum:R}; they must sum to 1 within {ProbabilitySumTolerance}.", nameof(probabilities));
        }

        DataSourceArguments.CheckCount(count, d, nameof(count));
        ArgumentNullException.ThrowIfNull(random);

        var cumulative = new double[d];
        var c = 0.0;
        for (var j = 0; j < d; j++)
        {
            c += probabilities[j];
            cumulative[j] = c;
        }

        var x = new double[count * d];
        for (var k = 0; k < count; k++)
        {
            var u = random.NextDouble();
            var pick = last;
            for (var j = 0; j < d; j++)
            {
                if (u < cumulative[j])
                {
                    pick = j;
                    break;
                }
            }

            x[k * d + pick] = 1.0;
        }

        return new Dataset(count, d, x);
    }
}
