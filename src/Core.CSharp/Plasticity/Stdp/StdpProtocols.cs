namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Exact event-driven drivers for an <see cref="IStdpSynapses"/> rule: arbitrary spike trains, the single-pair
/// window and the pairing-frequency protocol (Sjöström, Turrigiano &amp; Nelson 2001; Pfister &amp; Gerstner 2006,
/// Fig. 5). Times in ms. Events are processed in time order with exact decay in between; at equal times all
/// pre spikes come before the post spike (the toolkit's loop convention), so Δt = 0 counts as pre-before-post.
/// </summary>
public static class StdpProtocols
{
    /// <summary>
    /// Runs spike trains through the rule, starting from the rule's current traces at <paramref name="startTime"/>.
    /// </summary>
    /// <param name="synapses">The rule (its traces are advanced to the last event).</param>
    /// <param name="preSpikeTimes">Per input j &lt; N, its spike times (ascending, ≥ start time); fewer arrays than N means silent inputs.</param>
    /// <param name="postSpikeTimes">Postsynaptic spike times (ascending, ≥ start time).</param>
    /// <param name="weights">Weights, length N (updated).</param>
    /// <param name="startTime">The time the traces refer to (ms).</param>
    /// <returns>The time of the last event (or the start time when there is none).</returns>
    public static double Run(IStdpSynapses synapses, IReadOnlyList<double[]> preSpikeTimes, ReadOnlySpan<double> postSpikeTimes, Span<double> weights, double startTime = 0)
    {
        ArgumentNullException.ThrowIfNull(synapses);
        ArgumentNullException.ThrowIfNull(preSpikeTimes);
        if (preSpikeTimes.Count > synapses.Inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(preSpikeTimes), preSpikeTimes.Count, $"at most N = {synapses.Inputs} trains.");
        }

        if (weights.Length != synapses.Inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), weights.Length, $"weights must have length N = {synapses.Inputs}.");
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
        var now = startTime;
        foreach (var e in order)
        {
            var t = times[e];
            if (!(t >= now) || !double.IsFinite(t))
            {
                throw new ArgumentOutOfRangeException(nameof(preSpikeTimes), t, "spike times must be finite and not before the start time.");
            }

            synapses.Decay(t - now);
            now = t;
            if (keys[e] == int.MaxValue)
            {
                synapses.OnPostSpike(weights);
            }
            else
            {
                synapses.OnPreSpike(keys[e], weights);
            }
        }

        return now;
    }

    /// <summary>
    /// Δw of input 0 for one pre/post pair with Δt = t_post − t_pre (ms) on a fresh rule: the STDP window as the
    /// rule implements it (for a pair rule with additive unbounded weights this is exactly W(Δt)).
    /// </summary>
    /// <param name="create">Creates a fresh rule (zero traces).</param>
    /// <param name="deltaT">Δt = t_post − t_pre (ms), finite.</param>
    /// <param name="initialWeight">Starting weight of every input.</param>
    public static double PairWeightChange(Func<IStdpSynapses> create, double deltaT, double initialWeight)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!double.IsFinite(deltaT))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaT), deltaT, "delta t must be finite.");
        }

        var pre = deltaT >= 0 ? 0.0 : -deltaT;
        var post = deltaT >= 0 ? deltaT : 0.0;
        return ProtocolChange(create, [pre], [post], initialWeight);
    }

    /// <summary>
    /// The pairing protocol: <paramref name="pairs"/> pre/post pairs repeated at <paramref name="frequencyHz"/>
    /// (period 1000/f ms), pre at k·T and post at k·T + Δt (Δt = t_post − t_pre, may be negative: post first).
    /// Returns the total Δw of input 0 after the last spike, on a fresh rule (Pfister &amp; Gerstner 2006 use 60
    /// pairs and Δt = ±10 ms, after Sjöström et al. 2001).
    /// </summary>
    /// <param name="create">Creates a fresh rule (zero traces).</param>
    /// <param name="frequencyHz">Pairing frequency f &gt; 0 (Hz).</param>
    /// <param name="deltaT">Δt (ms), finite.</param>
    /// <param name="pairs">Number of pairs ≥ 1 (60 in the paper).</param>
    /// <param name="initialWeight">Starting weight.</param>
    public static double PairingProtocol(Func<IStdpSynapses> create, double frequencyHz, double deltaT, int pairs, double initialWeight)
    {
        ArgumentNullException.ThrowIfNull(create);
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

        return ProtocolChange(create, pre, post, initialWeight);
    }

    /// <summary>Window table: <see cref="PairWeightChange"/> at each Δt.</summary>
    public static double[] WindowTable(Func<IStdpSynapses> create, ReadOnlySpan<double> deltaTs, double initialWeight)
    {
        var result = new double[deltaTs.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = PairWeightChange(create, deltaTs[i], initialWeight);
        }

        return result;
    }

    /// <summary>Frequency table: <see cref="PairingProtocol"/> at each frequency (Hz).</summary>
    public static double[] FrequencyTable(Func<IStdpSynapses> create, ReadOnlySpan<double> frequenciesHz, double deltaT, int pairs, double initialWeight)
    {
        var result = new double[frequenciesHz.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = PairingProtocol(create, frequenciesHz[i], deltaT, pairs, initialWeight);
        }

        return result;
    }

    private static double ProtocolChange(Func<IStdpSynapses> create, double[] pre, double[] post, double initialWeight)
    {
        if (!double.IsFinite(initialWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(initialWeight), initialWeight, "initial weight must be finite.");
        }

        var synapses = create() ?? throw new ArgumentException("the factory returned null.", nameof(create));
        var weights = new double[synapses.Inputs];
        Array.Fill(weights, initialWeight);
        Run(synapses, [pre], post, weights);
        return weights[0] - initialWeight;
    }
}
