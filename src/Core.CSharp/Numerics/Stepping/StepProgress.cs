namespace Plasticity.Core.Numerics.Stepping;

/// <summary>A progress report of a time loop.</summary>
/// <param name="Step">Steps completed.</param>
/// <param name="TotalSteps">Steps planned (the loop may stop earlier, at a fixed point or on divergence).</param>
/// <param name="Time">Model time reached, in the loop's own unit (ms for spiking runs, samples for training, τ for rate dynamics).</param>
public readonly record struct StepProgress(long Step, long TotalSteps, double Time)
{
    /// <summary>Fraction of the planned steps done, in [0, 1].</summary>
    public double Fraction => TotalSteps <= 0 ? 1.0 : Math.Clamp((double)Step / TotalSteps, 0.0, 1.0);
}
