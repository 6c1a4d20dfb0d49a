using SkiaSharp;

namespace Plasticity.Cli.Output;

/// <summary>
/// Checks that the plotting stack can find a font before drawing.
/// </summary>
/// <remarks>
/// ScottPlot bundles no fonts and SkiaSharp's Linux build without dependencies reads the system font directories
/// (for example /usr/share/fonts). On a bare container image there may be none: the plot still renders, but every
/// label, tick and title is silently missing. Saying so, with the package that fixes it, beats a figure without text.
/// </remarks>
public static class PlotFonts
{
    /// <summary>Debian/Ubuntu package that provides the fonts the plots are checked with.</summary>
    public const string DebianPackage = "fonts-dejavu-core";

    /// <summary>A one-line description of the font problem, or null when fonts are available.</summary>
    public static string? Problem()
    {
        // Without fonts SkiaSharp still reports one family, with an empty name and a typeface of zero glyphs.
        using var manager = SKFontManager.CreateDefault();
        if (manager.FontFamilies.Any(name => !string.IsNullOrWhiteSpace(name)) && SKTypeface.Default.GlyphCount > 0)
        {
            return null;
        }

        return "no system fonts found, plot text will be missing; install a font package "
               + $"(Debian/Ubuntu: apt-get install {DebianPackage})";
    }
}
