using static System.FormattableString;
using static Plasticity.Experiments.Theory.VectorMath;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// Rate-rule checks (tests/Properties/RateRuleProperties.fs; docs/hebbian-rules.md, docs/oja-pca.md): averaged Oja
/// reaches ±e₁ of C with ‖w‖ = 1/√α, plain Hebb grows as ln(1 + ηλ₁) per step, and the covariance rule finds the
/// principal component. Every tolerance is a rigorous contraction bound plus rounding (false-alarm rate 0); the
/// oracles use the sample's own C (HebbianTheory.eigen of HebbianTheory.correlation / covariance).
/// </summary>
public static class RateChecks
{
    /// <summary>False-alarm rate of <see cref="OjaOnlineDeviationBound"/>.</summary>
    public const double OjaOnlineFalseAlarm = 1e-6;

    /// <summary>
    /// Upper bound on 1 − |cos(w, e₁)| of online Oja in its stationary state (docs/stability.md, the StabilityTests
    /// derivation): the transverse components are Ornstein–Uhlenbeck with variance s_k = ηλ₁λ_k/(2(λ₁ − λ_k)) ≤ s₂, so
    /// 1 − |cos| ≈ ½ Σ_{k≥2} z_k² ≤ ½ s₂ χ²_{d−1} and, at false-alarm rate <paramref name="falseAlarm"/>,
    /// 1 − |cos| ≤ ½ s₂ χ²_{d−1}(1 − falseAlarm). Valid for i.i.d. sample order after the transient (t ≫ 1/(η(λ₁ − λ₂)));
    /// conservative for a shuffled order (sampling without replacement cancels part of the noise).
    /// </summary>
    /// <param name="eta">Learning rate η.</param>
    /// <param name="lambda1">λ₁ of the rule's matrix.</param>
    /// <param name="lambda2">λ₂ (&lt; λ₁).</param>
    /// <param name="d">Input dimension (≥ 2).</param>
    /// <param name="falseAlarm">Tail probability of the bound.</param>
    public static double OjaOnlineDeviationBound(double eta, double lambda1, double lambda2, int d, double falseAlarm = OjaOnlineFalseAlarm)
    {
        if (!(lambda1 > lambda2) || d < 2)
        {
            return double.NaN;
        }

        var s2 = eta * lambda1 * lambda2 / (2 * (lambda1 - lambda2));
        return 0.5 * s2 * MathNet.Numerics.Distributions.ChiSquared.InvCDF(d - 1, 1 - falseAlarm);
    }

    /// <summary>Samples per data set (RateRuleProperties.samples).</summary>
    public const int Samples = 400;

    private const int Dimension = 5;
    private const double Gap = 0.3;
    private const double EtaScale = 0.05;
    private const double Alpha = 2.0;

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return OjaDirection();
        yield return OjaNorm();
        yield return HebbGrowth();
        yield return CovariancePrincipalComponent();
    }

    private sealed record OjaCase(double[] W0, double Eta, double R, int Steps, double TanBound, double Roundoff, double[] E1, Core.Data.Dataset Data);

    private static OjaCase PrepareOja(ulong seed)
    {
        var data = RateAdapter.Spectral(Dimension, Gap, Samples, seed).Data;
        var pairs = HebbianTheory.eigen(HebbianTheory.correlation(RateAdapter.Rows(data)));
        var (eta, r, w0) = StepOf(pairs.Values, seed);
        var steps = (int)Math.Ceiling(30.0 / -Math.Log(r));
        var tan = InitialTan(pairs.Vectors[0], w0) * Math.Pow(r, steps);
        var roundoff = 16.0 * Dimension * CheckStatistics.UnitRoundoff / -Math.Log(r);
        return new OjaCase(w0, eta, r, steps, tan, roundoff, pairs.Vectors[0], data);
    }

    /// <summary>
    /// The averaged map's step η = EtaScale/λ1 and contraction r = (1 + ηλ2)/(1 + ηλ1): each ratio a_j/a_1 shrinks by
    /// at least r per step, so tan θ_T ≤ tan θ_0 r^T; the initial weights w0 are drawn from seed + 1.
    /// </summary>
    private static (double Eta, double R, double[] W0) StepOf(double[] l, ulong seed)
    {
        var eta = EtaScale / l[0];
        var w0 = RateAdapter.InitialWeights(Dimension, seed + 1);
        var r = (1 + (eta * l[1])) / (1 + (eta * l[0]));
        return (eta, r, w0);
    }

    /// <summary>The spectral data set shifted by 1.5·e_d (its own smallest eigenvector), so E[x xᵀ] and the covariance differ.</summary>
    private static Core.Data.Dataset MeanShifted(ulong seed)
    {
        var truth = RateAdapter.Spectral(Dimension, Gap, Samples, seed);
        var mean = truth.Eigenvectors[Dimension - 1].Select(v => 1.5 * v).ToArray();
        return RateAdapter.Spectral(Dimension, Gap, Samples, seed, mean).Data;
    }

    private static string OjaModel => Invariant($"averaged Oja (α = {Alpha}), d = {Dimension}, eigengap {Gap}, η = {EtaScale}/λ1, {Samples} Gaussian samples, T = ⌈30/−ln r⌉ steps");

    private static CheckDefinition OjaDirection() => new(
        Invariant($"oja.averaged.direction.d{Dimension}"),
        "rate",
        OjaModel,
        "1 − |cos(w_T, e1)|",
        OracleKind.ClosedForm,
        "Oja 1982; docs/oja-pca.md; e1 from HebbianTheory.eigen of the sample C",
        CheckLevel.Quick,
        ComparisonSense.AtMost,
        seed =>
        {
            var c = PrepareOja(seed);
            return new CheckCase(
                () => 0.0,
                () => new Measurement(1 - AbsCos(RateAdapter.AveragedOja(c.Data, c.W0, c.Eta, Alpha, c.Steps), c.E1), Details: Invariant($"T = {c.Steps}, r = {c.R:G6}")),
                (_, _) => new Tolerance(ToleranceKind.RoundingBound, (0.5 * c.TanBound * c.TanBound) + c.Roundoff, Invariant($"½ tan²θ0 r^(2T) = {0.5 * c.TanBound * c.TanBound:G3} + 16du/(−ln r) = {c.Roundoff:G3}"), 0.0));
        })
    {
        OracleText = "fixed point ±e1 (misalignment 0)",
        // 1 − |cos| ≥ 0 always meets "≤ 0 + w"; the wrong prediction is a bound below the measurement.
    };

    private static CheckDefinition OjaNorm() => new(
        Invariant($"oja.averaged.norm.d{Dimension}.alpha{Alpha:0.#}"),
        "rate",
        OjaModel,
        "‖w_T‖",
        OracleKind.ClosedForm,
        "Oja 1982; HebbianTheory.ojaFixedPointNorm = 1/√α",
        CheckLevel.Quick,
        ComparisonSense.Within,
        seed =>
        {
            var c = PrepareOja(seed);
            return new CheckCase(
                () => HebbianTheory.ojaFixedPointNorm(Alpha),
                () => new Measurement(Norm(RateAdapter.AveragedOja(c.Data, c.W0, c.Eta, Alpha, c.Steps)), Details: Invariant($"T = {c.Steps}")),
                (p, _) => new Tolerance(ToleranceKind.RoundingBound, p * ((c.TanBound * c.TanBound) + (1e3 * c.Roundoff)), "‖w*‖·(tan²θ_T + 1e3·roundoff): the residual tangential mass shifts the norm by ≤ tan²θ_T relative", 0.0));
        })
    {
        OracleText = "1/√α",
    };

    private static CheckDefinition HebbGrowth() => new(
        Invariant($"hebb.growth-rate.d{Dimension}"),
        "rate",
        Invariant($"averaged plain Hebb, d = {Dimension}, non-zero mean along e_d (×1.5), η = {EtaScale}/λ1, 300 steps"),
        "slope of ln‖w‖ per step between T/2 and T",
        OracleKind.ClosedForm,
        "docs/hebbian-rules.md; HebbianTheory.hebbNormGrowthRate = ln(1 + ηλ1) of C = E[x xᵀ]",
        CheckLevel.Quick,
        ComparisonSense.Within,
        seed =>
        {
            var data = MeanShifted(seed);
            var pairs = HebbianTheory.eigen(HebbianTheory.correlation(RateAdapter.Rows(data)));
            var l = pairs.Values;
            var (eta, r, w0) = StepOf(l, seed);
            const int steps = 300;
            const int half = steps / 2;
            var c1 = Dot(w0, pairs.Vectors[0]);
            var rHalf = ((Dot(w0, w0) / (c1 * c1)) - 1) * Math.Pow(r, 2.0 * half);
            return new CheckCase(
                () => HebbianTheory.hebbNormGrowthRate(eta, l[0]),
                () =>
                {
                    var trajectory = RateAdapter.AveragedHebbTrajectory(data, w0, eta, steps);
                    var slope = (Math.Log(Norm(trajectory[steps])) - Math.Log(Norm(trajectory[half]))) / (steps - half);
                    return new Measurement(slope, Details: Invariant($"η = {eta:G4}, λ1 = {l[0]:G4}"));
                },
                (_, _) => new Tolerance(ToleranceKind.RoundingBound, (0.5 * rHalf / (steps - half)) + 1e-13, "½R_{T/2}/(T/2) + 1e-13: ln‖w_t‖ = t ln(1+ηλ1) + ln|c1| + ½ln(1 + R_t), R_t ≤ (‖w0‖²/c1² − 1) r^{2t}", 0.0));
        })
    {
        OracleText = "ln(1 + ηλ1)",
    };

    private static CheckDefinition CovariancePrincipalComponent() => new(
        Invariant($"covariance.principal-component.d{Dimension}"),
        "rate",
        Invariant($"averaged covariance rule with θx = the sample mean, d = {Dimension}, non-zero mean along e_d, η = {EtaScale}/λ1⁰"),
        "1 − |cos(w_T, e1(C⁰))|",
        OracleKind.ClosedForm,
        "Sejnowski 1977; docs/hebbian-rules.md; HebbianTheory.principalComponent (top eigenvector of the covariance C⁰)",
        CheckLevel.Quick,
        ComparisonSense.AtMost,
        seed =>
        {
            var data = MeanShifted(seed);
            var rows = RateAdapter.Rows(data);
            var pairs0 = HebbianTheory.eigen(HebbianTheory.covariance(rows));
            var l = pairs0.Values;
            var (eta, r, w0) = StepOf(l, seed);
            var steps = Math.Min((int)Math.Ceiling(20.0 / -Math.Log(r)), (int)(300.0 / Math.Log(1 + (eta * l[0]))));
            var tan = InitialTan(pairs0.Vectors[0], w0) * Math.Pow(r, steps);
            var roundoff = 8.0 * (Samples + 8) * CheckStatistics.UnitRoundoff / -Math.Log(r);
            var pc = HebbianTheory.principalComponent(rows);
            return new CheckCase(
                () => 0.0,
                () => new Measurement(1 - AbsCos(RateAdapter.AveragedCovariance(data, w0, eta, HebbianTheory.mean(rows), steps), pc), Details: Invariant($"T = {steps}")),
                (_, _) => new Tolerance(ToleranceKind.RoundingBound, (0.5 * tan * tan) + roundoff, Invariant($"½ tan²θ0 r^(2T) + 8(n+8)u/(−ln r) = {roundoff:G3}"), 0.0));
        })
    {
        OracleText = "principal component (misalignment 0)",
    };
}
