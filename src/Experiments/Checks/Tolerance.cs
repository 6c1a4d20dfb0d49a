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
    /// <summary>
    /// The two-sided Student-t band of a mean over <paramref name="units"/> independent units:
    /// width = t_{units−1}(1 − level/2)·SE, false-alarm rate <paramref name="level"/> (NaN width when the SE is missing).
    /// </summary>
    /// <param name="level">Two-sided level of the check.</param>
    /// <param name="units">Independent units the SE comes from.</param>
    /// <param name="standardError">The measurement's SE.</param>
    /// <param name="seName">What the SE is of, in the derivation ("SE", "between-set SE").</param>
    public static Tolerance StudentT(double level, int units, double? standardError, string seName)
    {
        var t = CheckStatistics.StudentT(level, units);
        return new Tolerance(
            ToleranceKind.StudentT,
            t * (standardError ?? double.NaN),
            FormattableString.Invariant($"t_{units - 1}(1 − {level:G1}/2) = {t:F2} × {seName} {standardError:G3}"),
            level);
    }

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
