namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The rule-specific half of an STDP state, as <see cref="StdpSteps{TTraces}"/> reads it: the traces, their decay and
/// the amplitudes of one step's ΔW. For output i, pre spike j and post spike i:
/// <code>
/// d_ij = −(f₋(w_ij)·y_i)·A₋(j)                  y_i = <see cref="PostTrace"/>(i), A₋(j) = <see cref="DepressionAmplitude"/>(j)
/// p_ij = (f₊(w_ij + d_ij)·x_j)·A₊(i)            x_j = PreTraces(i)_j·PreFactor + [pre spike j], A₊(i) = <see cref="PotentiationAmplitude"/>(i)
/// </code>
/// (pair: A± constant, y = y_i; triplet: A₋(j) = A₂₋ + A₃₋·r₂ⱼ, A₊(i) = A₂₊ + A₃₊·o₂ᵢ, y = o₁ᵢ — each after the
/// step's decay). Implemented by structs, so the step code is compiled once per rule with these calls inlined.
/// </summary>
internal interface IStdpTraces
{
    /// <summary>True when each output has its own pre traces (the presynaptically centred pair scheme); else one row is shared.</summary>
    bool PreTracesPerOutput { get; }

    /// <summary>True for nearest-spike pairing: a pre spike sets its trace to 1 instead of adding 1.</summary>
    bool Nearest { get; }

    /// <summary>Caches the decay factors the depression reads for a step of <paramref name="dt"/> (once a step, after the checks).</summary>
    void Begin(double dt);

    /// <summary>The postsynaptic trace the depression of output i reads, after this step's decay (needs <see cref="Begin"/>).</summary>
    double PostTrace(int i);

    /// <summary>A₋ for a pre spike at input j, after this step's decay (needs <see cref="Begin"/>).</summary>
    double DepressionAmplitude(int j);

    /// <summary>The pre traces x seen by output i, before this step's decay.</summary>
    ReadOnlySpan<double> PreTraces(int i);

    /// <summary>The pre traces' decay factor e^{−dt/τ₊}.</summary>
    double PreFactor(double dt);

    /// <summary>A₊ for a post spike at output i, after this step's decay.</summary>
    double PotentiationAmplitude(int i, double dt);

    /// <summary>Commits the step: decays every trace by dt, then adds the pre spikes and the post spikes.</summary>
    void Advance(ReadOnlySpan<int> preSpikes, ReadOnlySpan<double> post, double dt);
}
