using MathNet.Numerics.Integration;
using static System.FormattableString;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// Checks of the Song–Miller–Abbott competition's theory (<see cref="StdpCompetitionTheory"/>, docs/verify.md):
/// the uncorrelated drift of all-to-all pair STDP under each weight dependence,
/// ⟨dw/dt⟩ = ν_pre·ν_post·10⁻³·(A₊τ₊f₊(w) − A₋τ₋f₋(w)) (per s; Kempter, Gerstner &amp; van Hemmen 1999; Gütig et al.
/// 2003), held against StdpTheory.driftAllToAll (f ≡ 1), a Gauss–Legendre quadrature of the weighted window, and a
/// seeded simulation through StdpProtocols on an unbounded store; and the competition itself (full level): the
/// multiplicative run against the fixed point u* = A₊τ₊/(A₊τ₊ + A₋τ₋), the additive run's bimodal end.
/// </summary>
public static class SmaChecks
{
    /// <summary>Per-check two-sided level of the simulated drift checks (8 quick checks: 1.6e-5 in all).</summary>
    public const double DriftLevel = 2e-6;

    private const double WarmUp = 1000.0;
    private const double Duration = 10000.0;
    private const int Inputs = 40;
    private const int Repetitions = 20;
    private const double NuPre = 10.0;
    private const double NuPost = 10.0;

    // Amplitudes 10⁻³ of StdpChecks' drift window against w_max = 1: over 10 s a weight moves by ≈ 1e-5, so the
    // first-order bias D'(w)·D(w)·T/2 of measuring at the start weight is ≈ 1e-3 of the drift (≈ 0.01 SE).
    private static readonly StdpWindow Window = new(1e-5, 1.05e-5, 17.0, 34.0);

    private static readonly (string Name, StdpWeightDependence Dependence)[] Dependences =
    [
        ("additive", StdpWeightDependence.Additive),
        ("multiplicative", StdpWeightDependence.Multiplicative(1.0)),
        ("van-rossum", StdpWeightDependence.VanRossum(1.0)),
        ("gutig-mu0.5", StdpWeightDependence.Gutig(0.5, 1.0)),
    ];

    private static readonly double[] Weights = [0.2, 0.7];

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return TheoryAgainstAnalysis();
        yield return TheoryAgainstQuadrature();
        foreach (var (name, dependence) in Dependences)
        {
            foreach (var u in Weights)
            {
                yield return Drift(name, dependence, u);
            }
        }

        yield return MultiplicativeFixedPoint();
        yield return AdditiveBimodal();
    }

    private static CheckDefinition TheoryAgainstAnalysis() => new(
        "stdp.sma.drift-theory.additive",
        "stdp",
        "StdpCompetitionTheory.UncorrelatedDrift with the additive dependence (f± ≡ 1) at ν_pre, ν_post ∈ {1, 10, 40} Hz and w ∈ {0, 0.5, 3}, window A₊ = 0.01, A₋ = 0.0105, τ₊ = 17, τ₋ = 34 ms",
        "max relative difference from ν_pre ν_post ∫W",
        OracleKind.ClosedForm,
        "Kempter, Gerstner & van Hemmen 1999; StdpTheory.driftAllToAll",
        CheckLevel.Quick,
        ComparisonSense.AtMost,
        _ => new CheckCase(
            () => 0.0,
            () =>
            {
                var w = new StdpWindow(0.01, 0.0105, 17.0, 34.0);
                var analysis = new StdpTheory.PairWindow(w.APlus, w.AMinus, w.TauPlus, w.TauMinus);
                double[] rates = [1.0, 10.0, 40.0];
                var worst = 0.0;
                foreach (var pre in rates)
                {
                    foreach (var post in rates)
                    {
                        foreach (var weight in new[] { 0.0, 0.5, 3.0 })
                        {
                            var oracle = StdpTheory.driftAllToAll(analysis, pre, post);
                            var theory = StdpCompetitionTheory.UncorrelatedDrift(w, StdpWeightDependence.Additive, pre, post, weight);
                            worst = Math.Max(worst, Math.Abs(theory - oracle) / Math.Abs(oracle));
                        }
                    }
                }

                return new Measurement(worst, Details: "27 (ν_pre, ν_post, w) points");
            },
            (_, _) => new Tolerance(ToleranceKind.RoundingBound, 16.0 * CheckStatistics.UnitRoundoff, "16u relative: two products, one difference of comparable terms (A₊τ₊ − A₋τ₋ ≈ −1.9 A₊τ₊) and a scale, in different orders", 0.0)))
    {
        OracleText = "ν_pre ν_post ∫W (independent code)",
    };

    private static CheckDefinition TheoryAgainstQuadrature() => new(
        "stdp.sma.drift-theory.quadrature",
        "stdp",
        "StdpCompetitionTheory.UncorrelatedDrift for multiplicative, van Rossum and Gütig μ ∈ {0.25, 0.5} (w_max = 1) at u ∈ {0.05, 0.2, 0.5, 0.7, 0.95}, ν_pre = 10, ν_post = 20 Hz, the quick drift window",
        "max relative difference from the quadrature",
        OracleKind.ClosedForm,
        "Gütig et al. 2003 Eq. 4; van Rossum et al. 2000; 128-point Gauss–Legendre on [−40τ₋, 0] and [0, 40τ₊]",
        CheckLevel.Quick,
        ComparisonSense.AtMost,
        _ => new CheckCase(
            () => 0.0,
            () =>
            {
                // The factors are written here from the papers, not taken from StdpWeightDependence.
                (StdpWeightDependence D, Func<double, double> FPlus, Func<double, double> FMinus)[] cases =
                [
                    (StdpWeightDependence.Multiplicative(1.0), u => 1 - u, u => u),
                    (StdpWeightDependence.VanRossum(1.0), _ => 1.0, u => u),
                    (StdpWeightDependence.Gutig(0.25, 1.0), u => Math.Pow(1 - u, 0.25), u => Math.Pow(u, 0.25)),
                    (StdpWeightDependence.Gutig(0.5, 1.0), u => Math.Sqrt(1 - u), u => Math.Sqrt(u)),
                ];
                var w = Window;
                var worst = 0.0;
                foreach (var (d, fPlus, fMinus) in cases)
                {
                    foreach (var u in new[] { 0.05, 0.2, 0.5, 0.7, 0.95 })
                    {
                        var ltp = GaussLegendreRule.Integrate(s => w.APlus * Math.Exp(-s / w.TauPlus), 0.0, 40.0 * w.TauPlus, 128);
                        var ltd = GaussLegendreRule.Integrate(s => w.AMinus * Math.Exp(s / w.TauMinus), -40.0 * w.TauMinus, 0.0, 128);
                        var oracle = 10.0 * 20.0 * 1e-3 * ((fPlus(u) * ltp) - (fMinus(u) * ltd));
                        var theory = StdpCompetitionTheory.UncorrelatedDrift(w, d, 10.0, 20.0, u);
                        var scale = 10.0 * 20.0 * 1e-3 * ((fPlus(u) * ltp) + (fMinus(u) * ltd));
                        worst = Math.Max(worst, Math.Abs(theory - oracle) / scale);
                    }
                }

                return new Measurement(worst, Details: "20 (dependence, u) points; relative to ν ν (f₊A₊τ₊ + f₋A₋τ₋)");
            },
            (_, _) => new Tolerance(ToleranceKind.RoundingBound, 1e-12, "1e-12 relative: tails e^{−40} ≈ 4e-18, 128-point Gauss–Legendre error on an exponential over 40τ below 1e-15, rounding of 128 terms ≈ 1e-14", 0.0)))
    {
        OracleText = "quadrature of f₊(u)W₊ + f₋(u)W₋",
    };

    private static CheckDefinition Drift(string name, StdpWeightDependence dependence, double u) => new(
        Invariant($"stdp.sma.drift.{name}.u{u:0.0#}"),
        "stdp",
        Invariant($"pair STDP (all-to-all, {name}, w_max = 1, unbounded store), A₊ = 1e-5, A₋ = 1.05e-5, τ₊ = 17, τ₋ = 34 ms; {Inputs} synapses reset to w = {u} after a {WarmUp / 1000} s trace warm-up, independent Poisson trains at {NuPre} Hz (pre) and {NuPost} Hz (post), {Duration / 1000} s measured, {Repetitions} repetitions"),
        "mean drift ⟨dw/dt⟩ (per s)",
        OracleKind.TheoryPrediction,
        "Kempter, Gerstner & van Hemmen 1999; Gütig et al. 2003; StdpCompetitionTheory.UncorrelatedDrift",
        CheckLevel.Quick,
        ComparisonSense.Within,
        seed => new CheckCase(
            () => StdpCompetitionTheory.UncorrelatedDrift(Window, dependence, NuPre, NuPost, u),
            () =>
            {
                var (mean, se) = CheckStatistics.MeanAndSeOfRepetitions(Repetitions, r =>
                    StdpAdapter.DependentDrift(Window, dependence, Inputs, NuPre, NuPost, u, WarmUp, Duration, StdpAdapter.Repetition(seed, r)));
                return new Measurement(mean, se, Repetitions, Invariant($"SE {se:G3} between {Repetitions} repetitions (the synapses of one repetition share a post train)"));
            },
            (_, m) => Tolerance.StudentT(DriftLevel, Repetitions, m.StandardError, "SE")))
    {
        OracleText = "ν_pre ν_post (A₊τ₊f₊(w) − A₋τ₋f₋(w))",
    };

    // The competition runs: the classic set-up of `plasticity stdp competition` (N = 1000, 15 Hz, dt = 0.1 ms,
    // g_max = 0.01, A₊ = 0.01 g_max, A₋ = 1.05 A₊, τ± = 20 ms), 100 s.
    private const int SmaInputs = 1000;
    private const double SmaRate = 15.0;
    private const double SmaDuration = 100_000.0;
    private const double SmaRatio = 1.05;

    /// <summary>u* of the classic window: A₊τ₊/(A₊τ₊ + A₋τ₋) = 1/(1 + 1.05).</summary>
    private static double ClassicFixedPoint() =>
        StdpCompetitionTheory.UncorrelatedFixedPoint(new StdpWindow(0.01, SmaRatio * 0.01, 20.0, 20.0), StdpWeightDependence.Multiplicative(1.0)) ?? double.NaN;

    private static CheckDefinition MultiplicativeFixedPoint() => new(
        "stdp.sma.multiplicative.fixed-point",
        "stdp",
        Invariant($"Song–Miller–Abbott run, multiplicative (Gütig μ = 1) pair STDP, N = {SmaInputs}, {SmaRate} Hz, {SmaDuration / 1000} s, dt = 0.1 ms, A₋/A₊ = {SmaRatio}"),
        "mean final weight ⟨w⟩/g_max",
        OracleKind.TheoryPrediction,
        "Gütig et al. 2003; StdpCompetitionTheory.UncorrelatedFixedPoint",
        CheckLevel.Full,
        ComparisonSense.Within,
        seed => new CheckCase(
            ClassicFixedPoint,
            () =>
            {
                var (u, rate) = StdpAdapter.SongMillerAbbott(SmaInputs, SmaRate, SmaDuration, SmaRatio, StdpWeightDependence.Multiplicative(StdpAdapter.ClassicMaxWeight), StdpAdapter.Repetition(seed, 0));
                var (mean, se) = CheckStatistics.MeanAndSe(u);
                var sd = se * Math.Sqrt(u.Length);
                var edge = u.Count(x => x < 0.1 || x > 0.9) / (double)u.Length;
                return new Measurement(mean, Details: Invariant($"sd {sd:G3}, fraction within 0.1 of a bound {edge:G3}, output rate {rate:G4} Hz"))
                {
                    Auxiliary = new Dictionary<string, double> { ["sd"] = sd },
                };
            },
            (_, m) => new Tolerance(ToleranceKind.Empirical, m.Get("sd"), "shown only: the output spikes are caused by the inputs, so the causal correlation adds potentiation the uncorrelated fixed point leaves out and shifts the mean; width = sd of the weights", null)))
    {
        OracleText = "uncorrelated fixed point u* = A₊τ₊/(A₊τ₊ + A₋τ₋)",
        Informational = true,
    };

    /// <summary>
    /// Empirical band of the additive run: the interior fraction (u ∈ [0.1, 0.9]) must fall below the uniform start's
    /// 0.8 by more than this. Measured at 100 s: 0.572 (verify seed), 0.591 and 0.557 (seeds 7, 8 through
    /// <c>plasticity stdp competition</c>); 0.491 at 300 s and 0.483 at 500 s. The band is set from these runs (a
    /// margin of 4–5 binomial SEs √(0.8·0.2/1000) = 0.013), not derived.
    /// </summary>
    public const double AdditiveInteriorBand = 0.15;

    /// <summary>Interior fraction of the uniform start U[0, 1): P(0.1 ≤ u ≤ 0.9) = 0.8.</summary>
    public const double UniformInterior = 0.8;

    /// <summary>
    /// The tolerance of <c>stdp.sma.additive.bimodal</c> (also printed by <c>stdp competition</c>): the interior
    /// fraction must fall below <see cref="UniformInterior"/> by more than <see cref="AdditiveInteriorBand"/>.
    /// </summary>
    public static Tolerance AdditiveBimodalTolerance() =>
        new(ToleranceKind.Empirical, AdditiveInteriorBand, Invariant($"empirical band {AdditiveInteriorBand} below the uniform start (set from measured runs, docs/verify.md), not derived"), null);

    /// <summary>
    /// True when a Song–Miller–Abbott run has the settings <see cref="AdditiveInteriorBand"/> was calibrated at
    /// (N = 1000, 15 Hz, 100 s, dt = 0.1 ms, A₋/A₊ = 1.05, τ± = 20 ms, gₘₐₓ = 0.01, A₊ = 0.01·gₘₐₓ); only there is the
    /// band a verdict.
    /// </summary>
    public static bool AtAdditiveCalibration(int inputs, double rateHz, double durationMs, double timeStepMs, double ratio, double tauMs, double gMax) =>
        inputs == SmaInputs && rateHz == SmaRate && durationMs == SmaDuration && timeStepMs == new SongMillerAbbottParameters().TimeStep && ratio == SmaRatio && tauMs == 20.0
        && gMax == StdpAdapter.ClassicMaxWeight;

    private static CheckDefinition AdditiveBimodal() => new(
        "stdp.sma.additive.bimodal",
        "stdp",
        Invariant($"Song–Miller–Abbott run, additive pair STDP (hard bounds [0, g_max]), N = {SmaInputs}, {SmaRate} Hz, {SmaDuration / 1000} s, dt = 0.1 ms, A₋/A₊ = {SmaRatio}, initial u uniform in [0, 1)"),
        "fraction of final weights in the interior [0.1, 0.9]·g_max",
        OracleKind.PublishedNumber,
        "Song, Miller & Abbott 2000 Fig. 2 (bimodal: weights pushed to 0 and g_max); the uniform start's interior fraction 0.8",
        CheckLevel.Full,
        ComparisonSense.Below,
        seed => new CheckCase(
            () => UniformInterior,
            () =>
            {
                var (u, rate) = StdpAdapter.SongMillerAbbott(SmaInputs, SmaRate, SmaDuration, SmaRatio, StdpWeightDependence.Additive, StdpAdapter.Repetition(seed, 1));
                var interior = u.Count(x => x >= 0.1 && x <= 0.9) / (double)u.Length;
                var high = u.Count(x => x > 0.9) / (double)u.Length;
                var middle = u.Count(x => x >= 0.3 && x <= 0.7) / (double)u.Length;
                return new Measurement(interior, Details: Invariant($"above 0.9 g_max {high:G3}, below 0.1 g_max {1 - interior - high:G3}, in [0.3, 0.7] {middle:G3} (uniform: 0.4), output rate {rate:G4} Hz"));
            },
            (_, _) => AdditiveBimodalTolerance()))
    {
        OracleText = "bimodal: the interior empties below the uniform start's 0.8",
    };
}
