namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Triplet STDP (Pfister &amp; Gerstner 2006, J. Neurosci. 26:9673, Eqs. 3–4) for N inputs onto one neuron.
/// Presynaptic traces r₁ⱼ (τ₊) and r₂ⱼ (τ_x) per input, postsynaptic traces o₁ (τ₋) and o₂ (τ_y), all
/// dimensionless, decaying exactly between events:
/// <code>
/// pre spike of j:  w_j ← clip(w_j − (f₋(w_j)·o₁)·(A₂⁻ + A₃⁻·r₂ⱼ));  then r₁ⱼ, r₂ⱼ ← +1 (all-to-all) or ← 1 (nearest-spike)
/// post spike:      w_i ← clip(w_i + (f₊(w_i)·r₁ᵢ)·(A₂⁺ + A₃⁺·o₂)) for all i;  then o₁, o₂ ← +1 or ← 1
/// </code>
/// The triplet factor reads the slow trace of the spiking side before it is incremented (the paper's t − ε),
/// and each spike reads the other side's fast trace before updating its own. With the loop order of
/// <see cref="IStdpSynapses"/> a coincident pre/post pair counts as pre-before-post (Δt = 0 ⇒ the post spike
/// sees r₁ⱼ including the coincident pre spike; the pre spike's depression does not see that post spike).
/// Nearest-spike is the paper's version in which every trace is reset to 1 at its own spike (traces saturate
/// at 1). The presynaptically centred scheme is not defined for the triplet rule and is refused.
/// Units: ms; weights and A in the same units. Weight dependence: <see cref="StdpWeightDependence"/>
/// (the paper's rule is additive).
/// </summary>
public sealed class TripletStdpSynapses : IStdpSynapses
{
    private readonly double[] _r1;
    private readonly double[] _r2;
    private readonly double[] _scratch;
    private TraceDecay _decayR1;
    private TraceDecay _decayR2;
    private TraceDecay _decayO1;
    private TraceDecay _decayO2;
    private double _o1;
    private double _o2;

    /// <summary>Creates the synapses with zero traces.</summary>
    /// <param name="inputs">N ≥ 1.</param>
    /// <param name="parameters">Amplitudes and time constants (validated).</param>
    /// <param name="pairing"><see cref="StdpPairing.AllToAll"/> or <see cref="StdpPairing.NearestSymmetric"/>.</param>
    /// <param name="weightDependence">The weight dependence (<see cref="StdpWeightDependence.Unbounded"/> for the paper's rule).</param>
    public TripletStdpSynapses(int inputs, TripletStdpParameters parameters, StdpPairing pairing, StdpWeightDependence weightDependence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(weightDependence);
        if (pairing is not (StdpPairing.AllToAll or StdpPairing.NearestSymmetric))
        {
            throw new ArgumentOutOfRangeException(nameof(pairing), pairing, "the triplet rule supports AllToAll or NearestSymmetric.");
        }

        Parameters = parameters.Validated();
        Pairing = pairing;
        WeightDependence = weightDependence;
        _r1 = new double[inputs];
        _r2 = new double[inputs];
        _scratch = new double[inputs];
        _decayR1 = new TraceDecay(parameters.TauPlus);
        _decayR2 = new TraceDecay(parameters.TauX);
        _decayO1 = new TraceDecay(parameters.TauMinus);
        _decayO2 = new TraceDecay(parameters.TauY);
    }

    /// <summary>Creates the synapses for a named preset with its fitted pairing scheme.</summary>
    /// <param name="inputs">N ≥ 1.</param>
    /// <param name="preset">A preset from <see cref="TripletStdpPresets"/>.</param>
    /// <param name="weightDependence">The weight dependence (default <see cref="StdpWeightDependence.Unbounded"/>).</param>
    public static TripletStdpSynapses FromPreset(int inputs, TripletStdpPreset preset, StdpWeightDependence? weightDependence = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new TripletStdpSynapses(inputs, preset.Parameters, preset.Pairing, weightDependence ?? StdpWeightDependence.Unbounded);
    }

    /// <inheritdoc/>
    public int Inputs => _r1.Length;

    /// <summary>The parameters.</summary>
    public TripletStdpParameters Parameters { get; }

    /// <summary>The pairing scheme.</summary>
    public StdpPairing Pairing { get; }

    /// <summary>The weight dependence.</summary>
    public StdpWeightDependence WeightDependence { get; }

    /// <summary>Fast presynaptic traces r₁ⱼ (τ₊).</summary>
    public ReadOnlySpan<double> R1 => _r1;

    /// <summary>Slow presynaptic traces r₂ⱼ (τ_x).</summary>
    public ReadOnlySpan<double> R2 => _r2;

    /// <summary>Fast postsynaptic trace o₁ (τ₋).</summary>
    public double O1 => _o1;

    /// <summary>Slow postsynaptic trace o₂ (τ_y).</summary>
    public double O2 => _o2;

    /// <summary>Sets all traces to zero.</summary>
    public void Reset()
    {
        Array.Clear(_r1);
        Array.Clear(_r2);
        _o1 = 0;
        _o2 = 0;
    }

    /// <inheritdoc/>
    public void Decay(double interval)
    {
        TraceDecay.RequireInterval(interval);
        if (interval == 0)
        {
            return;
        }

        _decayR1.ApplyAll(_r1, interval);
        _decayR2.ApplyAll(_r2, interval);
        _o1 = _decayO1.Apply(_o1, interval);
        _o2 = _decayO2.Apply(_o2, interval);
    }

    /// <inheritdoc/>
    public void OnPreSpike(int input, Span<double> weights)
    {
        // Two compares per spike: negligible next to the weight update, and a wrong index or buffer fails loudly.
        if ((uint)input >= (uint)_r1.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, $"input must be in [0, {_r1.Length - 1}].");
        }

        if (weights.Length != _r1.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), weights.Length, $"weights must have length N = {_r1.Length}.");
        }

        var p = Parameters;
        weights[input] = WeightDependence.Depress(weights[input], _o1, p.A2Minus + p.A3Minus * _r2[input]);
        if (Pairing == StdpPairing.AllToAll)
        {
            _r1[input] += 1.0;
            _r2[input] += 1.0;
        }
        else
        {
            _r1[input] = 1.0;
            _r2[input] = 1.0;
        }
    }

    /// <inheritdoc/>
    public void OnPostSpike(Span<double> weights)
    {
        if (weights.Length != _r1.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), weights.Length, $"weights must have length N = {_r1.Length}.");
        }

        var p = Parameters;
        WeightDependence.PotentiateAll(weights, _r1, p.A2Plus + p.A3Plus * _o2, _scratch);
        if (Pairing == StdpPairing.AllToAll)
        {
            _o1 += 1.0;
            _o2 += 1.0;
        }
        else
        {
            _o1 = 1.0;
            _o2 = 1.0;
        }
    }
}
