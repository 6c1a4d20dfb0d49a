namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// The general second-order Taylor form of a local rule with coefficients that may depend on the weight
/// (science sheet §2): Δw = a0(w) + a1pre(w)·x + a1post(w)·y + a2corr(w)·x·y + a2pre(w)·x² + a2post(w)·y²,
/// with each coefficient affine in w: a_k(w) = c_k + d_k·w.
/// </summary>
/// <remarks>
/// Affine dependence covers the named weight-dependent rules: Oja's η (x y − α y² w) (α in units of η, see OjaRule) is c2corr = η, d2post = −η α;
/// soft-bounded Hebb η x y (w_max − w) is c2corr = η w_max, d2corr = −η; decay towards zero is d0 = −c.
/// Any other dependence is a rule of its own implementing <see cref="ILocalRule"/>.
/// Evaluation: Δw = P_c(x, y) + w·P_d(x, y), each polynomial by <see cref="TaylorCoefficients.Evaluate"/>.
/// </remarks>
/// <param name="Constant">The weight-independent coefficients c_k.</param>
/// <param name="WeightSlope">The weight slopes d_k (all zero for a constant-coefficient rule).</param>
public sealed record TaylorRule(TaylorCoefficients Constant, TaylorCoefficients WeightSlope) : ILocalRule
{
    /// <summary>Weight-independent coefficients (finite).</summary>
    public TaylorCoefficients Constant { get; } = RuleArguments.Coefficients.Finite(Constant, nameof(Constant));

    /// <summary>Weight slopes (finite).</summary>
    public TaylorCoefficients WeightSlope { get; } = RuleArguments.Coefficients.Finite(WeightSlope, nameof(WeightSlope));

    /// <summary>A rule with constant coefficients.</summary>
    public TaylorRule(double a0, double a1Pre, double a1Post, double a2Corr, double a2Pre, double a2Post)
        : this(new TaylorCoefficients(a0, a1Pre, a1Post, a2Corr, a2Pre, a2Post), TaylorCoefficients.Zero)
    {
    }

    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight) =>
        Constant.Evaluate(pre, post) + weight * WeightSlope.Evaluate(pre, post);

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        var n = pre.Length;
        var buffer = n <= 256 ? stackalloc double[2 * n] : new double[2 * n];
        var slope = buffer[..n];
        var scratch = buffer[n..];
        Constant.EvaluateRow(pre, post, delta, scratch);
        WeightSlope.EvaluateRow(pre, post, slope, scratch);
        TensorPrimitives.Multiply(weights, slope, slope);   // w·P_d
        TensorPrimitives.Add(delta, slope, delta);
    }
}
