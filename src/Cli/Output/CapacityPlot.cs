using Plasticity.Cli.Output.Figures;
using ScottPlot;

namespace Plasticity.Cli.Output;

/// <summary>
/// Builds the capacity figure (<see cref="Figure"/>, saved by the caller): simulation as markers with 95 % confidence
/// bars in the series colours, theory as black or grey lines, where the deviations live on a log or deviation panel.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>One-step: the bit error rate on a log axis (zeros are drawn as open circles at the axis floor), the exact
/// finite-N law per N as black lines with one dash pattern per N, the large-N law ½erfc(1/√(2α)) as a thick grey line;
/// below, the deviation (error − exact law)/SE in units of the binomial SE of the verdict (±5 dotted). No α_c: it
/// belongs to the fixed-point dynamics.</item>
/// <item>Fixed point: the overlap m with the AGS line and the α_c marker; below, 1 − m on a log axis with the AGS
/// 1 − m line, where the sizes separate below α_c.</item>
/// <item>Storkey, pseudo-inverse and a kept diagonal: no theory lines and no α_c; the title says there is no
/// closed-form theory for the rule.</item>
/// </list>
/// </remarks>
public static class CapacityPlot
{
    /// <summary>Dash patterns of the exact-law lines, one per N.</summary>
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.DenselyDashed, LinePattern.Dotted];

    /// <summary>Builds the figure.</summary>
    public static Figure Build(CapacityArguments arguments, IReadOnlyList<CapacityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(rows);
        return arguments.Settings.Measure == CapacityMeasure.FixedPoint
            ? FixedPoint(arguments, rows)
            : OneStep(arguments, rows);
    }

    /// <summary>The figure title in words: network, rule, measure, trials and seed (and "no closed-form theory" where none applies).</summary>
    public static string Title(CapacityArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var s = arguments.Settings;
        var rule = s.Rule switch
        {
            StorageRule.Hebbian => s.Diagonal == DiagonalConvention.Zero ? "Hebbian storage" : "Hebbian storage with self-couplings kept",
            StorageRule.Storkey => "Storkey storage",
            _ => "pseudo-inverse storage",
        };
        var flip = s.CueFlip.ToString("G4", CultureInfo.InvariantCulture);
        var measure = s.Measure == CapacityMeasure.FixedPoint
            ? s.CueFlip > 0 ? $"fixed-point overlap from cues with {flip} of the bits flipped" : "retrieval overlap at the fixed point"
            : s.CueFlip > 0 ? $"bit error rate one step after cues with {flip} of the bits flipped" : "one-step bit error rate";
        var trials = s.Trials == 1 ? "1 trial" : $"{s.Trials} trials";
        var noTheory = CapacityTheory.Applies(s) ? string.Empty : $"; {CapacityVerdicts.NoTheoryReason}";
        if (s.TrialsByN is not null)
        {
            // Trials differ by N: say them per N, in the order of --n ("20, 10, 3 trials per point at N = 1000, 10000, 100000").
            var ns = string.Join(", ", arguments.Ns.Select(n => n.ToString(CultureInfo.InvariantCulture)));
            trials = $"{string.Join(", ", arguments.Ns.Select(n => s.TrialsAt(n).ToString(CultureInfo.InvariantCulture)))} trials";
            return $"Hopfield network, {rule}: {measure}\n({trials} per point at N = {ns}, seed {arguments.Seed}{noTheory})";
        }

        return $"Hopfield network, {rule}: {measure}\n({trials} per point, seed {arguments.Seed}{noTheory})";
    }

    private const string AlphaLabel = "load α = P/N (stored patterns per neuron)";

    private static Figure OneStep(CapacityArguments arguments, IReadOnlyList<CapacityRow> rows)
    {
        var s = arguments.Settings;
        var theory = CapacityTheory.Applies(s);
        var yLabel = s.CueFlip > 0 ? "bit error rate after one update from the cue" : "one-step bit error rate (fraction of bits flipped)";
        var main = FigureStyle.Create(Title(arguments), AlphaLabel, yLabel);
        FigureStyle.UseLogTicks(main.Axes.Left);
        var (alphaMin, alphaMax) = AlphaRange(rows);
        var floor = Floor(rows.Select(r => r.ErrorRate).Concat(rows.Select(r => r.ErrorCiLow)));
        var ns = arguments.Ns.Distinct().ToArray();

        if (theory)
        {
            var largeN = TheoryCurve.OneStepLargeN(1.0 - (2.0 * s.CueFlip), alphaMin, alphaMax);
            AddLogLine(main, largeN, floor, s.CueFlip > 0 ? "theory N → ∞: (1 − erf(m₀/√(2α)))/2" : "theory N → ∞: ½erfc(1/√(2α))", LinePattern.Solid, FigureStyle.ReferenceColor, 3.5f);
            for (var i = 0; i < ns.Length; i++)
            {
                var curve = TheoryCurve.OneStep(ns[i], s, alphaMin, alphaMax);
                AddLogLine(main, curve, floor, $"theory N = {ns[i]}: exact law", Patterns[i % Patterns.Length], FigureStyle.TheoryColor, 1.8f);
            }
        }

        var anyZero = false;
        for (var i = 0; i < ns.Length; i++)
        {
            var points = rows.Where(r => r.N == ns[i]).OrderBy(r => r.Alpha).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var xs = points.Select(r => r.Alpha).ToArray();
            var ys = FigureStyle.Log10(points.Select(r => r.ErrorRate), floor);
            var low = FigureStyle.Log10(points.Select(r => r.ErrorCiLow), floor);
            var high = FigureStyle.Log10(points.Select(r => r.ErrorCiHigh), floor);
            FigureStyle.ConfidenceBars(main, xs, ys, [.. ys.Zip(low, (y, l) => Math.Max(0, y - l))], [.. ys.Zip(high, (y, h) => Math.Max(0, h - y))], i);
            var positive = points.Where(r => r.ErrorRate > floor).ToArray();
            FigureStyle.SimulationPoints(main, [.. positive.Select(r => r.Alpha)], FigureStyle.Log10(positive.Select(r => r.ErrorRate), floor), $"simulation N = {ns[i]} (95 % CI)", i);
            var zeros = points.Where(r => r.ErrorRate <= floor).ToArray();
            if (zeros.Length > 0)
            {
                anyZero = true;
                FigureStyle.SimulationPoints(main, [.. zeros.Select(r => r.Alpha)], [.. zeros.Select(_ => Math.Log10(floor))], $"simulation N = {ns[i]}: 0 errors", i, 8, MarkerShape.OpenCircle);
            }
        }

        if (anyZero)
        {
            FigureStyle.Reference(main, Math.Log10(floor), $"axis floor {FigureStyle.Number(floor)}");
        }

        var top = Math.Log10(Math.Max(1e-300, rows.Count == 0 ? 0.5 : rows.Max(r => Math.Max(r.ErrorCiHigh, r.TheoryError ?? 0))));
        main.Axes.SetLimits(XLow(alphaMin), XHigh(alphaMax), Math.Log10(floor) - 0.3, Math.Max(top, Math.Log10(floor) + 1) + 0.3);

        var tested = rows.Where(r => r.Verdict.Tolerance is not null && r.Verdict.Verdict != Verdict.NotATest && s.CueFlip == 0).ToArray();
        if (!theory || tested.Length == 0)
        {
            return Figure.Single(main);
        }

        var deviation = FigureStyle.Create(string.Empty, AlphaLabel, "(error − exact law)/SE");
        FigureStyle.Reference(deviation, 0);
        FigureStyle.Reference(deviation, HopfieldChecks.KOneStep);
        FigureStyle.Reference(deviation, -HopfieldChecks.KOneStep);
        for (var i = 0; i < ns.Length; i++)
        {
            var points = tested.Where(r => r.N == ns[i] && r.Verdict.Tolerance!.Width > 0).OrderBy(r => r.Alpha).ToArray();
            var xs = points.Select(r => r.Alpha).ToArray();
            var zs = points.Select(r => (r.ErrorRate - r.Verdict.Predicted) / (r.Verdict.Tolerance!.Width / HopfieldChecks.KOneStep)).ToArray();
            FigureStyle.SimulationPoints(deviation, xs, zs, $"deviation N = {ns[i]}", i);
            var large = points.Where(r => r.TheoryErrorLargeN is not null).ToArray();
            if (large.Length > 1)
            {
                FigureStyle.TheoryLine(
                    deviation,
                    [.. large.Select(r => r.Alpha)],
                    [.. large.Select(r => (r.TheoryErrorLargeN!.Value - r.Verdict.Predicted) / (r.Verdict.Tolerance!.Width / HopfieldChecks.KOneStep))],
                    $"large-N law − exact law, N = {ns[i]}",
                    Patterns[i % Patterns.Length],
                    FigureStyle.ReferenceColor);
            }
        }

        var zMax = tested.Where(r => r.Verdict.Tolerance!.Width > 0)
            .SelectMany(r => new[] { r.ErrorRate, r.TheoryErrorLargeN ?? r.ErrorRate }.Select(v => Math.Abs((v - r.Verdict.Predicted) / (r.Verdict.Tolerance!.Width / HopfieldChecks.KOneStep))))
            .DefaultIfEmpty(0).Max();
        var span = Math.Max(HopfieldChecks.KOneStep, zMax) * 1.15;
        deviation.Axes.SetLimits(XLow(alphaMin), XHigh(alphaMax), -span, span);
        deviation.YLabel("(error − exact law)/SE");
        return Figure.WithDeviation(main, deviation);
    }

    private static Figure FixedPoint(CapacityArguments arguments, IReadOnlyList<CapacityRow> rows)
    {
        var s = arguments.Settings;
        var theory = CapacityTheory.Applies(s);
        var main = FigureStyle.Create(Title(arguments), AlphaLabel, "retrieval overlap m = (1/N) Σᵢ ξᵢ sᵢ at the final state");
        var (alphaMin, alphaMax) = AlphaRange(rows);
        var alphaC = CapacityTheory.Critical.AlphaC;
        var ns = arguments.Ns.Distinct().ToArray();
        var oneMinus = rows.Select(r => 1 - r.OverlapMean).Concat(rows.Select(r => 2 * r.ErrorCiLow));
        var floor = Floor(oneMinus);

        var deviation = FigureStyle.Create(string.Empty, AlphaLabel, "1 − m (○ at the floor: m = 1)");
        FigureStyle.UseLogTicks(deviation.Axes.Left);
        if (theory)
        {
            var ags = TheoryCurve.Ags(alphaMin, alphaMax);
            if (ags.Alphas.Count > 0)
            {
                FigureStyle.TheoryLine(main, [.. ags.Alphas], [.. ags.Values], "theory: AGS m(α), N → ∞");
                AddLogLine(deviation, new TheoryCurve(ags.Alphas, [.. ags.Values.Select(m => 1 - m)]), floor, "theory: AGS 1 − m(α)", LinePattern.Solid, FigureStyle.TheoryColor, 2);
            }

            var text = $"α_c ≈ {alphaC.ToString("0.000", CultureInfo.InvariantCulture)}";
            FigureStyle.Marker(main, alphaC, $"AGS critical load {text}", FigureStyle.ReferenceColor);
            FigureStyle.Marker(deviation, alphaC, text, FigureStyle.ReferenceColor);
        }

        for (var i = 0; i < ns.Length; i++)
        {
            var points = rows.Where(r => r.N == ns[i]).OrderBy(r => r.Alpha).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            // overlap = 1 − 2·error bit by bit, so the error-rate interval maps onto the overlap axis reversed.
            var xs = points.Select(r => r.Alpha).ToArray();
            var ys = points.Select(r => r.OverlapMean).ToArray();
            FigureStyle.ConfidenceBars(
                main,
                xs,
                ys,
                [.. points.Select(r => Math.Max(0, 2 * (r.ErrorCiHigh - r.ErrorRate)))],
                [.. points.Select(r => Math.Max(0, 2 * (r.ErrorRate - r.ErrorCiLow)))],
                i);
            FigureStyle.SimulationPoints(main, xs, ys, $"simulation N = {ns[i]} (95 % CI)", i);

            var d = FigureStyle.Log10(points.Select(r => 1 - r.OverlapMean), floor);
            var dLow = FigureStyle.Log10(points.Select(r => 2 * r.ErrorCiLow), floor);
            var dHigh = FigureStyle.Log10(points.Select(r => 2 * r.ErrorCiHigh), floor);
            FigureStyle.ConfidenceBars(deviation, xs, d, [.. d.Zip(dLow, (y, l) => Math.Max(0, y - l))], [.. d.Zip(dHigh, (y, h) => Math.Max(0, h - y))], i);
            var seen = points.Where(r => 1 - r.OverlapMean > floor).ToArray();
            FigureStyle.SimulationPoints(deviation, [.. seen.Select(r => r.Alpha)], FigureStyle.Log10(seen.Select(r => 1 - r.OverlapMean), floor), $"1 − m, N = {ns[i]}", i);
            var exact = points.Where(r => 1 - r.OverlapMean <= floor).ToArray();
            if (exact.Length > 0)
            {
                FigureStyle.SimulationPoints(deviation, [.. exact.Select(r => r.Alpha)], [.. exact.Select(_ => Math.Log10(floor))], $"m = 1, N = {ns[i]} (at the floor)", i, 8, MarkerShape.OpenCircle);
            }
        }

        var yMin = rows.Count == 0 ? 0 : Math.Min(0, rows.Min(r => r.OverlapMean - (2 * (r.ErrorCiHigh - r.ErrorRate))));
        var xHigh = XHigh(Math.Max(alphaMax, theory ? alphaC : alphaMax));
        var xLow = WindowLow(rows, xHigh);
        main.Axes.SetLimits(xLow, xHigh, yMin - 0.03, 1.03);
        deviation.Axes.SetLimits(xLow, xHigh, Math.Log10(floor) - 0.3, 0.3);
        return Figure.WithDeviation(main, deviation);
    }

    private static void AddLogLine(Plot plot, TheoryCurve curve, double floor, string label, LinePattern pattern, Color color, float width)
    {
        var kept = curve.Alphas.Zip(curve.Values).Where(p => p.Second >= floor && double.IsFinite(p.Second)).ToArray();
        if (kept.Length == 0)
        {
            return;
        }

        var line = FigureStyle.TheoryLine(plot, [.. kept.Select(p => p.First)], FigureStyle.Log10(kept.Select(p => p.Second), floor), label, pattern, color);
        line.LineWidth = width;
    }

    /// <summary>The log axis floor: two decades below the smallest positive value (10⁻⁶ when there is none).</summary>
    private static double Floor(IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1e-5).Min();
        return Math.Pow(10, Math.Floor(Math.Log10(positive)) - 2);
    }

    private static (double Min, double Max) AlphaRange(IReadOnlyList<CapacityRow> rows)
    {
        var max = rows.Count == 0 ? CapacityTheory.Critical.AlphaC : rows.Max(r => r.Alpha);
        var min = rows.Count == 0 ? max / 100 : rows.Min(r => r.Alpha);
        return (Math.Min(min, max / 100), max);
    }

    private static double XLow(double alphaMin) => 0;

    /// <summary>
    /// The left end of the fixed-point α axis: 0, unless every swept load lies in the upper half of the axis (a window
    /// around α_c, as in a finite-size-scaling sweep 0.10…0.16), where starting at 0 would squeeze the transition into
    /// the right third; then 10 % of the window below its smallest load.
    /// </summary>
    private static double WindowLow(IReadOnlyList<CapacityRow> rows, double xHigh)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var lowest = rows.Min(r => r.Alpha);
        return lowest > xHigh / 2 ? lowest - (0.1 * (xHigh - lowest)) : 0;
    }

    private static double XHigh(double alphaMax) => alphaMax * 1.05;
}
