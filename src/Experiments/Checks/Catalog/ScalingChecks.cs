using static System.FormattableString;
using static Plasticity.Experiments.Theory.VectorMath;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// Synaptic-scaling check (RateRuleProperties "synaptic scaling brings the mean response to its target…"): averaged
/// scaling with a linear neuron multiplies every weight by HebbianTheory.scalingFactor η y_t-form each step, so the
/// mean response s = w·x̄ follows s ← s(1 + η(y_t − s)) exactly; the recurrence is iterated in the prediction.
/// </summary>
public static class ScalingChecks
{
    /// <summary>
    /// Rounding bound on 1 − |cos(w, w₀)| after <paramref name="steps"/> scaling steps: each step multiplies every weight
    /// by the same scalar, rounding each product by ≤ u relative, so after n steps each ratio w_i/w_j is off by
    /// ≤ 2nu relative and the angle to w₀ by ≤ 2nu (1 − cos ≤ ½(2nu)²); the cosine itself is computed with error
    /// ≤ 2(d + 2)u. Width: 2(d + 2)u + ½(2nu)².
    /// </summary>
    /// <param name="steps">Weight updates.</param>
    /// <param name="d">Input dimension.</param>
    public static double DirectionRoundingBound(long steps, int d)
    {
        const double u = 1.1102230246251565e-16; // 2⁻⁵³
        var drift = 2.0 * steps * u;
        return (2.0 * (d + 2) * u) + (0.5 * drift * drift);
    }

    private const int Dimension = 5;
    private const double Eta = 0.2;
    private const double Target = 1.0;
    private const int Steps = 400;

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return new CheckDefinition(
            Invariant($"scaling.mean-response.d{Dimension}"),
            "scaling",
            Invariant($"averaged synaptic scaling, linear neuron, d = {Dimension}, positive-mean Gaussian inputs, η = {Eta}, y_target = {Target}, {Steps} steps from ⟨y⟩ = y_target/2"),
            "mean response ⟨y⟩ = w_T·x̄ over the data",
            OracleKind.ClosedForm,
            "Turrigiano et al. 1998; docs/hebbian-rules.md; HebbianTheory.scalingFactor iterated: s ← s·(1 + η(y_t − s))",
            CheckLevel.Quick,
            ComparisonSense.Within,
            seed =>
            {
                var mean = Enumerable.Repeat(1.0 / Dimension, Dimension).ToArray();
                var data = RateAdapter.Spectral(Dimension, 0.3, RateChecks.Samples, seed, mean).Data;
                var rows = RateAdapter.Rows(data);
                var xBar = Enumerable.Range(0, Dimension).Select(j => rows.Average(x => x[j])).ToArray();
                var raw = Enumerable.Range(0, Dimension).Select(j => 0.5 + (j * 0.1)).ToArray();
                var s0Raw = Dot(raw, xBar);
                var w0 = raw.Select(v => v * 0.5 * Target / s0Raw).ToArray();
                var s0 = Dot(w0, xBar);
                var floor = 2.0 * (rows.Length + Dimension + 8) * CheckStatistics.UnitRoundoff * Target / (Eta * s0);
                return new CheckCase(
                    () =>
                    {
                        var s = s0;
                        for (var k = 0; k < Steps; k++)
                        {
                            s *= HebbianTheory.scalingFactor(Eta, Target, s);
                        }

                        return s;
                    },
                    () =>
                    {
                        var w = ScalingAdapter.Averaged(data, w0, Eta, Target, Steps);
                        return new Measurement(rows.Average(x => Dot(w, x)), Details: Invariant($"s0 = {s0:G4}"));
                    },
                    (_, _) => new Tolerance(ToleranceKind.RoundingBound, floor, "2(n+d+8)u·y_t/(η s0): each step rounds w by ≤ 2(n+d+8)u relative; the recurrence forgets at rate ≥ η s0", 0.0));
            })
        {
            OracleText = "exact scalar recurrence (→ y_target)",
        };
    }
}
