namespace Plasticity.Core.Neurons.Spiking;

/// <summary>
/// Parameters of a leaky integrate-and-fire neuron (science sheet §1): membrane time constant τ_m (ms), resting
/// (leak reversal) potential E_L (mV), threshold V_t (mV), reset V_r (mV) and absolute refractory period t_ref (ms).
/// </summary>
/// <remarks>
/// Spike convention (all LIF types and the Song–Miller–Abbott runner): the membrane is integrated over a whole step
/// (t_k, t_k + dt]; if then V ≥ V_t the neuron spikes at t_k + dt (the end of the step; no sub-step interpolation, so
/// a spike time is the true crossing time rounded UP to the grid, error in [0, dt)) and V is set to V_r. For the next
/// n_ref = round(t_ref/dt) steps V is held at V_r and not integrated. Brian2's example uses the strict test v &gt; vt;
/// the two differ only when V lands exactly on V_t.
/// </remarks>
/// <param name="MembraneTimeConstant">τ_m &gt; 0 (ms).</param>
/// <param name="RestingPotential">E_L (mV).</param>
/// <param name="Threshold">V_t (mV), &gt; V_r.</param>
/// <param name="Reset">V_r (mV).</param>
/// <param name="RefractoryPeriod">t_ref ≥ 0 (ms).</param>
public sealed record LifParameters(double MembraneTimeConstant, double RestingPotential, double Threshold, double Reset, double RefractoryPeriod = 0)
{
    /// <summary>
    /// The neuron of Brian2's STDP example (examples/synapses/STDP.py, after Song, Miller &amp; Abbott 2000):
    /// τ_m = 10 ms, E_L = −74 mV, V_t = −54 mV, V_r = −60 mV, no refractory period.
    /// </summary>
    public static LifParameters Brian2Stdp { get; } = new(10.0, -74.0, -54.0, -60.0, 0.0);

    /// <summary>Validates the parameters (τ_m &gt; 0, finite potentials, V_t &gt; V_r, t_ref ≥ 0).</summary>
    public LifParameters Validated()
    {
        ParameterChecks.Positive(MembraneTimeConstant, nameof(MembraneTimeConstant));
        ParameterChecks.Finite(RestingPotential, nameof(RestingPotential));
        ParameterChecks.Finite(Threshold, nameof(Threshold));
        ParameterChecks.Finite(Reset, nameof(Reset));
        ParameterChecks.NonNegative(RefractoryPeriod, nameof(RefractoryPeriod));
        return Threshold > Reset ? this
            : throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "threshold must be > reset.");
    }
}
