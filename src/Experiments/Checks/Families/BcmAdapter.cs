namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the BCM checks make into the core: <see cref="Dataset.FromRows"/>, <see cref="DenseWeightMatrix"/> and
/// <see cref="Trainer.Run"/> (online, i.i.d. sampled presentation) with <see cref="BcmRule"/> (θ → ⟨y²⟩).
/// </summary>
public static class BcmAdapter
{
    /// <summary>One-hot data: counts[j] copies of e_j.</summary>
    public static Dataset OneHot(int[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var k = counts.Length;
        var rows = new List<double[]>();
        for (var j = 0; j < k; j++)
        {
            for (var c = 0; c < counts[j]; c++)
            {
                rows.Add(Enumerable.Range(0, k).Select(m => m == j ? 1.0 : 0.0).ToArray());
            }
        }

        return Dataset.FromRows(rows);
    }

    /// <summary>
    /// Runs BCM for <paramref name="epochs"/> epochs from w0 and returns the weights (= responses to the one-hot
    /// patterns) at the end of every epoch of the second half, and whether the run diverged.
    /// </summary>
    public static (List<double[]> Records, bool Diverged) Run(Dataset data, double[] w0, double eta, double etaTheta, int epochs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var k = data.Dimension;
        var w = DenseWeightMatrix.FromRows([(double[])w0.Clone()]);
        var records = new List<double[]>();
        var half = (long)(epochs / 2) * data.Count;
        void Observe(long step, IWeightMatrix weights)
        {
            if (step > half)
            {
                records.Add(Enumerable.Range(0, k).Select(j => weights[0, j]).ToArray());
            }
        }

        var settings = new TrainingSettings(epochs, Order: PresentationOrder.Sampled, RecordEvery: data.Count, DivergenceLimit: 1e3);
        var result = Trainer.Run(w, LinearTransfer.Instance, data, new BcmRule(eta, etaTheta, 1.0), settings, SeedSequence.CreateRandom(seed), Observe);
        return (records, result.Diverged);
    }
}
