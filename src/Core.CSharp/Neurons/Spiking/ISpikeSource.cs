namespace Plasticity.Core.Neurons.Spiking;

/// <summary>
/// A population of spike trains on a fixed time grid. Step k is the interval (k·dt, (k+1)·dt]; a spike drawn in it is
/// reported at the step's end time (k+1)·dt (the same convention as the LIF neurons, so a presynaptic spike can affect
/// the membrane only from the next step on, as in Brian2's schedule). At most one spike per input per step.
/// </summary>
public interface ISpikeSource
{
    /// <summary>Number of inputs N.</summary>
    int Count { get; }

    /// <summary>dt (ms).</summary>
    double TimeStep { get; }

    /// <summary>Index k of the step the next <see cref="Advance"/> produces.</summary>
    long Step { get; }

    /// <summary>
    /// Writes the inputs that spike in the current step into <paramref name="spiking"/> (ascending indices; its length
    /// must be ≥ <see cref="Count"/>), moves to the next step, and returns how many were written.
    /// </summary>
    int Advance(Span<int> spiking);
}
