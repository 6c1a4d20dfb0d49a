using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.MultiOutput;

/// <summary>
/// Competitive winner-takes-all learning (Rumelhart &amp; Zipser 1985; science sheet §2): the output with
/// the largest rate wins (ties: the lowest index) and moves towards the input,
/// Δw_{i*} = η·(x − w_{i*}); all other rows are unchanged. Online, this is k-means with learning rate η;
/// each row converges to the mean of the inputs it wins.
/// </summary>
/// <param name="Eta">Learning rate η in (0, 1].</param>
public sealed record CompetitiveRule(double Eta) : IPlasticityRule
{
    /// <summary>Learning rate η in (0, 1].</summary>
    public double Eta { get; } = RuleArguments.Rate(Eta, nameof(Eta), allowZero: false);

    /// <inheritdoc/>
    public string Name => "competitive";

    /// <inheritdoc/>
    public bool HasState => false;

    /// <summary>The winner: argmax_i y_i, lowest index on ties.</summary>
    public static int Winner(ReadOnlySpan<double> post)
    {
        var best = 0;
        for (var i = 1; i < post.Length; i++)
        {
            if (post[i] > post[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Scalar reference: Δw_ij = (x_j − w_ij)·η for i = i*, else 0.</summary>
    public double Delta(int i, int j, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, IWeightView weights) =>
        i == Winner(post) ? (pre[j] - weights[i, j]) * Eta : 0.0;

    /// <inheritdoc/>
    public IRuleState CreateState(int outputs, int inputs) => new State(this, inputs);

    private sealed class State(CompetitiveRule rule, int inputs) : IRuleState
    {
        private readonly double[] _row = new double[inputs];

        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
        {
            var weights = context.Weights;
            delta.Clear();
            var winner = Winner(post);
            var n = weights.Inputs;
            var target = delta.Slice(winner * n, n);
            weights.CopyRow(winner, _row);
            TensorPrimitives.Subtract(pre, _row, target);
            TensorPrimitives.Multiply(target, rule.Eta, target);
        }

        public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta)
        {
        }
    }
}
