namespace Plasticity.Experiments.Checks;

/// <summary>What a check measured by running a core model.</summary>
/// <param name="Value">The measured quantity.</param>
/// <param name="StandardError">Its standard error when it is a statistic, else null.</param>
/// <param name="Units">Number of independent units the SE comes from (for Student-t quantiles), else null.</param>
/// <param name="Details">What was run, in one line (sizes, repetitions, auxiliary numbers the tolerance uses).</param>
/// <param name="Figure">Optional figure data.</param>
public sealed record Measurement(double Value, double? StandardError = null, int? Units = null, string Details = "", CheckFigure? Figure = null)
{
    /// <summary>Auxiliary numbers computed with the measurement that the tolerance needs (bounds, SEs of sub-statistics).</summary>
    public IReadOnlyDictionary<string, double> Auxiliary { get; init; } = new Dictionary<string, double>();

    /// <summary>An auxiliary number by name (throws if the adapter did not provide it: a programming error of the catalogue).</summary>
    public double Get(string name) =>
        Auxiliary.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"measurement has no auxiliary value '{name}'");
}
