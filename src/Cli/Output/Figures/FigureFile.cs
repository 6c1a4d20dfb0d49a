using System.Xml.Linq;
using ScottPlot;
using SkiaSharp;

namespace Plasticity.Cli.Output.Figures;

/// <summary>
/// Saves a <see cref="Figure"/> as PNG and SVG through <see cref="AtomicFile"/>, so a failed render leaves no partial
/// image.
/// </summary>
/// <remarks>
/// Panels are rendered one below the other. The first panel is laid out by ScottPlot (its legend panel on the right
/// decides the width of the data area); every further panel is given the same left and right data edges
/// (<c>Layout.Fixed</c>), so the x axes line up. The PNG is the panels' bitmaps drawn onto one canvas; the SVG nests
/// each panel's own SVG document at its vertical offset (nested &lt;svg&gt; elements are plain SVG 1.1).
/// </remarks>
public static class FigureFile
{
    /// <summary>Renders <paramref name="figure"/> to <paramref name="pngPath"/> and <paramref name="svgPath"/>.</summary>
    public static void Save(Figure figure, string pngPath, string svgPath)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var (png, svg) = Render(figure);
        AtomicFile.WriteVia(pngPath, temporary => File.WriteAllBytes(temporary, png));
        AtomicFile.WriteVia(svgPath, temporary => File.WriteAllText(temporary, svg, new UTF8Encoding(false)));
    }

    /// <summary>The PNG bytes and SVG text of <paramref name="figure"/>.</summary>
    public static (byte[] Png, string Svg) Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Panels.Count == 0 || figure.Panels.Count != figure.Heights.Count)
        {
            throw new ArgumentException($"a figure needs one height per panel (got {figure.Panels.Count} panels, {figure.Heights.Count} heights)", nameof(figure));
        }

        // Every panel is drawn straight onto one raster surface (clipped and shifted to its rows) and the figure is
        // encoded once: encoding each panel, decoding it and encoding the composite again cost three encodes and two
        // decodes, a third of a short capacity run.
        using var surface = SKSurface.Create(new SKImageInfo(figure.Width, figure.Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        var svgs = new List<string>();
        PixelRect? dataArea = null;
        var top = 0;
        for (var i = 0; i < figure.Panels.Count; i++)
        {
            var panel = figure.Panels[i];
            var height = figure.Heights[i];
            if (dataArea is PixelRect area)
            {
                // Same data edges as the first panel; top/bottom margins for the ticks and the x label.
                panel.Layout.Fixed(new PixelRect(area.Left, area.Right, 12, height - 55));
            }

            canvas.Save();
            canvas.ClipRect(new SKRect(0, top, figure.Width, top + height));
            canvas.Translate(0, top);
            panel.Render(canvas, figure.Width, height);
            canvas.Restore();
            svgs.Add(panel.GetSvgXml(figure.Width, height));
            dataArea ??= panel.LastRender.DataRect;
            top += height;
        }

        return (EncodePng(surface), svgs.Count == 1 ? svgs[0] : ComposeSvg(svgs, figure));
    }

    /// <summary>
    /// PNG with one row filter (Sub) and zlib level 6: trying every filter on every row took most of the encoding time
    /// for a file a few percent smaller; the pixels are the same.
    /// </summary>
    private static byte[] EncodePng(SKSurface surface)
    {
        using var snapshot = surface.Snapshot();
        using var pixels = snapshot.PeekPixels();
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 6))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the figure as PNG");
        return data.ToArray();
    }

    private static string ComposeSvg(IReadOnlyList<string> svgs, Figure figure)
    {
        XNamespace ns = "http://www.w3.org/2000/svg";
        var root = new XElement(
            ns + "svg",
            new XAttribute(XNamespace.Xmlns + "xlink", "http://www.w3.org/1999/xlink"),
            new XAttribute("width", figure.Width),
            new XAttribute("height", figure.Height));
        var top = 0;
        for (var i = 0; i < svgs.Count; i++)
        {
            var panel = XElement.Parse(svgs[i]);
            panel.SetAttributeValue("x", 0);
            panel.SetAttributeValue("y", top);
            root.Add(panel);
            top += figure.Heights[i];
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting) + "\n";
    }
}
