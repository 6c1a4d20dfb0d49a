namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Triplet STDP (Pfister &amp; Gerstner 2006, J. Neurosci. 26:9673, Eqs. 3–4) on the one plasticity contract.
/// Presynaptic traces r₁ⱼ (τ₊) and r₂ⱼ (τ_x) per input, postsynaptic traces o₁ᵢ (τ₋) and o₂ᵢ (τ_y) per output, all
/// dimensionless, decaying exactly. One call per time step of length dt with the step's spikes as 0/1 indicators.
/// Within a step, for output i:
/// <code>
/// 1. decay all four traces over dt
/// 2. pre spike j:  d_ij = −(f₋(w_ij)·o₁ᵢ)·(A₂⁻ + A₃⁻·r₂ⱼ);  then r₁ⱼ, r₂ⱼ ← +1 (all-to-all) or ← 1 (nearest-spike)
/// 3. post spike i: p_ij = (f₊(w_ij + d_ij)·r₁ⱼ)·(A₂⁺ + A₃⁺·o₂ᵢ) for all j;  then o₁ᵢ, o₂ᵢ ← +1 or ← 1
/// ΔW_ij = d_ij + p_ij
/// </code>
/// The triplet factor reads the slow trace of the spiking side before its own increment (the paper's t − ε), and
/// each spike reads the other side's fast trace before updating its own; a coincident pre/post pair counts as
/// pre-before-post (the post spike sees r₁ⱼ including the coincident pre spike; the pre spike's depression does not
/// see that post spike). Nearest-spike is the paper's version in which every trace is reset to 1 at its own spike.
/// The presynaptically centred scheme is not defined for the triplet rule and is refused. Weight dependence:
/// <see cref="StdpWeightDependence"/> (the paper's rule is additive); hard bounds are the store's, applied once per
/// step to ΔW (see <see cref="PairStdpRule"/> for the consequence). Units: ms; weights and A in the same units.
/// </summary>
public sealed record TripletStdpRule : IPlasticityRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="parameters">Amplitudes and time constants (validated).</param>
    /// <param name="pairing"><see cref="StdpPairing.AllToAll"/> or <see cref="StdpPairing.NearestSymmetric"/>.</param>
    /// <param name="weightDependence">The weight dependence (<see cref="StdpWeightDependence.Additive"/> for the paper's rule).</param>
    public TripletStdpRule(TripletStdpParameters parameters, StdpPairing pairing, StdpWeightDependence weightDependence)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(weightDependence);
        if (pairing is not (StdpPairing.AllToAll or StdpPairing.NearestSymmetric))
        {
            throw new ArgumentOutOfRangeException(nameof(pairing), pairing, "the triplet rule supports AllToAll or NearestSymmetric.");
        }

        Parameters = parameters.Validated();
        Pairing = pairing;
        WeightDependence = weightDependence;
    }

    /// <summary>The rule for a named preset with its fitted pairing scheme.</summary>
    /// <param name="preset">A preset from <see cref="TripletStdpPresets"/>.</param>
    /// <param name="weightDependence">The weight dependence (default <see cref="StdpWeightDependence.Additive"/>).</param>
    public static TripletStdpRule FromPreset(TripletStdpPreset preset, StdpWeightDependence? weightDependence = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new TripletStdpRule(preset.Parameters, preset.Pairing, weightDependence ?? StdpWeightDependence.Additive);
    }

    /// <summary>The parameters.</summary>
    public TripletStdpParameters Parameters { get; }

    /// <summary>The pairing scheme.</summary>
    public StdpPairing Pairing { get; }

    /// <summary>The weight dependence.</summary>
    public StdpWeightDependence WeightDependence { get; }

    /// <inheritdoc/>
    public string Name => "stdp-triplet";

    /// <inheritdoc/>
    public bool HasState => true;

    /// <summary>Creates the traces (all zero) for <paramref name="outputs"/> × <paramref name="inputs"/> synapses.</summary>
    /// <param name="outputs">Postsynaptic neurons, ≥ 1.</param>
    /// <param name="inputs">Presynaptic inputs, ≥ 1.</param>
    public TripletStdpState CreateState(int outputs, int inputs) => new(this, outputs, inputs);

    /// <inheritdoc/>
    IRuleState IPlasticityRule.CreateState(int outputs, int inputs) => CreateState(outputs, inputs);
}
