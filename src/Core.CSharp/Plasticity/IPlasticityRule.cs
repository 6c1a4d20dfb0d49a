namespace Plasticity.Core.Plasticity;

/// <summary>
/// The one plasticity contract for every rule (rate, multi-output, STDP, three-factor): an immutable description
/// (the rule's parameters) that creates the rule's state for one layer of <c>outputs</c> postsynaptic neurons and
/// <c>inputs</c> presynaptic ones. The state computes ΔW through <see cref="IRuleState.ComputeDelta"/>; the weight
/// store applies it (with its own bounds); then the state advances through <see cref="IRuleState.Advance"/>.
/// </summary>
/// <remarks>
/// Nengo's split: description, state, step. Rules never own W, so a three-factor wrapper
/// (<see cref="ThreeFactor.EligibilityTrace"/>) wraps any rule and a crossbar runs any rule unchanged.
/// Activity convention: rate rules get rates (pre = x, length inputs; post = y, length outputs); spiking rules get
/// the spikes of the step as 0/1 indicators in the same two vectors.
/// </remarks>
public interface IPlasticityRule
{
    /// <summary>Short name used in reports (for example "oja", "gha", "stdp-pair").</summary>
    string Name { get; }

    /// <summary>
    /// Whether the rule carries state of its own that <see cref="IRuleState.Advance"/> changes (sliding thresholds,
    /// running means, traces). A loop that has no samples to advance on (the continuous-time averaged form) refuses
    /// such rules rather than silently freezing their state.
    /// </summary>
    bool HasState { get; }

    /// <summary>Creates the rule's state for a layer with <paramref name="outputs"/> outputs and <paramref name="inputs"/> inputs.</summary>
    IRuleState CreateState(int outputs, int inputs);
}

/// <summary>The state and step of an <see cref="IPlasticityRule"/> for one layer.</summary>
public interface IRuleState
{
    /// <summary>
    /// Writes ΔW (outputs × inputs, row-major, every entry written) for one step with presynaptic activity
    /// <paramref name="pre"/> and postsynaptic activity <paramref name="post"/>, using the rule's current state and
    /// the weights of <paramref name="context"/>. Neither the weights nor the state change.
    /// </summary>
    void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta);

    /// <summary>
    /// Advances the rule's own state after the step's change was applied (BCM's θ, a running mean, STDP traces).
    /// <paramref name="context"/> holds the weights after the change; <paramref name="delta"/> is the change this
    /// state computed for the step. Convention: the change of a step uses the state before the step; the state update
    /// follows. Stateless rules do nothing.
    /// </summary>
    void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta);
}
