namespace Plasticity.Experiments.Checks;

/// <summary>How much of the catalogue a verify run evaluates.</summary>
public enum CheckLevel
{
    /// <summary>The CI level: every family, small sizes; the whole catalogue in under 2 minutes on 2 cores.</summary>
    Quick,

    /// <summary>The quick checks plus the large ones (the sizes of the acceptance tests); under 30 minutes on 2 cores.</summary>
    Full,
}
