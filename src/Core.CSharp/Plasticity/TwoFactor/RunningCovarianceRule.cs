namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Covariance rule with running-mean thresholds (Sejnowski 1977; science sheet §2):
/// Δw_ij = η·(x_j − θ_x,j)·(y_i − θ_y,i), then θ_x ← θ_x + η_m (x − θ_x) and θ_y ← θ_y + η_m (y − θ_y).
/// The thresholds are exponential running means with time constant 1/η_m samples, so for slow learning
/// the averaged dynamics are τ dw/dt = C⁰ w. With η_m = 0 the thresholds stay at their initial values:
/// θ_x = the data mean gives E[Δw] = η C⁰ w exactly, whatever θ_y (since E[x − ⟨x⟩] = 0).
/// Each row evaluates <see cref="CovarianceRule"/>'s expression (x − θx)·(η (y − θy)).
/// </summary>
/// <param name="Eta">Learning rate η.</param>
/// <param name="EtaMean">Running-mean rate η_m in [0, 1] (0: fixed thresholds).</param>
/// <param name="InitialPre">θ_x at the start (length = inputs; null: zeros).</param>
/// <param name="InitialPost">θ_y at the start (length = outputs; null: zeros).</param>
public sealed record RunningCovarianceRule(double Eta, double EtaMean, double[]? InitialPre = null, double[]? InitialPost = null) : IPlasticityRule
{
    /// <summary>Learning rate η (finite).</summary>
    public double Eta { get; } = ParameterChecks.Finite(Eta, nameof(Eta));

    /// <summary>Running-mean rate η_m in [0, 1].</summary>
    public double EtaMean { get; } = RuleArguments.Rate(EtaMean, nameof(EtaMean), allowZero: true);

    /// <summary>Validates η_m and the threshold lengths for a layer of the given shape.</summary>
    public RunningCovarianceRule Validated(int outputs, int inputs) =>
        !(EtaMean >= 0 && EtaMean <= 1) ? throw new ArgumentOutOfRangeException(nameof(EtaMean), EtaMean, $"{nameof(EtaMean)} must be in [0, 1].")
        : InitialPre is not null && InitialPre.Length != inputs ? throw new ArgumentException($"InitialPre has {InitialPre.Length} entries; expected {inputs}.", nameof(InitialPre))
        : InitialPost is not null && InitialPost.Length != outputs ? throw new ArgumentException($"InitialPost has {InitialPost.Length} entries; expected {outputs}.", nameof(InitialPost))
        : this;

    /// <inheritdoc/>
    public string Name => "covariance-running";

    /// <inheritdoc/>
    public bool HasState => true;

    /// <inheritdoc/>
    public IRuleState CreateState(int outputs, int inputs) => new State(Validated(outputs, inputs), outputs, inputs);

    private sealed class State(RunningCovarianceRule rule, int outputs, int inputs) : IRuleState
    {
        private readonly double[] _thetaPre = rule.InitialPre?.ToArray() ?? new double[inputs];
        private readonly double[] _thetaPost = rule.InitialPost?.ToArray() ?? new double[outputs];
        private readonly double[] _centred = new double[inputs];

        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(pre, _thetaPre, _centred);
            var n = inputs;
            for (var i = 0; i < outputs; i++)
            {
                // (x − θx)·(η (y − θy)), as CovarianceRule.Delta.
                System.Numerics.Tensors.TensorPrimitives.Multiply(_centred, rule.Eta * (post[i] - _thetaPost[i]), delta.Slice(i * n, n));
            }
        }

        public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta)
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
