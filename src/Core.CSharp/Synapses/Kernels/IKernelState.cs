namespace Plasticity.Core.Synapses.Kernels;

/// <summary>
/// The state-space form of a synaptic kernel: a few exponential states with an exact propagator over a fixed step
/// dt, so s after n steps equals Σ_spikes w·s(n·dt − t_spike) to rounding.
/// </summary>
public interface IKernelState
{
    /// <summary>dt (ms).</summary>
    double TimeStep { get; }

    /// <summary>s at the current time.</summary>
    double Value { get; }

    /// <summary>A spike of weight w at the current time: adds w·s(t − now).</summary>
    void Spike(double weight = 1.0);

    /// <summary>Propagates the state exactly by dt (no spikes inside the step).</summary>
    void Advance();

    /// <summary>(1/dt)∫ s over the coming step (no spikes inside the step), in closed form.</summary>
    double MeanOverStep { get; }

    /// <summary>Clears the state (s ≡ 0).</summary>
    void Reset();
}
