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
        yield return TripletFrequencyProtocol();
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
                    var worst = MaxRelativeWindowError(table, oracle);
                    var figure = new CheckFigure(
                        "STDP pair window",
                        "Δt = t_post − t_pre (ms)",
                        "Δw",
                        [new FigureSeries("StdpTheory.window", deltas, oracle, true), new FigureSeries("pair rule, one pair", deltas, table, false)]);
                    return new Measurement(worst, Details: "81 pairs", Figure: figure);
                },
                (_, _) => WindowTolerance());
        })
    {
        OracleText = "closed-form window (relative error 0)",
    };

    /// <summary>
    /// Tolerance of the single-pair window (<c>stdp.pair-window.classic</c>, also printed by <c>stdp window</c>): the
    /// relative error |Δw − W|/|W| is at most 4u (one exp and one product on each side, in either order).
    /// </summary>
    public static Tolerance WindowTolerance() =>
        new(ToleranceKind.RoundingBound, 4.0 * CheckStatistics.UnitRoundoff, "4u relative: one exp and one product on each side, in either order", 0.0);

    /// <summary>
    /// max over Δt of |Δw(Δt) − W(Δt)|/|W(Δt)|, the measure of <c>stdp.pair-window.classic</c>; where W = 0 (a zero
    /// amplitude) a difference must be exactly 0 (it counts as 0), any other gives +∞.
    /// </summary>
    public static double MaxRelativeWindowError(IReadOnlyList<double> simulated, IReadOnlyList<double> theory)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(theory);
        var worst = 0.0;
        for (var i = 0; i < simulated.Count; i++)
        {
            var d = Math.Abs(simulated[i] - theory[i]);
            var relative = d == 0 ? 0.0 : theory[i] == 0 || !double.IsFinite(d) ? double.PositiveInfinity : d / Math.Abs(theory[i]);
            worst = Math.Max(worst, relative);
        }

        return worst;
    }

    /// <summary>Pairs of the triplet pairing protocol (Pfister &amp; Gerstner 2006 Fig. 5, after Sjöström et al. 2001).</summary>
    public const int TripletProtocolPairs = 60;

    /// <summary>|Δt| of the triplet pairing protocol (ms).</summary>
    public const double TripletProtocolLag = 10.0;

    /// <summary>Pairing frequencies of the triplet protocol (Hz).</summary>
    public static IReadOnlyList<double> TripletProtocolFrequencies { get; } = [0.1, 1, 5, 10, 20, 30, 40, 50];

    /// <summary>
    /// Tolerance of the triplet pairing protocol (<c>stdp.triplet.frequency-protocol</c>, also printed by
    /// <c>stdp window --rule triplet</c>) on max |Δw − theory|/Σ|terms|: 8(n + 4)u with n = 2·pairs spikes. Each term
    /// passes through at most n decay factors and a few products, each with relative error ≤ u (plus exp's own), and
    /// the sums of n terms add another n·u; 8(n + 4)u bounds both sides (trace run and closed form) generously.
    /// </summary>
    public static Tolerance TripletProtocolTolerance(int pairs) =>
        new(ToleranceKind.RoundingBound, 8.0 * ((2.0 * pairs) + 4) * CheckStatistics.UnitRoundoff,
            Invariant($"8(n + 4)u relative to Σ|terms|, n = {2 * pairs} spikes: n decays and a few products per term in the rule and in the closed form"), 0.0);

    /// <summary>
    /// max over the rows of |Δw_sim − Δw_theory|/Σ|terms| for the triplet protocol, the measure of
    /// <c>stdp.triplet.frequency-protocol</c>; <paramref name="sumAbs"/> is the theory's Σ|terms| per row.
    /// </summary>
    public static double MaxTripletProtocolError(IReadOnlyList<double> simulated, IReadOnlyList<double> theory, IReadOnlyList<double> sumAbs)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(theory);
        ArgumentNullException.ThrowIfNull(sumAbs);
        var worst = 0.0;
        for (var i = 0; i < simulated.Count; i++)
        {
            var d = Math.Abs(simulated[i] - theory[i]);
            var relative = d == 0 ? 0.0 : sumAbs[i] > 0 && double.IsFinite(d) ? d / sumAbs[i] : double.PositiveInfinity;
            worst = Math.Max(worst, relative);
        }

        return worst;
    }

    /// <summary>The theory layer's triplet parameters for a C# parameter set.</summary>
    public static StdpTheory.TripletRule TripletTheory(TripletStdpParameters q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new StdpTheory.TripletRule(q.A2Plus, q.A3Plus, q.A2Minus, q.A3Minus, q.TauPlus, q.TauMinus, q.TauX, q.TauY);
    }

    private static CheckDefinition TripletFrequencyProtocol() => new(
        "stdp.triplet.frequency-protocol",
        "stdp",
        Invariant($"triplet STDP (all-to-all, unbounded additive), Pfister & Gerstner 2006 visual-cortex all-to-all minimal model; {TripletProtocolPairs} pairs at Δt = ±{TripletProtocolLag} ms and f ∈ {{{string.Join(", ", TripletProtocolFrequencies)}}} Hz"),
        "max over f and ±Δt of |Δw − Δw_theory| / Σ|terms|",
        OracleKind.ClosedForm,
        "Pfister & Gerstner 2006 Fig. 5 protocol (after Sjöström et al. 2001); StdpTheory.tripletPairingProtocol",
        CheckLevel.Quick,
        ComparisonSense.AtMost,
        _ => new CheckCase(
            () => 0.0,
            () =>
            {
                var q = TripletStdpPresets.VisualCortexAllToAllMinimal.Parameters;
                var theory = TripletTheory(q);
                var f = TripletProtocolFrequencies.ToArray();
                var sim = new List<double>();
                var th = new List<double>();
                var abs = new List<double>();
                var series = new List<FigureSeries>();
                foreach (var lag in new[] { +TripletProtocolLag, -TripletProtocolLag })
                {
                    var table = StdpAdapter.TripletFrequencyTable(q, StdpPairing.AllToAll, f, lag, TripletProtocolPairs);
                    var oracle = f.Select(x => StdpTheory.tripletPairingProtocol(theory, TripletProtocolPairs, x, lag)).ToArray();
                    sim.AddRange(table);
                    th.AddRange(oracle.Select(o => o.Item1));
                    abs.AddRange(oracle.Select(o => o.Item2));
                    series.Add(new FigureSeries(Invariant($"theory, Δt = {lag:+0;−0} ms"), f, oracle.Select(o => o.Item1).ToArray(), true));
                    series.Add(new FigureSeries(Invariant($"triplet rule, Δt = {lag:+0;−0} ms"), f, table, false));
                }

                var figure = new CheckFigure("Triplet STDP pairing protocol", "pairing frequency (Hz)", Invariant($"total Δw after {TripletProtocolPairs} pairs"), series);
                return new Measurement(MaxTripletProtocolError(sim, th, abs), Details: Invariant($"{sim.Count} protocols"), Figure: figure);
            },
            (_, _) => TripletProtocolTolerance(TripletProtocolPairs)))
    {
        OracleText = "closed-form geometric sums of the rule's definition (relative error 0)",
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
