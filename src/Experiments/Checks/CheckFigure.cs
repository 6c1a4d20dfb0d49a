namespace Plasticity.Experiments.Checks;

/// <summary>Data of a figure a check draws next to its verdict (theory as lines, measurements as markers).</summary>
/// <param name="Title">Title.</param>
/// <param name="XLabel">Horizontal axis label.</param>
/// <param name="YLabel">Vertical axis label.</param>
/// <param name="Series">The curves.</param>
public sealed record CheckFigure(string Title, string XLabel, string YLabel, IReadOnlyList<FigureSeries> Series);
