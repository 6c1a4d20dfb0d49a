using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// Σ_j t(a_j, b_j) over rows of length n, summed in exactly the order System.Numerics.Tensors 10 aggregates a span of
/// doubles on the AVX2 path (TensorPrimitives.Dot with t = a·b, TensorPrimitives.SumOfSquares/Norm with t = c²), for
/// one row or four rows in one pass (four independent accumulators, so the four add chains overlap in the pipeline).
/// </summary>
/// <remarks>
/// <para>The order, for n ≥ 4 (one Vector256 accumulator, starting at +0, each term added once, no fused
/// multiply–add): when n &gt; 32, the 4-lane blocks at offsets 4, 8, …, in runs of 8 blocks while at least 32
/// elements remain after offset 4 (doubles are never realigned); then the first block (offset 0); then the remaining
/// whole blocks in ascending order (for n ≤ 32 those after the first block); then the last block (offset n − 4)
/// with only its last n mod 4 lanes kept (the others add +0); then Vector256.Sum. Callers use this only where
/// TensorPrimitives takes that path (Vector256 accelerated, Vector512 not, n ≥ 4) — see
/// <see cref="CandidateNormKernels.IsFusedExact"/>; properties in tests/Properties (TrainerFastPathTests) compare both
/// sums with TensorPrimitives bit for bit over lengths 4–1000.</para>
/// <para>Inner kernel: no validation.</para>
/// </remarks>
internal static class RowSums
{
    private const int Lanes = 4;

    /// <summary>The term t(a, b), lane-wise.</summary>
    public interface IPairTerm
    {
        /// <summary>t(a, b) for four lanes.</summary>
        static abstract Vector256<double> Invoke(Vector256<double> a, Vector256<double> b);
    }

    /// <summary>Σ_j t(a_j, b_j) over one row of length n ≥ 4.</summary>
    public static double One<T>(ref double a, ref double b, int length)
        where T : struct, IPairTerm
    {
        var n = (nuint)length;
        var acc = Vector256<double>.Zero;
        var beg = T.Invoke(Vector256.LoadUnsafe(ref a), Vector256.LoadUnsafe(ref b));
        var end = T.Invoke(Vector256.LoadUnsafe(ref a, n - Lanes), Vector256.LoadUnsafe(ref b, n - Lanes));
        var (start, remainder, misaligned) = Head(n);
        for (var o = start; o < start + HeadLength(n); o += Lanes)
        {
            acc += T.Invoke(Vector256.LoadUnsafe(ref a, o), Vector256.LoadUnsafe(ref b, o));
        }

        start += HeadLength(n);
        acc += beg;
        var (from, to, trailing) = Tail(start, remainder, misaligned);
        for (var o = from; o < to; o += Lanes)
        {
            acc += T.Invoke(Vector256.LoadUnsafe(ref a, o), Vector256.LoadUnsafe(ref b, o));
        }

        acc += Vector256.ConditionalSelect(TrailingMask(trailing), end, Vector256<double>.Zero);
        return Vector256.Sum(acc);
    }

    /// <summary>
    /// The sums of four rows: row k of a starts at a + k·strideA and is paired with b + k·strideB (strideB = 0: every
    /// row with the same b); <paramref name="sums"/>[k] is bit for bit <see cref="One{T}"/> of row k.
    /// </summary>
    public static void Four<T>(ref double a, int strideA, ref double b, int strideB, int length, Span<double> sums)
        where T : struct, IPairTerm
    {
        var n = (nuint)length;
        ref var a0 = ref a;
        ref var a1 = ref Unsafe.Add(ref a, strideA);
        ref var a2 = ref Unsafe.Add(ref a, 2 * strideA);
        ref var a3 = ref Unsafe.Add(ref a, 3 * strideA);
        ref var b0 = ref b;
        ref var b1 = ref Unsafe.Add(ref b, strideB);
        ref var b2 = ref Unsafe.Add(ref b, 2 * strideB);
        ref var b3 = ref Unsafe.Add(ref b, 3 * strideB);
        Vector256<double> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        var (start, remainder, misaligned) = Head(n);
        var head = HeadLength(n);
        for (var o = start; o < start + head; o += Lanes)
        {
            acc0 += T.Invoke(Vector256.LoadUnsafe(ref a0, o), Vector256.LoadUnsafe(ref b0, o));
            acc1 += T.Invoke(Vector256.LoadUnsafe(ref a1, o), Vector256.LoadUnsafe(ref b1, o));
            acc2 += T.Invoke(Vector256.LoadUnsafe(ref a2, o), Vector256.LoadUnsafe(ref b2, o));
            acc3 += T.Invoke(Vector256.LoadUnsafe(ref a3, o), Vector256.LoadUnsafe(ref b3, o));
        }

        start += head;
        acc0 += T.Invoke(Vector256.LoadUnsafe(ref a0), Vector256.LoadUnsafe(ref b0));
        acc1 += T.Invoke(Vector256.LoadUnsafe(ref a1), Vector256.LoadUnsafe(ref b1));
        acc2 += T.Invoke(Vector256.LoadUnsafe(ref a2), Vector256.LoadUnsafe(ref b2));
        acc3 += T.Invoke(Vector256.LoadUnsafe(ref a3), Vector256.LoadUnsafe(ref b3));
        var (from, to, trailing) = Tail(start, remainder, misaligned);
        for (var o = from; o < to; o += Lanes)
        {
            acc0 += T.Invoke(Vector256.LoadUnsafe(ref a0, o), Vector256.LoadUnsafe(ref b0, o));
            acc1 += T.Invoke(Vector256.LoadUnsafe(ref a1, o), Vector256.LoadUnsafe(ref b1, o));
            acc2 += T.Invoke(Vector256.LoadUnsafe(ref a2, o), Vector256.LoadUnsafe(ref b2, o));
            acc3 += T.Invoke(Vector256.LoadUnsafe(ref a3, o), Vector256.LoadUnsafe(ref b3, o));
        }

        var mask = TrailingMask(trailing);
        var last = n - Lanes;
        sums[0] = Vector256.Sum(acc0 + Vector256.ConditionalSelect(mask, T.Invoke(Vector256.LoadUnsafe(ref a0, last), Vector256.LoadUnsafe(ref b0, last)), Vector256<double>.Zero));
        sums[1] = Vector256.Sum(acc1 + Vector256.ConditionalSelect(mask, T.Invoke(Vector256.LoadUnsafe(ref a1, last), Vector256.LoadUnsafe(ref b1, last)), Vector256<double>.Zero));
        sums[2] = Vector256.Sum(acc2 + Vector256.ConditionalSelect(mask, T.Invoke(Vector256.LoadUnsafe(ref a2, last), Vector256.LoadUnsafe(ref b2, last)), Vector256<double>.Zero));
        sums[3] = Vector256.Sum(acc3 + Vector256.ConditionalSelect(mask, T.Invoke(Vector256.LoadUnsafe(ref a3, last), Vector256.LoadUnsafe(ref b3, last)), Vector256<double>.Zero));
    }

    // The main loop: for n > 32 it starts one block in and covers 32·⌊(n − 4)/32⌋ elements.
    internal static (nuint Start, nuint Remainder, bool Misaligned) Head(nuint n) =>
        n > Lanes * 8 ? ((nuint)Lanes, n - Lanes, true) : ((nuint)0, n, false);

    internal static nuint HeadLength(nuint n) => n > Lanes * 8 ? (n - Lanes) / (Lanes * 8) * (Lanes * 8) : 0;

    // The whole blocks after the main loop [from, to) and the count of trailing elements of the masked last block.
    internal static (nuint From, nuint To, int Trailing) Tail(nuint start, nuint remainder, bool misaligned)
    {
        var left = misaligned ? remainder - (HeadLengthFromRemainder(remainder)) : remainder;
        var trailing = left % Lanes;
        var whole = left - trailing;
        var from = misaligned ? start : start + Lanes;
        return (from, start + whole, (int)trailing);
    }

    private static nuint HeadLengthFromRemainder(nuint remainder) => remainder / (Lanes * 8) * (Lanes * 8);

    // Lanes 4 − count … 3 set (the last count elements of the block).
    internal static Vector256<double> TrailingMask(int count) =>
        Vector256.GreaterThanOrEqual(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)(Lanes - count))).AsDouble();
}
