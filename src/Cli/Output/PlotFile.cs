using ScottPlot;

namespace Plasticity.Cli.Output;

/// <summary>Saves a figure as PNG and SVG through <see cref="AtomicFile"/>, so a failed render leaves no partial image.</summary>
public static class PlotFile
{
    /// <summary>Renders <paramref name="plot"/> to <paramref name="pngPath"/> and <paramref name="svgPath"/>.</summary>
    public static void Save(Plot plot, string pngPath, string svgPath, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        AtomicFile.WriteVia(pngPath, temporary => plot.SavePng(temporary, width, height));
        AtomicFile.WriteVia(svgPath, temporary => plot.SaveSvg(temporary, width, height));
    }
}
