namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// The six coefficients of the second-order Taylor form of a local rule (science sheet §2):
/// Δw = a0 + a1pre·x + a1post·y + a2corr·x·y + a2pre·x² + a2post·y².
/// </summary>
public readonly record struct TaylorCoefficients(double A0, double A1Pre, double A1Post, double A2Corr, double A2Pre, double A2Post)
{
    /// <summary>All coefficients zero.</summary>
    public static TaylorCoefficients Zero => default;

    /// <summary>
    /// The polynomial at (x, y), grouped by the postsynaptic rate, which is fixed along a row:
    /// c0 + x·c1 + (a2pre·x)·x with c0 = a0 + a1post·y + a2post·y·y and c1 = a1pre + a2corr·y.
    /// </summary>
    public double Evaluate(double pre, double post)
    {
        var c0 = A0 + A1Post * post + A2Post * post * post;
        var c1 = A1Pre + A2Corr * post;
        return c0 + pre * c1 + A2Pre * pre * pre;
    }

    /// <summary>Row form of <see cref="Evaluate"/> for a fixed postsynaptic rate; equal to it bit for bit.</summary>
    public void EvaluateRow(ReadOnlySpan<double> pre, double post, Span<double> result, Span<double> scratch)
    {
        var c0 = A0 + A1Post * post + A2Post * post * post;
        var c1 = A1Pre + A2Corr * post;
        System.Numerics.Tensors.TensorPrimitives.Multiply(pre, c1, result);         // x·c1
        System.Numerics.Tensors.TensorPrimitives.Add(result, c0, result);           // c0 + x·c1
        System.Numerics.Tensors.TensorPrimitives.Multiply(pre, A2Pre, scratch);     // a2pre·x
        System.Numerics.Tensors.TensorPrimitives.Multiply(scratch, pre, scratch);   // (a2pre·x)·x
        System.Numerics.Tensors.TensorPrimitives.Add(result, scratch, result);
    }
}
