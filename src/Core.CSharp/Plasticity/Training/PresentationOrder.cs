namespace Plasticity.Core.Plasticity.Training;

/// <summary>The order in which samples are presented within each epoch.</summary>
public enum PresentationOrder
{
    /// <summary>Rows in dataset (file) order, epoch after epoch.</summary>
    Cyclic,

    /// <summary>A fresh seeded Fisher–Yates permutation every epoch.</summary>
    Shuffled,
}
