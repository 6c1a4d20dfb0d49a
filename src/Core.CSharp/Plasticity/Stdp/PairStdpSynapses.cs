namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Pair STDP (window <see cref="StdpWindow"/>) for N inputs onto one postsynaptic neuron, online with traces
/// (Morrison, Diesmann &amp; Gerstner 2008, §4.1): a presynaptic trace x_j per input (time constant τ₊) and one
/// postsynaptic trace y (τ₋), both dimensionless and decaying exactly, x ← x·e^{−Δt/τ}.
/// <code>
/// pre spike of input j:  w_j ← clip(w_j − (f₋(w_j)·y)·A₋);  then x_j ← x_j + 1 (all-to-all, pre-centred) or x_j ← 1 (nearest)
/// post spike:            w_i ← clip(w_i + (f₊(w_i)·x_i)·A₊) for all i;  then y ← y + 1 (all-to-all) or y ← 1 (nearest, pre-centred),
///                        and for the presynaptically centred scheme x_i ← 0 for all i
/// </code>
/// Each spike reads the other side's trace before updating its own. With the loop order of
/// <see cref="IStdpSynapses"/> (pre spikes of a step before the post spike) a coincident pair, Δt = 0, gives
/// exactly W(0⁺) = +A₊ (potentiation): the post spike reads x_j that already holds the coincident pre spike,
/// and the pre spike's depression read y before the post spike incremented it. The weight dependence
/// (f₊, f₋, clip) is <see cref="StdpWeightDependence"/>.
/// </summary>
/// <remarks>
/// Decay of the N presynaptic traces is one SIMD multiply by a factor cached for a fixed step
/// (<see cref="TraceDecay"/>); the post-spike update of all N weights is <see cref="StdpWeightDependence.PotentiateAll"/>,
/// bit-equal to its scalar reference. Units: time in ms, weights and A± in the same units (e.g. g_max).
/// </remarks>
public sealed class PairStdpSynapses : IStdpSynapses
{
    private readonly double[] _x;
    private readonly double[] _scratch;
    private TraceDecay _decayPre;
    private TraceDecay _decayPost;
    private double _y;

    /// <summary>Creates the synapses with zero traces.</summary>
    /// <param name="inputs">N ≥ 1.</param>
    /// <param name="window">The pair window (validated).</param>
    /// <param name="pairing">The pairing scheme.</param>
    /// <param name="weightDependence">The weight dependence.</param>
    public PairStdpSynapses(int inputs, StdpWindow window, StdpPairing pairing, StdpWeightDependence weightDependence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(weightDependence);
        if (!Enum.IsDefined(pairing))
        {
            throw new ArgumentOutOfRangeException(nameof(pairing), pairing, "unknown pairing scheme.");
        }

        Window = window.Validated();
        Pairing = pairing;
        WeightDependence = weightDependence;
        _x = new double[inputs];
        _scratch = new double[inputs];
        _decayPre = new TraceDecay(window.TauPlus);
        _decayPost = new TraceDecay(window.TauMinus);
    }

    /// <inheritdoc/>
    public int Inputs => _x.Length;

    /// <summary>The window (A±, τ±).</summary>
    public StdpWindow Window { get; }

    /// <summary>The pairing scheme.</summary>
    public StdpPairing Pairing { get; }

    /// <summary>The weight dependence.</summary>
    public StdpWeightDependence WeightDependence { get; }

    /// <summary>Presynaptic traces x_j (dimensionless).</summary>
    public ReadOnlySpan<double> PreTraces => _x;

    /// <summary>Postsynaptic trace y (dimensionless).</summary>
    public double PostTrace => _y;

    /// <summary>Sets all traces to zero (no spike history).</summary>
    public void Reset()
    {
        Array.Clear(_x);
        _y = 0;
    }

    /// <inheritdoc/>
    public void Decay(double interval)
    {
        TraceDecay.RequireInterval(interval);
        if (interval == 0)
        {
            return;
        }

        _decayPre.ApplyAll(_x, interval);
        _y = _decayPost.Apply(_y, interval);
    }

    /// <inheritdoc/>
    public void OnPreSpike(int input, Span<double> weights)
    {
        // Two compares per spike: negligible next to the weight update, and a wrong index or buffer fails loudly.
        if ((uint)input >= (uint)_x.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, $"input must be in [0, {_x.Length - 1}].");
        }

        if (weights.Length != _x.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), weights.Length, $"weights must have length N = {_x.Length}.");
        }

        weights[input] = WeightDependence.Depress(weights[input], _y, Window.AMinus);
        _x[input] = Pairing == StdpPairing.NearestSymmetric ? 1.0 : _x[input] + 1.0;
    }

    /// <inheritdoc/>
    public void OnPostSpike(Span<double> weights)
    {
        if (weights.Length != _x.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), weights.Length, $"weights must have length N = {_x.Length}.");
        }

        WeightDependence.PotentiateAll(weights, _x, Window.APlus, _scratch);
        switch (Pairing)
        {
            case StdpPairing.AllToAll:
                _y += 1.0;
                break;
            case StdpPairing.NearestSymmetric:
                _y = 1.0;
                break;
            default:
                _y = 1.0;
                Array.Clear(_x);
                break;
        }
    }
}
