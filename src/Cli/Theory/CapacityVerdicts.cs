using CheckComparison = Plasticity.Experiments.Checks.Comparison;

namespace Plasticity.Cli.Theory;

/// <summary>
/// The verdict of one <c>capacity</c> row against its theory, with the same tolerance formulas as the matching
/// <c>verify</c> checks (<see cref="HopfieldChecks"/>), judged by <see cref="CheckComparison.Test"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Hebbian, zero diagonal, one-step, no cue: a test at every (N, P, T) against the exact finite-N law,
/// <see cref="HopfieldChecks.OneStepErrorTolerance"/> (5 × binomial SE at the prediction × √design effect).</item>
/// <item>one-step from a cue: a test of the mean first-step overlap when T ≥ 2,
/// <see cref="HopfieldChecks.FirstStepOverlapTolerance"/> (Student-t × between-set SE).</item>
/// <item>fixed point below α_c: the AGS overlap is an N → ∞ replica-symmetric law and its model allowance is
/// calibrated only at α = 0.12, N ≥ 2000 (check <c>hopfield.ags-overlap</c>); a test there (no cue, every run at a
/// fixed point, T ≥ 2), not a test elsewhere (finite N shifts the overlap by more than the allowance).</item>
/// <item>fixed point above α_c: the collapse below m_AGS(α_c) is a test where the check <c>hopfield.collapse</c>
/// is calibrated and beyond it (α ≥ 0.16, N ≥ 2000, no cue, T ≥ 2); just above α_c at small N it is not a test.</item>
/// <item>Storkey, pseudo-inverse, kept diagonal: no closed-form theory, so no verdict.</item>
/// </list>
/// </remarks>
public static class CapacityVerdicts
{
    /// <summary>The reason printed for rows of a rule without theory.</summary>
    public const string NoTheoryReason = "no closed-form theory for this rule";

    /// <summary>Smallest N at which the AGS and collapse checks are calibrated.</summary>
    public const int CalibratedN = 2000;

    /// <summary>The load at which the AGS model allowance was calibrated.</summary>
    public const double CalibratedAgsAlpha = 0.12;

    /// <summary>The smallest load at which the collapse is judged.</summary>
    public const double CollapseAlpha = 0.16;

    /// <summary>The reason for a Student-t band too wide to decide anything (two pattern sets: t₁ ≈ 3·10⁴ at level 10⁻⁵).</summary>
    private static string TooFewSets(int trials, double width, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{trials} pattern sets: the Student-t band {width:G3} {what}; more trials make it a test");

    /// <summary>The comparison of <paramref name="result"/> with <paramref name="theory"/>.</summary>
    public static CheckComparison For(CapacityResult result, TheoryValues theory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(theory);
        var s = result.Settings;
        var point = result.Point;
        var at = FormattableString.Invariant($"N = {point.N}, α = {point.Alpha:G6}");
        if (!CapacityTheory.Applies(s) || point.P < 1)
        {
            return CheckComparison.NotATest($"bit error rate at {at}", result.ErrorRate, double.NaN, NoTheoryReason);
        }

        var trials = result.Trials;
        var setMeans = result.TrialResults.Select(t => t.Overlaps.Length == 0 ? double.NaN : t.Overlaps.Average()).ToArray();
        var setSe = trials >= 2 ? CheckStatistics.MeanAndSe(setMeans).Se : double.NaN;
        if (s.Measure == CapacityMeasure.OneStep)
        {
            if (s.CueFlip == 0)
            {
                var predicted = theory.Error ?? double.NaN;
                return CheckComparison.Test(
                    $"one-step bit error rate at {at}",
                    result.ErrorRate,
                    predicted,
                    HopfieldChecks.OneStepErrorTolerance(point.N, point.P, trials, predicted));
            }

            var overlap = theory.Overlap ?? double.NaN;
            var quantity = $"first-step overlap with the pattern at {at}";
            return trials >= 2
                ? CheckComparison.Test(quantity, result.OverlapMean, overlap, HopfieldChecks.FirstStepOverlapTolerance(trials, setSe))
                : CheckComparison.NotATest(quantity, result.OverlapMean, overlap, "one pattern set: no between-set SE");
        }

        var calibrated = point.N >= CalibratedN && s.CueFlip == 0 && trials >= 2;
        if (theory.Overlap is double m)
        {
            var quantity = $"fixed-point overlap vs AGS at {at}";
            if (!(calibrated && Math.Abs(point.Alpha - CalibratedAgsAlpha) < 1e-9 && result.NonConverged == 0))
            {
                return CheckComparison.NotATest(quantity, result.OverlapMean, m, "AGS is an N → ∞ law, calibrated only at α = 0.12, N ≥ 2000");
            }

            var agsTolerance = HopfieldChecks.AgsOverlapTolerance(trials, setSe);
            // A band reaching m = 0 accepts every overlap the dynamics can end at: a test that cannot fail is not a test.
            return agsTolerance.Width < m
                ? CheckComparison.Test(quantity, result.OverlapMean, m, agsTolerance)
                : CheckComparison.NotATest(quantity, result.OverlapMean, m, TooFewSets(trials, agsTolerance.Width, "accepts every overlap"));
        }

        var critical = CapacityTheory.Critical.OverlapAtAlphaC;
        var collapse = $"fixed-point overlap below m_AGS(α_c) at {at}";
        if (!(calibrated && point.Alpha >= CollapseAlpha))
        {
            return CheckComparison.NotATest(collapse, result.OverlapMean, critical, "collapse judged only at α ≥ 0.16, N ≥ 2000 (as calibrated)");
        }

        var collapseTolerance = HopfieldChecks.CollapseTolerance(trials, setSe);
        // A margin of m_AGS(α_c) or more rejects even m = 0: a test that cannot pass is not a test.
        return collapseTolerance.Width < critical
            ? CheckComparison.Test(collapse, result.OverlapMean, critical, collapseTolerance, ComparisonSense.Below)
            : CheckComparison.NotATest(collapse, result.OverlapMean, critical, TooFewSets(trials, collapseTolerance.Width, "rejects every overlap"));
    }

    /// <summary>The verdict word of a row: PASS, FAIL, "not a test", or "no theory".</summary>
    public static string Text(CheckComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Reason == NoTheoryReason ? "no theory" : CheckComparison.VerdictText(comparison.Verdict);
    }

    /// <summary>The short verdict of the console column: PASS, FAIL or — (not a test, no theory).</summary>
    public static string Short(CheckComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Verdict switch
        {
            Verdict.Pass => "PASS",
            Verdict.Fail => "FAIL",
            _ => "—",
        };
    }

    /// <summary>
    /// The probability that at least one tested row fails although the code is right: 1 − Π(1 − αᵢ) over the rows'
    /// false-alarm rates (independent rows: separate pattern sets per point); 0 when nothing is tested.
    /// </summary>
    public static double FamilyWiseFalseAlarm(IEnumerable<CheckComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var pass = 1.0;
        foreach (var c in comparisons)
        {
            if (c.Verdict != Verdict.NotATest && c.Tolerance?.FalseAlarmRate is double rate)
            {
                pass *= 1 - rate;
            }
        }

        return 1 - pass;
    }

    /// <summary>"k of n rows PASS, m FAIL, r not a test".</summary>
    public static string Summary(IReadOnlyCollection<CheckComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var pass = comparisons.Count(c => c.Verdict == Verdict.Pass);
        var fail = comparisons.Count(c => c.Verdict == Verdict.Fail);
        var other = comparisons.Count - pass - fail;
        return $"{pass} of {comparisons.Count} rows PASS, {fail} FAIL, {other} not a test";
    }
}
