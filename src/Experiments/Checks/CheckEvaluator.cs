namespace Plasticity.Experiments.Checks;

/// <summary>Evaluates check definitions: prediction, measurement, tolerance and verdict.</summary>
public static class CheckEvaluator
{
    /// <summary>Runs <paramref name="check"/> with the seed derived from <paramref name="baseSeed"/>.</summary>
    public static CheckResult Evaluate(CheckDefinition check, ulong baseSeed)
    {
        ArgumentNullException.ThrowIfNull(check);
        var clock = Stopwatch.StartNew();
        var seed = check.SeedFor(baseSeed);
        var prepared = check.Prepare(seed);
        var predicted = prepared.Predict();
        var measurement = prepared.Measure();
        var tolerance = prepared.Tolerate(predicted, measurement);
        var verdict = check.Informational ? Verdict.NotATest : Judge(check.Sense, predicted, measurement.Value, tolerance.Width);
        return new CheckResult(check, prepared, seed, predicted, measurement, tolerance, verdict, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The verdict of a measured value against a prediction: Within |m − p| ≤ w; AtMost m ≤ p + w; Below m &lt; p − w.
    /// A non-finite measurement, prediction or tolerance fails.
    /// </summary>
    public static Verdict Judge(ComparisonSense sense, double predicted, double measured, double width)
    {
        if (!double.IsFinite(predicted) || !double.IsFinite(measured) || !double.IsFinite(width) || width < 0)
        {
            return Verdict.Fail;
        }

        var pass = sense switch
        {
            ComparisonSense.Within => Math.Abs(measured - predicted) <= width,
            ComparisonSense.AtMost => measured <= predicted + width,
            _ => measured < predicted - width,
        };
        return pass ? Verdict.Pass : Verdict.Fail;
    }

    /// <summary>
    /// The power demonstration: the same measurement judged against the check's deliberately wrong prediction (with
    /// the tolerance recomputed for it). A check with power fails here.
    /// </summary>
    public static (double WrongPrediction, Verdict Verdict) AgainstWrongPrediction(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var check = result.Definition;
        var wrong = check.WrongPrediction is { } f
            ? f(result.Predicted, result.Measurement, result.Tolerance)
            : DefaultWrongPrediction(check.Sense, result.Predicted, result.Measurement.Value, result.Tolerance.Width);
        var tolerance = result.Case.Tolerate(wrong, result.Measurement);
        return (wrong, Judge(check.Sense, wrong, result.Measurement.Value, tolerance.Width));
    }

    /// <summary>
    /// Three tolerances away on the side the measurement is not: Within shifts by 3w away from the measurement (so
    /// |m − p'| ≥ 2w for a passing m); AtMost puts the bound 3w below the measurement; Below puts the level at the
    /// measurement itself (nothing is clearly below itself).
    /// A zero width (exact checks) uses 3·max(|p|, 1)·2⁻⁵² instead, the smallest shift that is not rounding.
    /// </summary>
    public static double DefaultWrongPrediction(ComparisonSense sense, double predicted, double measured, double width)
    {
        var step = 3.0 * (width > 0 ? width : Math.Max(Math.Abs(predicted), 1.0) * Math.Pow(2, -52));
        return sense switch
        {
            ComparisonSense.Within => measured >= predicted ? predicted - step : predicted + step,
            ComparisonSense.AtMost => measured - step,
            _ => measured,
        };
    }
}
