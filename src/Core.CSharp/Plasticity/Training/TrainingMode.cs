namespace Plasticity.Core.Plasticity.Training;

/// <summary>How sample weight changes are turned into updates. A step is one update of W.</summary>
public enum TrainingMode
{
    /// <summary>One sample per step: y = g(W x), W ← W + ΔW(x, y, W).</summary>
    Online,

    /// <summary>
    /// One batch per step: ΔW is the mean of the samples' changes, all evaluated at the same W and rule state,
    /// so η keeps its per-step meaning. The last batch of an epoch may be smaller.
    /// </summary>
    MiniBatch,

    /// <summary>
    /// One epoch per step: the expected change over the whole dataset, W ← W + E_x[ΔW]. For plain Hebb this is
    /// exactly the discrete averaged dynamics w ← (I + ηC) w.
    /// </summary>
    Averaged,
}
