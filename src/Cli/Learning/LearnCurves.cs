namespace Plasticity.Cli.Learning;

/// <summary>What the convergence figure of a rule shows.</summary>
public enum CurveKind
{
    /// <summary>Principal-component rules: |cos(w, target)|, ‖w‖ and 1 − |cos|.</summary>
    Principal,

    /// <summary>BCM on one-hot patterns: the response y_k = w·x_k to each pattern and the threshold θ.</summary>
    Bcm,

    /// <summary>Synaptic scaling: the mean response ⟨y⟩ = w·⟨x⟩ against y_target.</summary>
    Scaling,

    /// <summary>A rule whose theory predicts no time course here: ‖w‖ only.</summary>
    Norm,
}

/// <summary>
/// The theory time courses of a learn run at its recorded steps, so the figure and trajectory.csv show the same lines:
/// Oja's averaged ODE (|cos| from <see cref="HebbianTheory.ojaCosineTrajectory"/>, ‖w‖ from
/// <see cref="HebbianTheory.ojaTrajectory"/>), plain Hebb's averaged map w_t = (I + ηC)ᵗ w₀ (evaluated in logarithms,
/// so it never overflows: ln‖w_t‖ → ln|w₀·e₁| + t ln(1 + ηλ₁)), the GHA/subspace fixed point ‖w‖ = 1, and BCM's
/// selective fixed point y_j = 1/p_j, θ = ⟨y²⟩ = 1/p_j (<see cref="BcmTheory.selectiveFixedPoint"/>).
/// </summary>
/// <param name="Kind">Which figure.</param>
/// <param name="CosTheory">Per output, the theory |cos(w, e₁)| at each record, or null.</param>
/// <param name="NormTheory">Per output, the theory ‖w‖ at each record, or null.</param>
/// <param name="CosTheoryLabel">Legend text of the |cos| theory.</param>
/// <param name="NormTheoryLabel">Legend text of the ‖w‖ theory.</param>
/// <param name="Probabilities">BCM: the one-hot pattern probabilities p_k (pattern k = input k), or null.</param>
/// <param name="Selected">BCM: per output, the pattern j it selects (largest response at the end), or null.</param>
/// <param name="ResponseTheory">BCM (rule bcm only): per output, the predicted response to each pattern, or null.</param>
/// <param name="ThetaTheory">BCM (rule bcm only): per output, the predicted θ = ⟨y²⟩ at the selective point, or null.</param>
/// <param name="MeanInput">Scaling: ⟨x⟩ of the data as fed to the rule (⟨y⟩ = w·⟨x⟩), or null.</param>
/// <param name="Target">Scaling: y_target.</param>
public sealed record LearnCurves(
    CurveKind Kind,
    double[][]? CosTheory,
    double[][]? NormTheory,
    string? CosTheoryLabel,
    string? NormTheoryLabel,
    double[]? Probabilities,
    int[]? Selected,
    double[][]? ResponseTheory,
    double[]? ThetaTheory,
    double[]? MeanInput,
    double Target)
{
    /// <summary>Whether a run of <paramref name="rule"/> must keep the weight rows in its trajectory.</summary>
    public static bool NeedsRows(string rule) => rule is "bcm" or "bcm-mean" or "scaling";

    /// <summary>The theory curves of a finished run.</summary>
    /// <param name="rule">Catalog name of the rule.</param>
    /// <param name="parameters">Rule parameters.</param>
    /// <param name="rows">The data as fed to the rule.</param>
    /// <param name="pairs">Eigenpairs of the rule's reference matrix (all d for the Hebb map).</param>
    /// <param name="initial">Initial weights (rows).</param>
    /// <param name="trajectory">The recorded states.</param>
    public static LearnCurves Of(string rule, RuleParameters parameters, double[][] rows, Eigenpairs pairs, double[][] initial, IReadOnlyList<TrajectoryPoint> trajectory)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(trajectory);
        // Each weight update (one sample, one batch mean or one full-data mean) moves the averaged ODE by t = η.
        var eta = parameters.Eta;
        var empty = new LearnCurves(CurveKind.Norm, null, null, null, null, null, null, null, null, null, 0);
        switch (rule)
        {
            case "oja":
                if (initial.Any(w => w.All(v => v == 0)))
                {
                    return empty with { Kind = CurveKind.Principal };
                }

                var limit = HebbianTheory.ojaFixedPointNorm(parameters.Alpha);
                return empty with
                {
                    Kind = CurveKind.Principal,
                    CosTheory = initial.Select(w0 => trajectory.Select(t => HebbianTheory.ojaCosineTrajectory(pairs, w0, eta * t.Step)).ToArray()).ToArray(),
                    NormTheory = initial.Select(w0 => trajectory.Select(t => OjaNorm(pairs, parameters.Alpha, w0, eta * t.Step, limit)).ToArray()).ToArray(),
                    CosTheoryLabel = "averaged ODE (ojaCosineTrajectory)",
                    NormTheoryLabel = "averaged ODE, → 1/√α",
                };
            case "hebb" or "covariance":
            case "pre-gated" or "post-gated" when parameters.Theta == 0:
            case "hebb-decay" when parameters.Decay == 0:
                if (pairs.Vectors.Length != rows[0].Length || initial.Any(w => w.All(v => v == 0)))
                {
                    return empty with { Kind = CurveKind.Principal };
                }

                var maps = initial.Select(w0 => trajectory.Select(t => HebbMap(pairs, w0, eta, t.Step)).ToArray()).ToArray();
                return empty with
                {
                    Kind = CurveKind.Principal,
                    CosTheory = maps.Select(m => m.Select(v => v.Cosine).ToArray()).ToArray(),
                    NormTheory = maps.Select(m => m.Select(v => Math.Exp(v.LogNorm)).ToArray()).ToArray(),
                    CosTheoryLabel = "averaged map (I + ηC)ᵗ w₀",
                    NormTheoryLabel = "averaged map ∝ (1 + ηλ₁)ᵗ",
                };
            case "gha" or "subspace":
                return empty with
                {
                    Kind = CurveKind.Principal,
                    NormTheory = initial.Select(_ => trajectory.Select(_ => 1.0).ToArray()).ToArray(),
                    NormTheoryLabel = "fixed point 1",
                };
            case "bcm" or "bcm-mean":
                var p = RuleMeasures.OneHotProbabilities(rows);
                var last = trajectory[^1].Rows;
                if (p is null || last is null)
                {
                    return empty;
                }

                var selected = last.Select(Argmax).ToArray();
                if (rule == "bcm-mean")
                {
                    return empty with { Kind = CurveKind.Bcm, Probabilities = p, Selected = selected };
                }

                var responses = selected.Select(j => BcmTheory.selectiveFixedPoint(p, j)).ToArray();
                return empty with
                {
                    Kind = CurveKind.Bcm,
                    Probabilities = p,
                    Selected = selected,
                    ResponseTheory = responses,
                    ThetaTheory = responses.Select(y => BcmTheory.threshold(p, y)).ToArray(),
                };
            case "scaling":
                var mean = new double[rows[0].Length];
                foreach (var x in rows)
                {
                    for (var q = 0; q < mean.Length; q++)
                    {
                        mean[q] += x[q] / rows.Length;
                    }
                }

                return empty with { Kind = CurveKind.Scaling, MeanInput = mean, Target = parameters.Target };
            case "instar" or "outstar" or "competitive" or "taylor":
                return empty;
            default:
                return empty with { Kind = CurveKind.Principal };
        }
    }

    /// <summary>‖w(t)‖ along Oja's averaged ODE; where e^{λt} overflows the solution sits at its limit 1/√α.</summary>
    public static double OjaNorm(Eigenpairs pairs, double alpha, double[] w0, double t, double limit)
    {
        double[] w;
        try
        {
            w = HebbianTheory.ojaTrajectory(pairs, alpha, w0, t);
        }
        catch (ArgumentOutOfRangeException)
        {
            return double.NaN;
        }

        var norm = SafeNorm.Of(w);
        return double.IsFinite(norm) ? norm : limit;
    }

    /// <summary>
    /// The averaged plain-Hebb map after <paramref name="steps"/> steps, w = Σ_k (w₀·e_k)(1 + ηλ_k)^steps e_k, as
    /// ln‖w‖ and |cos(w, e₁)| computed from logarithms (no overflow): with ℓ_k = ln|w₀·e_k| + steps·ln(1 + ηλ_k) and
    /// m = max ℓ_k, ln‖w‖ = m + ½ ln Σ_k e^{2(ℓ_k − m)} and |cos| = e^{ℓ₁ − ln‖w‖}.
    /// </summary>
    public static (double LogNorm, double Cosine) HebbMap(Eigenpairs pairs, double[] w0, double eta, long steps)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(w0);
        var d = pairs.Values.Length;
        var logs = new double[d];
        var m = double.NegativeInfinity;
        for (var k = 0; k < d; k++)
        {
            var a = Math.Abs(RuleMeasures.Dot(w0, pairs.Vectors[k]));
            var r = 1.0 + (eta * pairs.Values[k]);
            logs[k] = a == 0 || r <= 0 ? double.NegativeInfinity : Math.Log(a) + (steps * Math.Log(r));
            m = Math.Max(m, logs[k]);
        }

        var sum = 0.0;
        foreach (var l in logs)
        {
            sum += double.IsNegativeInfinity(l) ? 0 : Math.Exp(2 * (l - m));
        }

        var logNorm = m + (0.5 * Math.Log(sum));
        return (logNorm, double.IsNegativeInfinity(logs[0]) ? 0 : Math.Exp(logs[0] - logNorm));
    }

    private static int Argmax(double[] row)
    {
        var j = 0;
        for (var q = 1; q < row.Length; q++)
        {
            if (row[q] > row[j])
            {
                j = q;
            }
        }

        return j;
    }
}
