namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// BCM rule with a sliding threshold (Bienenstock, Cooper &amp; Munro 1982; science sheet §2):
/// Δw_ij = η·x_j·y_i·(y_i − θ_i), evaluated as x·(η y (y − θ)); after each sample
/// θ_i ← θ_i + η_θ·(y_i² − θ_i) (the discrete form of dθ/dt = η_θ (y² − θ), so θ tracks ⟨y²⟩).
/// </summary>
/// <remarks>
/// Order convention: a sample's weight change uses θ before that sample; θ is updated afterwards.
/// For stability the threshold must be faster than the weights (η_θ ≫ η·⟨x²⟩·y²); the averaged theory
/// (BcmTheory) takes the fast-threshold limit. With <see cref="BcmThreshold.Mean"/> θ tracks ⟨y⟩ instead,
/// which has no stable selective state.
/// </remarks>
/// <param name="Eta">Learning rate η &gt; 0.</param>
/// <param name="EtaTheta">Threshold rate η_θ in (0, 1].</param>
/// <param name="InitialTheta">θ at the start, ≥ 0.</param>
/// <param name="Statistic">What θ slides towards.</param>
public sealed record BcmRule(double Eta, double EtaTheta, double InitialTheta, BcmThreshold Statistic = BcmThreshold.MeanSquare) : IPlasticityRule
{
    /// <summary>Learning rate η &gt; 0.</summary>
    public double Eta { get; } = ParameterChecks.Positive(Eta, nameof(Eta));

    /// <summary>Threshold rate η_θ in (0, 1].</summary>
    public double EtaTheta { get; } = RuleArguments.Rate(EtaTheta, nameof(EtaTheta), allowZero: false);

    /// <summary>Initial threshold θ ≥ 0.</summary>
    public double InitialTheta { get; } = ParameterChecks.NonNegative(InitialTheta, nameof(InitialTheta));

    /// <inheritdoc/>
    public string Name => Statistic == BcmThreshold.MeanSquare ? "bcm" : "bcm-mean";

    /// <inheritdoc/>
    public bool HasState => true;

    /// <summary>Scalar reference kernel: η·x·y·(y − θ).</summary>
    public double Delta(double pre, double post, double theta) => pre * (Eta * post * (post - theta));

    /// <summary>The threshold after one sample with postsynaptic rate y.</summary>
    public double NextTheta(double theta, double post) =>
        theta + EtaTheta * ((Statistic == BcmThreshold.MeanSquare ? post * post : post) - theta);

    /// <inheritdoc/>
    public IRuleState CreateState(int outputs, int inputs) => new Learner(this, outputs);

    /// <summary>
    /// The rule's state (<see cref="IRuleState"/>) for one layer: the thresholds θ_i, readable for inspection and
    /// reports. (The name is kept from the earlier contract so callers that read θ keep compiling.)
    /// </summary>
    public sealed class Learner : IRuleState
    {
        private readonly BcmRule _rule;
        private readonly double[] _theta;

        internal Learner(BcmRule rule, int outputs)
        {
            _rule = rule;
            _theta = new double[outputs];
            Array.Fill(_theta, rule.InitialTheta);
        }

        /// <summary>Current thresholds θ_i.</summary>
        public ReadOnlySpan<double> Theta => _theta;

        /// <inheritdoc/>
        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
        {
            var n = context.Weights.Inputs;
            for (var i = 0; i < _theta.Length; i++)
            {
                TensorPrimitives.Multiply(pre, _rule.Eta * post[i] * (post[i] - _theta[i]), delta.Slice(i * n, n));
            }
        }

        /// <inheritdoc/>
        public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta)
        {
            for (var i = 0; i < _theta.Length; i++)
            {
                _theta[i] = _rule.NextTheta(_theta[i], post[i]);
            }
        }
    }
}
