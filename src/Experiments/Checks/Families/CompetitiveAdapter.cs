namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the competitive-learning checks make into the core: the two-cluster data source,
/// <see cref="DenseWeightMatrix"/> and averaged <see cref="Trainer.Run"/> with <see cref="CompetitiveRule"/>.
/// </summary>
public static class CompetitiveAdapter
{
    /// <summary>Two clusters at ±3·e1 (spread 0.3, P(A) = 0.4).</summary>
    public static Dataset TwoClusters(int dimension, int samples, ulong seed)
    {
        var e = Enumerable.Range(0, dimension).Select(j => j == 0 ? 3.0 : 0.0).ToArray();
        return DataSources.TwoCluster(e, e.Select(v => -v).ToArray(), 0.3, 0.4, samples, SeedSequence.CreateRandom(seed));
    }

    /// <summary>Final rows of averaged competitive learning from w0, and whether it diverged.</summary>
    public static (double[][] Rows, bool Diverged) Averaged(Dataset data, double[][] w0, double eta, int steps)
    {
        ArgumentNullException.ThrowIfNull(w0);
        var w = DenseWeightMatrix.FromRows(w0.Select(r => (double[])r.Clone()).ToArray());
        var result = Trainer.Run(w, LinearTransfer.Instance, data, new CompetitiveRule(eta), RateAdapter.Averaged(steps));
        return (Enumerable.Range(0, w0.Length).Select(i => w.Row(i).ToArray()).ToArray(), result.Diverged);
    }
}
