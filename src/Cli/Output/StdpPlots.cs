using Plasticity.Cli.Output.Figures;
using ScottPlot;

namespace Plasticity.Cli.Output;

/// <summary>
/// The figures of <c>plasticity stdp</c>, built as styled <see cref="Figure"/>s (<see cref="FigureStyle"/>) and saved
/// by <see cref="PlotOutput.TryFigure"/>: the window (simulated pairs as hollow markers over the theory
/// <see cref="StdpTheory.window"/>, with a residual panel in units of u), the triplet rule's pairing-frequency
/// dependence (simulation as markers, <see cref="StdpTheory.tripletPairingProtocol"/> as lines, log frequency axis),
/// the final weight histogram of the competition experiment (with the uniform start and, for the soft bounds, the
/// uncorrelated fixed point u*) and its output rate over time (descriptive: no theory).
/// </summary>
public static class StdpPlots
{
    /// <summary>Points of the theory curve on each side of Δt = 0.</summary>
    public const int TheoryPoints = 400;

    /// <summary>Most simulated pairs drawn as markers; beyond this every k-th is drawn (all are in window.csv).</summary>
    public const int MaxMarkers = 60;

    /// <summary>Points of each theory curve of the frequency figure (log-spaced).</summary>
    public const int FrequencyTheoryPoints = 200;

    /// <summary>
    /// Δw against Δt: the theory window as a black line (drawn separately for Δt &lt; 0 and Δt ≥ 0, since it jumps at
    /// 0), the simulated pairs as hollow markers (every k-th when there are more than <see cref="MaxMarkers"/>), the
    /// Δt = 0 pair as a filled marker, and below a residual panel (Δw − W)/(u·|W|) with the ±4u bound.
    /// </summary>
    /// <param name="title">Figure title.</param>
    /// <param name="deltaTs">Δt (ms), ascending.</param>
    /// <param name="dw">Simulated Δw at each Δt.</param>
    /// <param name="theory">The theory window.</param>
    /// <param name="tripletPairPart">True when the theory is the triplet rule's pair part (A₂±), for the legend.</param>
    /// <param name="scale">Δw is plotted as Δw/<paramref name="scale"/> (e.g. gₘₐₓ).</param>
    /// <param name="yLabel">Label of the Δw axis, naming the scale ("Δw / gₘₐₓ").</param>
    public static Figure BuildWindow(string title, double[] deltaTs, double[] dw, StdpTheory.PairWindow theory, bool tripletPairPart, double scale, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(deltaTs);
        ArgumentNullException.ThrowIfNull(dw);
        ArgumentNullException.ThrowIfNull(theory);
        var plot = FigureStyle.Create(title, "Δt = t_post − t_pre (ms)", yLabel);
        var lo = deltaTs[0];
        var hi = deltaTs[^1];
        var legend = tripletPairPart
            ? "theory W(Δt), pair part A₂±"
            : "theory W(Δt)";
        var first = true;
        foreach (var (a, b) in new[] { (lo, Math.Min(hi, -1e-9 * Math.Max(1, hi - lo))), (Math.Max(lo, 0.0), hi) })
        {
            if (!(b > a))
            {
                continue;
            }

            var xs = Enumerable.Range(0, TheoryPoints + 1).Select(i => a + ((b - a) * i / TheoryPoints)).ToArray();
            var ys = xs.Select(x => StdpTheory.window(theory, x) / scale).ToArray();
            FigureStyle.TheoryLine(plot, xs, ys, first ? legend : string.Empty);
            first = false;
        }

        var stride = Math.Max(1, (int)Math.Ceiling(deltaTs.Length / (double)MaxMarkers));
        var shown = Enumerable.Range(0, deltaTs.Length).Where(i => i % stride == 0 && deltaTs[i] != 0).ToArray();
        var simulated = stride == 1 ? "simulated pair" : $"simulated pair (every {stride}th)";
        FigureStyle.SimulationPoints(plot, shown.Select(i => deltaTs[i]).ToArray(), shown.Select(i => dw[i] / scale).ToArray(), simulated, 0, 8, MarkerShape.OpenCircle);
        var zero = Array.IndexOf(deltaTs, 0.0);
        if (zero >= 0)
        {
            var plus = tripletPairPart ? "A₂₊" : "A₊";
            FigureStyle.SimulationPoints(plot, [0.0], [dw[zero] / scale], $"simulated Δt = 0: +{plus}", 1, 9, MarkerShape.FilledDiamond);
        }

        FigureStyle.Reference(plot, 0);

        var residual = FigureStyle.Create(string.Empty, "Δt = t_post − t_pre (ms)", "(Δw − W) / (u·|W|)");
        var unit = CheckStatistics.UnitRoundoff;
        var rx = new List<double>();
        var ry = new List<double>();
        for (var i = 0; i < deltaTs.Length; i++)
        {
            var w = StdpTheory.window(theory, deltaTs[i]);
            if (w != 0)
            {
                rx.Add(deltaTs[i]);
                ry.Add((dw[i] - w) / (unit * Math.Abs(w)));
            }
        }

        FigureStyle.SimulationPoints(residual, [.. rx], [.. ry], "residual in units of u", 0, 4);
        var bound = residual.Add.HorizontalLine(4, 1.5f, FigureStyle.TheoryColor, LinePattern.Dashed);
        bound.LegendText = "bound ±4u";
        residual.Add.HorizontalLine(-4, 1.5f, FigureStyle.TheoryColor, LinePattern.Dashed);
        residual.Axes.SetLimitsY(-5, 5);
        AlignX(plot, residual, lo, hi);
        return Figure.WithDeviation(plot, residual);
    }

    /// <summary>
    /// Total Δw after the pairing protocol against the pairing frequency (log axis), pre-post and post-pre: the
    /// simulation as markers and <see cref="StdpTheory.tripletPairingProtocol"/> as black lines (solid for pre-post,
    /// dashed for post-pre).
    /// </summary>
    /// <param name="title">Figure title.</param>
    /// <param name="rule">The triplet rule's parameters (theory).</param>
    /// <param name="frequencies">Pairing frequencies (Hz).</param>
    /// <param name="prePost">Simulated Δw for Δt = +lag.</param>
    /// <param name="postPre">Simulated Δw for Δt = −lag.</param>
    /// <param name="pairs">Pairs per protocol.</param>
    /// <param name="lag">|Δt| (ms).</param>
    public static Figure BuildFrequency(string title, StdpTheory.TripletRule rule, double[] frequencies, double[] prePost, double[] postPre, int pairs, double lag)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(frequencies);
        ArgumentNullException.ThrowIfNull(prePost);
        ArgumentNullException.ThrowIfNull(postPre);
        var plot = FigureStyle.Create(title, "pairing frequency f (Hz)", $"total Δw after {pairs} pairs");
        var lo = Math.Log10(frequencies.Min());
        var hi = Math.Log10(frequencies.Max());
        var grid = Enumerable.Range(0, FrequencyTheoryPoints + 1).Select(i => lo + ((hi - lo) * i / FrequencyTheoryPoints)).ToArray();
        var l = NumberFormat.Real(lag);
        // Each theory curve in the hue of its simulation (a line, not markers, so the kind still tells them apart);
        // solid, since a dashed line in an SVG makes Skia print a warning on stdout.
        foreach (var (sign, series, name) in new[] { (+1.0, 0, "pre-post"), (-1.0, 1, "post-pre") })
        {
            var ys = grid.Select(x => StdpTheory.tripletPairingProtocol(rule, pairs, Math.Pow(10, x), sign * lag).Item1).ToArray();
            FigureStyle.TheoryLine(plot, grid, ys, $"theory, Δt = {(sign > 0 ? "+" : "−")}{l} ms", null, FigureStyle.SeriesColor(series));
        }

        FigureStyle.SimulationPoints(plot, FigureStyle.Log10(frequencies, 1e-300), prePost, $"simulated, Δt = +{l} ms", 0, 9);
        FigureStyle.SimulationPoints(plot, FigureStyle.Log10(frequencies, 1e-300), postPre, $"simulated, Δt = −{l} ms", 1, 9, MarkerShape.FilledSquare);
        FigureStyle.Reference(plot, 0);
        FigureStyle.UseLogTicks(plot.Axes.Bottom);
        return Figure.Single(plot);
    }

    /// <summary>
    /// Histogram of the final weights w/gₘₐₓ as bars, the uniform start (1/B per bin, dashed), and either the 0.1 and
    /// 0.9 marks of the tail fractions (additive, <paramref name="fixedPoint"/> null) or the uncorrelated fixed point
    /// u* as a vertical marker (soft bounds).
    /// </summary>
    /// <param name="title">Figure title.</param>
    /// <param name="histogram">The histogram.</param>
    /// <param name="fixedPoint">u* = zero of the uncorrelated drift in w/gₘₐₓ; null for additive (bounded by the hard limits).</param>
    public static Figure BuildHistogram(string title, WeightHistogram histogram, double? fixedPoint)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var plot = FigureStyle.Create(title, "w / gₘₐₓ", "fraction of synapses");
        var width = 1.0 / histogram.Counts.Count;
        var centres = Enumerable.Range(0, histogram.Counts.Count).Select(b => (b + 0.5) * width).ToArray();
        var bars = plot.Add.Bars(centres, histogram.Fractions.ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.95;
            bar.FillColor = FigureStyle.SeriesColor(0);
            bar.LineWidth = 0;
        }

        bars.LegendText = $"simulated, N = {histogram.Total}";
        var uniform = plot.Add.HorizontalLine(width, 1.5f, FigureStyle.TheoryColor, LinePattern.Dashed);
        uniform.LegendText = $"uniform start, 1/B = {FigureStyle.Number(width)}";
        if (fixedPoint is double u)
        {
            FigureStyle.Marker(plot, u, $"u* = {FigureStyle.Number(Math.Round(u, 4))} (uncorrelated fixed point)", FigureStyle.SeriesColor(1), LinePattern.Solid);
        }
        else
        {
            FigureStyle.Marker(plot, WeightHistogram.LowMark, $"tails: < {NumberFormat.Real(WeightHistogram.LowMark)}, > {NumberFormat.Real(WeightHistogram.HighMark)}", FigureStyle.ReferenceColor);
            var high = FigureStyle.Marker(plot, WeightHistogram.HighMark, string.Empty, FigureStyle.ReferenceColor);
            high.ExcludeFromLegend = true;
        }

        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.Margins(bottom: 0);
        return Figure.Single(plot);
    }

    /// <summary>Output rate per bin against time (a measured trace; no theory), with the rate of the last 10 % dotted.</summary>
    /// <param name="title">Figure title.</param>
    /// <param name="binStartsSeconds">Bin start times (s).</param>
    /// <param name="rates">Rates (Hz).</param>
    /// <param name="binWidthSeconds">Bin width (s).</param>
    /// <param name="finalRate">Output rate over the last 10 % of the run (Hz).</param>
    public static Figure BuildRate(string title, double[] binStartsSeconds, double[] rates, double binWidthSeconds, double finalRate)
    {
        ArgumentNullException.ThrowIfNull(binStartsSeconds);
        ArgumentNullException.ThrowIfNull(rates);
        var plot = FigureStyle.Create(title, "time (s)", "output rate (Hz)");
        var xs = binStartsSeconds.Select(t => t + (binWidthSeconds / 2)).ToArray();
        FigureStyle.SimulationTrace(plot, xs, rates, $"measured, {NumberFormat.Real(binWidthSeconds)} s bins (no theory)", 0);
        FigureStyle.Reference(plot, finalRate, $"last 10 %: {FigureStyle.Number(Math.Round(finalRate, 2))} Hz");
        plot.Axes.SetLimitsY(0, Math.Max(1, Math.Max(finalRate, rates.DefaultIfEmpty(0).Max()) * 1.1));
        return Figure.Single(plot);
    }

    private static void AlignX(Plot main, Plot deviation, double lo, double hi)
    {
        var margin = 0.02 * Math.Max(hi - lo, 1e-9);
        main.Axes.SetLimitsX(lo - margin, hi + margin);
        deviation.Axes.SetLimitsX(lo - margin, hi + margin);
    }
}
