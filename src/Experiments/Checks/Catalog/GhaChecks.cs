using MathNet.Numerics.LinearAlgebra;
using static System.FormattableString;
using static Plasticity.Experiments.Theory.VectorMath;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// GHA checks (RateRuleProperties "averaged GHA rows converge to ±e1 … ±ek in order and W Wᵀ → I"; Sanger 1989,
/// docs/oja-pca.md). The averaged map Φ of the rule is linearised at W* = (±e1 … ±ek) of the sample C by central
/// differences through the rule itself; its spectral radius is held against 1 − η·GhaSlowestRate
/// (HebbianTheory.ruleTimeConstants) by Bauer–Fike, and ‖W(T2) − W*‖ against the contraction bound
/// κ ρ^{T2−T1}‖E(T1)‖(1 + 8k‖C‖‖E‖/(1 − ρ)) + roundoff.
/// </summary>
public static class GhaChecks
{
    private const int Dimension = 5;
    private const int Outputs = 3;
    private const double Gap = 0.3;

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return Radius();
        yield return Convergence();
    }

    private sealed record Linearisation(double Rho, double Kappa, double EntryError, double[] Star, double[] AtT1, double[] Final, double NormC, double PredictedRadius, int Horizon);

    private static Linearisation Linearise(ulong seed)
    {
        var data = RateAdapter.Spectral(Dimension, Gap, RateChecks.Samples, seed).Data;
        var rows = RateAdapter.Rows(data);
        var pairs = HebbianTheory.eigen(HebbianTheory.correlation(rows));
        const int d = Dimension, k = Outputs, n = d * k;
        var l = pairs.Values;
        var eta = 0.2 / l[0];
        var predictions = HebbianTheory.ruleTimeConstants(pairs, eta, k);
        var t1 = (int)Math.Ceiling(20.0 * predictions.GhaTimeConstantSteps);
        var t2 = 2 * t1;
        var (atT1, final) = GhaAdapter.Run(data, k, eta, t1, t2, seed + 3);
        var star = new double[n];
        for (var q = 0; q < n; q++)
        {
            var (i, a) = (q / d, q % d);
            var row = final.AsSpan(i * d, d).ToArray();
            star[q] = (Dot(row, pairs.Vectors[i]) >= 0 ? 1.0 : -1.0) * pairs.Vectors[i][a];
        }

        const double h = 1e-4;
        var columns = new double[n][];
        for (var col = 0; col < n; col++)
        {
            var plus = (double[])star.Clone();
            var minus = (double[])star.Clone();
            plus[col] += h;
            minus[col] -= h;
            var (fa, fb) = (GhaAdapter.Step(data, plus, k, eta), GhaAdapter.Step(data, minus, k, eta));
            columns[col] = Enumerable.Range(0, n).Select(r => (fa[r] - fb[r]) / (2 * h)).ToArray();
        }

        var map = Matrix<double>.Build.Dense(n, n, (r, col) => columns[col][r]);
        var normC = l[0];
        var entryError = (h * h * eta * k * normC) + (16.0 * (RateChecks.Samples + (d * k)) * CheckStatistics.UnitRoundoff * Math.Sqrt(k) / h);
        var evd = map.Evd();
        var rho = evd.EigenValues.Select(z => z.Magnitude).Max();
        var kappa = evd.EigenVectors.ConditionNumber();
        return new Linearisation(rho, kappa, entryError, star, atT1, final, normC, 1.0 - (eta * predictions.GhaSlowestRate), t2 - t1);
    }

    private static string Model => Invariant($"averaged GHA (Sanger), k = {Outputs} outputs, d = {Dimension}, eigengap {Gap}, η = 0.2/λ1, T2 = 2·T1, T1 = ⌈20·GhaTimeConstantSteps⌉");

    private static CheckDefinition Radius() => new(
        Invariant($"gha.linearised-radius.k{Outputs}.d{Dimension}"),
        "gha",
        Model,
        "spectral radius of the rule's averaged map linearised at ±e1 … ±ek (central differences through the rule)",
        OracleKind.TheoryPrediction,
        "Sanger 1989; HebbianTheory.ruleTimeConstants (GhaSlowestRate); docs/oja-pca.md",
        CheckLevel.Quick,
        ComparisonSense.Within,
        seed =>
        {
            var lin = new Lazy<Linearisation>(() => Linearise(seed));
            return new CheckCase(
                () => lin.Value.PredictedRadius,
                () => new Measurement(lin.Value.Rho, Details: Invariant($"κ(V) = {lin.Value.Kappa:G4}, entry error {lin.Value.EntryError:G3}")),
                (_, _) => new Tolerance(ToleranceKind.RoundingBound, (lin.Value.Kappa * Outputs * Dimension * lin.Value.EntryError) + 1e-12, "κ·n·(h²ηk‖C‖ + 16(n_s+dk)u√k/h) (Bauer–Fike) + 1e-12", 0.0));
        })
    {
        OracleText = "1 − η·GhaSlowestRate",
    };

    private static CheckDefinition Convergence() => new(
        Invariant($"gha.convergence.k{Outputs}.d{Dimension}"),
        "gha",
        Model,
        "‖W(T2) − W*‖, W* = rows ±e1 … ±ek of the sample C",
        OracleKind.TheoryPrediction,
        "Sanger 1989; ghaTargets; contraction of the measured linearised map",
        CheckLevel.Quick,
        ComparisonSense.AtMost,
        seed =>
        {
            var lin = new Lazy<Linearisation>(() => Linearise(seed));
            double Distance(double[] x) => Math.Sqrt(x.Select((v, q) => (v - lin.Value.Star[q]) * (v - lin.Value.Star[q])).Sum());
            return new CheckCase(
                () => 0.0,
                () => new Measurement(Distance(lin.Value.Final), Details: Invariant($"‖W(T1) − W*‖ = {Distance(lin.Value.AtT1):G3}, ρ = {lin.Value.Rho:G6}")),
                (_, _) =>
                {
                    var v = lin.Value;
                    var e1 = Distance(v.AtT1);
                    var contraction = v.Kappa * Math.Pow(v.Rho, v.Horizon) * e1 * (1 + (8.0 * Outputs * v.NormC * e1 / (1 - v.Rho)));
                    var roundoff = 16.0 * (RateChecks.Samples + (Dimension * Outputs)) * CheckStatistics.UnitRoundoff * Math.Sqrt(Outputs) * v.Kappa / (1 - v.Rho);
                    return new Tolerance(
                        ToleranceKind.RoundingBound,
                        contraction + roundoff,
                        Invariant($"κ ρ^(T2−T1) ‖E(T1)‖ (1 + 8k‖C‖‖E‖/(1−ρ)) = {contraction:G3} + roundoff·κ/(1−ρ) = {roundoff:G3}"),
                        0.0);
                });
        })
    {
        OracleText = "0 (W* reached)",
    };
}
