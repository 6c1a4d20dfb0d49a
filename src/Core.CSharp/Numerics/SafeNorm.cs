namespace Plasticity.Core.Numerics;

/// <summary>
/// The Euclidean norm ‖v‖ without spurious overflow: finite for every finite vector whose norm is representable
/// (entries up to 1.7e308), +∞ when the norm exceeds double.MaxValue or an entry is infinite, NaN when an entry is NaN.
/// </summary>
/// <remarks>
/// The plain Σ v² overflows once an entry exceeds about 1.3e154, so a vector of finite weights would be reported as
/// having an infinite norm. The fast plain sum is used whenever it is safe (it is what every other norm in the toolkit
/// computes, so results stay bit-identical); otherwise the vector is scaled by its largest magnitude m first:
/// ‖v‖ = m·sqrt(Σ (v_j/m)²) (LAPACK's dnrm2 idea).
/// </remarks>
public static class SafeNorm
{
    /// <summary>Below this the plain sum may have lost digits to underflow (√(smallest normal) ≈ 1.5e-154).</summary>
    private const double SmallestExact = 1e-150;

    /// <summary>‖<paramref name="v"/>‖₂.</summary>
    public static double Of(ReadOnlySpan<double> v)
    {
        var plain = TensorPrimitives.Norm(v);
        if (double.IsNaN(plain) || (double.IsFinite(plain) && plain >= SmallestExact) || v.IsEmpty)
        {
            return plain;
        }

        var largest = Math.Abs(TensorPrimitives.MaxMagnitude(v));
        if (double.IsNaN(largest) || double.IsInfinity(largest) || largest == 0)
        {
            return largest;
        }

        var sum = 0.0;
        foreach (var x in v)
        {
            var scaled = x / largest;
            sum += scaled * scaled;
        }

        return largest * Math.Sqrt(sum);
    }
}
