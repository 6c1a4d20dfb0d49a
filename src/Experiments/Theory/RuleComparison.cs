namespace Plasticity.Experiments.Theory;

/// <summary>One theory prediction next to the measured value of a learning run.</summary>
/// <param name="Name">snake_case key.</param>
/// <param name="Output">1-based output the values are about, or null for the whole layer.</param>
/// <param name="Description">What is compared and where the prediction comes from.</param>
/// <param name="Theory">Predicted value (null when there is none).</param>
/// <param name="Measured">Measured value (null when not measured).</param>
public sealed record RuleComparison(string Name, int? Output, string Description, double? Theory, double? Measured);
