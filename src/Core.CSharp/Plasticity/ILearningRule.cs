namespace Plasticity.Core.Plasticity;

/// <summary>
/// A learning rule for a layer of outputs: an immutable description (its parameters) that creates a
/// <see cref="ILearner"/> holding the rule's own state (sliding thresholds, running means) for one layer.
/// </summary>
/// <remarks>
/// Nengo's split: description, state, step. Rules compute ΔW and never own W, so the same rule runs on a
/// dense matrix or a simulated crossbar, and a three-factor rule can wrap any two-factor one.
/// </remarks>
public interface ILearningRule
{
    /// <summary>Short name used in reports (for example "oja", "gha").</summary>
    string Name { get; }

    /// <summary>Creates the rule's state for a layer with <paramref name="outputs"/> outputs and <paramref name="inputs"/> inputs.</summary>
    ILearner CreateLearner(int outputs, int inputs);
}

/// <summary>The state and step of a <see cref="ILearningRule"/> for one layer.</summary>
public interface ILearner
{
    /// <summary>
    /// Writes ΔW (outputs × inputs, row-major) for one sample with presynaptic rates <paramref name="pre"/>,
    /// postsynaptic rates <paramref name="post"/> and the current <paramref name="weights"/>, using the
    /// rule's current state. Neither the weights nor the state change.
    /// </summary>
    void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, Synapses.IWeightMatrix weights, Span<double> delta);

    /// <summary>
    /// Advances the rule's own state after a sample has been used (for example BCM's θ ← θ + η_θ (y² − θ)).
    /// Convention: the weight change of a sample uses the state before that sample; the state update follows.
    /// Stateless rules do nothing.
    /// </summary>
    void Observe(ReadOnlySpan<double> pre, ReadOnlySpan<double> post);
}
