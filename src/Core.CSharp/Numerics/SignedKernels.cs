using System.Numerics;

namespace Plasticity.Core.Numerics;

/// <summary>
/// Integer kernels on vectors of signed units stored as <see cref="sbyte"/> with entries in {−1, 0, +1}.
/// </summary>
/// <remarks>
/// Hebbian fields are integers times 1/N, so computing them in integer arithmetic makes every path
/// (dense matrix, overlaps, incremental tracking) exact and bit-identical. Each SIMD kernel has a scalar
/// reference kernel it is tested against exactly. Inner kernels do not validate: callers guarantee equal
/// lengths and entries in {−1, 0, +1}.
/// </remarks>
public static class SignedKernels
{
    /// <summary>Reference: Σ_i a_i b_i.</summary>
    public static int DotReference(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var s = 0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    /// <summary>Σ_i a_i b_i, vectorised. Entries must be in {−1, 0, +1} so that products fit in a byte.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var n = a.Length;
        var i = 0;
        var sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<sbyte>.Count)
        {
            var acc = Vector<int>.Zero;
            var va = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(a);
            var vb = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(b);
            // Partial sums in 16-bit lanes are flushed to 32 bits every block so they cannot overflow.
            const int block = 256;
            for (var start = 0; start < va.Length; start += block)
            {
                var acc16 = Vector<short>.Zero;
                var end = Math.Min(va.Length, start + block);
                for (var k = start; k < end; k++)
                {
                    var p = va[k] * vb[k];
                    Vector.Widen(p, out var lo, out var hi);
                    acc16 += lo + hi;
                }

                Vector.Widen(acc16, out var l32, out var h32);
                acc += l32 + h32;
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<sbyte>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Reference: acc_i += scale · x_i.</summary>
    public static void MultiplyAddReference(ReadOnlySpan<sbyte> x, int scale, Span<int> acc)
    {
        for (var i = 0; i < x.Length; i++)
        {
            acc[i] += scale * x[i];
        }
    }

    /// <summary>acc_i += scale · x_i, vectorised (32-bit accumulators).</summary>
    public static void MultiplyAdd(ReadOnlySpan<sbyte> x, int scale, Span<int> acc)
    {
        var n = x.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<sbyte>.Count)
        {
            var vx = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(x);
            var vacc = MemoryMarshal.Cast<int, Vector<int>>(acc[..(vx.Length * Vector<sbyte>.Count)]);
            var vs = new Vector<int>(scale);
            for (var k = 0; k < vx.Length; k++)
            {
                Vector.Widen(vx[k], out var lo16, out var hi16);
                Vector.Widen(lo16, out var a, out var b);
                Vector.Widen(hi16, out var c, out var d);
                var o = 4 * k;
                vacc[o] += a * vs;
                vacc[o + 1] += b * vs;
                vacc[o + 2] += c * vs;
                vacc[o + 3] += d * vs;
            }

            i = vx.Length * Vector<sbyte>.Count;
        }

        for (; i < n; i++)
        {
            acc[i] += scale * x[i];
        }
    }

    /// <summary>Number of positions where a and b differ.</summary>
    public static int CountDifferences(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var c = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                c++;
            }
        }

        return c;
    }
}
