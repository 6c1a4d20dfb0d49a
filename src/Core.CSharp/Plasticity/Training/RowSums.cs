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
/// with only its last n mod 4 lanes kept (the others add +0); then Vector256.Sum. Callers use this 4-lane form only where
/// TensorPrimitives takes that path (Vector256 accelerated, Vector512 not, n ≥ 4; the 8-lane form below otherwise) — see
/// <see cref="CandidateNormKernels.IsFusedExact"/>; properties in tests/Properties (TrainerFastPathTests) compare both
/// sums with TensorPrimitives bit for bit over lengths 4–1000.</para>
/// <para>Where Vector512 is accelerated (AVX-512), TensorPrimitives runs the same scheme on 8-lane Vector512 blocks
/// (main loop from offset 8 while n &gt; 64, in runs of 64 elements; first block; remaining whole blocks; last block
/// at n − 8 masked to its n mod 8 trailing lanes; Vector512.Sum), for n ≥ 8. One kernel body serves both: the
/// caller picks the width with the type arguments (Vector256&lt;double&gt; or Vector512&lt;double&gt;, with
/// <see cref="VectorOps"/>), and the lane count fixes the block offsets (<see cref="HeadEnd"/>,
/// <see cref="WholeEnd"/>); the same properties run the 8-lane form on such a machine.</para>
/// <para>Inner kernel: no validation.</para>
/// </remarks>
internal static class RowSums
{
    /// <summary>The term t(a, b), lane-wise.</summary>
    public interface IPairTerm
    {
        /// <summary>t(a, b) for one vector of lanes (the same operations per lane at either width).</summary>
        static abstract TVector Invoke<TVector, TOps>(TVector a, TVector b)
            where TVector : struct
            where TOps : struct, IVectorOps<TVector>;
    }

    /// <summary>
    /// Σ_j t(a_j, b_j) over one row of length n ≥ the vector's lane count, in TensorPrimitives' order for that width
    /// (Vector256: AVX2, Vector512: AVX-512).
    /// </summary>
    public static double One<TVector, TOps, T>(ref double a, ref double b, int length)
        where TVector : struct
        where TOps : struct, IVectorOps<TVector>
        where T : struct, IPairTerm
    {
        var n = (nuint)length;
        var lanes = (nuint)TOps.Lanes;
        var acc = TOps.Zero;
        var stop = HeadEnd(n, lanes);
        for (var o = lanes; o < stop; o += lanes)
        {
            acc = TOps.Add(acc, Term<TVector, TOps, T>(ref a, ref b, o));
        }

        acc = TOps.Add(acc, Term<TVector, TOps, T>(ref a, ref b, 0));
        var to = WholeEnd(n, lanes);
        for (var o = stop; o < to; o += lanes)
        {
            acc = TOps.Add(acc, Term<TVector, TOps, T>(ref a, ref b, o));
        }

        var mask = TOps.TrailingMask((int)(n % lanes));
        acc = TOps.Add(acc, TOps.Keep(mask, Term<TVector, TOps, T>(ref a, ref b, n - lanes)));
        return TOps.Sum(acc);
    }

    /// <summary>
    /// The sums of four rows: row k of a starts at a + k·strideA and is paired with b + k·strideB (strideB = 0: every
    /// row with the same b); <paramref name="sums"/>[k] is bit for bit <see cref="One{TVector, TOps, T}"/> of row k.
    /// </summary>
    public static void Four<TVector, TOps, T>(ref double a, int strideA, ref double b, int strideB, int length, Span<double> sums)
        where TVector : struct
        where TOps : struct, IVectorOps<TVector>
        where T : struct, IPairTerm
    {
        var n = (nuint)length;
        var lanes = (nuint)TOps.Lanes;
        ref var a0 = ref a;
        ref var a1 = ref Unsafe.Add(ref a, strideA);
        ref var a2 = ref Unsafe.Add(ref a, 2 * strideA);
        ref var a3 = ref Unsafe.Add(ref a, 3 * strideA);
        ref var b0 = ref b;
        ref var b1 = ref Unsafe.Add(ref b, strideB);
        ref var b2 = ref Unsafe.Add(ref b, 2 * strideB);
        ref var b3 = ref Unsafe.Add(ref b, 3 * strideB);
        TVector acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;

        // One's order as three ascending runs of whole blocks, [lanes, HeadEnd), block 0, [HeadEnd, WholeEnd), taken by
        // one loop body (one copy of the four interleaved chains).
        var stop = HeadEnd(n, lanes);
        var from = lanes;
        var end = stop;
        for (var run = 0; run < 3; run++)
        {
            for (var o = from; o < end; o += lanes)
            {
                acc0 = TOps.Add(acc0, Term<TVector, TOps, T>(ref a0, ref b0, o));
                acc1 = TOps.Add(acc1, Term<TVector, TOps, T>(ref a1, ref b1, o));
                acc2 = TOps.Add(acc2, Term<TVector, TOps, T>(ref a2, ref b2, o));
                acc3 = TOps.Add(acc3, Term<TVector, TOps, T>(ref a3, ref b3, o));
            }

            from = run == 0 ? 0 : stop;
            end = run == 0 ? lanes : WholeEnd(n, lanes);
        }

        var mask = TOps.TrailingMask((int)(n % lanes));
        var last = n - lanes;
        sums[0] = TOps.Sum(TOps.Add(acc0, TOps.Keep(mask, Term<TVector, TOps, T>(ref a0, ref b0, last))));
        sums[1] = TOps.Sum(TOps.Add(acc1, TOps.Keep(mask, Term<TVector, TOps, T>(ref a1, ref b1, last))));
        sums[2] = TOps.Sum(TOps.Add(acc2, TOps.Keep(mask, Term<TVector, TOps, T>(ref a2, ref b2, last))));
        sums[3] = TOps.Sum(TOps.Add(acc3, TOps.Keep(mask, Term<TVector, TOps, T>(ref a3, ref b3, last))));
    }

    // The order in closed form, for blocks of `lanes` elements (4: Vector256, 8: Vector512) and n ≥ lanes: the main
    // loop covers [lanes, HeadEnd) — empty unless n > 8·lanes, then (8·lanes)·⌊(n − lanes)/(8·lanes)⌋ elements — then
    // block 0, then the whole blocks [HeadEnd, WholeEnd), then the last block at n − lanes with its n mod lanes trailing
    // lanes. (TensorPrimitives: for doubles the main loop starts one block in, never realigned; the jump table adds
    // the whole blocks left after it in ascending order; for n ≤ 8·lanes the first block is not in the table.)
    internal static nuint HeadEnd(nuint n, nuint lanes) =>
        lanes + (n > lanes * 8 ? (n - lanes) / (lanes * 8) * (lanes * 8) : 0);

    internal static nuint WholeEnd(nuint n, nuint lanes) => n - (n % lanes);

    // t of the block at offset o of a and b.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Term<TVector, TOps, T>(ref double a, ref double b, nuint o)
        where TVector : struct
        where TOps : struct, IVectorOps<TVector>
        where T : struct, IPairTerm =>
        T.Invoke<TVector, TOps>(TOps.Load(ref a, o), TOps.Load(ref b, o));
}
