namespace Plasticity.Experiments.Theory;

/// <summary>The theory block of a learning run: what the rule should converge to, and the comparisons.</summary>
/// <param name="Target">The predicted end state in words (for example "±e1 of C").</param>
/// <param name="Note">Caveats of the prediction for these settings, or null.</param>
/// <param name="Comparisons">Predictions next to measurements.</param>
public sealed record RulePrediction(string Target, string? Note, IReadOnlyList<RuleComparison> Comparisons);
