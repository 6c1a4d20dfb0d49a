namespace Plasticity.Core.Numerics.Stepping;

/// <summary>What one step of a time loop says about the loop.</summary>
public enum StepStatus
{
    /// <summary>Go on.</summary>
    Continue,

    /// <summary>Stop: the loop has reached its end condition (a fixed point, a cycle, the end of the data).</summary>
    Finished,

    /// <summary>Stop: the step was refused because it would diverge; the state is the last accepted one.</summary>
    Diverged,
}
