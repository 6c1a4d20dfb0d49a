namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the STDP checks make into the core: <see cref="PairStdpRule"/> (additive weight dependence on an
/// unbounded store), <see cref="StdpProtocols.WindowTable"/>, <see cref="StdpProtocols.Run"/> and <see cref="StdpProtocols.Step"/>.
/// </summary>
public static class StdpAdapter
{
    /// <summary>Weight change of one pre/post pair at each Δt (ms), from the pair rule with the given pairing.</summary>
    public static double[] WindowTable(double aPlus, double aMinus, double tauPlus, double tauMinus, StdpPairing pairing, double[] deltaTs)
    {
        var window = new StdpWindow(aPlus, aMinus, tauPlus, tauMinus);
        return StdpProtocols.WindowTable(new PairStdpRule(window, pairing, StdpWeightDependence.Additive), deltaTs, 0.0);
    }

    /// <summary>
    /// Total Δw of the triplet rule (unbounded additive, from w = 0) after <paramref name="pairs"/> pairs at each
    /// frequency (Hz) with lag Δt (ms): <see cref="StdpProtocols.FrequencyTable"/> on a <see cref="TripletStdpRule"/>.
    /// </summary>
    public static double[] TripletFrequencyTable(TripletStdpParameters parameters, StdpPairing pairing, double[] frequenciesHz, double deltaT, int pairs) =>
        StdpProtocols.FrequencyTable(new TripletStdpRule(parameters, pairing, StdpWeightDependence.Additive), frequenciesHz, deltaT, pairs, 0.0);

    /// <summary>
    /// Mean drift ⟨Δw⟩/T (per second) over <paramref name="inputs"/> synapses driven by independent Poisson trains at
    /// ν_pre and one post train at ν_post: traces warm up on [−warm-up, 0), the change is measured on [0, T).
    /// </summary>
    public static double Drift(double aPlus, double aMinus, double tauPlus, double tauMinus, StdpPairing pairing, int inputs, double nuPre, double nuPost, double warmUp, double duration, Random random)
    {
        var state = new PairStdpRule(new StdpWindow(aPlus, aMinus, tauPlus, tauMinus), pairing, StdpWeightDependence.Additive).CreateState(1, inputs);
        var pre = Enumerable.Range(0, inputs).Select(_ => Poisson(random, nuPre, -warmUp, duration)).ToArray();
        var post = Poisson(random, nuPost, -warmUp, duration);
        var weights = new DenseWeightMatrix(1, inputs);
        var last = StdpProtocols.Run(state, weights, pre.Select(t => t.Where(x => x < 0).ToArray()).ToArray(), post.Where(x => x < 0).ToArray(), -warmUp);
        // Decay the traces from the last warm-up event to t = 0 (a step without spikes changes no weight).
        StdpProtocols.Step(state, weights, new double[inputs], new double[1], 0.0 - last);
        var w0 = weights.Row(0).ToArray();
        StdpProtocols.Run(state, weights, pre.Select(t => t.Where(x => x >= 0).ToArray()).ToArray(), post.Where(x => x >= 0).ToArray(), 0.0);
        var w = weights.Row(0).ToArray();
        return w.Zip(w0, (a, b) => a - b).Average() / (duration / 1000.0);
    }

    /// <summary>
    /// Mean drift ⟨Δw⟩/T (weight units per second) of all-to-all pair STDP with weight dependence
    /// <paramref name="dependence"/> over <paramref name="inputs"/> synapses that start the measured interval at
    /// <paramref name="weight"/> (an unbounded store, so no clamp acts): independent Poisson trains at ν_pre and one
    /// post train at ν_post; the traces warm up on [−warm-up, 0), then every weight is reset to w and the change is
    /// measured on [0, T). With amplitudes small against w_max the weights stay near w, so f±(w) are those of the start.
    /// </summary>
    public static double DependentDrift(StdpWindow window, StdpWeightDependence dependence, int inputs, double nuPre, double nuPost, double weight, double warmUp, double duration, Random random)
    {
        var state = new PairStdpRule(window, StdpPairing.AllToAll, dependence).CreateState(1, inputs);
        var pre = Enumerable.Range(0, inputs).Select(_ => Poisson(random, nuPre, -warmUp, duration)).ToArray();
        var post = Poisson(random, nuPost, -warmUp, duration);
        var weights = new DenseWeightMatrix(1, inputs);
        var start = Enumerable.Repeat(weight, inputs).ToArray();
        weights.SetRow(0, start);
        var last = StdpProtocols.Run(state, weights, pre.Select(t => t.Where(x => x < 0).ToArray()).ToArray(), post.Where(x => x < 0).ToArray(), -warmUp);
        StdpProtocols.Step(state, weights, new double[inputs], new double[1], 0.0 - last);
        weights.SetRow(0, start);
        StdpProtocols.Run(state, weights, pre.Select(t => t.Where(x => x >= 0).ToArray()).ToArray(), post.Where(x => x >= 0).ToArray(), 0.0);
        return weights.Row(0).ToArray().Average(w => w - weight) / (duration / 1000.0);
    }

    /// <summary>
    /// One Song–Miller–Abbott run (<see cref="SongMillerAbbottRunner"/>, the classic set-up of
    /// <c>plasticity stdp competition</c>): N Poisson inputs at ν onto the LIF neuron, all-to-all pair STDP with
    /// A₊ = 0.01·g_max, A₋ = <paramref name="ratio"/>·A₊, τ₊ = τ₋ = 20 ms and the given weight dependence, store bounded
    /// to [0, g_max]. Returns the final weights in units of g_max and the output rate (Hz).
    /// </summary>
    public static (double[] U, double OutputRateHz) SongMillerAbbott(int inputs, double rateHz, double durationMs, double ratio, StdpWeightDependence dependence, Random random)
    {
        var parameters = new SongMillerAbbottParameters { Inputs = inputs, InputRateHz = rateHz, Duration = durationMs };
        var aPlus = 0.01 * parameters.MaxWeight;
        var rule = new PairStdpRule(new StdpWindow(aPlus, ratio * aPlus, 20.0, 20.0), StdpPairing.AllToAll, dependence);
        var result = new SongMillerAbbottRunner(parameters, rule, random).Run();
        return (result.FinalWeights.Select(w => w / parameters.MaxWeight).ToArray(), result.OutputRate);
    }

    /// <summary>g_max of the classic set-up (<see cref="SongMillerAbbottParameters.MaxWeight"/>).</summary>
    public static double ClassicMaxWeight => new SongMillerAbbottParameters().MaxWeight;

    /// <summary>The generator of repetition r under a seed.</summary>
    public static Random Repetition(ulong seed, int r) => SeedSequence.CreateRandom(seed, r);

    /// <summary>A Poisson train on [start, stop) ms at ν (Hz) with exact exponential intervals.</summary>
    private static double[] Poisson(Random random, double rateHz, double start, double stop)
    {
        var spikes = new List<double>();
        var t = start - (Math.Log(1.0 - random.NextDouble()) * 1000.0 / rateHz);
        while (t < stop)
        {
            spikes.Add(t);
            t -= Math.Log(1.0 - random.NextDouble()) * 1000.0 / rateHz;
        }

        return [.. spikes];
    }
}
