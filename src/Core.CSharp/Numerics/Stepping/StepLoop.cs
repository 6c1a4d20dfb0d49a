namespace Plasticity.Core.Numerics.Stepping;

/// <summary>
/// The one loop every time-stepped model runs in: up to a planned number of steps, checking cancellation before
/// each step, reporting progress every <see cref="RunControl.ProgressEvery"/> steps and after the last one, and
/// stopping early when a step says <see cref="StepStatus.Finished"/> or <see cref="StepStatus.Diverged"/>.
/// </summary>
/// <remarks>Observers of the model's state are the model's business (each knows what its state is); the loop only
/// owns when things happen, so progress, cancellation and stopping mean the same in every model.</remarks>
public static class StepLoop
{
    /// <summary>Runs <paramref name="stepper"/> for at most <paramref name="steps"/> steps.</summary>
    /// <returns>The number of steps taken and how the loop ended.</returns>
    public static StepOutcome Run(IStepper stepper, long steps, RunControl? control = null)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        control = (control ?? RunControl.None).Validated();
        var token = control.Cancellation;
        var progress = control.Progress;
        for (var step = 1L; step <= steps; step++)
        {
            token.ThrowIfCancellationRequested();
            var status = stepper.Step(step);
            if (status != StepStatus.Continue)
            {
                progress?.Report(new StepProgress(step, steps, stepper.TimeAfter(step)));
                return new StepOutcome(step, status);
            }

            if (progress is not null && (step % control.ProgressEvery == 0 || step == steps))
            {
                progress.Report(new StepProgress(step, steps, stepper.TimeAfter(step)));
            }
        }

        return new StepOutcome(steps, StepStatus.Continue);
    }
}

/// <summary>How a <see cref="StepLoop"/> run ended.</summary>
/// <param name="Steps">Steps taken (the last one included, also when it stopped the loop).</param>
/// <param name="Status"><see cref="StepStatus.Continue"/> when every planned step ran; otherwise what stopped it.</param>
public readonly record struct StepOutcome(long Steps, StepStatus Status);
