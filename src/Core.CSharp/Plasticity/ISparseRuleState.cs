namespace Plasticity.Core.Plasticity;

/// <summary>
/// An optional fast path of an <see cref="IRuleState"/> whose ΔW is mostly zero (event-driven rules such as STDP: a
/// step with a few presynaptic spikes changes only their synapses). It writes ΔW as its touched entries
/// (flat row-major indices k = i·Inputs + j, strictly ascending, and their values); every other entry of the dense
/// ΔW of <see cref="IRuleState.ComputeDelta"/> is exactly +0.0. The dense path stays the reference: scattering the
/// sparse values into a zero array gives the dense ΔW bit for bit, and <see cref="AdvanceSparse"/> changes the state
/// exactly as <see cref="IRuleState.Advance"/> does after the same step.
/// </summary>
/// <remarks>
/// A loop that finds this interface writes the touched entries with <see cref="Synapses.IWeightMatrix.AddAt"/>
/// (O(touched) instead of O(outputs·inputs)); any other loop, and any wrapper (for example
/// <see cref="ThreeFactor.EligibilityTrace"/>, whose trace is dense), uses the dense contract unchanged.
/// </remarks>
public interface ISparseRuleState : IRuleState
{
    /// <summary>
    /// The sparse form of <see cref="IRuleState.ComputeDelta"/>: writes the touched entries of ΔW into
    /// <paramref name="indices"/> (strictly ascending flat row-major indices) and <paramref name="values"/> and
    /// returns their number. Neither the weights nor the state change.
    /// </summary>
    /// <param name="pre">Presynaptic activity (length inputs).</param>
    /// <param name="post">Postsynaptic activity (length outputs).</param>
    /// <param name="context">Dt, the weights and the third factor of the step.</param>
    /// <param name="indices">Room for the touched indices: length ≥ outputs·inputs (the worst case).</param>
    /// <param name="values">Room for their values: length ≥ outputs·inputs.</param>
    /// <returns>The number of touched entries (0 when ΔW is +0.0 everywhere).</returns>
    int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values);

    /// <summary>
    /// <see cref="ComputeSparseDelta(ReadOnlySpan{double}, ReadOnlySpan{double}, in StepContext, Span{int}, Span{double})"/>
    /// for a caller that already holds the step's presynaptic spikes as a list: <paramref name="preSpikes"/> are the
    /// indices j with pre_j ≠ 0, strictly ascending, all of them (the state checks in O(spikes) that each is a spike and
    /// that they ascend; that none is missing is the caller's promise). Saves the O(inputs) scan of the indicators.
    /// </summary>
    /// <param name="pre">Presynaptic activity (length inputs).</param>
    /// <param name="preSpikes">The spiking inputs, strictly ascending.</param>
    /// <param name="post">Postsynaptic activity (length outputs).</param>
    /// <param name="context">Dt, the weights and the third factor of the step.</param>
    /// <param name="indices">Room for the touched indices: length ≥ outputs·inputs.</param>
    /// <param name="values">Room for their values: length ≥ outputs·inputs.</param>
    /// <returns>The number of touched entries.</returns>
    int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<int> preSpikes, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values);

    /// <summary>
    /// The sparse form of <see cref="IRuleState.Advance"/>, after the step's sparse change was applied:
    /// <paramref name="indices"/> and <paramref name="values"/> are the touched entries this state computed for the step.
    /// </summary>
    /// <param name="pre">Presynaptic activity (length inputs).</param>
    /// <param name="post">Postsynaptic activity (length outputs).</param>
    /// <param name="context">The context, holding the weights after the change.</param>
    /// <param name="indices">The step's touched indices.</param>
    /// <param name="values">Their values.</param>
    void AdvanceSparse(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<int> indices, ReadOnlySpan<double> values);
}
