namespace Plasticity.Experiments.Capacity;

/// <summary>What a capacity trial measures.</summary>
public enum CapacityMeasure
{
    /// <summary>
    /// Per-bit error after one synchronous step started from every stored pattern (or from a cue of it):
    /// all N bits of all P patterns are counted.
    /// </summary>
    OneStep,

    /// <summary>
    /// Overlap of the final state with the stored pattern after the dynamics run to a fixed point, started
    /// from up to <see cref="CapacitySettings.RetrievalsPerTrial"/> stored patterns (or cues) per trial.
    /// </summary>
    FixedPoint,
}
