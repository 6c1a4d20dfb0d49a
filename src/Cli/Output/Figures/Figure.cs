using ScottPlot;

namespace Plasticity.Cli.Output.Figures;

/// <summary>
/// One figure: one or more panels stacked vertically with aligned data areas (a main panel and, where the deviations
/// live, a deviation panel below it: 1 − m, 1 − |cos|, residual/SE). Builders return a <see cref="Figure"/>, so a test
/// can read titles, axis labels and series names from the plot model without rendering, and
/// <see cref="FigureFile"/> saves it.
/// </summary>
/// <param name="Panels">The panels, top first; the first carries the title and the legend.</param>
/// <param name="Heights">Pixel height of each panel (same length as <paramref name="Panels"/>).</param>
/// <param name="Width">Pixel width of every panel.</param>
public sealed record Figure(IReadOnlyList<Plot> Panels, IReadOnlyList<int> Heights, int Width)
{
    /// <summary>Default width of a figure (pixels).</summary>
    public const int DefaultWidth = 960;

    /// <summary>Default height of a single-panel figure (pixels).</summary>
    public const int DefaultHeight = 600;

    /// <summary>The top panel.</summary>
    public Plot Main => Panels[0];

    /// <summary>Total height in pixels.</summary>
    public int Height => Heights.Sum();

    /// <summary>A single-panel figure.</summary>
    public static Figure Single(Plot plot, int width = DefaultWidth, int height = DefaultHeight) => new([plot], [height], width);

    /// <summary>A main panel (about two thirds of the height) over a deviation panel with the same x axis.</summary>
    public static Figure WithDeviation(Plot main, Plot deviation, int width = DefaultWidth, int mainHeight = 480, int deviationHeight = 260)
    {
        FigureStyle.WithoutLegend(deviation);
        return new([main, deviation], [mainHeight, deviationHeight], width);
    }
}
