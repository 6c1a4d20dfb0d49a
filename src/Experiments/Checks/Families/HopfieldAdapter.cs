namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the Hopfield checks make into the core model (one file, so a model API change touches one place):
/// <see cref="CapacityExperiment.Run"/> for one-step errors, and <see cref="PatternSet.Dense"/>,
/// <see cref="HebbianCouplings"/>, <see cref="HopfieldNetwork"/> and <see cref="HopfieldDynamics.Run"/> for retrieval.
/// </summary>
public static class HopfieldAdapter
{
    /// <summary>Pooled one-step error rate of Hebbian storage over <paramref name="trials"/> pattern sets (N·P bits each).</summary>
    public static double OneStepErrorRate(int n, double alpha, int trials, ulong seed)
    {
        var result = CapacityExperiment.Run(
            new CapacityPoint(n, alpha), new CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, trials), seed);
        return result.ErrorRate;
    }

    /// <summary>
    /// Per pattern set, the mean overlap after one synchronous step from cues with <paramref name="flip"/> of the bits
    /// flipped (one cue per stored pattern).
    /// </summary>
    public static double[] FirstStepOverlaps(int n, double alpha, double flip, int trials, ulong seed)
    {
        var result = CapacityExperiment.Run(
            new CapacityPoint(n, alpha), new CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, trials, CueFlip: flip), seed);
        return result.TrialResults.Select(t => t.Overlaps.Average()).ToArray();
    }

    /// <summary>Number of flipped bits for a flip fraction (as the capacity experiment flips them).</summary>
    public static int FlipCount(int n, double flip) => PatternOps.FlipCount(n, flip);

    /// <summary>Number of stored patterns at load α (P = round(αN), as the capacity experiment rounds).</summary>
    public static int Patterns(int n, double alpha) => new CapacityPoint(n, alpha).P;

    /// <summary>
    /// Mean final overlap per pattern set: for each of <paramref name="trials"/> independent Hebbian pattern sets
    /// (N, P), <paramref name="retrievals"/> stored patterns are the start states of asynchronous random-order
    /// dynamics (at most <paramref name="maxSweeps"/> sweeps). Also returns how many runs did not end at a fixed point.
    /// </summary>
    public static (double[] MeanOverlaps, int NotFixed) RetrievalOverlaps(int n, int p, int trials, int retrievals, int maxSweeps, ulong seed)
    {
        var means = new double[trials];
        var notFixed = new int[trials];
        Parallel.For(0, trials, t =>
        {
            var patterns = PatternSet.Dense(n, p, SeedSequence.CreateRandom(seed, n, p, t));
            var network = new HopfieldNetwork(new HebbianCouplings(patterns));
            var sum = 0.0;
            for (var nu = 0; nu < retrievals; nu++)
            {
                var s = patterns.Copy(nu);
                var order = SeedSequence.CreateRandom(seed, n, p, t, nu, 2);
                var result = HopfieldDynamics.Run(network, s, UpdateOrder.AsyncRandomPermutation, maxSweeps, order);
                notFixed[t] += result.Outcome == RunOutcome.FixedPoint ? 0 : 1;
                sum += PatternOps.Overlap(patterns[nu], s);
            }

            means[t] = sum / retrievals;
        });
        return (means, notFixed.Sum());
    }
}
