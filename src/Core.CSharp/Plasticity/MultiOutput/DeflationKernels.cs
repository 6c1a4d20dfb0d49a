using System.Numerics;
using System.Runtime.Intrinsics;
using Plasticity.Core.Plasticity.Training;

namespace Plasticity.Core.Plasticity.MultiOutput;

/// <summary>
/// The inner kernels of GHA and Oja's subspace rule (<see cref="SangerRule"/>): deflate the residual by one output,
/// r_j ← r_j − y_k·w_kj, and for GHA write that output's change in the same pass, Δw_ij = r_j·(η y_i).
/// </summary>
/// <remarks>
/// One fused pass over the row instead of four (copy the row, scale it, subtract, scale the residual): at d = 784 and
/// 16 outputs (issue 11, target 4) the row and the residual stay in L1 and the pass is bound by the loads. Each SIMD
/// lane does exactly the scalar reference's operations in the same order — one multiply y_k·w_kj, one subtract, one
/// multiply by η y_i, never a fused multiply–add — so the SIMD kernel equals <see cref="DeflateAndScaleReference"/> and
/// <see cref="DeflateReference"/> bit for bit (a property in tests/Properties checks it). Inner kernels do not
/// validate: callers pass spans of equal length.
/// </remarks>
public static class DeflationKernels
{
    /// <summary>r_j ← r_j − y·w_j, then Δ_j = r_j·scale, for every j (SIMD).</summary>
    /// <param name="row">Weights w_k· of output k.</param>
    /// <param name="y">Output y_k.</param>
    /// <param name="residual">Residual r, updated in place.</param>
    /// <param name="scale">η y_i of the output whose change is written.</param>
    /// <param name="delta">Δw_i·, written.</param>
    public static void DeflateAndScale(ReadOnlySpan<double> row, double y, Span<double> residual, double scale, Span<double> delta)
    {
        var n = row.Length;
        var j = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vy = new Vector<double>(y);
            var vs = new Vector<double>(scale);
            ref var w = ref MemoryMarshal.GetReference(row);
            ref var r = ref MemoryMarshal.GetReference(residual);
            ref var d = ref MemoryMarshal.GetReference(delta);
            for (; j <= n - Vector<double>.Count; j += Vector<double>.Count)
            {
                var next = Vector.LoadUnsafe(ref r, (nuint)j) - (vy * Vector.LoadUnsafe(ref w, (nuint)j));
                next.StoreUnsafe(ref r, (nuint)j);
                (next * vs).StoreUnsafe(ref d, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            residual[j] -= y * row[j];
            delta[j] = residual[j] * scale;
        }
    }

    /// <summary>Scalar reference of <see cref="DeflateAndScale"/>.</summary>
    public static void DeflateAndScaleReference(ReadOnlySpan<double> row, double y, Span<double> residual, double scale, Span<double> delta)
    {
        for (var j = 0; j < row.Length; j++)
        {
            residual[j] -= y * row[j];
            delta[j] = residual[j] * scale;
        }
    }

    /// <summary>r_j ← r_j − y·w_j for every j (SIMD).</summary>
    public static void Deflate(ReadOnlySpan<double> row, double y, Span<double> residual)
    {
        var n = row.Length;
        var j = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vy = new Vector<double>(y);
            ref var w = ref MemoryMarshal.GetReference(row);
            ref var r = ref MemoryMarshal.GetReference(residual);
            for (; j <= n - Vector<double>.Count; j += Vector<double>.Count)
            {
                (Vector.LoadUnsafe(ref r, (nuint)j) - (vy * Vector.LoadUnsafe(ref w, (nuint)j))).StoreUnsafe(ref r, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            residual[j] -= y * row[j];
        }
    }

    /// <summary>Scalar reference of <see cref="Deflate"/>.</summary>
    public static void DeflateReference(ReadOnlySpan<double> row, double y, Span<double> residual)
    {
        for (var j = 0; j < row.Length; j++)
        {
            residual[j] -= y * row[j];
        }
    }

    /// <summary>
    /// <see cref="DeflateAndScale"/> (the same operations per element, so the same r and Δ bit for bit) that also
    /// returns Σ_j (w_j + Δ_j)², summed in TensorPrimitives' AVX2 order (<see cref="RowSums"/>): the blocks are visited
    /// in that order instead of left to right, which changes nothing for the element-wise deflation. Only where
    /// <see cref="CandidateNormKernels.IsFusedExact"/> and the row has at least 4 elements.
    /// </summary>
    /// <remarks>Why: the trainer's divergence check is then a square root per row instead of a pass over W and Δw.</remarks>
    public static double DeflateScaleAndSquare(ReadOnlySpan<double> row, double y, Span<double> residual, double scale, Span<double> delta)
    {
        const int Lanes = 4;
        var n = (nuint)row.Length;
        ref var w = ref MemoryMarshal.GetReference(row);
        ref var r = ref MemoryMarshal.GetReference(residual);
        ref var d = ref MemoryMarshal.GetReference(delta);
        var vy = Vector256.Create(y);
        var vs = Vector256.Create(scale);
        var acc = Vector256<double>.Zero;
        var (start, remainder, misaligned) = RowSums.Head(n);
        var head = RowSums.HeadLength(n);
        for (var o = start; o < start + head; o += Lanes)
        {
            acc += Block(ref w, ref r, ref d, vy, vs, o);
        }

        start += head;
        acc += Block(ref w, ref r, ref d, vy, vs, 0);
        var (from, to, trailing) = RowSums.Tail(start, remainder, misaligned);
        for (var o = from; o < to; o += Lanes)
        {
            acc += Block(ref w, ref r, ref d, vy, vs, o);
        }

        for (var j = row.Length - trailing; j < row.Length; j++)
        {
            residual[j] -= y * row[j];
            delta[j] = residual[j] * scale;
        }

        // The last block, after every Δ is written, with only its trailing lanes kept (as TensorPrimitives does).
        var c = Vector256.LoadUnsafe(ref w, n - Lanes) + Vector256.LoadUnsafe(ref d, n - Lanes);
        acc += Vector256.ConditionalSelect(RowSums.TrailingMask(trailing), c * c, Vector256<double>.Zero);
        return Vector256.Sum(acc);
    }

    private static Vector256<double> Block(ref double w, ref double r, ref double d, Vector256<double> vy, Vector256<double> vs, nuint offset)
    {
        var wv = Vector256.LoadUnsafe(ref w, offset);
        var next = Vector256.LoadUnsafe(ref r, offset) - (vy * wv);
        next.StoreUnsafe(ref r, offset);
        var change = next * vs;
        change.StoreUnsafe(ref d, offset);
        var c = wv + change;
        return c * c;
    }
}
