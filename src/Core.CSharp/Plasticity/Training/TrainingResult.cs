namespace Plasticity.Core.Plasticity.Training;

/// <summary>How a training run ended.</summary>
/// <param name="Steps">Weight updates made (including the one that diverged).</param>
/// <param name="DivergedAtStep">The first step after which a row norm passed the limit (or was not finite); null if none did.</param>
/// <param name="DivergenceNorm">The largest row norm at that step (may be +∞ or NaN); null if no divergence.</param>
public sealed record TrainingResult(long Steps, long? DivergedAtStep, double? DivergenceNorm)
{
    /// <summary>Whether the run diverged.</summary>
    public bool Diverged => DivergedAtStep is not null;
}
