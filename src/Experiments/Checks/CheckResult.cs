namespace Plasticity.Experiments.Checks;

/// <summary>An evaluated check.</summary>
/// <param name="Definition">The check.</param>
/// <param name="Seed">The seed the measurement ran with.</param>
/// <param name="Predicted">The prediction.</param>
/// <param name="Measurement">The measurement.</param>
/// <param name="Tolerance">The tolerance.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Seconds">Wall time of prediction and measurement.</param>
/// <param name="Case">The prepared case (for re-evaluating the tolerance at another prediction).</param>
public sealed record CheckResult(
    CheckDefinition Definition, CheckCase Case, ulong Seed, double Predicted, Measurement Measurement, Tolerance Tolerance, Verdict Verdict, double Seconds)
{
    /// <summary>(measured − predicted)/tolerance: within [−1, 1] passes a two-sided check; null for a zero tolerance.</summary>
    public double? Score =>
        Tolerance.Width > 0 && double.IsFinite(Tolerance.Width) ? (Measurement.Value - Predicted) / Tolerance.Width : null;

    /// <summary>The failure text: id, measured, predicted, tolerance with kind and derivation.</summary>
    public string Describe() =>
        FormattableString.Invariant(
            $"{Definition.Id}: measured {Measurement.Value:G6}, predicted {Predicted:G6} ({Definition.OracleText}), tolerance {Tolerance.Width:G3} [{Tolerance.KindText}: {Tolerance.Derivation}], sense {Definition.Sense}, verdict {Verdict}; {Measurement.Details}");
}
