using System.Runtime.Intrinsics;
using Plasticity.Core.Numerics;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// The trainer's divergence check of one row, ‖w_i + Δw_i‖ (<see cref="SafeNorm"/> of the candidate row), in one
/// pass over w and Δw without writing the candidate row out.
/// </summary>
/// <remarks>
/// <para><see cref="Reference"/> is what the trainer always computed: c = w + Δw element-wise into a buffer, then
/// <see cref="SafeNorm.Of"/>(c), whose common case is TensorPrimitives.Norm(c) = √(Σ_j c_j²). <see cref="Fused"/>
/// forms each c_j = w_j + Δw_j in a register and accumulates c_j² in the order TensorPrimitives (System.Numerics.Tensors
/// 10, AVX2 path: one Vector256 accumulator, no fused multiply–add) sums the squares — the 4-lane blocks from offset 4
/// in steps of 32 elements, then the first block, then the remaining whole blocks in ascending order, then the last
/// (overlapping) block masked to its trailing elements, then Vector256.Sum and √ — so it returns the same double bit
/// for bit. It is used only where that order is the one TensorPrimitives runs (Vector256 accelerated, Vector512 not,
/// rows of at least 4), and it hands every result that <see cref="SafeNorm"/> would not return as the plain norm
/// (below 1e-150, or overflowed to ∞) back to the reference. A property in tests/Properties (TrainerFastPathTests)
/// checks Fused against Reference bit for bit over lengths 0–1000 and wide dynamic ranges.</para>
/// <para>Why: at 16 outputs × 784 inputs (issue 11, target 4) the check copied each row, added the change and took
/// the norm — three passes over the weights per step — where one suffices. Inner kernel: no validation (callers pass
/// spans of equal length).</para>
/// </remarks>
public static class CandidateNormKernels
{
    /// <summary>The plain norm <see cref="SafeNorm"/> returns as is when it is at least this (its own threshold).</summary>
    private const double SmallestExact = 1e-150;

    /// <summary>True when <see cref="Fused"/> runs its one-pass kernel (the summation order it reproduces is the one TensorPrimitives uses here).</summary>
    public static bool IsFusedExact => Vector256.IsHardwareAccelerated && !Vector512.IsHardwareAccelerated;

    /// <summary>‖w + Δ‖ as <see cref="SafeNorm.Of"/>(w + Δ), via a copy into <paramref name="scratch"/> (the reference).</summary>
    public static double Reference(ReadOnlySpan<double> row, ReadOnlySpan<double> delta, Span<double> scratch)
    {
        TensorPrimitives.Add(row, delta, scratch);
        return SafeNorm.Of(scratch);
    }

    /// <summary>‖w + Δ‖, bit for bit <see cref="Reference"/>, in one pass where possible (<paramref name="scratch"/> is used only for the rare cases handed back).</summary>
    public static double Fused(ReadOnlySpan<double> row, ReadOnlySpan<double> delta, Span<double> scratch)
    {
        if (!IsFusedExact || row.Length < Vector256<double>.Count)
        {
            return Reference(row, delta, scratch);
        }

        var plain = Math.Sqrt(SumOfSquares(row, delta));
        return double.IsNaN(plain) || (double.IsFinite(plain) && plain >= SmallestExact)
            ? plain
            : Reference(row, delta, scratch);
    }

    /// <summary>Σ_j (w_j + Δ_j)² in TensorPrimitives' AVX2 order (see the remarks); length ≥ 4.</summary>
    private static double SumOfSquares(ReadOnlySpan<double> row, ReadOnlySpan<double> delta)
    {
        const int Lanes = 4;
        ref var w = ref MemoryMarshal.GetReference(row);
        ref var d = ref MemoryMarshal.GetReference(delta);
        var n = (nuint)row.Length;
        var acc = Vector256<double>.Zero;

        var beg = Square(ref w, ref d, 0);
        var end = Square(ref w, ref d, n - Lanes);
        nuint start = 0;
        var remainder = n;
        var misaligned = false;
        if (n > Lanes * 8)
        {
            // Doubles are never aligned by TensorPrimitives: it starts one block in and adds the first block later.
            misaligned = true;
            start = Lanes;
            remainder -= Lanes;
            while (remainder >= Lanes * 8)
            {
                for (nuint k = 0; k < 8; k++)
                {
                    acc += Square(ref w, ref d, start + (k * Lanes));
                }

                start += Lanes * 8;
                remainder -= Lanes * 8;
            }
        }

        acc += beg;
        var blocks = remainder / Lanes;
        var trailing = remainder % Lanes;
        if (!misaligned)
        {
            blocks -= 1;
        }

        remainder -= trailing;
        for (var k = blocks; k >= 1; k--)
        {
            acc += Square(ref w, ref d, start + remainder - (k * Lanes));
        }

        // The last block overlaps the previous ones; only its trailing elements are new (the others add +0).
        acc += Vector256.ConditionalSelect(TrailingMask((int)trailing), end, Vector256<double>.Zero);
        return Vector256.Sum(acc);
    }

    private static Vector256<double> Square(ref double w, ref double d, nuint offset)
    {
        var c = Vector256.LoadUnsafe(ref w, offset) + Vector256.LoadUnsafe(ref d, offset);
        return c * c;
    }

    // Lanes 4 − count … 3 set (the last count elements of the block).
    private static Vector256<double> TrailingMask(int count) =>
        Vector256.GreaterThanOrEqual(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)(4 - count)));
}
