using Plasticity.Core.Neurons.Spiking;
using Plasticity.Core.Numerics;
using Plasticity.Core.Plasticity.Stdp;

namespace Plasticity.Core.Networks.Spiking;

/// <summary>
/// The Song–Miller–Abbott experiment (Song, Miller &amp; Abbott 2000): N inputs (Poisson by default) onto one
/// conductance-based LIF neuron, τ_m dV/dt = (E_L − V) + g_e (E_e − V), dg_e/dt = −g_e/τ_e, each input spike adds its
/// weight: g_e ← g_e + w_j, with the weights changed by an <see cref="IStdpSynapses"/> rule (Brian2's
/// examples/synapses/STDP.py: <c>dv/dt = (ge*(Ee-v) + El - v)/taum</c>, <c>dge/dt = -ge/taue</c>, on_pre
/// <c>ge += w</c>). Defaults: <see cref="SongMillerAbbottParameters"/>.
/// </summary>
/// <remarks>
/// <para>
/// Step k covers (t_k, t_{k+1}], t_k = k·dt, and is, in this exact order (Brian2's default schedule: state update,
/// thresholds, synapses with on_pre before on_post, resets):
/// 1. membrane: unless refractory, V ← <see cref="ConductanceLifNeuron.PropagateExcitatory"/>(V, E_L, E_e, ḡ, dt/τ_m)
///    with the exact step mean ḡ = g_e·c, c = τ_e·(1 − E)/dt, E = exp(−dt/τ_e); the run's ∫g accumulates ḡ;
/// 2. threshold: if V ≥ V_t the neuron spikes at t_{k+1}, V ← V_r, refractory for round(t_ref/dt) steps;
/// 3. g_e ← g_e·E (exact decay over the step);
/// 4. inputs spiking in step k (time t_{k+1}, ascending j): g_e ← g_e + w_j (before any weight change, as in Brian2);
/// 5. plasticity (if a rule is given): Decay(dt); OnPreSpike(j, w) for each spiking j (ascending); OnPostSpike(w)
///    if the neuron spiked. Pre and post spikes of one step are coincident (Δt = 0, pre handled first); an input
///    spike affects V only from the next step, so it cannot cause a post spike in its own step.
/// </para>
/// <para>
/// Cost per step O(1 + input spikes·log N) plus the rule's work; no allocation per step (recording lists grow
/// amortised). Random draws: N initial weights w_j = U·g_max (j = 0..N−1) from the given <see cref="Random"/>, then
/// the <see cref="PoissonSource"/> on the same generator. Same seed → bit-identical run.
/// A runner is used once: <see cref="Run"/> can be called a single time.
/// </para>
/// </remarks>
public sealed class SongMillerAbbottRunner
{
    private readonly ISpikeSource _inputs;
    private readonly double[] _weights;
    private readonly double[] _initialWeights;
    private readonly IStdpSynapses? _rule;
    private readonly SpikingRecordingOptions _recording;
    private bool _ran;

    /// <summary>
    /// The classic set-up: Poisson inputs at <see cref="SongMillerAbbottParameters.InputRateHz"/> and initial weights
    /// uniform in [0, g_max), all drawn from <paramref name="random"/>.
    /// </summary>
    /// <param name="parameters">Parameters (validated).</param>
    /// <param name="rule">The STDP rule acting on the weights (its Inputs must equal N), or null for fixed weights.</param>
    /// <param name="random">Random source for weights and Poisson inputs.</param>
    /// <param name="recording">Extra recording, or null for none.</param>
    public SongMillerAbbottRunner(SongMillerAbbottParameters parameters, IStdpSynapses? rule, Random random, SpikingRecordingOptions? recording = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(random);
        Parameters = parameters.Validated();
        _weights = new double[parameters.Inputs];
        for (var j = 0; j < _weights.Length; j++)
        {
            _weights[j] = random.NextDouble() * parameters.MaxWeight;
        }

        _inputs = new PoissonSource(parameters.Inputs, parameters.InputRateHz, parameters.TimeStep, random);
        _initialWeights = (double[])_weights.Clone();
        _rule = CheckRule(rule, parameters.Inputs);
        _recording = recording ?? SpikingRecordingOptions.None;
    }

    /// <summary>A custom set-up: any spike source (its N and dt must match the parameters) and given initial weights.</summary>
    /// <param name="parameters">Parameters (validated; InputRateHz is not used, MaxWeight bounds the initial weights).</param>
    /// <param name="inputs">The input spike trains, at step 0.</param>
    /// <param name="initialWeights">w_j ∈ [0, g_max] (<see cref="SongMillerAbbottParameters.MaxWeight"/>), length N (copied).</param>
    /// <param name="rule">The STDP rule, or null for fixed weights.</param>
    /// <param name="recording">Extra recording, or null for none.</param>
    public SongMillerAbbottRunner(SongMillerAbbottParameters parameters, ISpikeSource inputs, ReadOnlySpan<double> initialWeights, IStdpSynapses? rule, SpikingRecordingOptions? recording = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(inputs);
        Parameters = parameters.Validated();
        if (inputs.Count != parameters.Inputs || inputs.TimeStep != parameters.TimeStep || inputs.Step != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Count, $"the source must have N = {parameters.Inputs} inputs, dt = {parameters.TimeStep} ms and be at step 0.");
        }

        if (initialWeights.Length != parameters.Inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(initialWeights), initialWeights.Length, $"initial weights must have length N = {parameters.Inputs}.");
        }

        foreach (var w in initialWeights)
        {
            // Same range as the classic constructor's draws and the rules' hard bound, so a run starts in bounds.
            if (!(w >= 0 && w <= parameters.MaxWeight))
            {
                throw new ArgumentOutOfRangeException(nameof(initialWeights), w, $"initial weights must be in [0, g_max = {parameters.MaxWeight}].");
            }
        }

        _inputs = inputs;
        _weights = initialWeights.ToArray();
        _initialWeights = initialWeights.ToArray();
        _rule = CheckRule(rule, parameters.Inputs);
        _recording = recording ?? SpikingRecordingOptions.None;
    }

    /// <summary>The parameters.</summary>
    public SongMillerAbbottParameters Parameters { get; }

    /// <summary>The live weights (changed in place by the rule during <see cref="Run"/>).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Runs the whole experiment once.</summary>
    /// <param name="progress">Called with the fraction done (about every 1 % of the steps, and with 1 at the end), or null.</param>
    /// <param name="cancellationToken">Checked every 4096 steps; cancellation throws <see cref="OperationCanceledException"/>.</param>
    public SongMillerAbbottResult Run(Action<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_ran)
        {
            throw new InvalidOperationException("a runner runs once; create a new one.");
        }

        _ran = true;
        var p = Parameters;
        var n = p.Inputs;
        var steps = p.Steps;
        var dt = p.TimeStep;
        var el = p.Neuron.RestingPotential;
        var ee = p.ExcitatoryReversal;
        var vt = p.Neuron.Threshold;
        var vr = p.Neuron.Reset;
        var refractorySteps = ParameterChecks.RefractorySteps(p.Neuron.RefractoryPeriod, dt);
        var dtOverTau = dt / p.Neuron.MembraneTimeConstant;
        var decay = Math.Exp(-dt / p.ExcitatoryTimeConstant);
        var meanFactor = p.ExcitatoryTimeConstant * (1.0 - decay) / dt;
        var binSteps = (long)Math.Round(p.RateBin / dt);
        var bins = new long[(steps + binSteps - 1) / binSteps];

        var weights = _weights.AsSpan();
        var spiking = new int[n];
        var rule = _rule;
        var output = new List<double>();
        var inputTimes = _recording.InputSpikes ? new SpikeRecorder(n) : null;
        var traceEvery = _recording.TraceEvery;
        var potentialTrace = traceEvery > 0 ? new SampledTrace((int)Math.Min(steps / traceEvery + 1, int.MaxValue / 2)) : null;
        var conductanceTrace = traceEvery > 0 ? new SampledTrace((int)Math.Min(steps / traceEvery + 1, int.MaxValue / 2)) : null;
        var snapshotTimes = _recording.WeightSnapshotTimes.Order().ToArray();
        var snapshots = new List<WeightSnapshot>(snapshotTimes.Length);
        var nextSnapshot = 0;
        while (nextSnapshot < snapshotTimes.Length && snapshotTimes[nextSnapshot] <= 0)
        {
            snapshots.Add(new WeightSnapshot(snapshotTimes[nextSnapshot++], 0.0, (double[])_weights.Clone()));
        }

        var progressEvery = Math.Max(1, steps / 100);
        var v = p.InitialPotential ?? el;
        var g = 0.0;
        var integral = 0.0;
        var refractoryLeft = 0;
        var inputSpikes = 0L;
        for (var k = 0L; k < steps; k++)
        {
            // 1–2. Membrane over the step with the exact mean conductance, then threshold and reset.
            var gMean = g * meanFactor;
            integral += gMean;
            var post = false;
            if (refractoryLeft > 0)
            {
                refractoryLeft--;
            }
            else
            {
                v = ConductanceLifNeuron.PropagateExcitatory(v, el, ee, gMean, dtOverTau);
                if (v >= vt)
                {
                    v = vr;
                    post = true;
                    refractoryLeft = refractorySteps;
                }
            }

            // 3–4. Exact decay of g over the step, then the inputs that spiked in it (at t_{k+1}).
            g *= decay;
            var count = _inputs.Advance(spiking);
            inputSpikes += count;
            for (var i = 0; i < count; i++)
            {
                g += weights[spiking[i]];
            }

            // 5. Plasticity hooks in the interface's documented order.
            if (rule is not null)
            {
                rule.Decay(dt);
                for (var i = 0; i < count; i++)
                {
                    rule.OnPreSpike(spiking[i], weights);
                }

                if (post)
                {
                    rule.OnPostSpike(weights);
                }
            }

            var time = (k + 1) * dt;
            if (post)
            {
                output.Add(time);
                bins[k / binSteps]++;
            }

            if (inputTimes is not null)
            {
                for (var i = 0; i < count; i++)
                {
                    inputTimes.Record(spiking[i], time);
                }
            }

            if (traceEvery > 0 && (k + 1) % traceEvery == 0)
            {
                potentialTrace!.Add(time, v);
                conductanceTrace!.Add(time, g);
            }

            while (nextSnapshot < snapshotTimes.Length && snapshotTimes[nextSnapshot] <= time)
            {
                snapshots.Add(new WeightSnapshot(snapshotTimes[nextSnapshot++], time, (double[])_weights.Clone()));
            }

            if ((k & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (progress is not null && (k + 1) % progressEvery == 0)
            {
                progress((double)(k + 1) / steps);
            }
        }

        progress?.Invoke(1.0);
        var rates = new double[bins.Length];
        for (var b = 0; b < bins.Length; b++)
        {
            var width = Math.Min(binSteps, steps - (b * binSteps)) * dt;
            rates[b] = bins[b] / (width * 1e-3);
        }

        return new SongMillerAbbottResult(
            p,
            _initialWeights,
            (double[])_weights.Clone(),
            [.. output],
            rates,
            binSteps * dt,
            inputSpikes,
            integral / steps,
            potentialTrace,
            conductanceTrace,
            snapshots,
            inputTimes);
    }

    private static IStdpSynapses? CheckRule(IStdpSynapses? rule, int inputs) =>
        rule is null || rule.Inputs == inputs ? rule
        : throw new ArgumentOutOfRangeException(nameof(rule), rule.Inputs, $"the rule must have N = {inputs} inputs.");
}
