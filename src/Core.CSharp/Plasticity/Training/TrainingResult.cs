using Plasticity.Core.Numerics.Stepping;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>How a training run ended.</summary>
/// <param name="Steps">Steps taken, including the one that diverged; that step's update was rejected, so the weights
/// are those after <see cref="UpdatesApplied"/> updates.</param>
/// <param name="DivergedAtStep">The first step whose candidate weights had a row norm above the limit (or a non-finite
/// rate or weight); it was not applied. Null if no step diverged.</param>
/// <param name="DivergenceNorm">The largest candidate row norm at that step (+∞ when a rate or weight overflowed, NaN
/// when one was undefined); null if no divergence.</param>
public sealed record TrainingResult(long Steps, long? DivergedAtStep, double? DivergenceNorm)
{
    /// <summary>Whether the run diverged.</summary>
    public bool Diverged => DivergedAtStep is not null;

    /// <summary>Updates actually applied to the weights: <see cref="Steps"/>, less the rejected one after a divergence.</summary>
    public long UpdatesApplied => Diverged ? Steps - 1 : Steps;

    /// <summary>The result of a trainer's <see cref="StepLoop"/> run; <paramref name="divergenceNorm"/> is read only when it diverged.</summary>
    internal static TrainingResult Of(StepOutcome outcome, double divergenceNorm) =>
        outcome.Status == StepStatus.Diverged
            ? new TrainingResult(outcome.Steps, outcome.Steps, divergenceNorm)
            : new TrainingResult(outcome.Steps, null, null);
}
