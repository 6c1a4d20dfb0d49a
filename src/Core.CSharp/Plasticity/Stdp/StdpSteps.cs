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
/// <param name="traces">The rule's traces.</param>
/// <param name="dependence">The rule's weight dependence f₊, f₋.</param>
/// <param name="outputs">Postsynaptic neurons, ≥ 1 (checked by the state).</param>
/// <param name="inputs">Presynaptic inputs, ≥ 1 (checked by the state).</param>
internal sealed class StdpSteps<TTraces>(TTraces traces, StdpWeightDependence dependence, int outputs, int inputs)
    where TTraces : struct, IStdpTraces
{
    private readonly double[] _next = new double[inputs];
    private readonly double[] _row = new double[inputs];
    private readonly double[] _scratch = new double[inputs];
    private readonly double[] _rowDelta = new double[inputs];
    private readonly StepSpikes _spikes = new(inputs);

    /// <summary>Postsynaptic neurons.</summary>
    public int Outputs { get; } = outputs;

    /// <summary>Presynaptic inputs N.</summary>
    public int Inputs { get; } = inputs;

    /// <summary>Drops the step's kept spike list (after a reset of the traces).</summary>
    public void Forget() => _spikes.Forget();

    /// <summary><see cref="IRuleState.ComputeDelta"/>: the dense ΔW, the traces unchanged.</summary>
    public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, delta.Length);
        _spikes.Forget();
        traces.Begin(context.Dt);
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
        traces.Advance(_spikes.Find(pre), post, context.Dt);
        _spikes.Forget();
    }

    /// <summary><see cref="ISparseRuleState.AdvanceSparse"/>: commits the step, reusing the spikes of the step's ComputeSparseDelta.</summary>
    public void AdvanceSparse(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context)
    {
        StdpRuleChecks.Step(Outputs, Inputs, pre, post, context, Outputs * Inputs);
        traces.Advance(_spikes.Find(pre), post, context.Dt);
        _spikes.Forget();
    }

    // An output without a post spike touches only the inputs that spiked (their depression, −0.0 for a zero post
    // trace); an output with a post spike touches its whole row (the potentiation reads every pre trace).
    private int SparseDelta(ReadOnlySpan<double> pre, ReadOnlySpan<int> spikes, ReadOnlySpan<double> post, in StepContext context, Span<int> indices, Span<double> values)
    {
        var n = Inputs;
        var readsWeights = dependence.Kind != StdpWeightDependenceKind.Additive;
        var weights = context.Weights;
        traces.Begin(context.Dt);
        var preReady = false;
        var count = 0;
        for (var i = 0; i < Outputs; i++)
        {
            var offset = i * n;
            if (post[i] == 0)
            {
                var y = traces.PostTrace(i);
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
        var readsWeights = dependence.Kind != StdpWeightDependenceKind.Additive;
        var weights = context.Weights;
        var y = traces.PostTrace(i);
        for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
        {
            row[j] = Depression(weights, readsWeights, i, j, y);
        }

        if (post[i] == 0)
        {
            return;
        }

        // x after this step's decay and pre spikes: once for shared traces, per output when each has its own.
        if (traces.PreTracesPerOutput || !preReady)
        {
            TensorPrimitives.Multiply(traces.PreTraces(i), traces.PreFactor(context.Dt), _next);
            var nearest = traces.Nearest;
            for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
            {
                _next[j] = nearest ? 1.0 : _next[j] + 1.0;
            }

            preReady = true;
        }

        if (dependence.Kind == StdpWeightDependenceKind.Gutig && dependence.Mu != 0)
        {
            // f₊ reads the weight after this step's depression: w + d.
            weights.CopyRow(i, _row);
            TensorPrimitives.Add(_row, row, _row);
        }

        dependence.AddPotentiation(_row, _next, traces.PotentiationAmplitude(i, context.Dt), row, _scratch);
    }

    /// <summary>d_ij = −(f₋(w_ij)·y)·A₋(j); w is not read for the additive form (f₋ = 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Depression(IWeightView weights, bool readsWeights, int i, int j, double y)
    {
        var w = readsWeights ? weights[i, j] : 0.0;
        return -dependence.DepressionStep(w, y, traces.DepressionAmplitude(j));
    }
}
