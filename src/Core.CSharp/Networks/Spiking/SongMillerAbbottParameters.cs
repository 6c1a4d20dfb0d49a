using Plasticity.Core.Neurons.Spiking;

namespace Plasticity.Core.Networks.Spiking;

/// <summary>
/// Parameters of the Song–Miller–Abbott experiment: N Poisson inputs onto one conductance-based LIF neuron with
/// plastic excitatory weights (Song, Miller &amp; Abbott 2000, Nat. Neurosci. 3:919). The defaults are the classic
/// model as users know it from Brian2's documented example examples/synapses/STDP.py
/// (https://brian2.readthedocs.io/en/2.9.0/examples/synapses.STDP.html): N = 1000, τ_m = 10 ms, E_L = −74 mV,
/// V_t = −54 mV, V_r = −60 mV, E_e = 0 mV, τ_e = 5 ms, g_max = 0.01, w uniform in [0, g_max], 15 Hz inputs,
/// 100 s; Brian2's defaultclock dt = 0.1 ms. Units: ms, mV, Hz; conductances in units of the leak conductance.
/// </summary>
/// <remarks>
/// Differences from the Brian2 script, all documented choices: integration is the exponential scheme of
/// <see cref="ConductanceLifNeuron"/> (Brian2 uses <c>method='euler'</c>); V starts at E_L (Brian2 leaves v = 0 mV,
/// so its neuron fires once at the first step); the threshold test is V ≥ V_t (Brian2: v &gt; vt); Poisson spikes
/// have per-step probability 1 − e^{−r·dt} (Brian2: r·dt).
/// </remarks>
public sealed record SongMillerAbbottParameters
{
    /// <summary>N, number of inputs (default 1000).</summary>
    public int Inputs { get; init; } = 1000;

    /// <summary>r, input rate (Hz; default 15).</summary>
    public double InputRateHz { get; init; } = 15.0;

    /// <summary>Simulated duration T (ms; default 100 000 = 100 s); the run has round(T/dt) steps.</summary>
    public double Duration { get; init; } = 100_000.0;

    /// <summary>dt (ms; default 0.1).</summary>
    public double TimeStep { get; init; } = 0.1;

    /// <summary>The neuron (default <see cref="LifParameters.Brian2Stdp"/>).</summary>
    public LifParameters Neuron { get; init; } = LifParameters.Brian2Stdp;

    /// <summary>E_e, excitatory reversal potential (mV; default 0).</summary>
    public double ExcitatoryReversal { get; init; }

    /// <summary>τ_e, excitatory conductance decay time (ms; default 5).</summary>
    public double ExcitatoryTimeConstant { get; init; } = 5.0;

    /// <summary>g_max, the upper weight bound; initial weights are uniform in [0, g_max) (default 0.01).</summary>
    public double MaxWeight { get; init; } = 0.01;

    /// <summary>V(0) in mV, or null for E_L.</summary>
    public double? InitialPotential { get; init; }

    /// <summary>Width of the output-rate bins (ms; default 1000).</summary>
    public double RateBin { get; init; } = 1000.0;

    /// <summary>
    /// w* = (V_t − E_L)/(E_e − V_t): the conductance that, held constant, holds the neuron exactly at threshold
    /// (V∞(w*) = V_t); below it one input cannot take the neuron from rest to threshold even with its conductance held
    /// open at w (+∞ when E_e ≤ V_t). For the defaults w* = 20/54 ≈ 0.370, 37 times the classic g_max = 0.01.
    /// </summary>
    /// <remarks>
    /// Derivation: with conductance g(t) ≤ w, τ_m dV/dt = (E_L − V) + g (E_e − V) drives V towards
    /// V∞(g) = (E_L + g E_e)/(1 + g), which increases with g. V starts at E_L &lt; V∞(w) and cannot cross V∞(w) from
    /// below (dV/dt ≤ 0 there), so V &lt; V_t for all t when V∞(w) &lt; V_t, that is w &lt; w*. A single input spike,
    /// whose conductance decays with τ_e, needs a larger weight still (about 3.4 w* for the defaults), so w* is a
    /// conservative bound. The Song–Miller–Abbott competition needs many weak inputs summing to threshold; far above
    /// w* the neuron fires at every step (the rate is then 1/dt) and g_max near double.MaxValue overflows g.
    /// </remarks>
    public double SingleInputFiringWeight =>
        ExcitatoryReversal > Neuron.Threshold
            ? (Neuron.Threshold - Neuron.RestingPotential) / (ExcitatoryReversal - Neuron.Threshold)
            : double.PositiveInfinity;

    /// <summary>Number of steps round(T/dt).</summary>
    public long Steps => (long)Math.Round(Duration / TimeStep);

    /// <summary>Validates every field (ranges in the messages).</summary>
    public SongMillerAbbottParameters Validated()
    {
        if (Inputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Inputs), Inputs, "inputs must be >= 1.");
        }

        ParameterChecks.NonNegative(InputRateHz, nameof(InputRateHz));
        ParameterChecks.Positive(Duration, nameof(Duration));
        ParameterChecks.Positive(TimeStep, nameof(TimeStep));
        ArgumentNullException.ThrowIfNull(Neuron);
        Neuron.Validated();
        ParameterChecks.Finite(ExcitatoryReversal, nameof(ExcitatoryReversal));
        ParameterChecks.Positive(ExcitatoryTimeConstant, nameof(ExcitatoryTimeConstant));
        ParameterChecks.NonNegative(MaxWeight, nameof(MaxWeight));
        if (InitialPotential is { } v)
        {
            ParameterChecks.Finite(v, nameof(InitialPotential));
        }

        ParameterChecks.Positive(RateBin, nameof(RateBin));
        if (Steps < 1 || Steps > int.MaxValue * 16L)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "duration/dt must be in [1, 2^35] steps.");
        }

        return Math.Round(RateBin / TimeStep) >= 1 ? this
            : throw new ArgumentOutOfRangeException(nameof(RateBin), RateBin, "rate bin must be >= dt.");
    }
}
