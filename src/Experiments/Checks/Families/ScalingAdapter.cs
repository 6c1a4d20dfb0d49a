namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the synaptic-scaling checks make into the core: <see cref="DenseWeightMatrix"/> and averaged
/// <see cref="Trainer.Run"/> with <see cref="LocalLayerRule"/> over <see cref="SynapticScalingRule"/>.
/// </summary>
public static class ScalingAdapter
{
    /// <summary>Final weights of averaged synaptic scaling from w0.</summary>
    public static double[] Averaged(Dataset data, double[] w0, double eta, double target, int steps) =>
        RateAdapter.AveragedFinal(data, w0, new LocalLayerRule(new SynapticScalingRule(eta, target), "scaling"), steps);
}
