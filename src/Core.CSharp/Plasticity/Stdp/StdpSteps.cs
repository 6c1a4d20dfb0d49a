using System.Runtime.CompilerServices;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The step of an STDP state, shared by <see cref="PairStdpState"/> and <see cref="TripletStdpState"/> (the equations
/// are on the rules and on <see cref="IStdpTraces"/>): the argument checks, ΔW dense and sparse, and the commit, over
/// the rule's traces <typeparamref name="TTraces"/>. Row i of ΔW: d_ij for each pre spike j (zeros elsewhere), then, on
/// a post spike, + p_ij for every j.
/// </summary>
/// <typeparam name="TTraces">The rule's traces, a struct so the JIT specialises this class per rule (no virtual call per spike).</typeparam>
/// <remarks>
/// Cost per step: O(outputs·inputs) to write the dense ΔW (zeros where no spike), a vectorised scan of the pre
/// indicators, and the rule's trace decay in <see cref="Advance"/>; a post spike adds one SIMD pass over its row (the
/// Gütig family's fractional power is scalar). The sparse path writes only the touched entries: O(pre spikes) on a step
/// without a post spike, instead of O(outputs·inputs).
/// </remarks>
internal sealed class StdpSteps<TTraces>
    where TTraces : struct, IStdpTraces
{
    private readonly TTraces _traces;
    private readonly StdpWeightDependence _dependence;
    private readonly double[] _next;
    private readonly double[] _row;
    private readonly double[] _scratch;
    private readonly double[] _rowDelta;
    private readonly StepSpikes _spikes;

    /// <summary>The step of <paramref name="outputs"/> × <paramref name="inputs"/> synapses (both ≥ 1) over <paramref name="traces"/>.</summary>
    public StdpSteps(TTraces traces, StdpWeightDependence dependence, int outputs, int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        _traces = traces;
        _dependence = dependence;
        Outputs = outputs;
        Inputs = inputs;
        _next = new double[inputs];
        _row = new double[inputs];
        _scratch = new double[inputs];
        _rowDelta = new double[inputs];
        _spikes = new StepSpikes(inputs);
    }

    /// <summary>Postsynaptic neurons.</summary>
    public int Outputs { get; }

    /// <summary>Presynaptic inputs N.</summary>
    public int Inputs { get; }

    /// <summary>Drops the step's kept spike list (after a reset of the traces).</summary>
    public void Forget() => _spikes.Forget();

    /// <summary><see cref="IRuleState.ComputeDelta"/>: the dense ΔW, the traces unchanged.</summary>
    public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, delta.Length);
        _spikes.Forget();
        _traces.Begin(context.Dt);
        var n = Inputs;
        delta.Clear();
        var preReady = false;
        for (var i = 0; i < Outputs; i++)
        {
            Row(i, pre, post, context, delta.Slice(i * n, n), ref preReady);
        }
    }

    /// <summary><see cref="ISparseRuleState"/>'s ComputeSparseDelta, the spikes found by one scan of <paramref name="pre"/>.</summary>
    public int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, Outputs * Inputs);
        StdpRuleChecks.SparseRoom(Outputs * Inputs, indices.Length, values.Length);
        _spikes.Forget();
        return SparseDelta(pre, _spikes.Find(pre), post, context, indices, values);
    }

    /// <summary><see cref="ISparseRuleState"/>'s ComputeSparseDelta with the caller's (checked) spike list.</summary>
    public int ComputeSparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<int> preSpikes, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, Outputs * Inputs);
        StdpRuleChecks.SparseRoom(Outputs * Inputs, indices.Length, values.Length);
        StdpRuleChecks.SpikeList(pre, preSpikes);
        return SparseDelta(pre, _spikes.Keep(preSpikes), post, context, indices, values);
    }

    /// <summary><see cref="IRuleState.Advance"/>: commits the step to the traces.</summary>
    public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, delta.Length);
        _spikes.Forget();
        _traces.Advance(_spikes.Find(pre), post, context.Dt);
        _spikes.Forget();
    }

    /// <summary><see cref="ISparseRuleState.AdvanceSparse"/>: commits the step, reusing the spikes of the step's ComputeSparseDelta.</summary>
    public void AdvanceSparse(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, Outputs * Inputs);
        _traces.Advance(_spikes.Find(pre), post, context.Dt);
        _spikes.Forget();
    }

    // An output without a post spike touches only the inputs that spiked (their depression, −0.0 for a zero post
    // trace); an output with a post spike touches its whole row (the potentiation reads every pre trace).
    private int SparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<int> spikes, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values)
    {
        var n = Inputs;
        var readsWeights = _dependence.Kind != StdpWeightDependenceKind.Additive;
        var weights = context.Weights;
        _traces.Begin(context.Dt);
        var preReady = false;
        var count = 0;
        for (var i = 0; i < Outputs; i++)
        {
            var offset = i * n;
            if (post[i] == 0)
            {
                var y = _traces.PostTrace(i);
                foreach (var j in spikes)
                {
                    indices[count] = offset + j;
                    values[count++] = Depression(weights, readsWeights, i, j, y);
                }

                continue;
            }

            var row = _rowDelta.AsSpan();
            row.Clear();
            Row(i, pre, post, context, row, ref preReady);
            count = SparseRows.Append(row, offset, indices, values, count);
        }

        return count;
    }

    /// <summary>Row i of ΔW into a zeroed <paramref name="row"/>: the depressions of the pre spikes, then (post spike) the potentiation.</summary>
    private void Row(int i, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> row, ref bool preReady)
    {
        var readsWeights = _dependence.Kind != StdpWeightDependenceKind.Additive;
        var weights = context.Weights;
        var y = _traces.PostTrace(i);
        for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
        {
            row[j] = Depression(weights, readsWeights, i, j, y);
        }

        if (post[i] == 0)
        {
            return;
        }

        // x after this step's decay and pre spikes: once for shared traces, per output when each has its own.
        if (_traces.PreTracesPerOutput || !preReady)
        {
            TensorPrimitives.Multiply(_traces.PreTraces(i), _traces.PreFactor(context.Dt), _next);
            var nearest = _traces.Nearest;
            for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
            {
                _next[j] = nearest ? 1.0 : _next[j] + 1.0;
            }

            preReady = true;
        }

        if (_dependence.Kind == StdpWeightDependenceKind.Gutig && _dependence.Mu != 0)
        {
            // f₊ reads the weight after this step's depression: w + d.
            weights.CopyRow(i, _row);
            TensorPrimitives.Add(_row, row, _row);
        }

        _dependence.AddPotentiation(_row, _next, _traces.PotentiationAmplitude(i, context.Dt), row, _scratch);
    }

    /// <summary>d_ij = −(f₋(w_ij)·y)·A₋(j); w is not read for the additive form (f₋ = 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Depression(IWeightView weights, bool readsWeights, int i, int j, double y)
    {
        var w = readsWeights ? weights[i, j] : 0.0;
        return -_dependence.DepressionStep(w, y, _traces.DepressionAmplitude(j));
    }
}
