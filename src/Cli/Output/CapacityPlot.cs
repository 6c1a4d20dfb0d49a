using ScottPlot;
using ScottPlot.Plottables;

namespace Plasticity.Cli.Output;

/// <summary>
/// Draws the capacity figure (PNG and SVG, 900×600): simulation points with 95 % confidence bars, the matching
/// theory curve for each N, and the AGS critical load α_c.
/// </summary>
/// <remarks>
/// The y quantity follows the measure: the one-step bit error rate rises with the load, while the fixed-point
/// retrieval overlap collapses near α_c. Theory lines are finite-N exact laws for the one-step measure (one per N,
/// plus the dashed N → ∞ limit) and the replica-symmetric AGS overlap for the fixed-point measure (the same for all N).
/// Rendering goes through SkiaSharp, whose native library or fonts may be missing on a bare machine; callers treat
/// any exception from here as "no plot" and keep the CSV/JSON results.
/// </remarks>
public static class CapacityPlot
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 600;

    /// <summary>Builds the figure.</summary>
    public static Plot Build(CapacityArguments arguments, IReadOnlyList<CapacityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(rows);

        var settings = arguments.Settings;
        var fixedPoint = settings.Measure == CapacityMeasure.FixedPoint;
        var theory = CapacityTheory.Applies(settings);
        var alphaC = CapacityTheory.Critical.AlphaC;
        var alphaMax = rows.Count == 0 ? alphaC : rows.Max(r => r.Alpha);
        var alphaMin = rows.Count == 0 ? alphaMax / 100 : rows.Min(r => r.Alpha);
        var curveMin = Math.Min(alphaMin, alphaMax / 100);
        var palette = new ScottPlot.Palettes.Category10();

        var plot = new Plot();
        if (theory && fixedPoint)
        {
            var ags = TheoryCurve.Ags(curveMin, alphaMax);
            if (ags.Alphas.Count > 0)
            {
                var line = plot.Add.ScatterLine(ags.Alphas.ToArray(), ags.Values.ToArray(), Colors.Black);
                line.LineWidth = 2;
                line.MarkerSize = 0;
                line.LegendText = "theory: AGS retrieval overlap m(α), N → ∞";
            }
        }

        if (theory && !fixedPoint)
        {
            var m0 = 1.0 - 2.0 * settings.CueFlip;
            var largeN = TheoryCurve.OneStepLargeN(m0, curveMin, alphaMax);
            var line = plot.Add.ScatterLine(largeN.Alphas.ToArray(), largeN.Values.ToArray(), Colors.Gray);
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 0;
            line.LegendText = settings.CueFlip > 0
                ? "theory N → ∞: (1 − erf(m0/√(2α)))/2"
                : "theory N → ∞: ½ erfc(1/√(2α))";
        }

        var index = 0;
        foreach (var n in arguments.Ns.Distinct())
        {
            var color = palette.GetColor(index++);
            var points = rows.Where(r => r.N == n).OrderBy(r => r.Alpha).ToArray();
            if (theory && !fixedPoint)
            {
                var curve = TheoryCurve.OneStep(n, settings, curveMin, alphaMax);
                var line = plot.Add.ScatterLine(curve.Alphas.ToArray(), curve.Values.ToArray(), color);
                line.LineWidth = 2;
                line.MarkerSize = 0;
                line.LegendText = $"theory N = {n} (exact finite-N law at integer P)";
            }

            if (points.Length == 0)
            {
                continue;
            }

            var xs = points.Select(r => r.Alpha).ToArray();
            double[] ys, below, above;
            if (fixedPoint)
            {
                // overlap = 1 − 2·error bit by bit, so the error-rate interval maps onto the overlap axis reversed.
                ys = points.Select(r => r.OverlapMean).ToArray();
                below = points.Select(r => Math.Max(0, 2 * (r.ErrorCiHigh - r.ErrorRate))).ToArray();
                above = points.Select(r => Math.Max(0, 2 * (r.ErrorRate - r.ErrorCiLow))).ToArray();
            }
            else
            {
                ys = points.Select(r => r.ErrorRate).ToArray();
                below = points.Select(r => Math.Max(0, r.ErrorRate - r.ErrorCiLow)).ToArray();
                above = points.Select(r => Math.Max(0, r.ErrorCiHigh - r.ErrorRate)).ToArray();
            }

            var bars = new ErrorBar(xs, ys, null!, null!, above, below)
            {
                Color = color,
                LineWidth = 1.5f,
                CapSize = 4,
            };
            plot.Add.Plottable(bars);

            var markers = plot.Add.ScatterPoints(xs, ys, color);
            markers.MarkerShape = MarkerShape.FilledCircle;
            markers.MarkerSize = 7;
            markers.LegendText = $"simulation N = {n} (mean, 95 % CI)";
        }

        var criticalText = $"α_c ≈ {alphaC.ToString("0.000", CultureInfo.InvariantCulture)}";
        var critical = plot.Add.VerticalLine(alphaC, 1.5f, Colors.DarkRed, LinePattern.Dashed);
        critical.LegendText = $"Hebbian critical load (AGS) {criticalText}";

        plot.Title(Title(arguments));
        plot.XLabel("load α = P/N (stored patterns per neuron)");
        plot.YLabel(fixedPoint
            ? "retrieval overlap m = (1/N) Σᵢ ξᵢ sᵢ at the final state"
            : settings.CueFlip > 0
                ? "bit error rate after one update from the cue"
                : "one-step bit error rate (fraction of bits flipped)");

        // The α_c label sits inside the data area beside the line, where the curves leave room: at the top for the
        // rising error rate, at the bottom for the overlap (which is still near 1 at α_c).
        var xMax = Math.Max(alphaMax, alphaC) * 1.05;
        double bottom, top;
        if (fixedPoint)
        {
            var yMin = rows.Count == 0 ? 0 : Math.Min(0, rows.Min(r => r.OverlapMean - 2 * (r.ErrorCiHigh - r.ErrorRate)));
            (bottom, top) = (yMin - 0.03, 1.03);
            plot.ShowLegend(Alignment.LowerLeft);
        }
        else
        {
            var yMax = rows.Count == 0 ? 0.05 : rows.Max(r => Math.Max(r.ErrorCiHigh, r.TheoryError ?? 0));
            yMax = Math.Max(yMax, 1e-6);
            (bottom, top) = (-0.03 * yMax, 1.1 * yMax);
            plot.ShowLegend(Alignment.UpperLeft);
        }

        plot.Axes.SetLimits(0, xMax, bottom, top);
        var label = plot.Add.Text(criticalText, alphaC, fixedPoint ? bottom : top);
        label.LabelAlignment = fixedPoint ? Alignment.LowerLeft : Alignment.UpperLeft;
        label.LabelFontColor = Colors.DarkRed;
        label.LabelFontSize = 14;
        label.LabelBold = true;
        label.OffsetX = 5;
        label.OffsetY = fixedPoint ? -5 : 5;

        var font = UseReadableFont(plot);
        if (font is not null)
        {
            label.LabelFontName = font;
        }

        return plot;
    }

    /// <summary>
    /// Prefers DejaVu Sans (Debian's default, which has α, ≈, √, ½, Σ and subscripts); otherwise lets ScottPlot pick,
    /// per label, an installed font that has the glyphs.
    /// </summary>
    /// <returns>The font family set on the whole figure, or null when ScottPlot chooses per label.</returns>
    private static string? UseReadableFont(Plot plot)
    {
        const string preferred = "DejaVu Sans";
        using var typeface = SkiaSharp.SKFontManager.Default.MatchFamily(preferred);
        if (typeface is not null && string.Equals(typeface.FamilyName, preferred, StringComparison.OrdinalIgnoreCase))
        {
            plot.Font.Set(preferred);
            return preferred;
        }

        plot.Font.Automatic();
        return null;
    }

    /// <summary>The figure title: what was simulated, how often, with which seed.</summary>
    public static string Title(CapacityArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var s = arguments.Settings;
        var cue = s.CueFlip > 0
            ? $", cue flip {s.CueFlip.ToString("R", CultureInfo.InvariantCulture)}"
            : string.Empty;
        return $"Hopfield capacity: rule {arguments.RuleName}, measure {arguments.MeasureName}{cue}, "
               + $"{s.Trials} trials/point, seed {arguments.Seed}";
    }

    /// <summary>Renders the figure to <paramref name="pngPath"/> and <paramref name="svgPath"/>.</summary>
    public static void Save(CapacityArguments arguments, IReadOnlyList<CapacityRow> rows, string pngPath, string svgPath)
    {
        using var plot = Build(arguments, rows);
        PlotFile.Save(plot, pngPath, svgPath, Width, Height);
    }
}
