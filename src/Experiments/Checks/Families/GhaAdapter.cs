namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the GHA checks make into the core: <see cref="DenseWeightMatrix"/> and averaged <see cref="Trainer.Run"/>
/// with <see cref="SangerRule"/>.
/// </summary>
public static class GhaAdapter
{
    /// <summary>
    /// Averaged GHA from Gaussian rows (scale 1/√d) for <paramref name="t2"/> steps; returns the flattened weights
    /// (row-major k×d) at step <paramref name="t1"/> and at the end.
    /// </summary>
    public static (double[] AtT1, double[] Final) Run(Dataset data, int k, double eta, int t1, int t2, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var d = data.Dimension;
        var w = DenseWeightMatrix.RandomGaussian(k, d, 1.0 / Math.Sqrt(d), SeedSequence.CreateRandom(seed));
        var atT1 = Array.Empty<double>();
        void Observe(long step, IWeightMatrix weights)
        {
            if (step == t1)
            {
                atT1 = Flatten(weights, k, d);
            }
        }

        Trainer.Run(w, LinearTransfer.Instance, data, new SangerRule(eta), RateAdapter.Averaged(t2), null, Observe);
        return (atT1, Flatten(w, k, d));
    }

    /// <summary>One averaged GHA step from the flattened weights x (k×d).</summary>
    public static double[] Step(Dataset data, double[] x, int k, double eta)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(x);
        var d = data.Dimension;
        var m = DenseWeightMatrix.FromRows(Enumerable.Range(0, k).Select(i => x.AsSpan(i * d, d).ToArray()).ToArray());
        Trainer.Run(m, LinearTransfer.Instance, data, new SangerRule(eta), RateAdapter.Averaged(1));
        return Flatten(m, k, d);
    }

    private static double[] Flatten(IWeightMatrix w, int k, int d)
    {
        var flat = new double[k * d];
        for (var q = 0; q < flat.Length; q++)
        {
            flat[q] = w[q / d, q % d];
        }

        return flat;
    }
}
