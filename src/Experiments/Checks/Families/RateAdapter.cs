namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the rate-rule checks (Hebb, Oja, covariance) make into the core: the spectral Gaussian data source,
/// <see cref="DenseWeightMatrix"/>, <see cref="Trainer.Run"/> in averaged mode with <see cref="LocalLayerRule"/>
/// over <see cref="OjaRule"/>/<see cref="HebbRule"/>, and <see cref="RunningCovarianceRule"/>. The data helpers are
/// shared with the BCM, scaling, GHA and competitive adapters.
/// </summary>
public static class RateAdapter
{
    /// <summary>Samples of a Gaussian with the eigengap spectrum (d, gap), optionally with a mean.</summary>
    public static SpectralGaussian Spectral(int dimension, double gap, int samples, ulong seed, double[]? mean = null) =>
        DataSources.GaussianWithSpectrum(DataSources.EigengapSpectrum(dimension, gap), samples, SeedSequence.CreateRandom(seed), mean);

    /// <summary>The samples as rows.</summary>
    public static double[][] Rows(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Enumerable.Range(0, data.Count).Select(k => data.Sample(k).ToArray()).ToArray();
    }

    /// <summary>A Gaussian initial weight vector, scale 1/√d.</summary>
    public static double[] InitialWeights(int dimension, ulong seed) =>
        DenseWeightMatrix.RandomGaussian(1, dimension, 1.0 / Math.Sqrt(dimension), SeedSequence.CreateRandom(seed)).Row(0).ToArray();

    /// <summary>Averaged training settings (no divergence stop below 1e300).</summary>
    public static TrainingSettings Averaged(int epochs) => new(epochs, Mode: TrainingMode.Averaged, DivergenceLimit: 1e300);

    /// <summary>
    /// Final weights of <paramref name="steps"/> averaged steps of a one-output linear neuron under
    /// <paramref name="rule"/> from a copy of w0 (the shared driver of the single-row averaged checks).
    /// </summary>
    public static double[] AveragedFinal(Dataset data, double[] w0, IPlasticityRule rule, int steps)
    {
        ArgumentNullException.ThrowIfNull(w0);
        var w = DenseWeightMatrix.FromRows([(double[])w0.Clone()]);
        Trainer.Run(w, LinearTransfer.Instance, data, rule, Averaged(steps));
        return w.Row(0).ToArray();
    }

    /// <summary>Final weights of averaged Oja from w0.</summary>
    public static double[] AveragedOja(Dataset data, double[] w0, double eta, double alpha, int steps) =>
        AveragedFinal(data, w0, new LocalLayerRule(new OjaRule(eta, alpha), "oja"), steps);

    /// <summary>The weight vector after every step of averaged plain Hebb from w0 (index 0 = w0).</summary>
    public static List<double[]> AveragedHebbTrajectory(Dataset data, double[] w0, double eta, int steps)
    {
        ArgumentNullException.ThrowIfNull(data);
        var trajectory = new List<double[]>();
        var w = DenseWeightMatrix.FromRows([(double[])w0.Clone()]);
        void Observe(long step, IWeightMatrix weights) => trajectory.Add(Enumerable.Range(0, data.Dimension).Select(j => weights[0, j]).ToArray());
        Trainer.Run(w, LinearTransfer.Instance, data, new LocalLayerRule(new HebbRule(eta), "hebb"), Averaged(steps), null, Observe);
        return trajectory;
    }

    /// <summary>Final weights of the averaged covariance rule with θx = <paramref name="preMean"/> fixed (η_m = 0).</summary>
    public static double[] AveragedCovariance(Dataset data, double[] w0, double eta, double[] preMean, int steps) =>
        AveragedFinal(data, w0, new RunningCovarianceRule(eta, 0.0, preMean, [0.7]), steps);
}
