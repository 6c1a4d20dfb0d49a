namespace Plasticity.Core.Plasticity.Training;

/// <summary>The order in which samples are presented within each epoch.</summary>
public enum PresentationOrder
{
    /// <summary>Rows in dataset (file) order, epoch after epoch.</summary>
    Cyclic,

    /// <summary>A fresh seeded Fisher–Yates permutation every epoch (sampling without replacement).</summary>
    Shuffled,

    /// <summary>
    /// Independent uniform draws with replacement (an epoch is Count draws): the i.i.d. presentation the
    /// averaged theories assume. Without replacement, the time since a sample was last seen is correlated with
    /// its next appearance, which biases rules with running state (a BCM threshold just before input j is
    /// lower than ⟨y²⟩, raising the selective response above 1/p_j by several per cent for epochs of ~50).
    /// </summary>
    Sampled,
}
