using ScottPlot;

namespace Plasticity.Cli.Verify;

/// <summary>
/// Renders the report's figures to PNG bytes with ScottPlot 5, for inlining as base64 in report.html: an overview of
/// every check's score (measured − predicted)/tolerance, and each check's own figure when it has one.
/// </summary>
public static class VerifyFigures
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 420;

    /// <summary>Scores beyond this are drawn at the edge (a failing check far out would squash the others).</summary>
    public const double ScoreClip = 5.0;

    /// <summary>The overview: one marker per check at its score, clipped to ±<see cref="ScoreClip"/>, with the ±1 band.</summary>
    public static byte[] Overview(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var plot = new Plot();
        var xs = Enumerable.Range(1, results.Count).Select(i => (double)i).ToArray();
        foreach (var verdict in new[] { Verdict.Pass, Verdict.Fail, Verdict.NotATest })
        {
            var chosen = results.Select((r, i) => (r, i)).Where(t => t.r.Verdict == verdict).ToArray();
            if (chosen.Length == 0)
            {
                continue;
            }

            var points = plot.Add.ScatterPoints(
                chosen.Select(t => xs[t.i]).ToArray(),
                chosen.Select(t => Math.Clamp(t.r.Score ?? 0.0, -ScoreClip, ScoreClip)).ToArray(),
                verdict switch { Verdict.Pass => Colors.SeaGreen, Verdict.Fail => Colors.Crimson, _ => Colors.Gray });
            points.MarkerSize = 9;
            points.LegendText = verdict.ToString();
        }

        plot.Add.HorizontalLine(1, 1, Colors.Gray, LinePattern.Dashed);
        plot.Add.HorizontalLine(-1, 1, Colors.Gray, LinePattern.Dashed);
        plot.Add.HorizontalLine(0, 1, Colors.Black, LinePattern.Dotted);
        PlotLabels.Apply(plot, "verify: (measured − predicted) / tolerance per check", "check (row number in the table)", $"score (clipped to ±{ScoreClip})", Alignment.UpperRight);
        return Png(plot);
    }

    /// <summary>A check's own figure: theory as lines, measurements as markers.</summary>
    public static byte[] Render(CheckFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var series in figure.Series)
        {
            var x = series.X.ToArray();
            var y = series.Y.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();
            var color = palette.GetColor(index++);
            if (series.Line)
            {
                var line = plot.Add.ScatterLine(x, y, color);
                line.LineWidth = 2;
                line.LegendText = series.Name;
            }
            else
            {
                var points = plot.Add.ScatterPoints(x, y, color);
                points.MarkerSize = 6;
                points.LegendText = series.Name;
            }
        }

        PlotLabels.Apply(plot, figure.Title, figure.XLabel, figure.YLabel, Alignment.UpperRight);
        return Png(plot);
    }

    /// <summary>PNG bytes through a temporary file (ScottPlot's documented save path), deleted afterwards.</summary>
    private static byte[] Png(Plot plot)
    {
        var path = Path.Combine(Path.GetTempPath(), $"plasticity-verify-{Guid.NewGuid():N}.png");
        try
        {
            plot.SavePng(path, Width, Height);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
