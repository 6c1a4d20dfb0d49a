namespace Plasticity.Core.Plasticity;

/// <summary>
/// Argument checks of the rule descriptions beyond <see cref="ParameterChecks"/> (finite, &gt; 0, ≥ 0): one-line
/// messages naming the parameter and its range.
/// </summary>
internal static class RuleArguments
{
    public static double Rate(double value, string name, bool allowZero) =>
        (allowZero ? value >= 0 : value > 0) && value <= 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in {(allowZero ? "[0, 1]" : "(0, 1]")}.");

    public static TaylorCoefficientsCheck Coefficients => default;

    /// <summary>Marker to keep the Taylor check next to the others.</summary>
    internal readonly struct TaylorCoefficientsCheck
    {
        public TwoFactor.TaylorCoefficients Finite(TwoFactor.TaylorCoefficients c, string name)
        {
            foreach (var v in new[] { c.A0, c.A1Pre, c.A1Post, c.A2Corr, c.A2Pre, c.A2Post })
            {
                if (!double.IsFinite(v))
                {
                    throw new ArgumentOutOfRangeException(name, v, $"every {name} coefficient must be finite.");
                }
            }

            return c;
        }
    }
}
