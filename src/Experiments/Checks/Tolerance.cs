namespace Plasticity.Experiments.Checks;

/// <summary>The allowed distance between measurement and prediction, how it was derived, and how often it fails a correct build.</summary>
/// <param name="Kind">The derivation's kind.</param>
/// <param name="Width">The allowed distance (same unit as the measured quantity), ≥ 0.</param>
/// <param name="Derivation">The derivation in one line (k, the SE, the quantile, the bound's terms).</param>
/// <param name="FalseAlarmRate">
/// Probability that the check fails for a fresh seed although the code is right; 0 for rigorous bounds, null when no
/// probability can be claimed (empirical bands, informational comparisons).
/// </param>
public sealed record Tolerance(ToleranceKind Kind, double Width, string Derivation, double? FalseAlarmRate)
{
    /// <summary>The kind in the report's words.</summary>
    public string KindText => Kind switch
    {
        ToleranceKind.StandardErrors => "k·SE",
        ToleranceKind.StudentT => "Student-t",
        ToleranceKind.RoundingBound => "rounding bound",
        ToleranceKind.Interval => "interval",
        _ => "empirical",
    };
}
