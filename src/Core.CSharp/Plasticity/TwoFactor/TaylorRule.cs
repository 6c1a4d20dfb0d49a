using System.Numerics.Tensors;

namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// The general second-order Taylor form of a local rule (science sheet §2):
/// Δw = a0 + a1pre·x + a1post·y + a2corr·x·y + a2pre·x² + a2post·y².
/// </summary>
/// <remarks>
/// Evaluated as Δw = c0 + x·c1 + (a2pre·x)·x with c0 = a0 + a1post·y + a2post·y·y and c1 = a1pre + a2corr·y,
/// grouping by the postsynaptic rate, which is fixed along a row. Weight-dependent coefficients are not yet
/// supported (issue 3).
/// </remarks>
public sealed record TaylorRule(double A0, double A1Pre, double A1Post, double A2Corr, double A2Pre, double A2Post) : ILocalRule
{
    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight)
    {
        var c0 = A0 + A1Post * post + A2Post * post * post;
        var c1 = A1Pre + A2Corr * post;
        return c0 + pre * c1 + A2Pre * pre * pre;
    }

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        var c0 = A0 + A1Post * post + A2Post * post * post;
        var c1 = A1Pre + A2Corr * post;
        Span<double> square = pre.Length <= 512 ? stackalloc double[pre.Length] : new double[pre.Length];
        TensorPrimitives.Multiply(pre, c1, delta);          // x·c1
        TensorPrimitives.Add(delta, c0, delta);             // c0 + x·c1
        TensorPrimitives.Multiply(pre, A2Pre, square);      // a2pre·x
        TensorPrimitives.Multiply(square, pre, square);     // (a2pre·x)·x
        TensorPrimitives.Add(delta, square, delta);
    }
}
