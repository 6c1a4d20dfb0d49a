namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the spiking checks make into the core: <see cref="CurrentLifNeuron"/> (f–I curve) and the
/// <see cref="SongMillerAbbottRunner"/> with fixed weights (mean conductance).
/// </summary>
public static class SpikingAdapter
{
    /// <summary>
    /// Simulated period (ms) of a current LIF with constant drive from V_r at t = 0: the mean inter-spike interval
    /// over <paramref name="spikes"/> spikes, and the first spike time.
    /// </summary>
    public static (double Period, double First) Period(LifParameters parameters, double dt, double drive, int spikes)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var neuron = new CurrentLifNeuron(parameters, dt, parameters.Reset);
        var times = new List<double>();
        var k = 0L;
        while (times.Count < spikes)
        {
            k++;
            if (neuron.Step(drive))
            {
                times.Add(k * dt);
            }
        }

        return ((times[^1] - times[0]) / (times.Count - 1), times[0]);
    }

    /// <summary>Song–Miller–Abbott run with fixed weights: the initial weights and the time-averaged g_e.</summary>
    public static (double[] Weights, double MeanConductance) FixedWeightRun(SongMillerAbbottParameters parameters, ulong seed)
    {
        var result = new SongMillerAbbottRunner(parameters, null, SeedSequence.CreateRandom(seed)).Run();
        return (result.InitialWeights, result.MeanConductance);
    }
}
