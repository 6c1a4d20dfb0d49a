using Plasticity.Core.Plasticity;
using Plasticity.Core.Plasticity.TwoFactor;
using Plasticity.Core.Synapses;

namespace Plasticity.Cli.Learning;

/// <summary>
/// The covariance rule with fixed per-input thresholds θ_x,j = ⟨x_j⟩ (the data means) and θ_y = 0:
/// Δw_ij = (x_j − ⟨x_j⟩)·(η y_i), each synapse through <see cref="CovarianceRule.Delta"/>.
/// </summary>
/// <remarks>
/// The core's <see cref="CovarianceRule"/> has one scalar θ_x for all inputs, which equals the means only when every
/// input has the same mean. Per-input thresholds make the averaged drift E[(x − ⟨x⟩) y] = C⁰ w whatever θ_y is (because
/// E[x − ⟨x⟩] = 0), so θ_y is left at 0 (Sejnowski 1977; science sheet §2). The kernel itself is the core's.
/// </remarks>
public sealed class MeanThresholdCovarianceRule : ILearningRule
{
    private readonly CovarianceRule[] _kernels;

    /// <summary>Creates the rule with learning rate <paramref name="eta"/> and the input means <paramref name="means"/>.</summary>
    public MeanThresholdCovarianceRule(double eta, IReadOnlyList<double> means)
    {
        ArgumentNullException.ThrowIfNull(means);
        _kernels = means.Select(m => new CovarianceRule(eta, m, 0.0)).ToArray();
    }

    /// <inheritdoc/>
    public string Name => "covariance";

    /// <inheritdoc/>
    public ILearner CreateLearner(int outputs, int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(inputs, _kernels.Length);
        return new Learner(_kernels);
    }

    private sealed class Learner(CovarianceRule[] kernels) : ILearner
    {
        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, IWeightMatrix weights, Span<double> delta)
        {
            var n = weights.Inputs;
            for (var i = 0; i < weights.Outputs; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    delta[i * n + j] = kernels[j].Delta(pre[j], post[i], 0.0);
                }
            }
        }

        public void Observe(ReadOnlySpan<double> pre, ReadOnlySpan<double> post)
        {
        }
    }
}
