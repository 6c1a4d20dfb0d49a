using System.Numerics;

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
}
