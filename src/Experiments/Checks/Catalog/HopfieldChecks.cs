using static System.FormattableString;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// Hopfield checks (tests/Properties/HopfieldProperties.fs, docs/testing.md "Catalogue: Hopfield networks"): the
/// one-step error against the exact finite-N binomial law (science.md §5, HopfieldTheory.oneStepErrorExact), the
/// large-N erfc law shown as not a test, the AGS fixed-point overlap below α_c (Amit, Gutfreund &amp; Sompolinsky 1987)
/// and the collapse above it.
/// </summary>
public static class HopfieldChecks
{
    /// <summary>SE multiple of the one-step checks: 5 SE, two-sided 5.7e-7 (HopfieldProperties.kFixed).</summary>
    public const double KOneStep = 5.0;

    /// <summary>Two-sided level of the Student-t checks (HopfieldProperties.levelStudent).</summary>
    public const double LevelStudent = 1e-5;

    /// <summary>
    /// Allowance for the difference between the replica-symmetric AGS overlap and the fixed point that zero-temperature
    /// asynchronous dynamics reach at α = 0.12. EMPIRICAL (HopfieldProperties.agsModelAllowance): pooled offset
    /// +3.1e-4 ± 1.1e-4 over N = 2000 … 16000, allowance = pooled + 3 SE.
    /// </summary>
    public const double AgsModelAllowance = 6e-4;

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return OneStep(1000, 0.10, 40, CheckLevel.Quick);
        yield return OneStep(1000, 0.10, 157, CheckLevel.Full);
        yield return OneStep(1000, 0.138, 114, CheckLevel.Full);
        yield return OneStep(1000, 0.20, 79, CheckLevel.Full);
        yield return LargeN(1000, 0.10, 40);
        yield return FirstStep(1000, 0.10, 0.2, 80, CheckLevel.Quick);
        yield return FirstStep(1000, 0.05, 0.1, 80, CheckLevel.Full);
        yield return FirstStep(1000, 0.05, 0.3, 80, CheckLevel.Full);
        yield return FirstStep(1000, 0.138, 0.1, 80, CheckLevel.Full);
        yield return Ags(2000, 0.12, 40, CheckLevel.Quick);
        yield return Ags(4000, 0.12, 100, CheckLevel.Full);
        yield return Collapse(2000, 0.16, 30, CheckLevel.Quick);
    }

    /// <summary>
    /// The tolerance of a pooled Hebbian one-step bit error rate over N·P·T bits against the exact finite-N law
    /// (check <c>hopfield.one-step-error</c>, and each row of <c>plasticity capacity</c>): <see cref="KOneStep"/> ×
    /// the binomial SE at the prediction, √(p(1 − p)/(N·P·T)), × √(design effect
    /// <c>HopfieldTheory.oneStepErrorVarianceInflation N P</c>) (the bits of one pattern set share their crosstalk);
    /// two-sided false-alarm rate 2(1 − Φ(5)) = 5.7e-7.
    /// </summary>
    /// <param name="n">Neurons N.</param>
    /// <param name="p">Stored patterns P.</param>
    /// <param name="trials">Independent pattern sets T.</param>
    /// <param name="predicted">The exact finite-N error rate at (N, P).</param>
    public static Tolerance OneStepErrorTolerance(int n, int p, int trials, double predicted)
    {
        var bits = (double)n * p * trials;
        var deff = DesignEffect(n, p);
        var se = Math.Sqrt(Math.Max(predicted * (1 - predicted), 0) * deff / bits);
        return new Tolerance(
            ToleranceKind.StandardErrors,
            KOneStep * se,
            Invariant($"{KOneStep} × binomial SE {se:G3} at the prediction × √(design effect {deff:F3}) over {bits:G4} bits"),
            CheckStatistics.TwoSidedNormalTail(KOneStep));
    }

    /// <summary>
    /// The tolerance of the mean first-step overlap over <paramref name="trials"/> pattern sets against the exact
    /// first-step law (check <c>hopfield.first-step-overlap</c>, and <c>plasticity capacity --cue-flip</c> rows):
    /// t_{T−1}(1 − <see cref="LevelStudent"/>/2) × the between-set SE of the mean; needs T ≥ 2.
    /// </summary>
    public static Tolerance FirstStepOverlapTolerance(int trials, double? betweenSetSe) =>
        Tolerance.StudentT(LevelStudent, trials, betweenSetSe, "between-set SE");

    /// <summary>
    /// The tolerance of the mean fixed-point overlap against the AGS m(α) (check <c>hopfield.ags-overlap</c>):
    /// <see cref="AgsModelAllowance"/> (empirical, calibrated at α = 0.12, N ≥ 2000) + t_{T−1}(1 − <see cref="LevelStudent"/>/2) × SE.
    /// </summary>
    public static Tolerance AgsOverlapTolerance(int trials, double? standardError)
    {
        var t = CheckStatistics.StudentT(LevelStudent, trials);
        var se = standardError ?? double.NaN;
        return new Tolerance(
            ToleranceKind.StudentT,
            AgsModelAllowance + (t * se),
            Invariant($"RS model allowance {AgsModelAllowance:G2} (empirical) + t_{trials - 1}(1 − {LevelStudent:G1}/2) = {t:F2} × SE {se:G3}"),
            LevelStudent);
    }

    /// <summary>
    /// The margin by which the mean overlap above α_c must lie below m_AGS(α_c) (check <c>hopfield.collapse</c>):
    /// one-sided t_{T−1}(1 − <see cref="LevelStudent"/>) × SE.
    /// </summary>
    public static Tolerance CollapseTolerance(int trials, double? standardError)
    {
        var t = CheckStatistics.StudentTOneSided(LevelStudent, trials - 1);
        var se = standardError ?? double.NaN;
        return new Tolerance(
            ToleranceKind.StudentT,
            t * se,
            Invariant($"one-sided t_{trials - 1}(1 − {LevelStudent:G1}) = {t:F2} × SE {se:G3}: the overlap lies below m_AGS(α_c) by this margin"),
            LevelStudent);
    }

    private static double DesignEffect(int n, int p) => HopfieldTheory.oneStepErrorVarianceInflation(Neurons.NewNeurons(n), Patterns.NewPatterns(p));

    private static CheckDefinition OneStep(int n, double alpha, int trials, CheckLevel level)
    {
        var p = HopfieldAdapter.Patterns(n, alpha);
        var bits = (double)n * p * trials;
        return new CheckDefinition(
            Invariant($"hopfield.one-step-error.n{n}.a{alpha:0.00#}") + (level == CheckLevel.Full ? Invariant($".t{trials}") : string.Empty),
            "hopfield",
            Invariant($"Hebbian Hopfield, N = {n}, P = {p} (α = {alpha}), zero diagonal, {trials} pattern sets"),
            "pooled one-step error rate from the stored patterns",
            OracleKind.ClosedForm,
            "science.md §5; HopfieldTheory.oneStepErrorExact (exact binomial law of the crosstalk)",
            level,
            ComparisonSense.Within,
            seed => new CheckCase(
                () => HopfieldTheory.oneStepErrorExact(Neurons.NewNeurons(n), Patterns.NewPatterns(p)),
                () => new Measurement(HopfieldAdapter.OneStepErrorRate(n, alpha, trials, seed), Units: trials, Details: Invariant($"{bits:G4} bits")),
                (predicted, m) => OneStepErrorTolerance(n, p, trials, predicted)))
        {
            OracleText = "exact finite-N binomial law",
            InTests = level == CheckLevel.Quick,
        };
    }

    private static CheckDefinition LargeN(int n, double alpha, int trials)
    {
        var p = HopfieldAdapter.Patterns(n, alpha);
        var bits = (double)n * p * trials;
        return new CheckDefinition(
            Invariant($"hopfield.one-step-error.large-n.n{n}.a{alpha:0.00#}"),
            "hopfield",
            Invariant($"Hebbian Hopfield, N = {n}, P = {p}, {trials} pattern sets"),
            "pooled one-step error rate vs the large-N law",
            OracleKind.TheoryPrediction,
            "science.md §5; HopfieldTheory.oneStepErrorLargeN = ½erfc(1/√(2α)) (N → ∞)",
            CheckLevel.Quick,
            ComparisonSense.Within,
            seed => new CheckCase(
                () => HopfieldTheory.oneStepErrorLargeN(alpha),
                () => new Measurement(HopfieldAdapter.OneStepErrorRate(n, alpha, trials, seed), Units: trials, Details: Invariant($"{bits:G4} bits")),
                (predicted, m) =>
                {
                    var se = Math.Sqrt(predicted * (1 - predicted) * DesignEffect(n, p) / bits);
                    return new Tolerance(ToleranceKind.StandardErrors, KOneStep * se, Invariant($"{KOneStep} × binomial SE (shown only: the large-N law is biased at finite N by ≈ 8.5 SE at 4.7e7 bits)"), null);
                }))
        {
            OracleText = "large-N erfc law (asymptotic)",
            Informational = true,
        };
    }

    private static CheckDefinition FirstStep(int n, double alpha, double flip, int trials, CheckLevel level)
    {
        var p = HopfieldAdapter.Patterns(n, alpha);
        var k = HopfieldAdapter.FlipCount(n, flip);
        return new CheckDefinition(
            Invariant($"hopfield.first-step-overlap.n{n}.a{alpha:0.00#}.f{flip:0.0#}"),
            "hopfield",
            Invariant($"Hebbian Hopfield, N = {n}, P = {p}, cues with {k} flipped bits, one synchronous step, {trials} pattern sets"),
            "mean overlap with the stored pattern after the first step",
            OracleKind.ClosedForm,
            "science.md §5; HopfieldTheory.firstStepOverlapExact (exact finite-N first-step law)",
            level,
            ComparisonSense.Within,
            seed => new CheckCase(
                () => HopfieldTheory.firstStepOverlapExact(Neurons.NewNeurons(n), Patterns.NewPatterns(p), k),
                () =>
                {
                    var (mean, se) = CheckStatistics.MeanAndSe(HopfieldAdapter.FirstStepOverlaps(n, alpha, flip, trials, seed));
                    return new Measurement(mean, se, trials, Invariant($"SE {se:G3} between {trials} pattern sets; large-N law {HopfieldTheory.firstStepOverlapLargeN(alpha, HopfieldTheory.cueOverlap(Neurons.NewNeurons(n), k)):G6}"));
                },
                (_, m) => FirstStepOverlapTolerance(trials, m.StandardError)))
        {
            OracleText = "exact finite-N first-step law",
            InTests = level == CheckLevel.Quick,
        };
    }

    private static CheckDefinition Ags(int n, double alpha, int trials, CheckLevel level)
    {
        var p = HopfieldAdapter.Patterns(n, alpha);
        const int retrievals = 2;
        return new CheckDefinition(
            Invariant($"hopfield.ags-overlap.n{n}.a{alpha:0.00#}"),
            "hopfield",
            Invariant($"Hebbian Hopfield, N = {n}, P = {p}, asynchronous random order from {retrievals} stored patterns of each of {trials} pattern sets, ≤ 100 sweeps"),
            "mean overlap of the fixed point with the stored pattern",
            OracleKind.TheoryPrediction,
            "Amit, Gutfreund & Sompolinsky 1987; science.md §5; HopfieldTheory.agsRetrievalOverlap",
            level,
            ComparisonSense.Within,
            seed => new CheckCase(
                () => HopfieldTheory.agsRetrievalOverlap(alpha)!.Value,
                () =>
                {
                    var (means, notFixed) = HopfieldAdapter.RetrievalOverlaps(n, p, trials, retrievals, 100, seed);
                    var (mean, se) = CheckStatistics.MeanAndSe(means);
                    // A run that stopped before a fixed point is not the state the theory describes: no measurement.
                    return new Measurement(notFixed == 0 ? mean : double.NaN, se, trials, Invariant($"SE {se:G3} between {trials} pattern sets; {notFixed} runs without a fixed point"));
                },
                (predicted, m) => AgsOverlapTolerance(trials, m.StandardError)))
        {
            OracleText = "AGS replica-symmetric m(α)",
            InTests = level == CheckLevel.Quick,
        };
    }

    private static CheckDefinition Collapse(int n, double alpha, int trials, CheckLevel level)
    {
        var p = HopfieldAdapter.Patterns(n, alpha);
        return new CheckDefinition(
            Invariant($"hopfield.collapse.n{n}.a{alpha:0.00#}"),
            "hopfield",
            Invariant($"Hebbian Hopfield above α_c, N = {n}, P = {p}, 2 retrievals × {trials} pattern sets, ≤ 200 sweeps"),
            "mean overlap reached from a stored pattern",
            OracleKind.TheoryPrediction,
            "Amit, Gutfreund & Sompolinsky 1987: no retrieval state above α_c = 0.138; HopfieldTheory.agsCriticalLoad().OverlapAtAlphaC",
            level,
            ComparisonSense.Below,
            seed => new CheckCase(
                () => HopfieldTheory.agsCriticalLoad().OverlapAtAlphaC,
                () =>
                {
                    var (means, _) = HopfieldAdapter.RetrievalOverlaps(n, p, trials, 2, 200, seed);
                    var (mean, se) = CheckStatistics.MeanAndSe(means);
                    return new Measurement(mean, se, trials, Invariant($"SE {se:G3} between {trials} pattern sets"));
                },
                (predicted, m) => CollapseTolerance(trials, m.StandardError)))
        {
            OracleText = "below m_AGS(α_c) (no retrieval branch above α_c)",
            InTests = level == CheckLevel.Quick,
        };
    }
}
