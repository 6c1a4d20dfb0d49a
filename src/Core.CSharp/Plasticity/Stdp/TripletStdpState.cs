namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The traces of a <see cref="TripletStdpRule"/> for one layer and its step (the equations are on the rule).
/// <see cref="ComputeDelta"/> computes the decayed traces locally and leaves the state unchanged;
/// <see cref="Advance"/> commits the decay and the step's increments.
/// </summary>
/// <remarks>
/// The step itself is <see cref="StdpSteps{TTraces}"/>, shared with <see cref="PairStdpState"/>; this class holds the
/// triplet traces r₁, r₂, o₁, o₂.
/// </remarks>
public sealed class TripletStdpState : ISparseRuleState
{
    private readonly StdpSteps<Traces> _steps;
    private readonly TripletStdpParameters _p;
    private readonly double[] _r1;
    private readonly double[] _r2;
    private readonly double[] _o1;
    private readonly double[] _o2;
    private readonly bool _nearest;
    private TraceDecay _decayR1;
    private TraceDecay _decayR2;
    private TraceDecay _decayO1;
    private TraceDecay _decayO2;
    private double _r2Factor;
    private double _o1Factor;

    internal TripletStdpState(TripletStdpRule rule, int outputs, int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        _steps = new StdpSteps<Traces>(new Traces(this), rule.WeightDependence, outputs, inputs);
        _p = rule.Parameters;
        _nearest = rule.Pairing == StdpPairing.NearestSymmetric;
        _r1 = new double[inputs];
        _r2 = new double[inputs];
        _o1 = new double[outputs];
        _o2 = new double[outputs];
        _decayR1 = new TraceDecay(_p.TauPlus);
        _decayR2 = new TraceDecay(_p.TauX);
        _decayO1 = new TraceDecay(_p.TauMinus);
        _decayO2 = new TraceDecay(_p.TauY);
    }

    /// <summary>Postsynaptic neurons.</summary>
    public int Outputs => _steps.Outputs;

    /// <summary>Presynaptic inputs N.</summary>
    public int Inputs => _steps.Inputs;

    /// <summary>Fast presynaptic traces r₁ⱼ (τ₊).</summary>
    public ReadOnlySpan<double> R1 => _r1;

    /// <summary>Slow presynaptic traces r₂ⱼ (τ_x).</summary>
    public ReadOnlySpan<double> R2 => _r2;

    /// <summary>Fast postsynaptic traces o₁ᵢ (τ₋), one per output.</summary>
    public ReadOnlySpan<double> O1 => _o1;

    /// <summary>Slow postsynaptic traces o₂ᵢ (τ_y), one per output.</summary>
    public ReadOnlySpan<double> O2 => _o2;

    /// <summary>Sets all traces to zero.</summary>
    public void Reset()
    {
        Array.Clear(_r1);
        Array.Clear(_r2);
        Array.Clear(_o1);
        Array.Clear(_o2);
        _steps.Forget();
    }

    /// <inheritdoc/>
    public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta) => _steps.ComputeDelta(pre, post, context, delta);

    /// <inheritdoc/>
    /// <remarks>
    /// An output without a post spike touches only the inputs that spiked; an output with a post spike touches its
    /// whole row.
    /// </remarks>
    public int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values) => _steps.ComputeSparseDelta(pre, post, context, indices, values);

    /// <inheritdoc/>
    public int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<int> preSpikes, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values) => _steps.ComputeSparseDelta(pre, preSpikes, post, context, indices, values);

    /// <inheritdoc/>
    public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta) => _steps.Advance(pre, post, context, delta);

    /// <inheritdoc/>
    public void AdvanceSparse(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<int> indices, ReadOnlySpan<double> values) => _steps.AdvanceSparse(pre, post, context);

    private void AdvanceTraces(ReadOnlySpan<int> spikes, ReadOnlySpan<double> post, double dt)
    {
        if (dt != 0)
        {
            _decayR1.ApplyAll(_r1, dt);
            _decayR2.ApplyAll(_r2, dt);
            // Few outputs: a scalar loop (the same x·e^{−dt/τ} per element as ApplyAll, without its call overhead).
            var o1Factor = _decayO1.Factor(dt);
            var o2Factor = _decayO2.Factor(dt);
            for (var i = 0; i < _o1.Length; i++)
            {
                _o1[i] *= o1Factor;
                _o2[i] *= o2Factor;
            }
        }

        foreach (var j in spikes)
        {
            _r1[j] = _nearest ? 1.0 : _r1[j] + 1.0;
            _r2[j] = _nearest ? 1.0 : _r2[j] + 1.0;
        }

        for (var i = 0; i < Outputs; i++)
        {
            if (post[i] != 0)
            {
                _o1[i] = _nearest ? 1.0 : _o1[i] + 1.0;
                _o2[i] = _nearest ? 1.0 : _o2[i] + 1.0;
            }
        }
    }

    /// <summary>
    /// The triplet traces for <see cref="StdpSteps{TTraces}"/>: y = o₁ᵢ, A₋(j) = A₂₋ + A₃₋·r₂ⱼ, x = r₁ (shared),
    /// A₊(i) = A₂₊ + A₃₊·o₂ᵢ (r₂ and o₂ after this step's decay, before its spikes: the triplet terms read the earlier spikes).
    /// </summary>
    private readonly struct Traces(TripletStdpState state) : IStdpTraces
    {
        public bool PreTracesPerOutput => false;

        public bool Nearest => state._nearest;

        public void Begin(double dt)
        {
            state._r2Factor = state._decayR2.Factor(dt);
            state._o1Factor = state._decayO1.Factor(dt);
        }

        public double PostTrace(int i) => state._o1[i] * state._o1Factor;

        public double DepressionAmplitude(int j) => state._p.A2Minus + (state._p.A3Minus * (state._r2[j] * state._r2Factor));

        public ReadOnlySpan<double> PreTraces(int i) => state._r1;

        public double PreFactor(double dt) => state._decayR1.Factor(dt);

        public double PotentiationAmplitude(int i, double dt) => state._p.A2Plus + (state._p.A3Plus * (state._o2[i] * state._decayO2.Factor(dt)));

        public void Advance(ReadOnlySpan<int> preSpikes, ReadOnlySpan<double> post, double dt) => state.AdvanceTraces(preSpikes, post, dt);
    }
}
