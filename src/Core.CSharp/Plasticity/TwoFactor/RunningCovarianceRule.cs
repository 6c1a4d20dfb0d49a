using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Covariance rule with running-mean thresholds (Sejnowski 1977; science sheet §2):
/// Δw_ij = η·(x_j − θ_x,j)·(y_i − θ_y,i), then θ_x ← θ_x + η_m (x − θ_x) and θ_y ← θ_y + η_m (y − θ_y).
/// The thresholds are exponential running means with time constant 1/η_m samples, so for slow learning
/// the averaged dynamics are τ dw/dt = C⁰ w. Each row delegates to <see cref="CovarianceRule"/>'s kernel.
/// </summary>
/// <param name="Eta">Learning rate η.</param>
/// <param name="EtaMean">Running-mean rate η_m in (0, 1].</param>
public sealed record RunningCovarianceRule(double Eta, double EtaMean) : IStatefulRule
{
    /// <inheritdoc/>
    public string Name => "covariance-running";

    /// <inheritdoc/>
    public ILearner CreateLearner(int outputs, int inputs) => new Learner(this, outputs, inputs);

    private sealed class Learner(RunningCovarianceRule rule, int outputs, int inputs) : ILearner
    {
        private readonly double[] _thetaPre = new double[inputs];
        private readonly double[] _thetaPost = new double[outputs];
        private readonly double[] _centred = new double[inputs];

        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, IWeightMatrix weights, Span<double> delta)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(pre, _thetaPre, _centred);
            var n = weights.Inputs;
            for (var i = 0; i < weights.Outputs; i++)
            {
                // (x − θx)·(η (y − θy)), as CovarianceRule.Delta.
                System.Numerics.Tensors.TensorPrimitives.Multiply(_centred, rule.Eta * (post[i] - _thetaPost[i]), delta.Slice(i * n, n));
            }
        }

        public void Observe(ReadOnlySpan<double> pre, ReadOnlySpan<double> post)
        {
            for (var j = 0; j < _thetaPre.Length; j++)
            {
                _thetaPre[j] += rule.EtaMean * (pre[j] - _thetaPre[j]);
            }

            for (var i = 0; i < _thetaPost.Length; i++)
            {
                _thetaPost[i] += rule.EtaMean * (post[i] - _thetaPost[i]);
            }
        }
    }
}
