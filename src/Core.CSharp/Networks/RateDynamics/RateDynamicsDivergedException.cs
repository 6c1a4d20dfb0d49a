namespace Plasticity.Core.Networks.RateDynamics;

/// <summary>
/// Thrown when a step of a <see cref="LeakyIntegrator"/> produces a non-finite state (overflow or NaN), so a
/// divergence is never passed on silently as NaN. The integrated state keeps its last finite values.
/// </summary>
public sealed class RateDynamicsDivergedException : Exception
{
    /// <summary>Creates the exception for the step that diverged.</summary>
    public RateDynamicsDivergedException(long step, double time, int unit, double value)
        : base($"the state became non-finite at step {step} (t = {time} ms): unit {unit} = {value}; the state holds the values before that step.")
    {
        Step = step;
        Time = time;
        Unit = unit;
        Value = value;
    }

    /// <summary>The 1-based index of the step whose result was not finite.</summary>
    public long Step { get; }

    /// <summary>Time at the end of that step, ms.</summary>
    public double Time { get; }

    /// <summary>The first unit whose value was not finite.</summary>
    public int Unit { get; }

    /// <summary>Its value (±∞ or NaN).</summary>
    public double Value { get; }
}
