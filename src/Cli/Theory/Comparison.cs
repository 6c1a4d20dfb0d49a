namespace Plasticity.Cli.Theory;

/// <summary>One theory prediction next to the measured value.</summary>
/// <param name="Name">snake_case key, for the JSON file.</param>
/// <param name="Output">1-based output neuron the values are about, or null for the whole layer.</param>
/// <param name="Description">What is compared and where the prediction comes from.</param>
/// <param name="Theory">Predicted value (null when there is none).</param>
/// <param name="Measured">Measured value (null when not measured).</param>
public sealed record Comparison(string Name, int? Output, string Description, double? Theory, double? Measured)
{
    /// <summary>measured / theory when both are finite and theory ≠ 0.</summary>
    public double? Ratio =>
        Theory is double t && Measured is double m && double.IsFinite(t) && double.IsFinite(m) && t != 0 ? m / t : null;
}
