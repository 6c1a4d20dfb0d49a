using ScottPlot;

namespace Plasticity.Cli.Output;

/// <summary>
/// Draws the convergence figure of <c>plasticity learn</c> (PNG and SVG, 900×600): each output's alignment with its
/// target eigenvector against the step (left axis), the averaged-theory curve where there is one (Oja), and ‖w‖ on the
/// right axis (log10 ‖w‖ when it spans more than two decades, as for diverging Hebb).
/// </summary>
public static class ConvergencePlot
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 600;

    /// <summary>Renders the figure.</summary>
    /// <param name="title">Figure title.</param>
    /// <param name="targetLabel">What the alignment is measured against (for example "e1 of C").</param>
    /// <param name="trajectory">Recorded states.</param>
    /// <param name="theory">Per output, the theory alignment at each recorded step, or null.</param>
    /// <param name="pngPath">PNG destination.</param>
    /// <param name="svgPath">SVG destination.</param>
    public static void Save(
        string title,
        string targetLabel,
        IReadOnlyList<TrajectoryPoint> trajectory,
        IReadOnlyList<double[]>? theory,
        string pngPath,
        string svgPath)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var steps = trajectory.Select(t => (double)t.Step).ToArray();
        var outputs = trajectory[0].Norms.Length;
        var shown = Math.Min(outputs, 10);

        var norms = trajectory.SelectMany(t => t.Norms).Where(v => double.IsFinite(v) && v > 0).ToArray();
        var logNorm = norms.Length > 0 && norms.Max() > 100 * norms.Min();
        for (var i = 0; i < shown; i++)
        {
            var color = palette.GetColor(i);
            var label = outputs == 1 ? string.Empty : $" (output {i + 1})";
            var ys = trajectory.Select(t => Clean(t.Alignment[i])).ToArray();
            var line = plot.Add.ScatterLine(steps, ys, color);
            line.LineWidth = 2;
            line.LegendText = $"|cos(w, {targetLabel})|{label}";

            if (theory is not null && i < theory.Count)
            {
                var curve = plot.Add.ScatterLine(steps, theory[i], color.Darken(0.4));
                curve.LineWidth = 2;
                curve.LinePattern = LinePattern.Dashed;
                curve.LegendText = $"averaged theory (ojaCosineTrajectory){label}";
            }

            var norm = trajectory.Select(t => Clean(logNorm ? Math.Log10(t.Norms[i]) : t.Norms[i])).ToArray();
            var normLine = plot.Add.ScatterLine(steps, norm, color.WithAlpha(0.5));
            normLine.LineWidth = 1.5f;
            normLine.LinePattern = LinePattern.Dotted;
            normLine.Axes.YAxis = plot.Axes.Right;
            normLine.LegendText = (logNorm ? "log10 ‖w‖" : "‖w‖") + label + " (right axis)";
        }

        var threshold = plot.Add.HorizontalLine(LearnRun.CosineThreshold, 1, Colors.Gray, LinePattern.Dashed);
        threshold.LegendText = "|cos| = 0.99";

        plot.Axes.Right.Label.Text = logNorm ? "log10 ‖w‖" : "‖w‖";
        plot.Axes.SetLimitsY(0, 1.05, plot.Axes.Left);
        PlotLabels.Apply(plot, title, "step (weight updates)", $"|cos(w, {targetLabel})|", Alignment.LowerRight);
        PlotFile.Save(plot, pngPath, svgPath, Width, Height);
    }

    private static double Clean(double value) => double.IsFinite(value) ? value : double.NaN;
}
