namespace Plasticity.Experiments.Results;

/// <summary>One finished point as kept in a results store.</summary>
/// <param name="Index">0-based grid index.</param>
/// <param name="Key">The point's stable key (checked against the grid when read back).</param>
/// <param name="Result">The experiment's result for the point, as JSON.</param>
/// <param name="FinishedUtc">When the point was committed (ISO 8601, UTC); not part of any output file.</param>
/// <param name="Seconds">Wall-clock seconds the point took to compute.</param>
public sealed record StoredPoint(int Index, string Key, string Result, string FinishedUtc, double Seconds);
