namespace Plasticity.Experiments.Stability;

/// <summary>The metrics of one point.</summary>
/// <param name="Point">The point.</param>
/// <param name="Metrics">Metric name → value (null: not applicable or undefined), in <see cref="StabilityMetrics.All"/> order.</param>
public sealed record PointResult(StabilityPoint Point, IReadOnlyDictionary<string, double?> Metrics)
{
    /// <summary>The value of <paramref name="metric"/> (null if missing or not applicable).</summary>
    public double? this[string metric] => Metrics.TryGetValue(metric, out var v) ? v : null;
}
