namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Applies a local two-factor rule to every synapse of a layer: ΔW_ij = F(w_ij; x_j, y_i), row by row with
/// the rule's vectorised <see cref="ILocalRule.DeltaRow"/>, reading w from the step's weights. Stateless.
/// </summary>
/// <param name="Rule">The local rule.</param>
/// <param name="Name">Report name.</param>
public sealed record LocalLayerRule(ILocalRule Rule, string Name) : IPlasticityRule
{
    /// <inheritdoc/>
    public bool HasState => false;

    /// <inheritdoc/>
    public IRuleState CreateState(int outputs, int inputs) => new State(Rule, inputs);

    private sealed class State(ILocalRule rule, int inputs) : IRuleState
    {
        private readonly double[] _row = new double[inputs];

        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
        {
            var weights = context.Weights;
            var n = weights.Inputs;
            for (var i = 0; i < weights.Outputs; i++)
            {
                weights.CopyRow(i, _row);
                rule.DeltaRow(pre, post[i], _row, delta.Slice(i * n, n));
            }
        }

        public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta)
        {
        }
    }
}
