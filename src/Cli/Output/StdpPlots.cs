using ScottPlot;

namespace Plasticity.Cli.Output;

/// <summary>
/// The figures of <c>plasticity stdp</c> (PNG and SVG, 900×600): the window (simulated pairs against
/// <see cref="StdpTheory.window"/>), the triplet rule's pairing-frequency dependence, the final weight histogram of the
/// competition experiment and its output rate over time.
/// </summary>
public static class StdpPlots
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 600;

    /// <summary>Points of the theory curve on each side of Δt = 0.</summary>
    public const int TheoryPoints = 400;

    /// <summary>Δw against Δt: the simulated pairs as markers and the theory window as a line, drawn separately for
    /// Δt &lt; 0 and Δt ≥ 0 (the window jumps at 0).</summary>
    /// <param name="title">Figure title.</param>
    /// <param name="deltaTs">Δt (ms), ascending.</param>
    /// <param name="dw">Simulated Δw at each Δt.</param>
    /// <param name="theory">The theory window.</param>
    /// <param name="tripletPairPart">True when the theory is the triplet rule's pair part (A₂±), for the legend.</param>
    /// <param name="pngPath">PNG destination.</param>
    /// <param name="svgPath">SVG destination.</param>
    public static void SaveWindow(string title, double[] deltaTs, double[] dw, StdpTheory.PairWindow theory, bool tripletPairPart, string pngPath, string svgPath)
    {
        ArgumentNullException.ThrowIfNull(deltaTs);
        ArgumentNullException.ThrowIfNull(dw);
        ArgumentNullException.ThrowIfNull(theory);
        using var plot = new Plot();
        var lo = deltaTs[0];
        var hi = deltaTs[^1];
        var legend = tripletPairPart
            ? "theory: single-pair window A2+ e^(-dt/tau+), -A2- e^(dt/tau-)"
            : "theory: StdpTheory.window, A+ e^(-dt/tau+), -A- e^(dt/tau-)";
        var first = true;
        foreach (var (a, b) in new[] { (lo, Math.Min(hi, -1e-9 * Math.Max(1, hi - lo))), (Math.Max(lo, 0.0), hi) })
        {
            if (!(b > a))
            {
                continue;
            }

            var xs = Enumerable.Range(0, TheoryPoints + 1).Select(i => a + ((b - a) * i / TheoryPoints)).ToArray();
            var ys = xs.Select(x => StdpTheory.window(theory, x)).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, Colors.Black);
            line.LineWidth = 2;
            if (first)
            {
                line.LegendText = legend;
                first = false;
            }
        }

        var points = plot.Add.ScatterPoints(deltaTs, dw, Colors.OrangeRed);
        points.MarkerSize = deltaTs.Length > 401 ? 3 : 6;
        points.LegendText = "simulated: one pair through the rule (StdpProtocols)";
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        plot.Add.VerticalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        PlotLabels.Apply(plot, title, "dt = t_post - t_pre (ms)", "weight change dw", Alignment.UpperRight);
        PlotFile.Save(plot, pngPath, svgPath, Width, Height);
    }

    /// <summary>Total Δw after the pairing protocol against the pairing frequency, for pre-post and post-pre pairs.</summary>
    /// <param name="title">Figure title.</param>
    /// <param name="frequencies">Pairing frequencies (Hz).</param>
    /// <param name="prePost">Δw for Δt = +lag.</param>
    /// <param name="postPre">Δw for Δt = −lag.</param>
    /// <param name="pairs">Pairs per protocol.</param>
    /// <param name="lag">|Δt| (ms).</param>
    /// <param name="pngPath">PNG destination.</param>
    /// <param name="svgPath">SVG destination.</param>
    public static void SaveFrequency(string title, double[] frequencies, double[] prePost, double[] postPre, int pairs, double lag, string pngPath, string svgPath)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        ArgumentNullException.ThrowIfNull(prePost);
        ArgumentNullException.ThrowIfNull(postPre);
        using var plot = new Plot();
        var pp = plot.Add.Scatter(frequencies, prePost, Colors.RoyalBlue);
        pp.LineWidth = 2;
        pp.MarkerSize = 8;
        pp.LegendText = $"pre-post, dt = +{NumberFormat.Real(lag)} ms";
        var pq = plot.Add.Scatter(frequencies, postPre, Colors.OrangeRed);
        pq.LineWidth = 2;
        pq.MarkerSize = 8;
        pq.LegendText = $"post-pre, dt = -{NumberFormat.Real(lag)} ms";
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        PlotLabels.Apply(plot, title, "pairing frequency (Hz)", $"total dw after {pairs} pairs", Alignment.UpperLeft);
        PlotFile.Save(plot, pngPath, svgPath, Width, Height);
    }

    /// <summary>Histogram of the final weights w/g_max as bars, with the 0.1 and 0.9 marks of the summary.</summary>
    /// <param name="title">Figure title.</param>
    /// <param name="histogram">The histogram.</param>
    /// <param name="pngPath">PNG destination.</param>
    /// <param name="svgPath">SVG destination.</param>
    public static void SaveHistogram(string title, WeightHistogram histogram, string pngPath, string svgPath)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        using var plot = new Plot();
        var width = 1.0 / histogram.Counts.Count;
        var centres = Enumerable.Range(0, histogram.Counts.Count).Select(b => (b + 0.5) * width).ToArray();
        var bars = plot.Add.Bars(centres, histogram.Fractions.ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.95;
            bar.FillColor = Colors.SteelBlue;
            bar.LineWidth = 0;
        }

        bars.LegendText = $"final weights, N = {histogram.Total}";
        var low = plot.Add.VerticalLine(WeightHistogram.LowMark, 1, Colors.Gray, LinePattern.Dashed);
        low.LegendText = $"w/g_max = {NumberFormat.Real(WeightHistogram.LowMark)} and {NumberFormat.Real(WeightHistogram.HighMark)}";
        plot.Add.VerticalLine(WeightHistogram.HighMark, 1, Colors.Gray, LinePattern.Dashed);
        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.Margins(bottom: 0);
        PlotLabels.Apply(plot, title, "w / g_max", "fraction of synapses", Alignment.UpperCenter);
        PlotFile.Save(plot, pngPath, svgPath, Width, Height);
    }

    /// <summary>Output rate per bin against time.</summary>
    /// <param name="title">Figure title.</param>
    /// <param name="binStartsSeconds">Bin start times (s).</param>
    /// <param name="rates">Rates (Hz).</param>
    /// <param name="binWidthSeconds">Bin width (s), drawn as steps.</param>
    /// <param name="pngPath">PNG destination.</param>
    /// <param name="svgPath">SVG destination.</param>
    public static void SaveRate(string title, double[] binStartsSeconds, double[] rates, double binWidthSeconds, string pngPath, string svgPath)
    {
        ArgumentNullException.ThrowIfNull(binStartsSeconds);
        ArgumentNullException.ThrowIfNull(rates);
        using var plot = new Plot();
        var xs = binStartsSeconds.Select(t => t + (binWidthSeconds / 2)).ToArray();
        var line = plot.Add.Scatter(xs, rates, Colors.DarkGreen);
        line.LineWidth = 2;
        line.MarkerSize = xs.Length > 200 ? 0 : 4;
        line.LegendText = $"output rate ({NumberFormat.Real(binWidthSeconds)} s bins)";
        plot.Axes.SetLimitsY(0, Math.Max(1, rates.DefaultIfEmpty(0).Max() * 1.1));
        PlotLabels.Apply(plot, title, "time (s)", "output rate (Hz)", Alignment.UpperRight);
        PlotFile.Save(plot, pngPath, svgPath, Width, Height);
    }
}
