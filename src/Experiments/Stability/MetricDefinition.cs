namespace Plasticity.Experiments.Stability;

/// <summary>One stability metric: its name, what it means, its comparison tolerance and why that tolerance.</summary>
/// <param name="Name">Name in files and diffs.</param>
/// <param name="Meaning">What the value is.</param>
/// <param name="Tolerance">The comparison tolerance.</param>
/// <param name="Derivation">Why the tolerance is what it is.</param>
public sealed record MetricDefinition(string Name, string Meaning, Tolerance Tolerance, string Derivation);
