namespace Plasticity.Experiments.Stability;

/// <summary>A metric that moved beyond its tolerance between a baseline and a new run.</summary>
/// <param name="Rule">Rule name.</param>
/// <param name="Point">Point identity (<see cref="StabilityPoint.Id"/>).</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Old">The baseline's value (null: not applicable, or the point was missing).</param>
/// <param name="New">The new value (null: not applicable, or the point was missing).</param>
/// <param name="Tolerance">The metric's tolerance.</param>
public sealed record MetricChange(string Rule, string Point, string Metric, double? Old, double? New, Tolerance Tolerance)
{
    /// <summary>One readable line: rule, point, metric, old and new values, tolerance.</summary>
    public override string ToString() =>
        $"{Rule} [{Point}] {Metric}: old {Show(Old)}, new {Show(New)}, tolerance {Tolerance}";

    private static string Show(double? v) => v is double x ? x.ToString("R", CultureInfo.InvariantCulture) : "none";
}
