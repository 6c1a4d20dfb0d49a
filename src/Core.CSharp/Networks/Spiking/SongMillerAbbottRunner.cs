using Plasticity.Core.Neurons.Spiking;
using Plasticity.Core.Numerics.Stepping;
using Plasticity.Core.Plasticity;
using Plasticity.Core.Synapses;
using Plasticity.Core.Synapses.Kernels;

namespace Plasticity.Core.Networks.Spiking;

/// <summary>
/// The Song–Miller–Abbott experiment (Song, Miller &amp; Abbott 2000): N inputs (Poisson by default) onto one
/// conductance-based LIF neuron (<see cref="ConductanceLifNeuron"/>), τ_m dV/dt = (E_L − V) + g_e (E_e − V), with one
/// excitatory conductance synapse (<see cref="ConductanceSynapse"/> with an <see cref="ExponentialKernel"/>,
/// dg_e/dt = −g_e/τ_e); each input spike adds its weight, g_e ← g_e + w_j, and the weights live in a 1 × N weight
/// store (<see cref="IWeightMatrix"/>) changed by any plasticity rule (<see cref="IPlasticityRule"/>, optionally with a
/// third factor <see cref="IModulator"/>). Brian2's examples/synapses/STDP.py: <c>dv/dt = (ge*(Ee-v) + El - v)/taum</c>,
/// <c>dge/dt = -ge/taue</c>, on_pre <c>ge += w</c>. Defaults: <see cref="SongMillerAbbottParameters"/>.
/// </summary>
/// <remarks>
/// <para>
/// Step k covers (t_k, t_{k+1}], t_k = k·dt, and is, in this exact order (Brian2's default schedule: state update,
/// thresholds, synapses with on_pre before on_post, resets):
/// 1. membrane: <see cref="ConductanceLifNeuron.Step"/> with the exact step mean ḡ = g_e·c, c = τ_e·(1 − E)/dt,
///    E = exp(−dt/τ_e) (<see cref="IKernelState.MeanOverStep"/>); the run's ∫g accumulates ḡ;
/// 2. threshold: if V ≥ V_t the neuron spikes at t_{k+1}, V ← V_r, refractory for round(t_ref/dt) steps;
/// 3. g_e ← g_e·E (exact decay over the step);
/// 4. inputs spiking in step k (time t_{k+1}, ascending j): g_e ← g_e + w_j (before any weight change, as in Brian2);
/// 5. plasticity (if a rule is given): ONE rule step with the step's spikes as 0/1 indicators (pre: N inputs, post: the
///    neuron), <see cref="StepContext"/>(dt, the store, M), M = the modulator's value at (k + 1, t_{k+1}) or 1:
///    ComputeDelta, then the store applies ΔW through its bounds (w ← clamp(w + Δw), once per step), then Advance.
///    A rule state that implements <see cref="ISparseRuleState"/> takes the sparse path instead: ComputeSparseDelta,
///    the touched entries written with <see cref="IWeightMatrix.AddAt"/>, AdvanceSparse — the same weights bit for bit
///    (the sparse ΔW scattered is the dense ΔW, and a write of +0.0 changes no weight; the runner checks that once for
///    the initial weights and the bounds and otherwise keeps the dense path). Wrappers such as the eligibility trace
///    take the dense path.
///    Pre and post spikes of one step are coincident (Δt = 0, pre handled first by the STDP rules); an input spike
///    affects V only from the next step, so it cannot cause a post spike in its own step. A step whose ΔW is
///    +0.0 everywhere (no spike, additive STDP) is not written: a zero change is no write, on any store.
/// </para>
/// <para>
/// The loop is <see cref="StepLoop"/> (progress and cancellation through <see cref="RunControl"/>). Cost per step
/// O(1 + input spikes·log N) plus the rule's work and O(N) for ΔW (O(input spikes) on the sparse path without a post spike); no allocation per step (recording lists grow
/// amortised). Random draws: N initial weights w_j = U·g_max (j = 0..N−1) from the given <see cref="Random"/>, then
/// the <see cref="PoissonSource"/> on the same generator. Same seed → bit-identical run.
/// A runner is used once: <see cref="Run"/> can be called a single time.
/// </para>
/// </remarks>
public sealed class SongMillerAbbottRunner
{
    private readonly ISpikeSource _inputs;
    private readonly IWeightMatrix _weights;
    private readonly double[] _initialWeights;
    private readonly IPlasticityRule? _rule;
    private readonly IModulator? _modulator;
    private readonly SpikingRecordingOptions _recording;
    private bool _ran;

    /// <summary>
    /// The classic set-up: Poisson inputs at <see cref="SongMillerAbbottParameters.InputRateHz"/>, initial weights
    /// uniform in [0, g_max), all drawn from <paramref name="random"/>, in a dense store with hard bounds [0, g_max].
    /// </summary>
    /// <param name="parameters">Parameters (validated).</param>
    /// <param name="rule">The plasticity rule acting on the weights, or null for fixed weights.</param>
    /// <param name="random">Random source for weights and Poisson inputs.</param>
    /// <param name="recording">Extra recording, or null for none.</param>
    /// <param name="modulator">The third factor M(t) handed to the rule, or null for M ≡ 1.</param>
    public SongMillerAbbottRunner(SongMillerAbbottParameters parameters, IPlasticityRule? rule, Random random, SpikingRecordingOptions? recording = null, IModulator? modulator = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(random);
        Parameters = parameters.Validated();
        var initial = new double[parameters.Inputs];
        for (var j = 0; j < initial.Length; j++)
        {
            initial[j] = random.NextDouble() * parameters.MaxWeight;
        }

        _inputs = new PoissonSource(parameters.Inputs, parameters.InputRateHz, parameters.TimeStep, random);
        _weights = BoundedStore(parameters, initial);
        _initialWeights = initial;
        _rule = rule;
        _modulator = modulator;
        _recording = recording ?? SpikingRecordingOptions.None;
    }

    /// <summary>
    /// A custom set-up: any spike source (its N and dt must match the parameters) and initial weights in [0, g_max],
    /// held in a dense store with hard bounds [0, g_max].
    /// </summary>
    /// <param name="parameters">Parameters (validated; InputRateHz is not used, MaxWeight bounds the weights).</param>
    /// <param name="inputs">The input spike trains, at step 0.</param>
    /// <param name="initialWeights">w_j ∈ [0, g_max] (<see cref="SongMillerAbbottParameters.MaxWeight"/>), length N (copied).</param>
    /// <param name="rule">The plasticity rule, or null for fixed weights.</param>
    /// <param name="recording">Extra recording, or null for none.</param>
    /// <param name="modulator">The third factor M(t), or null for M ≡ 1.</param>
    public SongMillerAbbottRunner(SongMillerAbbottParameters parameters, ISpikeSource inputs, ReadOnlySpan<double> initialWeights, IPlasticityRule? rule, SpikingRecordingOptions? recording = null, IModulator? modulator = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.Validated();
        _inputs = CheckSource(inputs, parameters);
        if (initialWeights.Length != parameters.Inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(initialWeights), initialWeights.Length, $"initialWeights must have length Inputs = {parameters.Inputs}.");
        }

        foreach (var w in initialWeights)
        {
            // Same range as the classic constructor's draws and the store's bounds, so a run starts in bounds.
            if (!(w >= 0 && w <= parameters.MaxWeight))
            {
                throw new ArgumentOutOfRangeException(nameof(initialWeights), w, $"initialWeights must be in [0, MaxWeight = {parameters.MaxWeight}].");
            }
        }

        _initialWeights = initialWeights.ToArray();
        _weights = BoundedStore(parameters, _initialWeights);
        _rule = rule;
        _modulator = modulator;
        _recording = recording ?? SpikingRecordingOptions.None;
    }

    /// <summary>
    /// A custom set-up on any weight store (a dense matrix, a quantising or recording device model): the store's
    /// current weights are the initial weights and its bounds are the run's hard bounds.
    /// </summary>
    /// <param name="parameters">Parameters (validated; InputRateHz and MaxWeight are not used).</param>
    /// <param name="inputs">The input spike trains, at step 0.</param>
    /// <param name="weights">A 1 × N store with finite weights (used in place; the run writes to it).</param>
    /// <param name="rule">The plasticity rule, or null for fixed weights.</param>
    /// <param name="recording">Extra recording, or null for none.</param>
    /// <param name="modulator">The third factor M(t), or null for M ≡ 1.</param>
    public SongMillerAbbottRunner(SongMillerAbbottParameters parameters, ISpikeSource inputs, IWeightMatrix weights, IPlasticityRule? rule, SpikingRecordingOptions? recording = null, IModulator? modulator = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(weights);
        Parameters = parameters.Validated();
        _inputs = CheckSource(inputs, parameters);
        if (weights.Outputs != 1 || weights.Inputs != parameters.Inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), $"weights must be 1 × Inputs = 1 × {parameters.Inputs} (got {weights.Outputs} × {weights.Inputs}).");
        }

        var initial = new double[parameters.Inputs];
        weights.CopyRow(0, initial);
        foreach (var w in initial)
        {
            if (!double.IsFinite(w))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, "weights must be finite.");
            }
        }

        _weights = weights;
        _initialWeights = initial;
        _rule = rule;
        _modulator = modulator;
        _recording = recording ?? SpikingRecordingOptions.None;
    }

    /// <summary>The parameters.</summary>
    public SongMillerAbbottParameters Parameters { get; }

    /// <summary>The live weights (1 × N; changed by the rule during <see cref="Run"/>).</summary>
    public IWeightView Weights => _weights;

    /// <summary>Runs the whole experiment once on <see cref="StepLoop"/>.</summary>
    /// <param name="control">Cancellation (checked before every step; throws <see cref="OperationCanceledException"/>) and progress, or null for none.</param>
    public SongMillerAbbottResult Run(RunControl? control = null)
    {
        if (_ran)
        {
            throw new InvalidOperationException("a runner runs once; create a new one.");
        }

        _ran = true;
        var stepper = new Stepper(this);
        StepLoop.Run(stepper, Parameters.Steps, control);
        return stepper.Result();
    }

    private static DenseWeightMatrix BoundedStore(SongMillerAbbottParameters parameters, ReadOnlySpan<double> initial)
    {
        var store = new DenseWeightMatrix(1, parameters.Inputs, new WeightBounds(0, parameters.MaxWeight));
        store.SetRow(0, initial);
        return store;
    }

    private static ISpikeSource CheckSource(ISpikeSource inputs, SongMillerAbbottParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Count == parameters.Inputs && inputs.TimeStep == parameters.TimeStep && inputs.Step == 0 ? inputs
            : throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Count, $"the source must have Inputs = {parameters.Inputs} inputs, TimeStep = {parameters.TimeStep} ms and be at step 0.");
    }

    /// <summary>One run's state and step (the description is the runner).</summary>
    private sealed class Stepper : IStepper
    {
        private readonly SongMillerAbbottRunner _runner;
        private readonly double _dt;
        private readonly ConductanceLifNeuron _neuron;
        private readonly ConductanceSynapse _synapse;
        private readonly IWeightMatrix _weights;
        private readonly IRuleState? _state;
        private readonly int[] _spiking;
        private readonly double[] _pre;
        private readonly double[] _post = new double[1];
        private readonly double[] _delta;
        private readonly ISparseRuleState? _sparse;
        private readonly bool _ascendingSource;
        private readonly int[] _indices;
        private readonly double[] _values;
        private readonly long _binSteps;
        private readonly long[] _bins;
        private readonly List<double> _output = [];
        private readonly SpikeRecorder? _inputTimes;
        private readonly int _traceEvery;
        private readonly SampledTrace? _potentialTrace;
        private readonly SampledTrace? _conductanceTrace;
        private readonly double[] _snapshotTimes;
        private readonly List<WeightSnapshot> _snapshots;
        private int _nextSnapshot;
        private double _integral;
        private long _inputSpikes;

        public Stepper(SongMillerAbbottRunner runner)
        {
            _runner = runner;
            var p = runner.Parameters;
            var n = p.Inputs;
            var steps = p.Steps;
            _dt = p.TimeStep;
            _neuron = new ConductanceLifNeuron(p.Neuron, p.ExcitatoryReversal, p.Neuron.RestingPotential, _dt, p.InitialPotential);
            // g_e in units of the leak conductance: the synapse's maximal conductance is 1 and the kernel state is g_e.
            _synapse = ConductanceSynapse.Excitatory(new ExponentialKernel(p.ExcitatoryTimeConstant), 1.0, _dt, p.ExcitatoryReversal);
            _weights = runner._weights;
            _state = runner._rule?.CreateState(1, n);
            _spiking = new int[n];
            _pre = new double[n];
            _sparse = _state is ISparseRuleState sparse && ZeroWriteKeeps(_weights.Bounds, runner._initialWeights) ? sparse : null;
            _delta = _state is null || _sparse is not null ? [] : new double[n];
            _indices = _sparse is null ? [] : new int[n];
            _ascendingSource = runner._inputs is PoissonSource;
            _values = _sparse is null ? [] : new double[n];
            _binSteps = (long)Math.Round(p.RateBin / _dt);
            _bins = new long[(steps + _binSteps - 1) / _binSteps];
            var recording = runner._recording;
            _inputTimes = recording.InputSpikes ? new SpikeRecorder(n) : null;
            _traceEvery = recording.TraceEvery;
            var capacity = (int)Math.Min((steps / Math.Max(1, _traceEvery)) + 1, int.MaxValue / 2);
            _potentialTrace = _traceEvery > 0 ? new SampledTrace(capacity) : null;
            _conductanceTrace = _traceEvery > 0 ? new SampledTrace(capacity) : null;
            _snapshotTimes = [.. recording.WeightSnapshotTimes.Order()];
            _snapshots = new List<WeightSnapshot>(_snapshotTimes.Length);
            while (_nextSnapshot < _snapshotTimes.Length && _snapshotTimes[_nextSnapshot] <= 0)
            {
                _snapshots.Add(new WeightSnapshot(_snapshotTimes[_nextSnapshot++], 0.0, (double[])runner._initialWeights.Clone()));
            }
        }

        public double TimeAfter(long stepsDone) => stepsDone * _dt;

        public StepStatus Step(long step)
        {
            var k = step - 1;

            // 1–2. Membrane over the step with the exact mean conductance, then threshold and reset.
            var gMean = _synapse.MeanConductanceOverStep;
            _integral += gMean;
            var spiked = _neuron.Step(gMean);

            // 3–4. Exact decay of g over the step, then the inputs that spiked in it (at t_{k+1}), with the weights before plasticity.
            _synapse.Advance();
            var count = _runner._inputs.Advance(_spiking);
            _inputSpikes += count;
            for (var i = 0; i < count; i++)
            {
                _synapse.Spike(_weights[0, _spiking[i]]);
            }

            var time = step * _dt;

            // 5. One plasticity step with the step's spikes.
            if (_state is not null)
            {
                Plasticity(step, time, count, spiked);
            }

            if (spiked)
            {
                _output.Add(time);
                _bins[k / _binSteps]++;
            }

            if (_inputTimes is not null)
            {
                for (var i = 0; i < count; i++)
                {
                    _inputTimes.Record(_spiking[i], time);
                }
            }

            if (_traceEvery > 0 && step % _traceEvery == 0)
            {
                _potentialTrace!.Add(time, _neuron.Potential);
                _conductanceTrace!.Add(time, _synapse.Conductance);
            }

            while (_nextSnapshot < _snapshotTimes.Length && _snapshotTimes[_nextSnapshot] <= time)
            {
                _snapshots.Add(new WeightSnapshot(_snapshotTimes[_nextSnapshot++], time, Row()));
            }

            return StepStatus.Continue;
        }

        public SongMillerAbbottResult Result()
        {
            var p = _runner.Parameters;
            var steps = p.Steps;
            var rates = new double[_bins.Length];
            for (var b = 0; b < _bins.Length; b++)
            {
                var width = Math.Min(_binSteps, steps - (b * _binSteps)) * _dt;
                rates[b] = _bins[b] / (width * 1e-3);
            }

            return new SongMillerAbbottResult(
                p,
                _runner._initialWeights,
                Row(),
                [.. _output],
                rates,
                _binSteps * _dt,
                _inputSpikes,
                _integral / steps,
                _potentialTrace,
                _conductanceTrace,
                _snapshots,
                _inputTimes);
        }

        private void Plasticity(long step, double time, int count, bool spiked)
        {
            for (var i = 0; i < count; i++)
            {
                _pre[_spiking[i]] = 1.0;
            }

            _post[0] = spiked ? 1.0 : 0.0;
            var modulator = _runner._modulator?.Value(step, time, _pre, _post) ?? 1.0;
            var context = new StepContext(_dt, _weights, modulator);
            if (_sparse is not null)
            {
                // The sparse path: only the touched entries are computed and written (O(pre spikes) without a post spike).
                // The source's spikes of a step ascend (the Poisson source's queue order); a source that does not
                // promise it gets the indicator scan.
                var spikes = _spiking.AsSpan(0, count);
                var touched = _ascendingSource
                    ? _sparse.ComputeSparseDelta(_pre, spikes, _post, context, _indices, _values)
                    : _sparse.ComputeSparseDelta(_pre, _post, context, _indices, _values);
                ReadOnlySpan<int> indices = _indices.AsSpan(0, touched);
                ReadOnlySpan<double> values = _values.AsSpan(0, touched);
                if (AnyNonZeroBits(values))
                {
                    _weights.AddAt(indices, values);
                }

                _sparse.AdvanceSparse(_pre, _post, context, indices, values);
            }
            else
            {
                _state!.ComputeDelta(_pre, _post, context, _delta);
                if (AnyNonZeroBits(_delta))
                {
                    _weights.Apply(_delta);
                }

                _state.Advance(_pre, _post, context, _delta);
            }

            for (var i = 0; i < count; i++)
            {
                _pre[_spiking[i]] = 0.0;
            }
        }

        /// <summary>
        /// Whether a change must be written. A ΔW of +0.0 everywhere is no write: a vectorised search on the bit
        /// patterns (any other value, −0.0 and NaN included, has non-zero bits and is written, so the store sees
        /// divergence). The same test on the dense ΔW and on the sparse values gives the same writes.
        /// </summary>
        private static bool AnyNonZeroBits(ReadOnlySpan<double> change) =>
            MemoryMarshal.Cast<double, long>(change).IndexOfAnyExcept(0L) >= 0;

        /// <summary>
        /// Whether a write of +0.0 leaves every weight the run can hold unchanged: w = clamp(w + 0) bit for bit for
        /// the initial weights and both bounds (false only for −0.0 or a weight outside the bounds). Then, by
        /// induction, every weight a write produces is such a fixed point too, so writing only the touched entries
        /// (<see cref="IWeightMatrix.AddAt"/>) gives the same weights as writing the full ΔW.
        /// </summary>
        private static bool ZeroWriteKeeps(WeightBounds bounds, ReadOnlySpan<double> initial)
        {
            static bool Keeps(WeightBounds b, double w) =>
                BitConverter.DoubleToInt64Bits(b.Clamp(w + 0.0)) == BitConverter.DoubleToInt64Bits(w);

            if (!Keeps(bounds, bounds.Lower) || !Keeps(bounds, bounds.Upper))
            {
                return false;
            }

            foreach (var w in initial)
            {
                if (!Keeps(bounds, w))
                {
                    return false;
                }
            }

            return true;
        }

        private double[] Row()
        {
            var row = new double[_weights.Inputs];
            _weights.CopyRow(0, row);
            return row;
        }
    }
}
