using ScottPlot;

namespace Plasticity.Cli.Output;

/// <summary>
/// The text of a figure, set the same way in every command's plots and the verify report's: title, axis labels, the
/// legend's corner, and fonts chosen for the characters used (<c>Font.Automatic</c>, so Greek letters and
/// sub/superscripts render where a font has them).
/// </summary>
public static class PlotLabels
{
    /// <summary>Sets the title, the axis labels and the legend position of <paramref name="plot"/>, then picks its fonts.</summary>
    /// <remarks>Call it after the last text is added (series legends included): the font choice reads all of it.</remarks>
    public static void Apply(Plot plot, string title, string xLabel, string yLabel, Alignment legend)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
        plot.Font.Automatic();
    }
}
