using static System.FormattableString;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// BCM checks (tests/Properties/RateRuleProperties.fs "BCM becomes selective…", docs/bcm.md): with one-hot inputs
/// presented with probabilities p the selective fixed point has y_j = 1/p_j (BcmTheory.selectiveFixedPoint) and the
/// threshold θ = ⟨y²⟩ = 1/p_j (BcmTheory.threshold). Tolerance t₃₉ × SE of 40 batch means at the per-case level 2e-6.
/// </summary>
public static class BcmChecks
{
    /// <summary>Two-sided level per check (RateRuleProperties.perCaseLevel).</summary>
    public const double Level = 2e-6;

    /// <summary>Number of batch means of the second half (t₃₉ tolerance).</summary>
    public const int Batches = 40;
    private const double Eta = 5e-4;
    private const double EtaTheta = 0.05;
    private const int Epochs = 12000;
    private static readonly int[] Counts = [30, 50, 40];

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return Check("bcm.selective-response.k3", "time-averaged response to the selected pattern", "BcmTheory.selectiveFixedPoint: y_j = 1/p_j", (p, j) => BcmTheory.selectiveFixedPoint(p, j)[j], (r, j, p) => r[j]);
        yield return Check("bcm.threshold.k3", "time-averaged threshold statistic θ = Σ_k p_k y_k²", "BcmTheory.threshold at the selective point: θ* = 1/p_j", (p, j) => BcmTheory.threshold(p, BcmTheory.selectiveFixedPoint(p, j)), (r, j, p) => ThresholdStatistic(r, p));
    }

    /// <summary>
    /// Mean and SE of <see cref="Batches"/> batch means of <paramref name="statistic"/> over <paramref name="records"/>
    /// (the second half of a run, in order; trailing records that do not fill a batch are left out). The batches must
    /// be long against the relaxation time so their means are nearly independent.
    /// </summary>
    public static (double Mean, double Se) BatchMeans(IReadOnlyList<double[]> records, Func<double[], double> statistic)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(statistic);
        var size = records.Count / Batches;
        if (size == 0)
        {
            return (double.NaN, double.NaN);
        }

        var means = Enumerable.Range(0, Batches).Select(b => Enumerable.Range(0, size).Average(q => statistic(records[(b * size) + q]))).ToArray();
        return CheckStatistics.MeanAndSe(means);
    }

    /// <summary>The tolerance of both checks: t₃₉(1 − <see cref="Level"/>/2) × the SE of the batch means.</summary>
    public static Tolerance BatchTolerance(double standardError)
    {
        var t = CheckStatistics.StudentT(Level, Batches);
        return new Tolerance(ToleranceKind.StudentT, t * standardError, Invariant($"t₃₉(1 − {Level:G1}/2) = {t:F2} × SE(batch means) {standardError:G3}"), Level);
    }

    /// <summary>The statistic of bcm.threshold.k3: Σ_k p_k y_k² (θ's target ⟨y²⟩ at the responses y).</summary>
    public static double ThresholdStatistic(double[] responses, double[] p)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(p);
        return responses.Select((y, k) => p[k] * y * y).Sum();
    }

    private static double[] Probabilities() => Counts.Select(c => (double)c / Counts.Sum()).ToArray();

    private static CheckDefinition Check(string id, string quantity, string oracle, Func<double[], int, double> predict, Func<double[], int, double[], double> statistic) => new(
        id,
        "bcm",
        Invariant($"BCM (θ → ⟨y²⟩), one-hot inputs with counts {string.Join("/", Counts)}, η = {Eta}, η_θ = {EtaTheta}, {Epochs} epochs, i.i.d. presentation; the second half in {Batches} batches"),
        quantity,
        OracleKind.TheoryPrediction,
        "Bienenstock, Cooper & Munro 1982; Intrator & Cooper 1992; docs/bcm.md",
        CheckLevel.Quick,
        ComparisonSense.Within,
        seed =>
        {
            var p = Probabilities();
            var data = BcmAdapter.OneHot(Counts);
            var w0 = Enumerable.Range(0, Counts.Length).Select(j => 0.5 + (0.3 * (((int)(seed % 1000) + (7 * j)) % 5) / 5.0)).ToArray();
            var run = new Lazy<(List<double[]> Records, bool Diverged)>(() => BcmAdapter.Run(data, w0, Eta, EtaTheta, Epochs, seed));
            int Winner()
            {
                var last = run.Value.Records[^1];
                return Enumerable.Range(0, last.Length).MaxBy(j => last[j]);
            }

            return new CheckCase(
                () => predict(p, Winner()),
                () =>
                {
                    var (records, diverged) = run.Value;
                    var j = Winner();
                    var size = records.Count / Batches;
                    var (mean, se) = BatchMeans(records, r => statistic(r, j, p));
                    return new Measurement(diverged ? double.NaN : mean, se, Batches, Invariant($"selected pattern {j + 1} (p = {p[j]:G3}); SE {se:G3} from {Batches} batch means of {size} epochs"));
                },
                (_, m) => BatchTolerance(m.StandardError ?? double.NaN));
        })
    {
        OracleText = oracle,
    };
}
