using Microsoft.FSharp.Core;

namespace Plasticity.Cli.Theory;

/// <summary>
/// Chooses and evaluates the analytical prediction (from <see cref="HopfieldTheory"/>) that matches a capacity
/// measurement, so that CSV rows, the z-score and the plotted curves all use the same law.
/// </summary>
/// <remarks>
/// The F# theory describes the Hebbian rule with a zero diagonal and random unbiased patterns, which is what the
/// core simulates for <c>--rule hebb --diagonal zero</c>. Storkey, pseudo-inverse and a kept diagonal (w_ii = P/N
/// adds a self-coupling that stabilises every bit) have no closed-form law here, so their theory is left empty rather
/// than compared against the wrong formula.
/// <list type="bullet">
/// <item>one-step, no cue flips: exact finite-N binomial law, its Gaussian (exact-variance) approximation and the
/// large-N limit ½erfc(1/√(2α)); overlap = 1 − 2·error.</item>
/// <item>one-step from a cue with k = round(f·N) flipped bits: exact first-step overlap law; error = (1 − m)/2;
/// large-N error (1 − erf(m0/√(2α)))/2 with m0 = 1 − 2k/N.</item>
/// <item>fixed point: the Amit–Gutfreund–Sompolinsky retrieval overlap m(α) (none above α_c); error = (1 − m)/2.
/// It is an N → ∞ replica-symmetric result for a start at the pattern; finite N and cues shift the data.</item>
/// </list>
/// </remarks>
public static class CapacityTheory
{
    /// <summary>The AGS critical point (α_c ≈ 0.138, m(α_c) ≈ 0.967).</summary>
    public static AgsCriticalPoint Critical => HopfieldTheory.agsCriticalLoad();

    /// <summary>Whether any theory applies to these settings.</summary>
    public static bool Applies(CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Rule == StorageRule.Hebbian && settings.Diagonal == DiagonalConvention.Zero;
    }

    /// <summary>Theory for one point (N, P = round(αN)).</summary>
    public static TheoryValues For(CapacityPoint point, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Applies(settings) || point.P < 1)
        {
            return TheoryValues.None;
        }

        return settings.Measure == CapacityMeasure.OneStep
            ? OneStep(point.N, point.P, point.Alpha, PatternOps.FlipCount(point.N, settings.CueFlip))
            : FixedPoint(point.Alpha);
    }

    /// <summary>
    /// One-step theory at N units and P patterns (load α is P/N for the exact laws and the nominal α for the large-N
    /// limit), cue with <paramref name="flips"/> flipped bits.
    /// </summary>
    public static TheoryValues OneStep(int n, int p, double alpha, int flips)
    {
        var neurons = Neurons.NewNeurons(n);
        var patterns = Patterns.NewPatterns(p);
        if (flips == 0)
        {
            var exact = HopfieldTheory.oneStepErrorExact(neurons, patterns);
            return new TheoryValues(
                exact,
                1.0 - 2.0 * exact,
                HopfieldTheory.oneStepErrorExactVariance(neurons, patterns),
                HopfieldTheory.oneStepErrorLargeN(alpha));
        }

        var overlap = HopfieldTheory.firstStepOverlapExact(neurons, patterns, flips);
        var m0 = HopfieldTheory.cueOverlap(neurons, flips);
        var largeN = (1.0 - HopfieldTheory.firstStepOverlapLargeN(alpha, m0)) / 2.0;
        return new TheoryValues((1.0 - overlap) / 2.0, overlap, null, largeN);
    }

    /// <summary>Fixed-point theory: AGS overlap m(α) and error (1 − m)/2; none above α_c.</summary>
    public static TheoryValues FixedPoint(double alpha)
    {
        var m = AgsOverlap(alpha);
        return m is double overlap
            ? new TheoryValues((1.0 - overlap) / 2.0, overlap, null, null)
            : TheoryValues.None;
    }

    /// <summary>AGS retrieval overlap m(α), or null above α_c.</summary>
    public static double? AgsOverlap(double alpha)
    {
        var m = HopfieldTheory.agsRetrievalOverlap(alpha);
        return m is { } some ? some.Value : null;
    }

    /// <summary>z = (measured − theory)/SE; null when the theory or the SE is missing or the SE is 0.</summary>
    public static double? ZScore(double measuredError, double? theoryError, double standardError) =>
        theoryError is double theory && standardError > 0 && double.IsFinite(standardError)
            ? (measuredError - theory) / standardError
            : null;
}
