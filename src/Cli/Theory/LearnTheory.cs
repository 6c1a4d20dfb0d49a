using Plasticity.Analysis;
using Plasticity.Cli.Learning;
using Plasticity.Core.Plasticity.MultiOutput;
using Plasticity.Core.Plasticity.TwoFactor;
using Plasticity.Core.Synapses;

namespace Plasticity.Cli.Theory;

/// <summary>The theory block of a learning run: what the rule should converge to, and the comparisons.</summary>
/// <param name="Target">The predicted end state in words (for example "±e1 of C").</param>
/// <param name="Note">Caveats of the prediction for these settings, or null.</param>
/// <param name="Comparisons">Predictions next to measurements.</param>
public sealed record LearnPrediction(string Target, string? Note, IReadOnlyList<Comparison> Comparisons);

/// <summary>
/// Puts the F# theory (<see cref="HebbianTheory"/>, <see cref="BcmTheory"/>) next to a finished run. Every predicted
/// number comes from those modules; this class only chooses which prediction fits the rule and measures the run.
/// </summary>
public static class LearnTheory
{
    /// <summary>Builds the comparisons for <paramref name="rule"/> after a run.</summary>
    /// <param name="rule">Catalog entry.</param>
    /// <param name="parameters">Rule parameters.</param>
    /// <param name="rows">The data as fed to the rule.</param>
    /// <param name="pairs">Eigenpairs of the rule's reference matrix.</param>
    /// <param name="initial">Initial weights (rows).</param>
    /// <param name="outcome">The run.</param>
    /// <param name="matrixName">"C" or "C⁰", for the descriptions.</param>
    public static LearnPrediction Predict(
        RuleEntry rule,
        RuleParameters parameters,
        double[][] rows,
        Eigenpairs pairs,
        double[][] initial,
        LearnOutcome outcome,
        string matrixName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(outcome);
        var w = outcome.Weights;
        var eta = parameters.Eta;
        var list = new List<Comparison>();
        var outputs = w.Outputs;
        var final = outcome.Trajectory[^1];

        void Alignment(string what)
        {
            for (var i = 0; i < outputs; i++)
            {
                list.Add(new Comparison("abs_cos_target", i + 1, $"|cos(w, {what})| at the end (fixed point: 1)", 1.0, Finite(final.Alignment[i])));
            }
        }

        switch (rule.Name)
        {
            case "oja":
                Alignment($"e1 of {matrixName}");
                var tau = HebbianTheory.ojaTimeConstant(pairs.Values);
                for (var i = 0; i < outputs; i++)
                {
                    list.Add(new Comparison("norm", i + 1, "‖w‖ at the end (ojaFixedPointNorm: 1/√α)", HebbianTheory.ojaFixedPointNorm(parameters.Alpha), Finite(final.Norms[i])));
                    list.Add(new Comparison("time_constant_steps", i + 1, "slowest approach to ±e1, 1/(η(λ1 − λ2)) steps (ojaTimeConstant/η)", Finite(tau / eta), null));
                    list.Add(new Comparison("steps_to_cos_0.99", i + 1, "first step with |cos(w, e1)| ≥ 0.99: averaged ODE from w0 (ojaTimeToCosine/η) vs measured", (initial[i].All(v => v == 0.0) ? null : Finite(HebbianTheory.ojaTimeToCosine(pairs, initial[i], LearnRun.CosineThreshold) / eta)), outcome.FirstCrossing[i]));
                }

                return new LearnPrediction($"±e1 of {matrixName}, ‖w‖ = 1/√α", OnlineNote(), list);

            case "hebb" or "hebb-decay" or "pre-gated" or "post-gated" or "covariance" or "covariance-running":
                Alignment($"e1 of {matrixName}");
                var rate = HebbianTheory.hebbNormGrowthRate(eta, pairs.Values[0]);
                var slopes = GrowthSlopes(outcome.Trajectory, outputs);
                for (var i = 0; i < outputs; i++)
                {
                    list.Add(new Comparison("growth_rate_per_step", i + 1, $"slope of ln‖w‖ per step over the second half of the records vs ln(1 + ηλ1) of {matrixName} (hebbNormGrowthRate)", rate, slopes[i]));
                }

                string? note = rule.Name switch
                {
                    "hebb-decay" => parameters.Decay == 0 ? null : "the constant decay shifts the averaged dynamics to dw/dt = C w − c·1; the plain-Hebb prediction is shown for reference",
                    "pre-gated" or "post-gated" => parameters.Theta == 0 ? null : "with θ ≠ 0 the averaged drift gains a term in ⟨x⟩; the plain-Hebb prediction (θ = 0) is shown for reference",
                    _ => null,
                };
                return new LearnPrediction($"direction ±e1 of {matrixName}, ‖w‖ growing without bound", note, list);

            case "gha" or "subspace":
                Alignment(rule.Name == "gha" ? $"e_i of {matrixName}" : $"span(e1..e{outputs}) of {matrixName}");
                list.Add(new Comparison("max_abs_wwt_minus_identity", null, "max |W Wᵀ − I| at the end (orthonormal rows: 0)", 0.0, Finite(MaxOrthonormalityDefect(w))));
                if (rule.Name == "gha" && outputs <= pairs.Values.Length)
                {
                    var predictions = HebbianTheory.ruleTimeConstants(pairs, eta, outputs);
                    list.Add(new Comparison("time_constant_steps", null, "slowest linearised GHA rate, in steps (ruleTimeConstants.GhaTimeConstantSteps)", Finite(predictions.GhaTimeConstantSteps), null));
                }

                return new LearnPrediction(
                    rule.Name == "gha" ? $"rows ±e1..±e{outputs} of {matrixName} in order (ghaTargets), W Wᵀ = I" : $"rows an orthonormal basis of span(e1..e{outputs}) of {matrixName}",
                    OnlineNote(),
                    list);

            case "bcm" or "bcm-mean":
                return Bcm(rule, rows, outcome, list);

            case "scaling":
                for (var i = 0; i < outputs; i++)
                {
                    list.Add(new Comparison("abs_cos_initial", i + 1, "|cos(w, w0)|: scaling multiplies all of a neuron's weights by the same factor (scalingFactor), so ratios stay fixed", 1.0, Finite(AbsCosineBetween(w.Row(i), initial[i]))));
                    list.Add(new Comparison("mean_response", i + 1, "⟨y⟩ over the data at the end; the averaged drift η w (y_target − ⟨y⟩) vanishes at ⟨y⟩ = y_target", parameters.Target, Finite(MeanResponse(w, i, rows))));
                }

                return new LearnPrediction("weights rescaled until ⟨y⟩ = y_target, ratios unchanged", null, list);

            case "instar":
                for (var i = 0; i < outputs; i++)
                {
                    var y = rows.Select(x => Dot(w.Row(i), x)).ToArray();
                    list.Add(new Comparison("distance_to_fixed_point", i + 1, "‖w − E[y x]/E[y]‖ with y = w·x at the end (instarFixedPoint)", 0.0, Try(() => Distance(w.Row(i), HebbianTheory.instarFixedPoint(rows, y)))));
                }

                return new LearnPrediction("w = E[y x]/E[y] (the y-weighted mean input)", null, list);

            case "outstar":
                var ys = rows.Select(x => Enumerable.Range(0, outputs).Select(i => Dot(w.Row(i), x)).ToArray()).ToArray();
                var worst = Try(() =>
                {
                    var max = 0.0;
                    for (var j = 0; j < w.Inputs; j++)
                    {
                        var column = rows.Select(x => x[j]).ToArray();
                        var fixedPoint = HebbianTheory.outstarFixedPoint(column, ys);
                        for (var i = 0; i < outputs; i++)
                        {
                            max = Math.Max(max, Math.Abs(w.Row(i)[j] - fixedPoint[i]));
                        }
                    }

                    return max;
                });
                list.Add(new Comparison("max_distance_to_fixed_point", null, "max |w_ij − E[x_j y_i]/E[x_j]| with y = W x at the end (outstarFixedPoint)", 0.0, worst));
                return new LearnPrediction("w_ij = E[x_j y_i]/E[x_j]", null, list);

            default:
                // Competitive: each unit's fixed point is the instar fixed point with y = "this unit wins" (the centroid of its samples).
                for (var i = 0; i < outputs; i++)
                {
                    var wins = rows.Select(x => Winner(w, x) == i ? 1.0 : 0.0).ToArray();
                    var distance = wins.Sum() > 0 ? Try(() => Distance(w.Row(i), HebbianTheory.instarFixedPoint(rows, wins))) : null;
                    list.Add(new Comparison("distance_to_centroid", i + 1, "‖w_i − centroid of the samples unit i wins at the end‖ (instarFixedPoint with y = win indicator; null if it wins none)", 0.0, distance));
                }

                return new LearnPrediction("each unit at the centroid of the samples it wins", "online updates keep each unit fluctuating around its centroid (spread growing with η), so the distance is small but not 0", list);
        }
    }

    private static LearnPrediction Bcm(RuleEntry rule, double[][] rows, LearnOutcome outcome, List<Comparison> list)
    {
        var w = outcome.Weights;
        var meanSquare = rule.Name == "bcm";
        var theta = outcome.Learner is BcmRule.Learner learner ? learner.Theta.ToArray() : null;
        for (var i = 0; i < w.Outputs; i++)
        {
            var y = rows.Select(x => Dot(w.Row(i), x)).ToArray();
            var statistic = meanSquare ? y.Average(v => v * v) : y.Average();
            list.Add(new Comparison("theta", i + 1, meanSquare ? "final θ vs ⟨y²⟩ over the data at the end (θ tracks ⟨y²⟩ with lag 1/η_θ samples; single end-of-run values fluctuate)" : "final θ vs ⟨y⟩ over the data at the end (θ tracks ⟨y⟩)", Finite(statistic), theta is null ? null : Finite(theta[i])));
        }

        var p = OneHotProbabilities(rows);
        if (p is null || !meanSquare)
        {
            return new LearnPrediction(
                meanSquare ? "a selective state (for one-hot inputs: y_j = 1/p_j for one pattern j, 0 for the others)" : "no stable selective state (θ tracking ⟨y⟩ is the known failure)",
                p is null ? "the data are not one-hot, so BcmTheory's selective fixed point does not apply; θ is compared with its target statistic" : null,
                list);
        }

        for (var i = 0; i < w.Outputs; i++)
        {
            var row = w.Row(i);
            var j = 0;
            for (var q = 1; q < row.Length; q++)
            {
                if (row[q] > row[j])
                {
                    j = q;
                }
            }

            var predicted = BcmTheory.selectiveFixedPoint(p, j);
            list.Add(new Comparison($"response_pattern_{j + 1}", i + 1, $"response to the pattern it selected, y_j = w_j at the last step (one sample of an online process: fluctuates by O(√η)) vs 1/p_j (selectiveFixedPoint, p_j = {p[j]:G4})", predicted[j], row[j]));
            var others = 0.0;
            for (var q = 0; q < row.Length; q++)
            {
                others = q == j ? others : Math.Max(others, Math.Abs(row[q]));
            }

            list.Add(new Comparison("max_abs_other_responses", i + 1, "largest |y_k| for the other patterns (selective fixed point: 0)", 0.0, others));
        }

        return new LearnPrediction("selective: y_j = 1/p_j for one pattern j, 0 for the others (BcmTheory.selectiveFixedPoint)", "fast-threshold theory; needs η_θ ≫ η", list);
    }

    /// <summary>Presentation frequencies p_j if every sample is a unit vector e_j (one-hot data), else null.</summary>
    public static double[]? OneHotProbabilities(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var d = rows[0].Length;
        var counts = new double[d];
        foreach (var x in rows)
        {
            var hot = -1;
            for (var j = 0; j < d; j++)
            {
                if (x[j] == 1.0 && hot < 0)
                {
                    hot = j;
                }
                else if (x[j] != 0.0)
                {
                    return null;
                }
            }

            if (hot < 0)
            {
                return null;
            }

            counts[hot]++;
        }

        return counts.Any(c => c == 0) ? null : counts.Select(c => c / rows.Length).ToArray();
    }

    /// <summary>Least-squares slope of ln‖w_i‖ against the step over the second half of the finite records.</summary>
    public static double?[] GrowthSlopes(IReadOnlyList<TrajectoryPoint> trajectory, int outputs)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var slopes = new double?[outputs];
        for (var i = 0; i < outputs; i++)
        {
            var points = trajectory.Where(t => double.IsFinite(t.Norms[i]) && t.Norms[i] > 0).ToArray();
            points = points[(points.Length / 2)..];
            if (points.Length < 2)
            {
                continue;
            }

            var mx = points.Average(t => (double)t.Step);
            var my = points.Average(t => Math.Log(t.Norms[i]));
            double sxy = 0, sxx = 0;
            foreach (var t in points)
            {
                sxy += (t.Step - mx) * (Math.Log(t.Norms[i]) - my);
                sxx += (t.Step - mx) * (t.Step - mx);
            }

            slopes[i] = sxx > 0 ? sxy / sxx : null;
        }

        return slopes;
    }

    /// <summary>max_{ij} |(W Wᵀ − I)_ij|.</summary>
    public static double MaxOrthonormalityDefect(DenseWeightMatrix w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var max = 0.0;
        for (var i = 0; i < w.Outputs; i++)
        {
            for (var j = 0; j < w.Outputs; j++)
            {
                var v = Dot(w.Row(i), w.Row(j)) - (i == j ? 1.0 : 0.0);
                max = double.IsNaN(v) ? double.NaN : Math.Max(max, Math.Abs(v));
            }
        }

        return max;
    }

    private static string OnlineNote() =>
        "online noise keeps |cos| below 1 by about η Σ_{j≥2} λ1λj/(4(λ1 − λj)) on average, and delays the first crossing of 0.99 relative to the averaged ODE";

    private static int Winner(DenseWeightMatrix w, double[] x)
    {
        var y = new double[w.Outputs];
        for (var i = 0; i < w.Outputs; i++)
        {
            y[i] = Dot(w.Row(i), x);
        }

        return CompetitiveRule.Winner(y);
    }

    /// <summary>
    /// |cos(a, b)| for any non-zero b (LearnRun.AbsCosine assumes a unit second argument; w0 is not one, and passing
    /// it unnormalised reported ‖w0‖ instead of the cosine). NaN when b is zero.
    /// </summary>
    private static double AbsCosineBetween(ReadOnlySpan<double> a, double[] b)
    {
        var norm = Math.Sqrt(b.Sum(v => v * v));
        return norm > 0 && double.IsFinite(norm) ? LearnRun.AbsCosine(a, b.Select(v => v / norm).ToArray()) : double.NaN;
    }

    private static double MeanResponse(DenseWeightMatrix w, int i, double[][] rows) =>
        rows.Average(x => Dot(w.Row(i), x));

    private static double Dot(ReadOnlySpan<double> a, double[] b)
    {
        var s = 0.0;
        for (var j = 0; j < b.Length; j++)
        {
            s += a[j] * b[j];
        }

        return s;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var j = 0; j < b.Length; j++)
        {
            s += a[j] * b[j];
        }

        return s;
    }

    private static double Distance(ReadOnlySpan<double> a, double[] b)
    {
        var s = 0.0;
        for (var j = 0; j < b.Length; j++)
        {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }

        return Math.Sqrt(s);
    }

    private static double? Try(Func<double> compute)
    {
        try
        {
            return Finite(compute());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static double? Finite(double? value) => value is double v && double.IsFinite(v) ? v : null;
}
