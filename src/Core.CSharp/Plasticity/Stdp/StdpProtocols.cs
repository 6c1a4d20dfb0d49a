using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Exact event-driven drivers for a spiking rule on the one plasticity contract: arbitrary spike trains, the
/// single-pair window and the pairing-frequency protocol (Sjöström, Turrigiano &amp; Nelson 2001; Pfister &amp;
/// Gerstner 2006, Fig. 5). Times in ms. The events are grouped into steps: all spikes at one time form one step whose
/// length dt is the time since the previous step (so traces decay exactly in between), with the pre spikes and then
/// the post spike of that time, which is the rules' in-step order — Δt = 0 counts as pre-before-post. A second spike
/// of the same train at the same time starts a new step of length 0.
/// </summary>
public static class StdpProtocols
{
    /// <summary>
    /// Runs spike trains through a rule state (one output), starting from its current traces at <paramref name="startTime"/>.
    /// </summary>
    /// <param name="state">The rule's state for 1 output and N = <paramref name="weights"/>.Inputs inputs (its traces are advanced to the last event).</param>
    /// <param name="weights">The 1 × N weight store (updated through its bounds).</param>
    /// <param name="preSpikeTimes">Per input j &lt; N, its spike times (ascending, ≥ start time); fewer arrays than N means silent inputs.</param>
    /// <param name="postSpikeTimes">Postsynaptic spike times (ascending, ≥ start time).</param>
    /// <param name="startTime">The time the traces refer to (ms).</param>
    /// <returns>The time of the last event (or the start time when there is none).</returns>
    public static double Run(IRuleState state, IWeightMatrix weights, IReadOnlyList<double[]> preSpikeTimes, ReadOnlySpan<double> postSpikeTimes, double startTime = 0)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(preSpikeTimes);
        if (weights.Outputs != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), weights.Outputs, "weights must have exactly 1 output (one post train).");
        }

        var n = weights.Inputs;
        if (preSpikeTimes.Count > n)
        {
            throw new ArgumentOutOfRangeException(nameof(preSpikeTimes), preSpikeTimes.Count, $"at most N = {n} trains.");
        }

        var count = postSpikeTimes.Length;
        foreach (var train in preSpikeTimes)
        {
            count += train.Length;
        }

        var times = new double[count];
        var keys = new int[count]; // input index; int.MaxValue for the post spike, so it sorts last at equal times
        var k = 0;
        for (var j = 0; j < preSpikeTimes.Count; j++)
        {
            foreach (var t in preSpikeTimes[j])
            {
                times[k] = t;
                keys[k++] = j;
            }
        }

        foreach (var t in postSpikeTimes)
        {
            times[k] = t;
            keys[k++] = int.MaxValue;
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => times[a] != times[b] ? times[a].CompareTo(times[b]) : keys[a].CompareTo(keys[b]));
        var pre = new double[n];
        var post = new double[1];
        var delta = new double[n];
        var touched = new List<int>();
        var now = startTime;
        var e = 0;
        while (e < count)
        {
            var t = times[order[e]];
            if (!(t >= now) || !double.IsFinite(t))
            {
                throw new ArgumentOutOfRangeException(nameof(preSpikeTimes), t, "spike times must be finite and not before the start time.");
            }

            // One step: the pre spikes at time t (each input once), then the post spike at t, which closes it.
            while (e < count && times[order[e]] == t)
            {
                var key = keys[order[e]];
                if (key == int.MaxValue)
                {
                    post[0] = 1.0;
                    e++;
                    break;
                }

                if (pre[key] != 0)
                {
                    break;
                }

                pre[key] = 1.0;
                touched.Add(key);
                e++;
            }

            Step(state, weights, pre, post, t - now, 1.0, delta);
            now = t;
            foreach (var j in touched)
            {
                pre[j] = 0.0;
            }

            touched.Clear();
            post[0] = 0.0;
        }

        return now;
    }

    /// <summary>
    /// One step of the plasticity loop: ΔW from <paramref name="state"/>, applied to <paramref name="weights"/> (through
    /// its bounds), then the state advances with the context holding the updated weights.
    /// </summary>
    /// <param name="state">The rule state (outputs × inputs of <paramref name="weights"/>).</param>
    /// <param name="weights">The store.</param>
    /// <param name="pre">Pre spike indicators (length inputs).</param>
    /// <param name="post">Post spike indicators (length outputs).</param>
    /// <param name="dt">Step length (ms, finite, ≥ 0).</param>
    /// <param name="modulator">The third factor M of the step (1 for two-factor STDP).</param>
    public static void Step(IRuleState state, IWeightMatrix weights, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, double dt, double modulator = 1.0)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(weights);
        Step(state, weights, pre, post, dt, modulator, new double[checked(weights.Outputs * weights.Inputs)]);
    }

    private static void Step(IRuleState state, IWeightMatrix weights, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, double dt, double modulator, double[] delta)
    {
        var context = new StepContext(dt, weights, modulator);
        state.ComputeDelta(pre, post, context, delta);
        weights.Apply(delta);
        state.Advance(pre, post, context, delta);
    }

    /// <summary>
    /// Δw of input 0 for one pre/post pair with Δt = t_post − t_pre (ms) on a fresh rule: the STDP window as the
    /// rule implements it (for a pair rule with additive unbounded weights this is exactly W(Δt)).
    /// </summary>
    /// <param name="rule">The rule (a fresh state with zero traces is created for each pair or protocol).</param>
    /// <param name="deltaT">Δt = t_post − t_pre (ms), finite.</param>
    /// <param name="initialWeight">Starting weight of every input.</param>
    public static double PairWeightChange(IPlasticityRule rule, double deltaT, double initialWeight)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!double.IsFinite(deltaT))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaT), deltaT, "delta t must be finite.");
        }

        var pre = deltaT >= 0 ? 0.0 : -deltaT;
        var post = deltaT >= 0 ? deltaT : 0.0;
        return ProtocolChange(rule, [pre], [post], initialWeight);
    }

    /// <summary>
    /// The pairing protocol: <paramref name="pairs"/> pre/post pairs repeated at <paramref name="frequencyHz"/>
    /// (period 1000/f ms), pre at k·T and post at k·T + Δt (Δt = t_post − t_pre, may be negative: post first).
    /// Returns the total Δw of input 0 after the last spike, on a fresh rule (Pfister &amp; Gerstner 2006 use 60
    /// pairs and Δt = ±10 ms, after Sjöström et al. 2001).
    /// </summary>
    /// <param name="rule">The rule (a fresh state with zero traces is created for each pair or protocol).</param>
    /// <param name="frequencyHz">Pairing frequency f &gt; 0 (Hz).</param>
    /// <param name="deltaT">Δt (ms), finite.</param>
    /// <param name="pairs">Number of pairs ≥ 1 (60 in the paper).</param>
    /// <param name="initialWeight">Starting weight.</param>
    public static double PairingProtocol(IPlasticityRule rule, double frequencyHz, double deltaT, int pairs, double initialWeight)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!(frequencyHz > 0 && double.IsFinite(frequencyHz)))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "frequency must be finite and > 0 Hz.");
        }

        if (!double.IsFinite(deltaT))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaT), deltaT, "delta t must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        var period = 1000.0 / frequencyHz;
        var offset = Math.Max(0.0, -deltaT);
        var pre = new double[pairs];
        var post = new double[pairs];
        for (var k = 0; k < pairs; k++)
        {
            pre[k] = offset + k * period;
            post[k] = pre[k] + deltaT;
        }

        return ProtocolChange(rule, pre, post, initialWeight);
    }

    /// <summary>Window table: <see cref="PairWeightChange"/> at each Δt.</summary>
    public static double[] WindowTable(IPlasticityRule rule, ReadOnlySpan<double> deltaTs, double initialWeight)
    {
        var result = new double[deltaTs.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = PairWeightChange(rule, deltaTs[i], initialWeight);
        }

        return result;
    }

    /// <summary>Frequency table: <see cref="PairingProtocol"/> at each frequency (Hz).</summary>
    public static double[] FrequencyTable(IPlasticityRule rule, ReadOnlySpan<double> frequenciesHz, double deltaT, int pairs, double initialWeight)
    {
        var result = new double[frequenciesHz.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = PairingProtocol(rule, frequenciesHz[i], deltaT, pairs, initialWeight);
        }

        return result;
    }

    private static double ProtocolChange(IPlasticityRule rule, double[] pre, double[] post, double initialWeight)
    {
        if (!double.IsFinite(initialWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(initialWeight), initialWeight, "initial weight must be finite.");
        }

        // One unbounded synapse: the window as the rule implements it, without a store's bounds.
        var weights = new DenseWeightMatrix(1, 1);
        weights.SetRow(0, [initialWeight]);
        Run(rule.CreateState(1, 1), weights, [pre], post);
        return weights[0, 0] - initialWeight;
    }
}
