namespace Plasticity.Core.Synapses.Kernels;

/// <summary>
/// A synaptic kernel s(t): the gating variable's time course after one presynaptic spike at t = 0 (science sheet
/// §1), with s(t) = 0 for t &lt; 0. Time in ms; s is dimensionless. Spikes superpose linearly.
/// </summary>
public interface ISynapseKernel
{
    /// <summary>Short name ("exponential", "alpha", "difference-of-exponentials").</summary>
    string Name { get; }

    /// <summary>Closed-form scalar reference s(t) (0 for t &lt; 0).</summary>
    double Value(double time);

    /// <summary>Time of the maximum t* (ms).</summary>
    double PeakTime { get; }

    /// <summary>Maximum value s(t*).</summary>
    double PeakValue { get; }

    /// <summary>∫₀^∞ s(t) dt (ms).</summary>
    double Integral { get; }

    /// <summary>A state that advances by exactly dt per step (stepping equals <see cref="Value"/> to rounding).</summary>
    IKernelState CreateState(double timeStep);
}
