using ScottPlot;

namespace Plasticity.Cli.Output;

/// <summary>
/// The convergence figure of <c>plasticity learn</c>, in the toolkit style (<see cref="FigureStyle"/>): measured time
/// courses as thin coloured traces, the theory as black lines (<see cref="LearnCurves"/>).
/// </summary>
/// <remarks>
/// <para>Principal-component rules (oja, hebb, covariance, gha, subspace, …): |cos(w, target)| per output with Oja's
/// averaged ODE or Hebb's averaged map; ‖w‖ with its theory (Oja → 1/√α, GHA/subspace fixed point 1, Hebb's growth on a
/// log axis); and 1 − |cos| on a log axis, where the online noise floor lives.</para>
/// <para>BCM on one-hot patterns: the response y_k = w·x_k = w_k to each pattern with the selective fixed point
/// (1/p_j for the selected pattern j, 0 for the others), and θ with its fixed point ⟨y²⟩ = 1/p_j.</para>
/// <para>Scaling: ⟨y⟩ = w·⟨x⟩ against y_target, and ‖w‖. Other rules: ‖w‖.</para>
/// </remarks>
public static class ConvergencePlot
{
    /// <summary>At most this many outputs are drawn.</summary>
    public const int MaxOutputs = 10;

    /// <summary>At most this many BCM patterns are drawn per output.</summary>
    public const int MaxPatterns = 8;

    /// <summary>Smallest 1 − |cos| drawn on the log axis (rounding level).</summary>
    public const double DeviationFloor = 1e-16;

    /// <summary>Width reserved for the left axis (ticks and label) of every panel, so stacked panels line up.</summary>
    public const float LeftAxisSize = 80;

    /// <summary>The x-axis label of every panel.</summary>
    public const string StepLabel = "step (weight updates)";

    /// <summary>An integer in Unicode subscript digits ("e₁₂").</summary>
    public static string Subscript(int value)
    {
        const string digits = "₀₁₂₃₄₅₆₇₈₉";
        return string.Concat(value.ToString(CultureInfo.InvariantCulture).Select(c => c == '-' ? '₋' : digits[c - '0']));
    }

    /// <summary>A rule's name in words, for titles ("Oja's rule").</summary>
    public static string RuleName(string rule) => rule switch
    {
        "hebb" => "Plain Hebb rule",
        "taylor" => "Taylor-expanded two-factor rule",
        "hebb-decay" => "Hebb rule with constant decay",
        "pre-gated" => "Presynaptically gated Hebb rule",
        "post-gated" => "Postsynaptically gated Hebb rule",
        "covariance" => "Covariance rule",
        "covariance-running" => "Covariance rule with running means",
        "oja" => "Oja's rule",
        "bcm" => "BCM rule",
        "bcm-mean" => "BCM rule with θ tracking ⟨y⟩",
        "scaling" => "Synaptic scaling",
        "instar" => "Instar rule",
        "outstar" => "Outstar rule",
        "gha" => "Sanger's rule (GHA)",
        "subspace" => "Oja's subspace rule",
        "competitive" => "Competitive learning",
        _ => rule,
    };

    /// <summary>
    /// The figure title in words: "Oja's rule, η = 5×10⁻⁴, 5000 samples × 20 inputs, shuffled online, seed 1".
    /// </summary>
    public static string Title(string rule, double eta, int samples, int inputs, int outputs, string order, string mode, ulong seed) =>
        $"{RuleName(rule)}{(outputs > 1 ? $" ({outputs} outputs)" : string.Empty)}, η = {FigureStyle.Number(eta)}, {samples} samples × {inputs} inputs, {order} {mode}, seed {seed}";

    /// <summary>Builds the figure (no file is written: <see cref="FigureFile.Save"/> does that).</summary>
    /// <param name="title">Figure title (<see cref="Title"/>).</param>
    /// <param name="targetLabel">What |cos| is measured against ("e₁ of C").</param>
    /// <param name="trajectory">Recorded states.</param>
    /// <param name="curves">The theory curves at the same records.</param>
    public static Figure Build(string title, string targetLabel, IReadOnlyList<TrajectoryPoint> trajectory, LearnCurves curves)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(curves);
        if (trajectory.Count == 0)
        {
            throw new ArgumentException("the trajectory has no records", nameof(trajectory));
        }

        var steps = trajectory.Select(t => (double)t.Step).ToArray();
        return curves.Kind switch
        {
            CurveKind.Bcm => Bcm(title, steps, trajectory, curves),
            CurveKind.Scaling => Scaling(title, steps, trajectory, curves),
            CurveKind.Norm => Figure.Single(NormPanel(title, steps, trajectory, null, null)),
            _ => Principal(title, targetLabel, steps, trajectory, curves),
        };
    }

    private static string Output(int outputs, int i) => outputs == 1 ? string.Empty : $" (output {i + 1})";

    private static Figure Principal(string title, string targetLabel, double[] steps, IReadOnlyList<TrajectoryPoint> trajectory, LearnCurves curves)
    {
        var outputs = Math.Min(trajectory[0].Norms.Length, MaxOutputs);
        var all = trajectory[0].Norms.Length;
        var cosLabel = $"|cos(w, {targetLabel})|";
        var main = FigureStyle.Create(title, StepLabel, cosLabel);
        var deviation = FigureStyle.Create(string.Empty, StepLabel, "1 − |cos|");
        FigureStyle.UseLogTicks(deviation.Axes.Left);
        for (var i = 0; i < outputs; i++)
        {
            var measured = trajectory.Select(t => Clean(t.Alignment[i])).ToArray();
            FigureStyle.SimulationTrace(main, steps, measured, "measured" + Output(all, i), i);
            FigureStyle.SimulationTrace(deviation, steps, FigureStyle.Log10(measured.Select(c => 1 - c), DeviationFloor), "measured" + Output(all, i), i);
            if (curves.CosTheory is { } theory && i < theory.Length)
            {
                var pattern = i == 0 ? LinePattern.Solid : LinePattern.Dashed;
                FigureStyle.TheoryLine(main, steps, theory[i], curves.CosTheoryLabel + Output(all, i), pattern);
                FigureStyle.TheoryLine(deviation, steps, FigureStyle.Log10(theory[i].Select(c => 1 - c), DeviationFloor), curves.CosTheoryLabel + Output(all, i), pattern);
            }
        }

        main.Axes.SetLimitsY(0, 1.05);
        main.Axes.Left.MinimumSize = LeftAxisSize;
        deviation.Axes.Left.MinimumSize = LeftAxisSize;
        var norm = NormPanel(string.Empty, steps, trajectory, curves.NormTheory, curves.NormTheoryLabel);
        FigureStyle.WithoutLegend(deviation);
        return new Figure([main, norm, deviation], [400, 240, 240], Figure.DefaultWidth);
    }

    private static Plot NormPanel(string title, double[] steps, IReadOnlyList<TrajectoryPoint> trajectory, double[][]? theory, string? theoryLabel)
    {
        var outputs = Math.Min(trajectory[0].Norms.Length, MaxOutputs);
        var all = trajectory[0].Norms.Length;
        var values = trajectory.SelectMany(t => t.Norms.Take(outputs)).Where(v => double.IsFinite(v) && v > 0).ToArray();
        var log = values.Length > 0 && values.Max() > 100 * values.Min();
        var plot = FigureStyle.Create(title, StepLabel, log ? "‖w‖ (log scale)" : "‖w‖");
        if (log)
        {
            FigureStyle.UseLogTicks(plot.Axes.Left);
        }

        double[] Y(IEnumerable<double> ys) => log ? FigureStyle.Log10(ys.Select(Clean), double.Epsilon) : ys.Select(Clean).ToArray();
        var shared = theory is not null && theory.All(c => c.SequenceEqual(theory[0]));
        for (var i = 0; i < outputs; i++)
        {
            FigureStyle.SimulationTrace(plot, steps, Y(trajectory.Select(t => t.Norms[i])), "measured" + Output(all, i), i);
            if (theory is not null && i < theory.Length && !(shared && i > 0))
            {
                FigureStyle.TheoryLine(plot, steps, Y(theory[i]), theoryLabel + (shared ? string.Empty : Output(all, i)), i == 0 ? LinePattern.Solid : LinePattern.Dashed);
            }
        }

        plot.Axes.Left.MinimumSize = LeftAxisSize;
        return plot;
    }

    private static Figure Bcm(string title, double[] steps, IReadOnlyList<TrajectoryPoint> trajectory, LearnCurves curves)
    {
        var p = curves.Probabilities!;
        var selected = curves.Selected!;
        var all = trajectory[0].Norms.Length;
        var outputs = Math.Min(all, 3);
        var patterns = Math.Min(p.Length, MaxPatterns);
        var main = FigureStyle.Create(title, StepLabel, "response y = w·x to each pattern");
        var theta = FigureStyle.Create(string.Empty, StepLabel, "threshold θ");
        for (var i = 0; i < outputs; i++)
        {
            for (var k = 0; k < patterns; k++)
            {
                var ys = trajectory.Select(t => t.Rows is { } rows ? Clean(rows[i][k]) : double.NaN).ToArray();
                var name = $"measured y{Subscript(k + 1)} (p{Subscript(k + 1)} = {p[k].ToString("G3", CultureInfo.InvariantCulture)}){Output(all, i)}";
                FigureStyle.SimulationTrace(main, steps, ys, name, k + (i * patterns));
            }

            var j = selected[i];
            FigureStyle.SimulationTrace(theta, steps, trajectory.Select(t => t.Theta is { } th ? Clean(th[i]) : double.NaN).ToArray(), "measured θ" + Output(all, i), i);
            if (curves.ResponseTheory is { } response)
            {
                var pattern = i == 0 ? LinePattern.Solid : LinePattern.Dashed;
                FigureStyle.TheoryLine(main, steps, steps.Select(_ => response[i][j]).ToArray(), $"fixed point y{Subscript(j + 1)} = 1/p{Subscript(j + 1)} = {response[i][j].ToString("G4", CultureInfo.InvariantCulture)}{Output(all, i)}", pattern);
                if (i == 0)
                {
                    FigureStyle.TheoryLine(main, steps, steps.Select(_ => 0.0).ToArray(), "fixed point y = 0 (other patterns)", LinePattern.Dotted);
                }

                FigureStyle.TheoryLine(theta, steps, steps.Select(_ => curves.ThetaTheory![i]).ToArray(), $"fixed point θ = ⟨y²⟩ = 1/p{Subscript(j + 1)}{Output(all, i)}", pattern);
            }
        }

        main.Axes.Left.MinimumSize = LeftAxisSize;
        theta.Axes.Left.MinimumSize = LeftAxisSize;
        return new Figure([main, theta], [440, 280], Figure.DefaultWidth);
    }

    private static Figure Scaling(string title, double[] steps, IReadOnlyList<TrajectoryPoint> trajectory, LearnCurves curves)
    {
        var x = curves.MeanInput!;
        var all = trajectory[0].Norms.Length;
        var outputs = Math.Min(all, MaxOutputs);
        var main = FigureStyle.Create(title, StepLabel, "mean response ⟨y⟩ = w·⟨x⟩");
        for (var i = 0; i < outputs; i++)
        {
            var ys = trajectory.Select(t => t.Rows is { } rows ? Clean(RuleMeasures.Dot(rows[i], x)) : double.NaN).ToArray();
            FigureStyle.SimulationTrace(main, steps, ys, "measured ⟨y⟩" + Output(all, i), i);
        }

        FigureStyle.TheoryLine(main, steps, steps.Select(_ => curves.Target).ToArray(), $"fixed point ⟨y⟩ = y_target = {FigureStyle.Number(curves.Target)}");
        var norm = NormPanel(string.Empty, steps, trajectory, null, null);
        main.Axes.Left.MinimumSize = LeftAxisSize;
        return new Figure([main, norm], [440, 280], Figure.DefaultWidth);
    }

    private static double Clean(double value) => double.IsFinite(value) ? value : double.NaN;
}
