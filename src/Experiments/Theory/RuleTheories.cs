using static Plasticity.Experiments.Theory.RuleMeasures;

namespace Plasticity.Experiments.Theory;

/// <summary>
/// The registered theories of the rate rules: which prediction applies to a rule is data (an entry naming its rules),
/// next to the verify checks that hold the same theory against simulation (<see cref="RuleTheory.CheckFamily"/>;
/// src/Experiments/Checks/Catalog). Every predicted number comes from <see cref="HebbianTheory"/> and
/// <see cref="BcmTheory"/>.
/// </summary>
public static class RuleTheories
{
    /// <summary>The cosine the learn command's first-crossing time refers to.</summary>
    public const double CosineThreshold = 0.99;

    /// <summary>Every registered theory.</summary>
    public static IReadOnlyList<RuleTheory> All { get; } =
    [
        new(["oja"], Oja, "rate"),
        new(["hebb", "hebb-decay", "pre-gated", "post-gated", "covariance", "covariance-running"], Hebbian, "rate"),
        new(["gha", "subspace"], Gha, "gha"),
        new(["bcm", "bcm-mean"], Bcm, "bcm"),
        new(["scaling"], Scaling, "scaling"),
        new(["instar"], Instar, "competitive"),
        new(["outstar"], Outstar, "competitive"),
        new(["competitive"], Competitive, "competitive"),
    ];

    /// <summary>
    /// The theory used for a rule without an entry of its own (today only "taylor"): the competitive centroid
    /// comparison, as the learn command has always reported it.
    /// </summary>
    public static RuleTheory Fallback => All[^1];

    /// <summary>The theory registered for <paramref name="rule"/>, or <see cref="Fallback"/>.</summary>
    public static RuleTheory For(string rule) =>
        All.FirstOrDefault(t => t.Rules.Contains(rule, StringComparer.Ordinal)) ?? Fallback;

    /// <summary>The prediction for a finished run.</summary>
    public static RulePrediction Predict(RuleRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return For(run.RuleName).Predict(run);
    }

    private static void Alignment(RuleRun run, List<RuleComparison> list, string what)
    {
        for (var i = 0; i < run.Outputs; i++)
        {
            list.Add(new RuleComparison("abs_cos_target", i + 1, $"|cos(w, {what})| at the end (fixed point: 1)", 1.0, Finite(run.FinalAlignment[i])));
        }
    }

    private static string OnlineNote() =>
        "online noise keeps |cos| below 1 by about η Σ_{j≥2} λ1λj/(4(λ1 − λj)) on average, and delays the first crossing of 0.99 relative to the averaged ODE";

    private static RulePrediction Oja(RuleRun run)
    {
        var list = new List<RuleComparison>();
        Alignment(run, list, $"e1 of {run.MatrixName}");
        var tau = HebbianTheory.ojaTimeConstant(run.Pairs.Values);
        var final = run.RecordNorms[^1];
        for (var i = 0; i < run.Outputs; i++)
        {
            list.Add(new RuleComparison("norm", i + 1, "‖w‖ at the end (ojaFixedPointNorm: 1/√α)", HebbianTheory.ojaFixedPointNorm(run.Alpha), Finite(final[i])));
            list.Add(new RuleComparison("time_constant_steps", i + 1, "slowest approach to ±e1, 1/(η(λ1 − λ2)) steps (ojaTimeConstant/η)", Finite(tau / run.Eta), null));
            list.Add(new RuleComparison("steps_to_cos_0.99", i + 1, "first step with |cos(w, e1)| ≥ 0.99: averaged ODE from w0 (ojaTimeToCosine/η) vs measured", run.Initial[i].All(v => v == 0.0) ? null : Finite(HebbianTheory.ojaTimeToCosine(run.Pairs, run.Initial[i], CosineThreshold) / run.Eta), run.FirstCrossing[i]));
        }

        return new RulePrediction($"±e1 of {run.MatrixName}, ‖w‖ = 1/√α", OnlineNote(), list);
    }

    private static RulePrediction Hebbian(RuleRun run)
    {
        var list = new List<RuleComparison>();
        Alignment(run, list, $"e1 of {run.MatrixName}");
        var rate = HebbianTheory.hebbNormGrowthRate(run.Eta, run.Pairs.Values[0]);
        var slopes = GrowthSlopes(run.RecordSteps, run.RecordNorms, run.Outputs);
        for (var i = 0; i < run.Outputs; i++)
        {
            list.Add(new RuleComparison("growth_rate_per_step", i + 1, $"slope of ln‖w‖ per step over the second half of the records vs ln(1 + ηλ1) of {run.MatrixName} (hebbNormGrowthRate)", rate, slopes[i]));
        }

        var note = run.RuleName switch
        {
            "hebb-decay" => run.Decay == 0 ? null : "the constant decay shifts the averaged dynamics to dw/dt = C w − c·1; the plain-Hebb prediction is shown for reference",
            "pre-gated" or "post-gated" => run.Theta == 0 ? null : "with θ ≠ 0 the averaged drift gains a term in ⟨x⟩; the plain-Hebb prediction (θ = 0) is shown for reference",
            _ => null,
        };
        return new RulePrediction($"direction ±e1 of {run.MatrixName}, ‖w‖ growing without bound", note, list);
    }

    private static RulePrediction Gha(RuleRun run)
    {
        var list = new List<RuleComparison>();
        var gha = run.RuleName == "gha";
        Alignment(run, list, gha ? $"e_i of {run.MatrixName}" : $"span(e1..e{run.Outputs}) of {run.MatrixName}");
        list.Add(new RuleComparison("max_abs_wwt_minus_identity", null, "max |W Wᵀ − I| at the end (orthonormal rows: 0)", 0.0, Finite(MaxOrthonormalityDefect(run.Final))));
        if (gha && run.Outputs <= run.Pairs.Values.Length)
        {
            var predictions = HebbianTheory.ruleTimeConstants(run.Pairs, run.Eta, run.Outputs);
            list.Add(new RuleComparison("time_constant_steps", null, "slowest linearised GHA rate, in steps (ruleTimeConstants.GhaTimeConstantSteps)", Finite(predictions.GhaTimeConstantSteps), null));
        }

        return new RulePrediction(
            gha ? $"rows ±e1..±e{run.Outputs} of {run.MatrixName} in order (ghaTargets), W Wᵀ = I" : $"rows an orthonormal basis of span(e1..e{run.Outputs}) of {run.MatrixName}",
            OnlineNote(),
            list);
    }

    private static RulePrediction Bcm(RuleRun run)
    {
        var list = new List<RuleComparison>();
        var meanSquare = run.RuleName == "bcm";
        var theta = run.BcmThresholds;
        for (var i = 0; i < run.Outputs; i++)
        {
            var y = run.Rows.Select(x => Dot(run.Final[i], x)).ToArray();
            var statistic = meanSquare ? y.Average(v => v * v) : y.Average();
            list.Add(new RuleComparison("theta", i + 1, meanSquare ? "final θ vs ⟨y²⟩ over the data at the end (θ tracks ⟨y²⟩ with lag 1/η_θ samples; single end-of-run values fluctuate)" : "final θ vs ⟨y⟩ over the data at the end (θ tracks ⟨y⟩)", Finite(statistic), theta is null ? null : Finite(theta[i])));
        }

        var p = OneHotProbabilities(run.Rows);
        if (p is null || !meanSquare)
        {
            return new RulePrediction(
                meanSquare ? "a selective state (for one-hot inputs: y_j = 1/p_j for one pattern j, 0 for the others)" : "no stable selective state (θ tracking ⟨y⟩ is the known failure)",
                p is null ? "the data are not one-hot, so BcmTheory's selective fixed point does not apply; θ is compared with its target statistic" : null,
                list);
        }

        for (var i = 0; i < run.Outputs; i++)
        {
            var row = run.Final[i];
            var j = 0;
            for (var q = 1; q < row.Length; q++)
            {
                if (row[q] > row[j])
                {
                    j = q;
                }
            }

            var predicted = BcmTheory.selectiveFixedPoint(p, j);
            list.Add(new RuleComparison($"response_pattern_{j + 1}", i + 1, $"response to the pattern it selected, y_j = w_j at the last step (one sample of an online process: fluctuates by O(√η)) vs 1/p_j (selectiveFixedPoint, p_j = {p[j].ToString("G4", CultureInfo.CurrentCulture)})", predicted[j], row[j]));
            var others = 0.0;
            for (var q = 0; q < row.Length; q++)
            {
                others = q == j ? others : Math.Max(others, Math.Abs(row[q]));
            }

            list.Add(new RuleComparison("max_abs_other_responses", i + 1, "largest |y_k| for the other patterns (selective fixed point: 0)", 0.0, others));
        }

        return new RulePrediction("selective: y_j = 1/p_j for one pattern j, 0 for the others (BcmTheory.selectiveFixedPoint)", "fast-threshold theory; needs η_θ ≫ η", list);
    }

    private static RulePrediction Scaling(RuleRun run)
    {
        var list = new List<RuleComparison>();
        for (var i = 0; i < run.Outputs; i++)
        {
            list.Add(new RuleComparison("abs_cos_initial", i + 1, "|cos(w, w0)|: scaling multiplies all of a neuron's weights by the same factor (scalingFactor), so ratios stay fixed", 1.0, Finite(AbsCosineBetween(run.Final[i], run.Initial[i]))));
            list.Add(new RuleComparison("mean_response", i + 1, "⟨y⟩ over the data at the end; the averaged drift η w (y_target − ⟨y⟩) vanishes at ⟨y⟩ = y_target", run.Target, Finite(run.Rows.Average(x => Dot(run.Final[i], x)))));
        }

        return new RulePrediction("weights rescaled until ⟨y⟩ = y_target, ratios unchanged", null, list);
    }

    private static RulePrediction Instar(RuleRun run)
    {
        var list = new List<RuleComparison>();
        for (var i = 0; i < run.Outputs; i++)
        {
            var row = run.Final[i];
            var y = run.Rows.Select(x => Dot(row, x)).ToArray();
            list.Add(new RuleComparison("distance_to_fixed_point", i + 1, "‖w − E[y x]/E[y]‖ with y = w·x at the end (instarFixedPoint)", 0.0, Try(() => Distance(row, HebbianTheory.instarFixedPoint(run.Rows, y)))));
        }

        return new RulePrediction("w = E[y x]/E[y] (the y-weighted mean input)", null, list);
    }

    private static RulePrediction Outstar(RuleRun run)
    {
        var ys = run.Rows.Select(x => Enumerable.Range(0, run.Outputs).Select(i => Dot(run.Final[i], x)).ToArray()).ToArray();
        var worst = Try(() =>
        {
            var max = 0.0;
            for (var j = 0; j < run.Inputs; j++)
            {
                var column = run.Rows.Select(x => x[j]).ToArray();
                var fixedPoint = HebbianTheory.outstarFixedPoint(column, ys);
                for (var i = 0; i < run.Outputs; i++)
                {
                    max = Math.Max(max, Math.Abs(run.Final[i][j] - fixedPoint[i]));
                }
            }

            return max;
        });
        return new RulePrediction("w_ij = E[x_j y_i]/E[x_j]", null, [new RuleComparison("max_distance_to_fixed_point", null, "max |w_ij − E[x_j y_i]/E[x_j]| with y = W x at the end (outstarFixedPoint)", 0.0, worst)]);
    }

    private static RulePrediction Competitive(RuleRun run)
    {
        // Each unit's fixed point is the instar fixed point with y = "this unit wins" (the centroid of its samples).
        var list = new List<RuleComparison>();
        for (var i = 0; i < run.Outputs; i++)
        {
            var wins = run.Rows.Select(x => Winner(run.Final, x) == i ? 1.0 : 0.0).ToArray();
            var distance = wins.Sum() > 0 ? Try(() => Distance(run.Final[i], HebbianTheory.instarFixedPoint(run.Rows, wins))) : null;
            list.Add(new RuleComparison("distance_to_centroid", i + 1, "‖w_i − centroid of the samples unit i wins at the end‖ (instarFixedPoint with y = win indicator; null if it wins none)", 0.0, distance));
        }

        return new RulePrediction("each unit at the centroid of the samples it wins", "online updates keep each unit fluctuating around its centroid (spread growing with η), so the distance is small but not 0", list);
    }
}
