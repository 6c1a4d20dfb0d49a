namespace Plasticity.Experiments.Checks;

/// <summary>
/// One comparison of a measured value with a prediction, as a command prints it: the quantity, both values, the
/// tolerance with its kind and derivation, and the verdict. The same vocabulary as <see cref="CheckResult"/>
/// (<see cref="Tolerance"/>, <see cref="ComparisonSense"/>, <see cref="Verdict"/>, judged by
/// <see cref="CheckEvaluator.Judge"/>), so a command's line and a <c>verify</c> check that compare the same thing say
/// the same thing.
/// </summary>
/// <param name="Quantity">What is compared, in words with symbols ("one-step bit error rate at N = 1000, α = 0.1").</param>
/// <param name="Measured">The measured value.</param>
/// <param name="Predicted">The predicted value (NaN when the theory has none at this point).</param>
/// <param name="Sense">Which side of the prediction passes.</param>
/// <param name="Tolerance">The tolerance; null for a comparison that is not a test.</param>
/// <param name="Verdict">Pass, Fail or NotATest.</param>
/// <param name="Reason">Why a comparison is not a test (asymptotic theory, one noisy sample); null for a test.</param>
public sealed record Comparison(string Quantity, double Measured, double Predicted, ComparisonSense Sense, Tolerance? Tolerance, Verdict Verdict, string? Reason)
{
    /// <summary>A test: judged against <paramref name="tolerance"/> by <see cref="CheckEvaluator.Judge"/>.</summary>
    public static Comparison Test(string quantity, double measured, double predicted, Tolerance tolerance, ComparisonSense sense = ComparisonSense.Within)
    {
        ArgumentNullException.ThrowIfNull(tolerance);
        return new Comparison(quantity, measured, predicted, sense, tolerance, CheckEvaluator.Judge(sense, predicted, measured, tolerance.Width), null);
    }

    /// <summary>Shown for information only, with the reason no tolerance applies.</summary>
    public static Comparison NotATest(string quantity, double measured, double predicted, string reason) =>
        new(quantity, measured, predicted, ComparisonSense.Within, null, Verdict.NotATest, reason);

    /// <summary>The comparison of a finished <c>verify</c> check.</summary>
    public static Comparison Of(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Comparison(
            result.Definition.Id,
            result.Measurement.Value,
            result.Predicted,
            result.Definition.Sense,
            result.Verdict == Verdict.NotATest ? null : result.Tolerance,
            result.Verdict,
            result.Verdict == Verdict.NotATest ? "informational (see the check's derivation)" : null);
    }

    /// <summary>The verdict in the words every command prints: PASS, FAIL or "not a test".</summary>
    public static string VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "PASS",
        Verdict.Fail => "FAIL",
        _ => "not a test",
    };

    /// <summary>
    /// The one-line form every command prints:
    /// <c>PASS one-step bit error rate: measured 0.0012, predicted 0.0011, tolerance ±0.0003 (k·SE)</c> or
    /// <c>not a test BCM θ: measured 2.5, predicted 5.21 (one end-of-run value of a noisy average)</c>.
    /// </summary>
    public string Line()
    {
        var head = $"{VerdictText(Verdict)} {Quantity}: measured {Number(Measured)}, predicted {Number(Predicted)}";
        if (Tolerance is { } t)
        {
            var bound = Sense switch
            {
                ComparisonSense.Within => "±" + Number(t.Width),
                ComparisonSense.AtMost => "≤ predicted + " + Number(t.Width),
                _ => "< predicted − " + Number(t.Width),
            };
            return $"{head}, tolerance {bound} ({t.KindText})";
        }

        return Reason is null ? head : $"{head} ({Reason})";
    }

    /// <summary>
    /// Six significant digits, invariant culture, E notation written as a power of ten in Unicode superscripts
    /// ("1.23457×10⁶", "2.89332×10⁻¹⁵", as the figures write it); "—" when not finite.
    /// </summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? PowerOfTenText.Format(value, "G6") : "—";
}
