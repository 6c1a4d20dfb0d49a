namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The traces of a <see cref="PairStdpRule"/> for one layer and its step (the equations are on the rule).
/// <see cref="ComputeDelta"/> computes the decayed traces locally and leaves the state unchanged;
/// <see cref="Advance"/> commits the decay and the step's increments.
/// </summary>
/// <remarks>
/// Cost per step: O(outputs·inputs) to write ΔW (zeros where no spike), a vectorised scan of the pre indicators, and
/// one SIMD decay of the pre traces in <see cref="Advance"/>; a post spike adds one SIMD pass over its row (the
/// Gütig family's fractional power is scalar). The decay factors are cached for a repeated dt (<see cref="TraceDecay"/>).
/// The sparse path (<c>ComputeSparseDelta</c>) writes only the touched entries: O(pre spikes) on a step
/// without a post spike, instead of O(outputs·inputs). The step itself is <see cref="StdpSteps{TTraces}"/>, shared with
/// <see cref="TripletStdpState"/>; this class holds the pair traces x, y.
/// </remarks>
public sealed class PairStdpState : ISparseRuleState
{
    private readonly StdpSteps<Traces> _steps;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly bool _allToAll;
    private readonly bool _centred;
    private readonly bool _nearest;
    private readonly double _aPlus;
    private readonly double _aMinus;
    private TraceDecay _decayPre;
    private TraceDecay _decayPost;
    private double _postFactor;

    internal PairStdpState(PairStdpRule rule, int outputs, int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        _steps = new StdpSteps<Traces>(new Traces(this), rule.WeightDependence, outputs, inputs);
        _allToAll = rule.Pairing == StdpPairing.AllToAll;
        _centred = rule.Pairing == StdpPairing.PresynapticCentred;
        _nearest = rule.Pairing == StdpPairing.NearestSymmetric;
        _x = new double[checked((_centred ? outputs : 1) * inputs)];
        _y = new double[outputs];
        _aPlus = rule.Window.APlus;
        _aMinus = rule.Window.AMinus;
        _decayPre = new TraceDecay(rule.Window.TauPlus);
        _decayPost = new TraceDecay(rule.Window.TauMinus);
    }

    /// <summary>Postsynaptic neurons.</summary>
    public int Outputs => _steps.Outputs;

    /// <summary>Presynaptic inputs N.</summary>
    public int Inputs => _steps.Inputs;

    /// <summary>Presynaptic traces x_j seen by output <paramref name="output"/> (dimensionless; shared by all outputs except in the presynaptically centred scheme).</summary>
    public ReadOnlySpan<double> PreTraces(int output = 0) => PreRow(output);

    /// <summary>Postsynaptic traces y_i (dimensionless), one per output.</summary>
    public ReadOnlySpan<double> PostTraces => _y;

    /// <summary>Sets all traces to zero (no spike history).</summary>
    public void Reset()
    {
        Array.Clear(_x);
        Array.Clear(_y);
        _steps.Forget();
    }

    /// <inheritdoc/>
    public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta) => _steps.ComputeDelta(pre, post, context, delta);

    /// <inheritdoc/>
    /// <remarks>
    /// An output without a post spike touches only the inputs that spiked (their depression, which is −0.0 for a zero
    /// post trace); an output with a post spike touches its whole row (the potentiation reads every pre trace).
    /// </remarks>
    public int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values) => _steps.ComputeSparseDelta(pre, post, context, indices, values);

    /// <inheritdoc/>
    public int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<int> preSpikes, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values) => _steps.ComputeSparseDelta(pre, preSpikes, post, context, indices, values);

    /// <inheritdoc/>
    public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta) => _steps.Advance(pre, post, context, delta);

    /// <inheritdoc/>
    public void AdvanceSparse(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<int> indices, ReadOnlySpan<double> values) => _steps.AdvanceSparse(pre, post, context);

    private Span<double> PreRow(int output) => _centred ? _x.AsSpan(output * Inputs, Inputs) : _x.AsSpan();

    private void AdvanceTraces(ReadOnlySpan<int> spikes, ReadOnlySpan<double> post, double dt)
    {
        if (dt != 0)
        {
            _decayPre.ApplyAll(_x, dt);
            // Few outputs: a scalar loop (the same x·e^{−dt/τ} per element as ApplyAll, without its call overhead).
            var postFactor = _decayPost.Factor(dt);
            for (var i = 0; i < _y.Length; i++)
            {
                _y[i] *= postFactor;
            }
        }

        var rows = _centred ? Outputs : 1;
        foreach (var j in spikes)
        {
            for (var r = 0; r < rows; r++)
            {
                ref var x = ref _x[(r * Inputs) + j];
                x = _nearest ? 1.0 : x + 1.0;
            }
        }

        for (var i = 0; i < Outputs; i++)
        {
            if (post[i] == 0)
            {
                continue;
            }

            if (_allToAll)
            {
                _y[i] += 1.0;
            }
            else
            {
                _y[i] = 1.0;
                if (_centred)
                {
                    PreRow(i).Clear();
                }
            }
        }
    }

    /// <summary>The pair traces for <see cref="StdpSteps{TTraces}"/>: y = y_i, A₋ and A₊ constant, x per output when centred.</summary>
    private readonly struct Traces(PairStdpState state) : IStdpTraces
    {
        public bool PreTracesPerOutput => state._centred;

        public bool Nearest => state._nearest;

        public void Begin(double dt) => state._postFactor = state._decayPost.Factor(dt);

        public double PostTrace(int i) => state._y[i] * state._postFactor;

        public double DepressionAmplitude(int j) => state._aMinus;

        public ReadOnlySpan<double> PreTraces(int i) => state.PreRow(i);

        public double PreFactor(double dt) => state._decayPre.Factor(dt);

        public double PotentiationAmplitude(int i, double dt) => state._aPlus;

        public void Advance(ReadOnlySpan<int> preSpikes, ReadOnlySpan<double> post, double dt) => state.AdvanceTraces(preSpikes, post, dt);
    }
}
