namespace Plasticity.Cli.Output;

/// <summary>
/// One output row: a sweep point's measurement next to its theory, in the units written to the CSV and JSON files.
/// </summary>
/// <remarks>
/// Both writers and the plot read this record, so the files and the figure cannot disagree about a number.
/// </remarks>
public sealed record CapacityRow(
    int N,
    double Alpha,
    int P,
    int Trials,
    string Rule,
    string Measure,
    double CueFlip,
    double ErrorRate,
    double ErrorSe,
    double ErrorCiLow,
    double ErrorCiHigh,
    double OverlapMean,
    double OverlapSd,
    double? TheoryError,
    double? TheoryOverlap,
    double? TheoryErrorGaussian,
    double? TheoryErrorLargeN,
    double? ZScore,
    int NonConverged,
    Plasticity.Experiments.Checks.Comparison Verdict)
{
    /// <summary>The verdict word: PASS, FAIL, "not a test" or "no theory" (<see cref="CapacityVerdicts.Text"/>).</summary>
    public string VerdictText => CapacityVerdicts.Text(Verdict);

    /// <summary>The tolerance width, or null when the row is not a test.</summary>
    public double? ToleranceWidth => Verdict.Tolerance?.Width;

    /// <summary>The tolerance's kind (k·SE, Student-t), or empty when the row is not a test.</summary>
    public string ToleranceKind => Verdict.Tolerance?.KindText ?? string.Empty;

    /// <summary>The tolerance's derivation, or the reason the row is not a test (commas replaced so a CSV cell needs no quotes).</summary>
    public string ToleranceDerivation => (Verdict.Tolerance?.Derivation ?? Verdict.Reason ?? string.Empty).Replace(',', ';');

    /// <summary>Builds the row of <paramref name="result"/>, with the theory that matches its settings.</summary>
    public static CapacityRow From(CapacityResult result, string rule, string measure)
    {
        ArgumentNullException.ThrowIfNull(result);
        var theory = CapacityTheory.For(result.Point, result.Settings);
        return new CapacityRow(
            result.Point.N,
            result.Point.Alpha,
            result.Point.P,
            result.Trials,
            rule,
            measure,
            result.Settings.CueFlip,
            result.ErrorRate,
            result.ErrorStandardError,
            result.ErrorConfidenceInterval95.Low,
            result.ErrorConfidenceInterval95.High,
            result.OverlapMean,
            result.OverlapSd,
            theory.Error,
            theory.Overlap,
            theory.ErrorGaussian,
            theory.ErrorLargeN,
            CapacityTheory.ZScore(result.ErrorRate, theory.Error, result.ErrorStandardError),
            result.NonConverged,
            CapacityVerdicts.For(result, theory));
    }
}
