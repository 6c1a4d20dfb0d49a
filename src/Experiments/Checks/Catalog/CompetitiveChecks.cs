using static System.FormattableString;
using static Plasticity.Experiments.Theory.VectorMath;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// Competitive-learning check (RateRuleProperties "averaged competitive learning moves each row to the centroid…";
/// Rumelhart &amp; Zipser 1985): with every sample keeping its winner, the averaged map moves row i as
/// w ← w + η p_i (c_i − w), so ‖w_T − c_i‖ = (1 − η p_i)^T ‖w_0 − c_i‖ exactly, c_i = HebbianTheory.instarFixedPoint
/// with y = the win indicator (the centroid of the samples it wins).
/// </summary>
public static class CompetitiveChecks
{
    private const int Dimension = 4;
    private const double Eta = 0.05;
    private const int Steps = 200;

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return new CheckDefinition(
            Invariant($"competitive.centroid-rate.d{Dimension}"),
            "competitive",
            Invariant($"averaged competitive learning, 2 rows started on a sample of each of two clusters (±3·e1, spread 0.3), d = {Dimension}, η = {Eta}, {Steps} steps"),
            "‖w_T − c‖ of the row that wins cluster A",
            OracleKind.ClosedForm,
            "Rumelhart & Zipser 1985; HebbianTheory.instarFixedPoint with y = the win indicator",
            CheckLevel.Quick,
            ComparisonSense.Within,
            seed =>
            {
                var data = CompetitiveAdapter.TwoClusters(Dimension, RateChecks.Samples, seed);
                var rows = RateAdapter.Rows(data);
                int First(bool a) => Array.FindIndex(rows, x => x[0] > 0 == a);
                var w0 = new[] { (double[])rows[First(true)].Clone(), (double[])rows[First(false)].Clone() };
                int WinnerOf(double[][] w, double[] x) => Dot(w[0], x) >= Dot(w[1], x) ? 0 : 1;
                var wins = rows.Select(x => WinnerOf(w0, x) == 0 ? 1.0 : 0.0).ToArray();
                var p = wins.Average();
                var centroid = HebbianTheory.instarFixedPoint(rows, wins);
                double Distance(double[] w) => Math.Sqrt(w.Select((v, j) => (v - centroid[j]) * (v - centroid[j])).Sum());
                return new CheckCase(
                    () => Math.Pow(1 - (Eta * p), Steps) * Distance(w0[0]),
                    () =>
                    {
                        var (final, diverged) = CompetitiveAdapter.Averaged(data, w0, Eta, Steps);
                        var kept = rows.All(x => WinnerOf(w0, x) == WinnerOf(final, x));
                        return new Measurement(diverged || !kept ? double.NaN : Distance(final[0]), Details: Invariant($"p_A = {p:G3}, ‖w0 − c‖ = {Distance(w0[0]):G4}; every sample kept its winner: {kept}"));
                    },
                    (_, _) =>
                    {
                        var roundoff = 4.0 * (RateChecks.Samples + 8) * CheckStatistics.UnitRoundoff * 4.0 / (Eta * p) * Math.Sqrt(Dimension);
                        return new Tolerance(ToleranceKind.RoundingBound, roundoff, "4(n+8)u·max|x|/(η p)·√d: per step the mean and the update round by ≤ (n+8)u·max|x|; the map contracts at η p", 0.0);
                    });
            })
        {
            OracleText = "(1 − η p)^T ‖w0 − c‖ (exact geometric rate)",
        };
    }
}
