namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The traces of a <see cref="TripletStdpRule"/> for one layer and its step (the equations are on the rule).
/// <see cref="ComputeDelta"/> computes the decayed traces locally and leaves the state unchanged;
/// <see cref="Advance"/> commits the decay and the step's increments.
/// </summary>
public sealed class TripletStdpState : ISparseRuleState
{
    private readonly TripletStdpRule _rule;
    private readonly double[] _r1;
    private readonly double[] _r2;
    private readonly double[] _o1;
    private readonly double[] _o2;
    private readonly double[] _next;
    private readonly double[] _row;
    private readonly double[] _scratch;
    private readonly double[] _rowDelta;
    private readonly StepSpikes _spikes;
    private readonly bool _nearest;
    private TraceDecay _decayR1;
    private TraceDecay _decayR2;
    private TraceDecay _decayO1;
    private TraceDecay _decayO2;

    internal TripletStdpState(TripletStdpRule rule, int outputs, int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        _rule = rule;
        Outputs = outputs;
        Inputs = inputs;
        _nearest = rule.Pairing == StdpPairing.NearestSymmetric;
        _r1 = new double[inputs];
        _r2 = new double[inputs];
        _o1 = new double[outputs];
        _o2 = new double[outputs];
        _next = new double[inputs];
        _row = new double[inputs];
        _scratch = new double[inputs];
        _rowDelta = new double[inputs];
        _spikes = new StepSpikes(inputs);
        var p = rule.Parameters;
        _decayR1 = new TraceDecay(p.TauPlus);
        _decayR2 = new TraceDecay(p.TauX);
        _decayO1 = new TraceDecay(p.TauMinus);
        _decayO2 = new TraceDecay(p.TauY);
    }

    /// <summary>Postsynaptic neurons.</summary>
    public int Outputs { get; }

    /// <summary>Presynaptic inputs N.</summary>
    public int Inputs { get; }

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
        _spikes.Forget();
    }

    /// <inheritdoc/>
    public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, delta.Length);
        _spikes.Forget();
        var n = Inputs;
        delta.Clear();
        var nextReady = false;
        for (var i = 0; i < Outputs; i++)
        {
            Row(i, pre, post, context, delta.Slice(i * n, n), ref nextReady);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// An output without a post spike touches only the inputs that spiked; an output with a post spike touches its
    /// whole row.
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
        var p = _rule.Parameters;
        var dependence = _rule.WeightDependence;
        var readsWeights = dependence.Kind != StdpWeightDependenceKind.Additive;
        var weights = context.Weights;
        var dt = context.Dt;
        var r2Factor = _decayR2.Factor(dt);
        var o1Factor = _decayO1.Factor(dt);
        var nextReady = false;
        var count = 0;
        for (var i = 0; i < Outputs; i++)
        {
            var offset = i * n;
            if (post[i] == 0)
            {
                var o1 = _o1[i] * o1Factor;
                foreach (var j in spikes)
                {
                    var w = readsWeights ? weights[i, j] : 0.0;
                    indices[count] = offset + j;
                    values[count++] = -dependence.DepressionStep(w, o1, p.A2Minus + (p.A3Minus * (_r2[j] * r2Factor)));
                }

                continue;
            }

            var row = _rowDelta.AsSpan();
            row.Clear();
            Row(i, pre, post, context, row, ref nextReady);
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
    private void Row(int i, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> row, ref bool nextReady)
    {
        var p = _rule.Parameters;
        var dependence = _rule.WeightDependence;
        var readsWeights = dependence.Kind != StdpWeightDependenceKind.Additive;
        var weights = context.Weights;
        var dt = context.Dt;
        var r2Factor = _decayR2.Factor(dt);
        var o1 = _o1[i] * _decayO1.Factor(dt);
        for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
        {
            var w = readsWeights ? weights[i, j] : 0.0;
            row[j] = -dependence.DepressionStep(w, o1, p.A2Minus + (p.A3Minus * (_r2[j] * r2Factor)));
        }

        if (post[i] == 0)
        {
            return;
        }

        if (!nextReady)
        {
            // r₁ after this step's decay and pre spikes, shared by every output.
            TensorPrimitives.Multiply(_r1, _decayR1.Factor(dt), _next);
            for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
            {
                _next[j] = _nearest ? 1.0 : _next[j] + 1.0;
            }

            nextReady = true;
        }

        if (dependence.Kind == StdpWeightDependenceKind.Gutig && dependence.Mu != 0)
        {
            // f₊ reads the weight after this step's depression: w + d.
            weights.CopyRow(i, _row);
            TensorPrimitives.Add(_row, row, _row);
        }

        dependence.AddPotentiation(_row, _next, p.A2Plus + (p.A3Plus * (_o2[i] * _decayO2.Factor(dt))), row, _scratch);
    }

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
}
