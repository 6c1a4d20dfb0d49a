namespace Plasticity.Experiments.Checks;

/// <summary>One curve or set of markers of a check's figure.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates (same length as <paramref name="X"/>).</param>
/// <param name="Line">True for a line (theory), false for markers (measurements).</param>
public sealed record FigureSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Line);
