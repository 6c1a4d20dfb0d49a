using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Applies a local two-factor rule to every synapse of a layer: ΔW_ij = F(w_ij; x_j, y_i), row by row with
/// the rule's vectorised <see cref="ILocalRule.DeltaRow"/>. Stateless.
/// </summary>
/// <param name="Rule">The local rule.</param>
/// <param name="Name">Report name.</param>
public sealed record LocalLayerRule(ILocalRule Rule, string Name) : ILearningRule
{
    /// <inheritdoc/>
    public ILearner CreateLearner(int outputs, int inputs) => new Learner(Rule, inputs);

    private sealed class Learner(ILocalRule rule, int inputs) : ILearner
    {
        private readonly double[] _row = new double[inputs];

        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, IWeightMatrix weights, Span<double> delta)
        {
            var n = weights.Inputs;
            for (var i = 0; i < weights.Outputs; i++)
            {
                weights.CopyRow(i, _row);
                rule.DeltaRow(pre, post[i], _row, delta.Slice(i * n, n));
            }
        }

        public void Observe(ReadOnlySpan<double> pre, ReadOnlySpan<double> post)
        {
        }
    }
}
