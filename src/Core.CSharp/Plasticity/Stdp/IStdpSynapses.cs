namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The plastic synapses from N presynaptic inputs onto one postsynaptic neuron under a spike-timing-dependent
/// rule, driven by events: traces decay exactly between events, and each pre or post spike updates traces and
/// weights. The weights live outside (a span the caller owns, or later a device array); the rule never owns them.
/// </summary>
/// <remarks>
/// Time is in ms. A simulation loop calls, per time step of length dt: <see cref="Decay"/>(dt), then
/// <see cref="OnPreSpike"/> for every input that spiked in the step, then <see cref="OnPostSpike"/> if the
/// neuron spiked. That fixed order is the toolkit's convention for coincident pre and post spikes (pre first,
/// as in Brian2's default schedule); implementations document how traces are read relative to their increments.
/// </remarks>
public interface IStdpSynapses
{
    /// <summary>Number of presynaptic inputs N.</summary>
    int Inputs { get; }

    /// <summary>Lets every trace decay exactly over an interval: x ← x·e^{−Δt/τ} (Δt ≥ 0, ms).</summary>
    void Decay(double interval);

    /// <summary>A spike of input <paramref name="input"/>: updates its trace(s) and its weight (depression side).</summary>
    void OnPreSpike(int input, Span<double> weights);

    /// <summary>A postsynaptic spike: updates the postsynaptic trace(s) and every weight (potentiation side).</summary>
    void OnPostSpike(Span<double> weights);
}
