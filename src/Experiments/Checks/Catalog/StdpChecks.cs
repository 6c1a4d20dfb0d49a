using static System.FormattableString;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// STDP checks (tests/Properties/StdpTests.fs, docs/stdp.md): the single-pair window of the pair rule against the
/// closed form W(Δt) = A₊e^{−Δt/τ₊} (Δt ≥ 0), −A₋e^{Δt/τ₋} (StdpTheory.window; Song, Miller &amp; Abbott 2000), and
/// the drift under independent Poisson trains against ν_pre ν_post ∫W (all-to-all, Kempter et al. 1999) and its
/// nearest-spike form (StdpTheory.driftNearestSymmetric), with a Student-t tolerance over repetitions.
/// </summary>
public static class StdpChecks
{
    /// <summary>Per-check two-sided level of the drift checks (StdpTests: 7.5e-5 over 15 checks).</summary>
    public const double DriftLevel = 5e-6;

    private const double WarmUp = 3000.0;
    private const double Duration = 20000.0;
    private const int Inputs = 40;

    private static readonly StdpWindow Classic = StdpWindow.Classic();
    private static readonly StdpWindow DriftWindow = new(0.01, 0.0105, 17.0, 34.0);

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return Window();
        yield return Drift("all-to-all", StdpPairing.AllToAll, StdpTheory.driftAllToAll, 10.0, 10.0, 30, CheckLevel.Quick);
        yield return Drift("all-to-all", StdpPairing.AllToAll, StdpTheory.driftAllToAll, 5.0, 30.0, 60, CheckLevel.Full);
        yield return Drift("nearest-symmetric", StdpPairing.NearestSymmetric, StdpTheory.driftNearestSymmetric, 20.0, 5.0, 60, CheckLevel.Full);
        yield return Drift("presynaptic-centred", StdpPairing.PresynapticCentred, StdpTheory.driftPresynapticCentred, 10.0, 10.0, 60, CheckLevel.Full);
    }

    private static StdpTheory.PairWindow Theory(StdpWindow w) => new(w.APlus, w.AMinus, w.TauPlus, w.TauMinus);

    private static CheckDefinition Window() => new(
        "stdp.pair-window.classic",
        "stdp",
        "pair STDP (all-to-all, unbounded additive), Song–Miller–Abbott window A₊ = 0.01, A₋ = 1.05 A₊, τ± = 20 ms; one pair at each Δt ∈ [−100, 100] ms in steps of 2.5",
        "max over Δt of |Δw(Δt) − W(Δt)| / |W(Δt)|",
        OracleKind.ClosedForm,
        "Song, Miller & Abbott 2000; docs/stdp.md; StdpTheory.window",
        CheckLevel.Quick,
        ComparisonSense.AtMost,
        _ =>
        {
            var deltas = Enumerable.Range(0, 81).Select(i => -100.0 + (2.5 * i)).ToArray();
            var theory = Theory(Classic);
            return new CheckCase(
                () => 0.0,
                () =>
                {
                    var table = StdpAdapter.WindowTable(Classic.APlus, Classic.AMinus, Classic.TauPlus, Classic.TauMinus, StdpPairing.AllToAll, deltas);
                    var oracle = deltas.Select(d => StdpTheory.window(theory, d)).ToArray();
                    var worst = table.Zip(oracle, (m, o) => Math.Abs(m - o) / Math.Abs(o)).Max();
                    var figure = new CheckFigure(
                        "STDP pair window",
                        "Δt = t_post − t_pre (ms)",
                        "Δw",
                        [new FigureSeries("StdpTheory.window", deltas, oracle, true), new FigureSeries("pair rule, one pair", deltas, table, false)]);
                    return new Measurement(worst, Details: "81 pairs", Figure: figure);
                },
                (_, _) => new Tolerance(ToleranceKind.RoundingBound, 4.0 * CheckStatistics.UnitRoundoff, "4u relative: one exp and one product on each side, in either order", 0.0));
        })
    {
        OracleText = "closed-form window (relative error 0)",
    };

    private static CheckDefinition Drift(string name, StdpPairing pairing, Func<StdpTheory.PairWindow, double, double, double> theory, double nuPre, double nuPost, int repetitions, CheckLevel level) => new(
        Invariant($"stdp.drift.{name}.pre{nuPre:0}.post{nuPost:0}"),
        "stdp",
        Invariant($"pair STDP ({name}, unbounded), A₊ = 0.01, A₋ = 0.0105, τ₊ = 17, τ₋ = 34 ms; {Inputs} inputs at {nuPre} Hz and a post train at {nuPost} Hz (independent Poisson), {WarmUp / 1000} s warm-up, {Duration / 1000} s measured, {repetitions} repetitions"),
        "mean drift ⟨dw/dt⟩ (per s)",
        OracleKind.TheoryPrediction,
        Invariant($"Kempter, Gerstner & van Hemmen 1999; docs/stdp.md; StdpTheory.drift{pairing}"),
        level,
        ComparisonSense.Within,
        seed => new CheckCase(
            () => theory(Theory(DriftWindow), nuPre, nuPost),
            () =>
            {
                var (mean, se) = CheckStatistics.MeanAndSeOfRepetitions(repetitions, r =>
                    StdpAdapter.Drift(DriftWindow.APlus, DriftWindow.AMinus, DriftWindow.TauPlus, DriftWindow.TauMinus, pairing, Inputs, nuPre, nuPost, WarmUp, Duration, StdpAdapter.Repetition(seed, r)));
                return new Measurement(mean, se, repetitions, Invariant($"SE {se:G3} between {repetitions} repetitions (the inputs share a post train)"));
            },
            (_, m) => Tolerance.StudentT(DriftLevel, repetitions, m.StandardError, "SE")))
    {
        OracleText = pairing == StdpPairing.AllToAll ? "ν_pre ν_post ∫W" : Invariant($"{name} drift (derived form)"),
        InTests = level == CheckLevel.Quick,
    };
}
