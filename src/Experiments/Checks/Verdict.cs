namespace Plasticity.Experiments.Checks;

/// <summary>The outcome of one check.</summary>
public enum Verdict
{
    /// <summary>The measurement agrees with the prediction within the tolerance.</summary>
    Pass,

    /// <summary>The measurement disagrees with the prediction beyond the tolerance.</summary>
    Fail,

    /// <summary>
    /// Shown for information, never a test: an asymptotic law compared with a finite system, or one noisy sample of an
    /// online process, has no derived tolerance that a correct implementation is guaranteed to meet.
    /// </summary>
    NotATest,
}
