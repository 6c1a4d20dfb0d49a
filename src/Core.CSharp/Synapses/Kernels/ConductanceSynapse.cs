using Plasticity.Core.Neurons.Spiking;

namespace Plasticity.Core.Synapses.Kernels;

/// <summary>
/// A conductance synapse: a conductance in series with a battery, I_s(t) = ḡ_s·s(t)·(E_s − V) (science sheet §1),
/// with s(t) from a <see cref="ISynapseKernel"/>. ḡ_s is in units of the leak conductance, so I_s is in mV (current ×
/// leak resistance) and enters the membrane equation as τ_m dV/dt = (E_L − V) + Σ_s I_s. Excitatory synapses have
/// E_s ≈ 0 mV, inhibitory ones E_s ≈ V_rest (shunting).
/// </summary>
public sealed class ConductanceSynapse
{
    /// <summary>Creates the synapse with its kernel state at s = 0.</summary>
    /// <param name="kernel">The kernel s(t).</param>
    /// <param name="maxConductance">ḡ_s ≥ 0 (units of the leak conductance).</param>
    /// <param name="reversal">E_s (mV).</param>
    /// <param name="timeStep">dt &gt; 0 (ms).</param>
    public ConductanceSynapse(ISynapseKernel kernel, double maxConductance, double reversal, double timeStep)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        MaxConductance = ParameterChecks.NonNegative(maxConductance, nameof(maxConductance));
        Reversal = ParameterChecks.Finite(reversal, nameof(reversal));
        Kernel = kernel;
        State = kernel.CreateState(timeStep);
    }

    /// <summary>An excitatory synapse, E_s = <paramref name="reversal"/> (default 0 mV).</summary>
    public static ConductanceSynapse Excitatory(ISynapseKernel kernel, double maxConductance, double timeStep, double reversal = 0.0) =>
        new(kernel, maxConductance, reversal, timeStep);

    /// <summary>An inhibitory synapse with E_s at the resting potential (e.g. −74 mV): purely shunting at rest.</summary>
    public static ConductanceSynapse Inhibitory(ISynapseKernel kernel, double maxConductance, double timeStep, double restingPotential) =>
        new(kernel, maxConductance, restingPotential, timeStep);

    /// <summary>The kernel.</summary>
    public ISynapseKernel Kernel { get; }

    /// <summary>The kernel's state s.</summary>
    public IKernelState State { get; }

    /// <summary>ḡ_s.</summary>
    public double MaxConductance { get; }

    /// <summary>E_s (mV).</summary>
    public double Reversal { get; }

    /// <summary>g_s = ḡ_s·s (units of the leak conductance).</summary>
    public double Conductance => MaxConductance * State.Value;

    /// <summary>Mean conductance over the coming step, ḡ_s·(1/dt)∫ s.</summary>
    public double MeanConductanceOverStep => MaxConductance * State.MeanOverStep;

    /// <summary>I_s = ḡ_s·s·(E_s − V) (mV, i.e. current × leak resistance).</summary>
    public double Current(double potential) => MaxConductance * State.Value * (Reversal - potential);

    /// <summary>A presynaptic spike now (weight multiplies the kernel).</summary>
    public void Spike(double weight = 1.0) => State.Spike(weight);

    /// <summary>Advances the kernel by dt.</summary>
    public void Advance() => State.Advance();
}
