namespace Plasticity.Core.Numerics.Stepping;

/// <summary>
/// One time loop's step, as the shared <see cref="StepLoop"/> drives it: the model (a trainer, an integrator, a
/// network's dynamics, a spiking run) owns its state and says after each step whether to go on.
/// </summary>
public interface IStepper
{
    /// <summary>Model time after <paramref name="stepsDone"/> steps (for progress reports).</summary>
    double TimeAfter(long stepsDone);

    /// <summary>Advances the model by step number <paramref name="step"/> (1-based).</summary>
    StepStatus Step(long step);
}
