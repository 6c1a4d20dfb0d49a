namespace Plasticity.Core.Networks.Hopfield;

/// <summary>How a run of the dynamics ended.</summary>
public enum RunOutcome
{
    /// <summary>A full sweep (or synchronous step) changed no unit.</summary>
    FixedPoint,

    /// <summary>Synchronous dynamics returned to the state two steps back (period 2).</summary>
    TwoCycle,

    /// <summary>The sweep cap was reached first.</summary>
    SweepLimit,
}

/// <summary>Outcome of <see cref="HopfieldDynamics.Run"/>.</summary>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Sweeps">Synchronous steps, or asynchronous sweeps of N unit updates, performed (the final,
/// unchanged sweep that confirms a fixed point included).</param>
/// <param name="Flips">Total number of unit flips.</param>
public readonly record struct RunResult(RunOutcome Outcome, int Sweeps, long Flips);
