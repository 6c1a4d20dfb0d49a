namespace Plasticity.Experiments.Theory;

/// <summary>A registered theory: the rules it applies to and how it predicts a finished run.</summary>
/// <param name="Rules">Rule names this theory applies to.</param>
/// <param name="Predict">The prediction for a run.</param>
/// <param name="CheckFamily">The verify family whose checks hold this theory against simulation (docs/verify.md).</param>
public sealed record RuleTheory(IReadOnlyList<string> Rules, Func<RuleRun, RulePrediction> Predict, string CheckFamily);
