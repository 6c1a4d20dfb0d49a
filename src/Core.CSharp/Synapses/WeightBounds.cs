namespace Plasticity.Core.Synapses;

/// <summary>
/// The hard bounds a weight store enforces on every write: w ← clamp(w + Δw, Lower, Upper). Bounds are a policy of
/// the store (an ideal matrix, a device with its own conductance range), not of the rule; a weight dependence that
/// scales the step by the current weight (soft bounds, Gütig's μ) stays in the rule.
/// </summary>
/// <param name="Lower">Smallest weight (may be −∞).</param>
/// <param name="Upper">Largest weight (may be +∞).</param>
public readonly record struct WeightBounds(double Lower, double Upper)
{
    /// <summary>No bounds: (−∞, +∞). Writes are exact additions.</summary>
    public static WeightBounds None { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Whether both bounds are infinite (every write is an exact w + Δw).</summary>
    public bool IsUnbounded => double.IsNegativeInfinity(Lower) && double.IsPositiveInfinity(Upper);

    /// <summary>clamp(w, Lower, Upper); NaN stays NaN so divergence is never hidden by a bound.</summary>
    public double Clamp(double w) => w < Lower ? Lower : w > Upper ? Upper : w;

    /// <summary>Throws unless Lower ≤ Upper and neither is NaN.</summary>
    public WeightBounds Validated(string parameterName) =>
        Lower <= Upper ? this
        : throw new ArgumentOutOfRangeException(parameterName, $"weight bounds need lower ≤ upper (no NaN); got [{Lower}, {Upper}].");
}
