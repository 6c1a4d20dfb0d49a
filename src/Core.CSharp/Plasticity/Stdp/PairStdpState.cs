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
/// without a post spike, instead of O(outputs·inputs).
/// </remarks>
public sealed class PairStdpState : ISparseRuleState
{
    private readonly PairStdpRule _rule;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _next;
    private readonly double[] _row;
    private readonly double[] _scratch;
    private readonly double[] _rowDelta;
    private readonly StepSpikes _spikes;
    private readonly bool _centred;
    private readonly bool _nearest;
    private TraceDecay _decayPre;
    private TraceDecay _decayPost;

    internal PairStdpState(PairStdpRule rule, int outputs, int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        _rule = rule;
        Outputs = outputs;
        Inputs = inputs;
        _centred = rule.Pairing == StdpPairing.PresynapticCentred;
        _nearest = rule.Pairing == StdpPairing.NearestSymmetric;
        _x = new double[checked((_centred ? outputs : 1) * inputs)];
        _y = new double[outputs];
        _next = new double[inputs];
        _row = new double[inputs];
        _scratch = new double[inputs];
        _rowDelta = new double[inputs];
        _spikes = new StepSpikes(inputs);
        _decayPre = new TraceDecay(rule.Window.TauPlus);
        _decayPost = new TraceDecay(rule.Window.TauMinus);
    }

    /// <summary>Postsynaptic neurons.</summary>
    public int Outputs { get; }

    /// <summary>Presynaptic inputs N.</summary>
    public int Inputs { get; }

    /// <summary>Presynaptic traces x_j seen by output <paramref name="output"/> (dimensionless; shared by all outputs except in the presynaptically centred scheme).</summary>
    public ReadOnlySpan<double> PreTraces(int output = 0) => PreRow(output);

    /// <summary>Postsynaptic traces y_i (dimensionless), one per output.</summary>
    public ReadOnlySpan<double> PostTraces => _y;

    /// <summary>Sets all traces to zero (no spike history).</summary>
    public void Reset()
    {
        Array.Clear(_x);
        Array.Clear(_y);
        _spikes.Forget();
    }

    /// <inheritdoc/>
    public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, delta.Length);
        _spikes.Forget();
        var n = Inputs;
        var postFactor = _decayPost.Factor(context.Dt);
        delta.Clear();
        var sharedReady = false;
        for (var i = 0; i < Outputs; i++)
        {
            Row(i, pre, post, context, postFactor, delta.Slice(i * n, n), ref sharedReady);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// An output without a post spike touches only the inputs that spiked (their depression, which is −0.0 for a zero
    /// post trace); an output with a post spike touches its whole row (the potentiation reads every pre trace).
    /// </remarks>
    public int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, Outputs * Inputs);
        StdpRuleChecks.SparseRoom(Outputs * Inputs, indices.Length, values.Length);
        _spikes.Forget();
        return SparseDelta(pre, _spikes.Find(pre), post, context, indices, values);
    }

    /// <inheritdoc/>
    public int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<int> preSpikes, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, Outputs * Inputs);
        StdpRuleChecks.SparseRoom(Outputs * Inputs, indices.Length, values.Length);
        StdpRuleChecks.SpikeList(pre, preSpikes);
        return SparseDelta(pre, _spikes.Keep(preSpikes), post, context, indices, values);
    }

    private int SparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<int> spikes, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values)
    {
        var n = Inputs;
        var window = _rule.Window;
        var dependence = _rule.WeightDependence;
        var readsWeights = dependence.Kind != StdpWeightDependenceKind.Additive;
        var weights = context.Weights;
        var postFactor = _decayPost.Factor(context.Dt);
        var sharedReady = false;
        var count = 0;
        for (var i = 0; i < Outputs; i++)
        {
            var offset = i * n;
            if (post[i] == 0)
            {
                var y = _y[i] * postFactor;
                foreach (var j in spikes)
                {
                    var w = readsWeights ? weights[i, j] : 0.0;
                    indices[count] = offset + j;
                    values[count++] = -dependence.DepressionStep(w, y, window.AMinus);
                }

                continue;
            }

            var row = _rowDelta.AsSpan();
            row.Clear();
            Row(i, pre, post, context, postFactor, row, ref sharedReady);
            count = SparseRows.Append(row, offset, indices, values, count);
        }

        return count;
    }

    /// <inheritdoc/>
    public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, delta.Length);
        _spikes.Forget();
        AdvanceTraces(_spikes.Find(pre), post, context.Dt);
        _spikes.Forget();
    }

    /// <inheritdoc/>
    public void AdvanceSparse(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, Outputs * Inputs);
        AdvanceTraces(_spikes.Find(pre), post, context.Dt);
        _spikes.Forget();
    }

    /// <summary>Row i of ΔW into a zeroed <paramref name="row"/>: the depressions of the pre spikes, then (post spike) the potentiation.</summary>
    private void Row(int i, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, double postFactor, Span<double> row, ref bool sharedReady)
    {
        var window = _rule.Window;
        var dependence = _rule.WeightDependence;
        var readsWeights = dependence.Kind != StdpWeightDependenceKind.Additive;
        var weights = context.Weights;
        var y = _y[i] * postFactor;
        for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
        {
            var w = readsWeights ? weights[i, j] : 0.0;
            row[j] = -dependence.DepressionStep(w, y, window.AMinus);
        }

        if (post[i] == 0)
        {
            return;
        }

        // x after this step's decay and pre spikes: once for the shared traces, per output when centred.
        if (_centred || !sharedReady)
        {
            NextPreTraces(PreRow(i), pre, _decayPre.Factor(context.Dt));
            sharedReady = true;
        }

        if (dependence.Kind == StdpWeightDependenceKind.Gutig && dependence.Mu != 0)
        {
            // f₊ reads the weight after this step's depression: w + d.
            weights.CopyRow(i, _row);
            TensorPrimitives.Add(_row, row, _row);
        }

        dependence.AddPotentiation(_row, _next, window.APlus, row, _scratch);
    }

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

            if (_rule.Pairing == StdpPairing.AllToAll)
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

    private Span<double> PreRow(int output) => _centred ? _x.AsSpan(output * Inputs, Inputs) : _x.AsSpan();

    private void NextPreTraces(ReadOnlySpan<double> x, ReadOnlySpan<double> pre, double factor)
    {
        TensorPrimitives.Multiply(x, factor, _next);
        for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
        {
            _next[j] = _nearest ? 1.0 : _next[j] + 1.0;
        }
    }
}
