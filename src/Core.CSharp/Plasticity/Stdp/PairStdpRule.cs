namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Pair STDP (window <see cref="StdpWindow"/>) on the one plasticity contract, online with traces (Morrison,
/// Diesmann &amp; Gerstner 2008, §4.1): a presynaptic trace x_j per input (time constant τ₊) and a postsynaptic trace
/// y_i per output (τ₋), dimensionless, decaying exactly, x ← x·e^{−dt/τ}. One call per time step of length dt
/// (<see cref="StepContext.Dt"/>, ms) with the step's spikes as 0/1 indicators (pre: length inputs, post: length
/// outputs). Within a step, for output i:
/// <code>
/// 1. decay:        x_j ← x_j·e^{−dt/τ₊},  y_i ← y_i·e^{−dt/τ₋}
/// 2. pre spike j:  d_ij = −(f₋(w_ij)·y_i)·A₋;  then x_j ← x_j + 1 (all-to-all, pre-centred) or x_j ← 1 (nearest)
/// 3. post spike i: p_ij = (f₊(w_ij + d_ij)·x_j)·A₊ for all j;  then y_i ← y_i + 1 (all-to-all) or y_i ← 1
///                  (nearest, pre-centred), and for the presynaptically centred scheme x_ij ← 0 for all j
/// ΔW_ij = d_ij + p_ij
/// </code>
/// The depression reads the decayed post trace before this step's post spike; the potentiation reads the pre traces
/// that already hold this step's pre spikes and the weight after this step's depression. So a coincident pair
/// (Δt = 0) gives exactly W(0⁺) = +A₊ (<see cref="StdpPairing"/>). The weight dependence f₊, f₋ is
/// <see cref="StdpWeightDependence"/> (reading w from <see cref="StepContext.Weights"/>); hard bounds are the store's
/// (<see cref="Synapses.WeightBounds"/>), applied once to the step's total ΔW_ij.
/// </summary>
/// <remarks>
/// <para>Consequence of bounds in the store: a synapse with a pre and a post spike in the same step is clamped once,
/// to w + d + p, where an event-by-event rule clamps after the depression and again after the potentiation. The two
/// differ only when the depression alone would leave [lower, upper] — with the classic window (A₋ = 0.0105·g_max) at
/// 0.1 ms steps a rare event — and then by at most |d|.</para>
/// <para>Traces x are shared by all outputs, except in the presynaptically centred scheme, where each output consumes
/// its own copy (x_ij). Units: time in ms, weights and A± in the same units (e.g. g_max).</para>
/// </remarks>
public sealed record PairStdpRule : IPlasticityRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="window">The pair window (validated).</param>
    /// <param name="pairing">The pairing scheme.</param>
    /// <param name="weightDependence">The weight dependence.</param>
    public PairStdpRule(StdpWindow window, StdpPairing pairing, StdpWeightDependence weightDependence)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(weightDependence);
        if (!Enum.IsDefined(pairing))
        {
            throw new ArgumentOutOfRangeException(nameof(pairing), pairing, "unknown pairing scheme.");
        }

        Window = window.Validated();
        Pairing = pairing;
        WeightDependence = weightDependence;
    }

    /// <summary>The window (A±, τ±).</summary>
    public StdpWindow Window { get; }

    /// <summary>The pairing scheme.</summary>
    public StdpPairing Pairing { get; }

    /// <summary>The weight dependence.</summary>
    public StdpWeightDependence WeightDependence { get; }

    /// <inheritdoc/>
    public string Name => "stdp-pair";

    /// <inheritdoc/>
    public bool HasState => true;

    /// <summary>Creates the traces (all zero) for <paramref name="outputs"/> × <paramref name="inputs"/> synapses.</summary>
    /// <param name="outputs">Postsynaptic neurons, ≥ 1.</param>
    /// <param name="inputs">Presynaptic inputs, ≥ 1.</param>
    public PairStdpState CreateState(int outputs, int inputs) => new(this, outputs, inputs);

    /// <inheritdoc/>
    IRuleState IPlasticityRule.CreateState(int outputs, int inputs) => CreateState(outputs, inputs);
}
