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
/// TensorPrimitives takes that path (Vector256 accelerated, Vector512 not, n ≥ 4; the 8-lane form below otherwise) — see
/// <see cref="CandidateNormKernels.IsFusedExact"/>; properties in tests/Properties (TrainerFastPathTests) compare both
/// sums with TensorPrimitives bit for bit over lengths 4–1000.</para>
/// <para>Where Vector512 is accelerated (AVX-512), TensorPrimitives runs the same scheme on 8-lane Vector512 blocks
/// (main loop from offset 8 while n &gt; 64, in runs of 64 elements; first block; remaining whole blocks; last block
/// at n − 8 masked to its n mod 8 trailing lanes; Vector512.Sum), for n ≥ 8: <see cref="One512{T}"/> and
/// <see cref="Four512{T}"/> (the same properties run them on such a machine).</para>
/// <para>Inner kernel: no validation.</para>
/// </remarks>
internal static class RowSums
{
    private const int Lanes = 4;
    private const int WideLanes = 8;

    /// <summary>The term t(a, b), lane-wise.</summary>
    public interface IPairTerm
    {
        /// <summary>t(a, b) for four lanes.</summary>
        static abstract Vector256<double> Invoke(Vector256<double> a, Vector256<double> b);

        /// <summary>t(a, b) for eight lanes (the same operations per lane).</summary>
        static abstract Vector512<double> Invoke(Vector512<double> a, Vector512<double> b);
    }

    /// <summary>Σ_j t(a_j, b_j) over one row of length n ≥ 4.</summary>
    public static double One<T>(ref double a, ref double b, int length)
        where T : struct, IPairTerm
    {
        var n = (nuint)length;
        var acc = Vector256<double>.Zero;
        var stop = HeadEnd(n, Lanes);
        for (nuint o = Lanes; o < stop; o += Lanes)
        {
            acc += T.Invoke(Vector256.LoadUnsafe(ref a, o), Vector256.LoadUnsafe(ref b, o));
        }

        acc += T.Invoke(Vector256.LoadUnsafe(ref a), Vector256.LoadUnsafe(ref b));
        var to = WholeEnd(n, Lanes);
        for (var o = stop; o < to; o += Lanes)
        {
            acc += T.Invoke(Vector256.LoadUnsafe(ref a, o), Vector256.LoadUnsafe(ref b, o));
        }

        var last = n - Lanes;
        acc += Vector256.ConditionalSelect(TrailingMask((int)(n % Lanes)), T.Invoke(Vector256.LoadUnsafe(ref a, last), Vector256.LoadUnsafe(ref b, last)), Vector256<double>.Zero);
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
        var stop = HeadEnd(n, Lanes);
        for (nuint o = Lanes; o < stop; o += Lanes)
        {
            acc0 += T.Invoke(Vector256.LoadUnsafe(ref a0, o), Vector256.LoadUnsafe(ref b0, o));
            acc1 += T.Invoke(Vector256.LoadUnsafe(ref a1, o), Vector256.LoadUnsafe(ref b1, o));
            acc2 += T.Invoke(Vector256.LoadUnsafe(ref a2, o), Vector256.LoadUnsafe(ref b2, o));
            acc3 += T.Invoke(Vector256.LoadUnsafe(ref a3, o), Vector256.LoadUnsafe(ref b3, o));
        }

        acc0 += T.Invoke(Vector256.LoadUnsafe(ref a0), Vector256.LoadUnsafe(ref b0));
        acc1 += T.Invoke(Vector256.LoadUnsafe(ref a1), Vector256.LoadUnsafe(ref b1));
        acc2 += T.Invoke(Vector256.LoadUnsafe(ref a2), Vector256.LoadUnsafe(ref b2));
        acc3 += T.Invoke(Vector256.LoadUnsafe(ref a3), Vector256.LoadUnsafe(ref b3));
        var to = WholeEnd(n, Lanes);
        for (var o = stop; o < to; o += Lanes)
        {
            acc0 += T.Invoke(Vector256.LoadUnsafe(ref a0, o), Vector256.LoadUnsafe(ref b0, o));
            acc1 += T.Invoke(Vector256.LoadUnsafe(ref a1, o), Vector256.LoadUnsafe(ref b1, o));
            acc2 += T.Invoke(Vector256.LoadUnsafe(ref a2, o), Vector256.LoadUnsafe(ref b2, o));
            acc3 += T.Invoke(Vector256.LoadUnsafe(ref a3, o), Vector256.LoadUnsafe(ref b3, o));
        }

        var mask = TrailingMask((int)(n % Lanes));
        var last = n - Lanes;
        sums[0] = Vector256.Sum(acc0 + Vector256.ConditionalSelect(mask, T.Invoke(Vector256.LoadUnsafe(ref a0, last), Vector256.LoadUnsafe(ref b0, last)), Vector256<double>.Zero));
        sums[1] = Vector256.Sum(acc1 + Vector256.ConditionalSelect(mask, T.Invoke(Vector256.LoadUnsafe(ref a1, last), Vector256.LoadUnsafe(ref b1, last)), Vector256<double>.Zero));
        sums[2] = Vector256.Sum(acc2 + Vector256.ConditionalSelect(mask, T.Invoke(Vector256.LoadUnsafe(ref a2, last), Vector256.LoadUnsafe(ref b2, last)), Vector256<double>.Zero));
        sums[3] = Vector256.Sum(acc3 + Vector256.ConditionalSelect(mask, T.Invoke(Vector256.LoadUnsafe(ref a3, last), Vector256.LoadUnsafe(ref b3, last)), Vector256<double>.Zero));
    }

    /// <summary>
    /// <see cref="One{T}"/> in TensorPrimitives' AVX-512 order (where Vector512 is accelerated): the same scheme with
    /// 8-lane blocks (main loop from offset 8 in runs of 64 elements when n &gt; 64), length ≥ 8.
    /// </summary>
    public static double One512<T>(ref double a, ref double b, int length)
        where T : struct, IPairTerm
    {
        var n = (nuint)length;
        var acc = Vector512<double>.Zero;
        var stop = HeadEnd(n, WideLanes);
        for (nuint o = WideLanes; o < stop; o += WideLanes)
        {
            acc += T.Invoke(Vector512.LoadUnsafe(ref a, o), Vector512.LoadUnsafe(ref b, o));
        }

        acc += T.Invoke(Vector512.LoadUnsafe(ref a), Vector512.LoadUnsafe(ref b));
        var to = WholeEnd(n, WideLanes);
        for (var o = stop; o < to; o += WideLanes)
        {
            acc += T.Invoke(Vector512.LoadUnsafe(ref a, o), Vector512.LoadUnsafe(ref b, o));
        }

        var last = n - WideLanes;
        acc += Vector512.ConditionalSelect(TrailingMask512((int)(n % WideLanes)), T.Invoke(Vector512.LoadUnsafe(ref a, last), Vector512.LoadUnsafe(ref b, last)), Vector512<double>.Zero);
        return Vector512.Sum(acc);
    }

    /// <summary><see cref="Four{T}"/> in TensorPrimitives' AVX-512 order (see <see cref="One512{T}"/>), length ≥ 8.</summary>
    public static void Four512<T>(ref double a, int strideA, ref double b, int strideB, int length, Span<double> sums)
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
        Vector512<double> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        var stop = HeadEnd(n, WideLanes);
        for (nuint o = WideLanes; o < stop; o += WideLanes)
        {
            acc0 += T.Invoke(Vector512.LoadUnsafe(ref a0, o), Vector512.LoadUnsafe(ref b0, o));
            acc1 += T.Invoke(Vector512.LoadUnsafe(ref a1, o), Vector512.LoadUnsafe(ref b1, o));
            acc2 += T.Invoke(Vector512.LoadUnsafe(ref a2, o), Vector512.LoadUnsafe(ref b2, o));
            acc3 += T.Invoke(Vector512.LoadUnsafe(ref a3, o), Vector512.LoadUnsafe(ref b3, o));
        }

        acc0 += T.Invoke(Vector512.LoadUnsafe(ref a0), Vector512.LoadUnsafe(ref b0));
        acc1 += T.Invoke(Vector512.LoadUnsafe(ref a1), Vector512.LoadUnsafe(ref b1));
        acc2 += T.Invoke(Vector512.LoadUnsafe(ref a2), Vector512.LoadUnsafe(ref b2));
        acc3 += T.Invoke(Vector512.LoadUnsafe(ref a3), Vector512.LoadUnsafe(ref b3));
        var to = WholeEnd(n, WideLanes);
        for (var o = stop; o < to; o += WideLanes)
        {
            acc0 += T.Invoke(Vector512.LoadUnsafe(ref a0, o), Vector512.LoadUnsafe(ref b0, o));
            acc1 += T.Invoke(Vector512.LoadUnsafe(ref a1, o), Vector512.LoadUnsafe(ref b1, o));
            acc2 += T.Invoke(Vector512.LoadUnsafe(ref a2, o), Vector512.LoadUnsafe(ref b2, o));
            acc3 += T.Invoke(Vector512.LoadUnsafe(ref a3, o), Vector512.LoadUnsafe(ref b3, o));
        }

        var mask = TrailingMask512((int)(n % WideLanes));
        var last = n - WideLanes;
        sums[0] = Vector512.Sum(acc0 + Vector512.ConditionalSelect(mask, T.Invoke(Vector512.LoadUnsafe(ref a0, last), Vector512.LoadUnsafe(ref b0, last)), Vector512<double>.Zero));
        sums[1] = Vector512.Sum(acc1 + Vector512.ConditionalSelect(mask, T.Invoke(Vector512.LoadUnsafe(ref a1, last), Vector512.LoadUnsafe(ref b1, last)), Vector512<double>.Zero));
        sums[2] = Vector512.Sum(acc2 + Vector512.ConditionalSelect(mask, T.Invoke(Vector512.LoadUnsafe(ref a2, last), Vector512.LoadUnsafe(ref b2, last)), Vector512<double>.Zero));
        sums[3] = Vector512.Sum(acc3 + Vector512.ConditionalSelect(mask, T.Invoke(Vector512.LoadUnsafe(ref a3, last), Vector512.LoadUnsafe(ref b3, last)), Vector512<double>.Zero));
    }

    // The order in closed form, for blocks of `lanes` elements (4: Vector256, 8: Vector512) and n ≥ lanes: the main
    // loop covers [lanes, HeadEnd) — empty unless n > 8·lanes, then (8·lanes)·⌊(n − lanes)/(8·lanes)⌋ elements — then
    // block 0, then the whole blocks [HeadEnd, WholeEnd), then the last block at n − lanes with its n mod lanes trailing
    // lanes. (TensorPrimitives: for doubles the main loop starts one block in, never realigned; the jump table adds
    // the whole blocks left after it in ascending order; for n ≤ 8·lanes the first block is not in the table.)
    internal static nuint HeadEnd(nuint n, nuint lanes) =>
        lanes + (n > lanes * 8 ? (n - lanes) / (lanes * 8) * (lanes * 8) : 0);

    internal static nuint WholeEnd(nuint n, nuint lanes) => n - (n % lanes);

    // Lanes 4 − count … 3 set (the last count elements of the block).
    internal static Vector256<double> TrailingMask(int count) =>
        Vector256.GreaterThanOrEqual(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)(Lanes - count))).AsDouble();

    // Lanes 8 − count … 7 set.
    internal static Vector512<double> TrailingMask512(int count) =>
        Vector512.GreaterThanOrEqual(Vector512.Create(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), Vector512.Create((double)(WideLanes - count))).AsDouble();
}
