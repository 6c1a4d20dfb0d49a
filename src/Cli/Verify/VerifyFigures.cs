using ScottPlot;
using Comparison = Plasticity.Experiments.Checks.Comparison;

namespace Plasticity.Cli.Verify;

/// <summary>
/// The report's figures in the one figure style (<see cref="FigureStyle"/>): an overview of every check's score
/// (measured − predicted)/tolerance, coloured by verdict, and each check's own figure when it has one (theory as black
/// lines, measurements as markers). Built as <see cref="Figure"/>s (tests read the plot model) and rendered to PNG
/// bytes for report.html or saved as PNG + SVG under <c>figures/</c> (<see cref="SaveAll"/>).
/// </summary>
public static class VerifyFigures
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = Figure.DefaultWidth;

    /// <summary>Image height in pixels.</summary>
    public const int Height = Figure.DefaultHeight;

    /// <summary>Scores beyond this are drawn at the edge (a failing check far out would squash the others).</summary>
    public const double ScoreClip = 5.0;

    /// <summary>The subdirectory of the report directory the check figures are saved in.</summary>
    public const string Directory = "figures";

    /// <summary>The overview: one marker per check at its score, clipped to ±<see cref="ScoreClip"/>, with the ±1 band.</summary>
    public static Figure Overview(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = FigureStyle.Create(
            "Every check: distance of the measurement from the prediction",
            "check (row number in the report's table)",
            $"(measured − predicted) / tolerance, clipped to ±{ScoreClip}");
        var xs = Enumerable.Range(1, results.Count).Select(i => (double)i).ToArray();
        var series = 0;
        foreach (var verdict in new[] { Verdict.Pass, Verdict.Fail, Verdict.NotATest })
        {
            var chosen = results.Select((r, i) => (r, i)).Where(t => t.r.Verdict == verdict).ToArray();
            if (chosen.Length == 0)
            {
                series++;
                continue;
            }

            // Okabe–Ito by verdict (blue PASS, vermillion FAIL, bluish green "not a test"), and a different marker
            // shape for each, so the verdict survives greyscale printing and colour-blind reading.
            FigureStyle.SimulationPoints(
                plot,
                chosen.Select(t => xs[t.i]).ToArray(),
                chosen.Select(t => Math.Clamp(t.r.Score ?? 0.0, -ScoreClip, ScoreClip)).ToArray(),
                Comparison.VerdictText(verdict),
                series,
                size: 9,
                shape: verdict switch { Verdict.Pass => MarkerShape.FilledCircle, Verdict.Fail => MarkerShape.FilledSquare, _ => MarkerShape.FilledDiamond });
            series++;
        }

        if (plot.Axes.Bottom.TickGenerator is ScottPlot.TickGenerators.NumericAutomatic ticks)
        {
            ticks.IntegerTicksOnly = true;
        }

        FigureStyle.Reference(plot, 1, "±1 tolerance");
        FigureStyle.Reference(plot, -1);
        plot.Add.HorizontalLine(0, 1, FigureStyle.TheoryColor, LinePattern.Solid).LegendText = "prediction";
        return Figure.Single(plot);
    }

    /// <summary>A check's own figure: theory as black lines (further theory curves dashed), measurements as markers.</summary>
    public static Figure Build(CheckFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var plot = FigureStyle.Create(figure.Title, figure.XLabel, figure.YLabel);
        var theory = 0;
        var measured = 0;
        foreach (var s in figure.Series)
        {
            var x = s.X.ToArray();
            var y = s.Y.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();
            if (s.Line)
            {
                FigureStyle.TheoryLine(plot, x, y, s.Name, theory++ == 0 ? LinePattern.Solid : LinePattern.Dashed);
            }
            else
            {
                FigureStyle.SimulationPoints(plot, x, y, s.Name, measured++, size: x.Length > 200 ? 4 : 7);
            }
        }

        return Figure.Single(plot);
    }

    /// <summary>PNG bytes of the overview (inlined in report.html).</summary>
    public static byte[] OverviewPng(IReadOnlyList<CheckResult> results) => FigureFile.Render(Overview(results)).Png;

    /// <summary>PNG bytes of a check's figure (inlined in report.html).</summary>
    public static byte[] Render(CheckFigure figure) => FigureFile.Render(Build(figure)).Png;

    /// <summary>
    /// Saves every check figure as <c>figures/&lt;id&gt;.png</c> and <c>.svg</c> and the overview as
    /// <c>figures/overview.png/.svg</c> under <paramref name="directory"/>; returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> SaveAll(CommandContext context, string directory, IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(results);
        var target = System.IO.Directory.CreateDirectory(Path.Combine(directory, Directory)).FullName;
        var written = new List<string>();
        PlotOutput.WarnAboutFonts(context);
        void Save(string stem, Func<Figure> build)
        {
            var files = new FigureFiles(stem);
            if (PlotOutput.TryDraw(context, target, files, (png, svg) => FigureFile.Save(build(), png, svg)))
            {
                written.Add(Path.Combine(target, files.Png));
                written.Add(Path.Combine(target, files.Svg));
            }
        }

        Save("overview", () => Overview(results));
        foreach (var r in results)
        {
            if (r.Measurement.Figure is { } figure)
            {
                Save(r.Definition.Id, () => Build(figure));
            }
        }

        return written;
    }
}
