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
/// for bit; where Vector512 is accelerated (AVX-512) TensorPrimitives runs the same scheme on 8-lane blocks, and so does
/// Fused (<see cref="IsWide"/>, rows of at least 8). It hands every result that <see cref="SafeNorm"/> would not return as the plain norm
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

    /// <summary>
    /// True when <see cref="Fused"/> runs its one-pass kernel (the summation order it reproduces is the one
    /// TensorPrimitives uses here: Vector256 blocks, or Vector512 blocks where AVX-512 is accelerated, see
    /// <see cref="IsWide"/>), for rows of at least <see cref="FusedMinimumLength"/>.
    /// </summary>
    public static bool IsFusedExact => Vector256.IsHardwareAccelerated || Vector512.IsHardwareAccelerated;

    /// <summary>True when TensorPrimitives aggregates doubles in 8-lane Vector512 blocks here (AVX-512), false: 4-lane Vector256 blocks.</summary>
    public static bool IsWide => Vector512.IsHardwareAccelerated;

    /// <summary>The shortest row the fused kernels take: one whole vector (4 doubles, or 8 where <see cref="IsWide"/>); TensorPrimitives sums shorter rows another way.</summary>
    public static int FusedMinimumLength => IsWide ? Vector512<double>.Count : Vector256<double>.Count;

    /// <summary>‖w + Δ‖ as <see cref="SafeNorm.Of"/>(w + Δ), via a copy into <paramref name="scratch"/> (the reference).</summary>
    public static double Reference(ReadOnlySpan<double> row, ReadOnlySpan<double> delta, Span<double> scratch)
    {
        TensorPrimitives.Add(row, delta, scratch);
        return SafeNorm.Of(scratch);
    }

    /// <summary>‖w + Δ‖, bit for bit <see cref="Reference"/>, in one pass where possible (<paramref name="scratch"/> is used only for the rare cases handed back).</summary>
    public static double Fused(ReadOnlySpan<double> row, ReadOnlySpan<double> delta, Span<double> scratch)
    {
        if (!IsFusedExact || row.Length < FusedMinimumLength)
        {
            return Reference(row, delta, scratch);
        }

        var plain = Math.Sqrt(SumOfSquares(row, delta));
        return double.IsNaN(plain) || (double.IsFinite(plain) && plain >= SmallestExact)
            ? plain
            : Reference(row, delta, scratch);
    }

    /// <summary>
    /// The largest ‖w_i + Δ_i‖ over the rows of a dense row-major <paramref name="matrix"/> (<paramref name="rows"/> ×
    /// n, n = <paramref name="scratch"/>.Length) and the change <paramref name="delta"/> of the same shape, or the
    /// first NaN norm, row by row in order — what the trainer's check loop returns, each norm bit for bit
    /// <see cref="Reference"/>. Four rows share one pass so their four summation chains overlap.
    /// </summary>
    public static double LargestFused(ReadOnlySpan<double> matrix, ReadOnlySpan<double> delta, int rows, Span<double> scratch)
    {
        var n = scratch.Length;
        var largest = 0.0;
        var i = 0;
        if (IsFusedExact && n >= FusedMinimumLength)
        {
            Span<double> sums = stackalloc double[4];
            var wide = IsWide;
            for (; i + 4 <= rows; i += 4)
            {
                ref var a = ref MemoryMarshal.GetReference(matrix.Slice(i * n));
                ref var b = ref MemoryMarshal.GetReference(delta.Slice(i * n));
                if (wide)
                {
                    RowSums.Four<Vector512<double>, VectorOps, CandidateSquare>(ref a, n, ref b, n, n, sums);
                }
                else
                {
                    RowSums.Four<Vector256<double>, VectorOps, CandidateSquare>(ref a, n, ref b, n, n, sums);
                }

                for (var k = 0; k < 4; k++)
                {
                    var row = i + k;
                    var plain = Math.Sqrt(sums[k]);
                    var norm = double.IsNaN(plain) || (double.IsFinite(plain) && plain >= SmallestExact)
                        ? plain
                        : Reference(matrix.Slice(row * n, n), delta.Slice(row * n, n), scratch);
                    if (double.IsNaN(norm))
                    {
                        return norm;
                    }

                    largest = Math.Max(largest, norm);
                }
            }
        }

        for (; i < rows; i++)
        {
            var norm = Fused(matrix.Slice(i * n, n), delta.Slice(i * n, n), scratch);
            if (double.IsNaN(norm))
            {
                return norm;
            }

            largest = Math.Max(largest, norm);
        }

        return largest;
    }

    /// <summary>
    /// The largest ‖w_i + Δ_i‖ (or the first NaN), as <see cref="LargestFused"/>, from sums of squares already taken in
    /// TensorPrimitives' order (<see cref="ICandidateSquares"/>): √ of each, with the rows SafeNorm would rescale
    /// recomputed by <see cref="Reference"/>.
    /// </summary>
    internal static double LargestFromSquares(ReadOnlySpan<double> squares, ReadOnlySpan<double> matrix, ReadOnlySpan<double> delta, Span<double> scratch)
    {
        var n = scratch.Length;
        var largest = 0.0;
        for (var row = 0; row < squares.Length; row++)
        {
            var plain = Math.Sqrt(squares[row]);
            var norm = double.IsNaN(plain) || (double.IsFinite(plain) && plain >= SmallestExact)
                ? plain
                : Reference(matrix.Slice(row * n, n), delta.Slice(row * n, n), scratch);
            if (double.IsNaN(norm))
            {
                return norm;
            }

            largest = Math.Max(largest, norm);
        }

        return largest;
    }

    /// <summary>
    /// <see cref="LargestFromSquares"/> when the candidate rows c_i = w_i + Δ_i are already written out (row-major in
    /// <paramref name="candidates"/>, rows of length n): the rows SafeNorm would rescale are SafeNorm.Of(c_i), which is
    /// what <see cref="Reference"/> computes from w_i and Δ_i, so each norm and the result are the same bit for bit.
    /// Each row's norm is also written to <paramref name="norms"/> (up to the first NaN row).
    /// </summary>
    internal static double LargestFromCandidateSquares(ReadOnlySpan<double> squares, ReadOnlySpan<double> candidates, int n, Span<double> norms)
    {
        var largest = 0.0;
        for (var row = 0; row < squares.Length; row++)
        {
            var plain = Math.Sqrt(squares[row]);
            var norm = double.IsNaN(plain) || (double.IsFinite(plain) && plain >= SmallestExact)
                ? plain
                : SafeNorm.Of(candidates.Slice(row * n, n));
            norms[row] = norm;
            if (double.IsNaN(norm))
            {
                return norm;
            }

            largest = Math.Max(largest, norm);
        }

        return largest;
    }

    /// <summary>Σ_j (w_j + Δ_j)² in TensorPrimitives' order here (see the remarks); length ≥ <see cref="FusedMinimumLength"/>.</summary>
    private static double SumOfSquares(ReadOnlySpan<double> row, ReadOnlySpan<double> delta) =>
        IsWide
            ? RowSums.One<Vector512<double>, VectorOps, CandidateSquare>(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(delta), row.Length)
            : RowSums.One<Vector256<double>, VectorOps, CandidateSquare>(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(delta), row.Length);

    /// <summary>(w + Δ)², lane-wise: the element TensorPrimitives.Norm squares after the trainer's Add.</summary>
    private readonly struct CandidateSquare : RowSums.IPairTerm
    {
        static TVector RowSums.IPairTerm.Invoke<TVector, TOps>(TVector a, TVector b)
        {
            var c = TOps.Add(a, b);
            return TOps.Multiply(c, c);
        }
    }
}
