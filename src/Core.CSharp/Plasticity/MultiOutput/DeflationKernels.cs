using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Plasticity.Core.Numerics;
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
    /// returns Σ_j (w_j + Δ_j)², summed in TensorPrimitives' order here (<see cref="RowSums"/>: 4-lane blocks, or 8-lane
    /// blocks where <see cref="CandidateNormKernels.IsWide"/>): the blocks are visited in that order instead of left to
    /// right, which changes nothing for the element-wise deflation. Only where
    /// <see cref="CandidateNormKernels.IsFusedExact"/> and the row has at least 4 elements (on an AVX-512 machine rows
    /// of 4–7 take the 4-lane order, which is also TensorPrimitives' order for them: one Vector256 block plus the masked
    /// last block).
    /// </summary>
    /// <remarks>Why: the trainer's divergence check is then a square root per row instead of a pass over W and Δw.</remarks>
    public static double DeflateScaleAndSquare(ReadOnlySpan<double> row, double y, Span<double> residual, double scale, Span<double> delta) =>
        CandidateNormKernels.IsWide && row.Length >= Vector512<double>.Count
            ? Pass<Vector512<double>, VectorOps, Scaled, NoDot>(ref MemoryMarshal.GetReference(row), y, residual, scale, ref MemoryMarshal.GetReference(delta), ref MemoryMarshal.GetReference(row), row.Length, out _)
            : Pass<Vector256<double>, VectorOps, Scaled, NoDot>(ref MemoryMarshal.GetReference(row), y, residual, scale, ref MemoryMarshal.GetReference(delta), ref MemoryMarshal.GetReference(row), row.Length, out _);

    /// <summary>
    /// GHA's whole step for one output, in place: for every j, r_j ← r_j − y·w_j, Δ_j = r_j·scale, and the row element
    /// becomes the candidate w_j + Δ_j; the element it held is copied to <paramref name="previous"/> (so a diverged step
    /// can be undone exactly). Returns Σ_j (w_j + Δ_j)² in TensorPrimitives' order, as <see cref="DeflateScaleAndSquare"/>.
    /// Every double is the one <see cref="DeflateAndScale"/> followed by the store's Apply (w + Δ) gives; only where
    /// <see cref="CandidateNormKernels.IsFusedExact"/> and the row has at least 4 elements.
    /// </summary>
    /// <remarks>
    /// Why: the trainer's fast online path for GHA then reads and writes each row once per step instead of reading W
    /// three times and writing Δw and W (issue 11, target 4). Each element is read before it is written and visited
    /// once, so the row may be the store's own row.
    /// </remarks>
    /// <param name="row">w_i·, overwritten with the candidate row w_i· + Δw_i·.</param>
    /// <param name="y">Output y_i.</param>
    /// <param name="residual">Residual r, updated in place.</param>
    /// <param name="scale">η y_i.</param>
    /// <param name="previous">Receives w_i· as it was; empty: not kept.</param>
    public static double DeflateApplyAndSquare(Span<double> row, double y, Span<double> residual, double scale, Span<double> previous) =>
        Apply<NoDot>(row, y, residual, scale, previous, row, out _);

    /// <summary>
    /// <see cref="DeflateApplyAndSquare"/> that also returns, in <paramref name="dot"/>, Σ_j c_j·x_j of the candidate
    /// row with <paramref name="next"/> (the next step's input) in TensorPrimitives' order, so it is bit for bit
    /// TensorPrimitives.Dot(candidate row, next) — the next step's drive — without another pass over the row. Only
    /// where <see cref="CandidateNormKernels.IsFusedExact"/> and the row has at least
    /// <see cref="CandidateNormKernels.FusedMinimumLength"/> elements.
    /// </summary>
    public static double DeflateApplySquareAndDot(Span<double> row, double y, Span<double> residual, double scale, Span<double> previous, ReadOnlySpan<double> next, out double dot) =>
        Apply<WithDot>(row, y, residual, scale, previous, next, out dot);

    private static double Apply<TDot>(Span<double> row, double y, Span<double> residual, double scale, Span<double> previous, ReadOnlySpan<double> next, out double dot)
        where TDot : struct, IDot
    {
        var wide = CandidateNormKernels.IsWide && row.Length >= Vector512<double>.Count;
        ref var w = ref MemoryMarshal.GetReference(row);
        ref var x = ref MemoryMarshal.GetReference(next);
        if (previous.IsEmpty)
        {
            // Nothing to keep (the caller has proved the step cannot diverge): the row is only overwritten.
            return wide
                ? Pass<Vector512<double>, VectorOps, Overwrite, TDot>(ref w, y, residual, scale, ref w, ref x, row.Length, out dot)
                : Pass<Vector256<double>, VectorOps, Overwrite, TDot>(ref w, y, residual, scale, ref w, ref x, row.Length, out dot);
        }

        ref var old = ref MemoryMarshal.GetReference(previous);
        return wide
            ? Pass<Vector512<double>, VectorOps, InPlace, TDot>(ref w, y, residual, scale, ref old, ref x, row.Length, out dot)
            : Pass<Vector256<double>, VectorOps, InPlace, TDot>(ref w, y, residual, scale, ref old, ref x, row.Length, out dot);
    }

    /// <summary>
    /// A bound B on every candidate row norm ‖w_i + Δw_i‖ of one GHA step written by <see cref="DeflateApplyAndSquare"/>
    /// (rows i = 0 … m − 1 in order, residual starting at x = <paramref name="pre"/>, scale η y_i), of the doubles
    /// actually written, given the rows' norms <paramref name="rowNorms"/> (‖w_k‖ as SafeNorm or the trainer's check
    /// computes them) and finite rates <paramref name="post"/>: when B is finite every value the pass computes is
    /// finite and every candidate norm is at most B. +∞ when no bound is available (n + 2m &gt; 2²⁰, or near overflow).
    /// </summary>
    /// <remarks>
    /// Triangle inequality on the pass: after row i's deflation r = x − Σ_{k≤i} y_k w_k, so ‖r‖ ≤ ‖x‖ + Σ_{k≤i} |y_k|‖w_k‖
    /// =: R_i, and ‖w_i + Δw_i‖ ≤ ‖w_i‖ + |η y_i|·R_i. In floating point each operation of the pass (at most 2m + 4 per
    /// element) scales these magnitudes by at most 1 + 2⁻⁵³ (plus 2⁻¹⁰⁷⁴ absolute on underflow), the norms handed in are
    /// within (n + 2)·2⁻⁵³ relative, or 1.5e-154·√n absolute near underflow, of the true ones, and the bound's own sum
    /// rounds too: for n + 2m ≤ 2²⁰ all of it is far below the margins used, 2⁻²⁴ relative and 1e-150 absolute. R_m
    /// must also stay far from overflow, so a row with y_i = 0 (whose B says nothing about r) cannot make r infinite.
    /// Why: the trainer skips keeping a copy of W for the undo of a diverged step when B is within the limit (issue 11,
    /// target 4). A property in tests/Properties checks B against the written rows.
    /// </remarks>
    public static double GhaCandidateNormBound(double eta, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, ReadOnlySpan<double> rowNorms)
    {
        const double Relative = 1.0 + (1.0 / (1 << 24));
        const double Absolute = 1e-150;
        if (pre.Length + (2L * post.Length) > (1 << 20))
        {
            return double.PositiveInfinity;
        }

        var reach = (SafeNorm.Of(pre) * Relative) + Absolute;
        var largest = 0.0;
        for (var i = 0; i < post.Length; i++)
        {
            var norm = (rowNorms[i] * Relative) + Absolute;
            reach += Math.Abs(post[i]) * norm;
            largest = Math.Max(largest, norm + (Math.Abs(eta * post[i]) * reach));
        }

        var bound = (largest * Relative) + Absolute;
        return double.IsFinite(bound) && reach * Relative <= 1e300 ? bound : double.PositiveInfinity;
    }

    /// <summary>Scalar reference of <see cref="DeflateApplyAndSquare"/>: the element-wise loop, then TensorPrimitives.SumOfSquares of the new row.</summary>
    public static double DeflateApplyAndSquareReference(Span<double> row, double y, Span<double> residual, double scale, Span<double> previous)
    {
        for (var j = 0; j < row.Length; j++)
        {
            if (!previous.IsEmpty)
            {
                previous[j] = row[j];
            }

            residual[j] -= y * row[j];
            row[j] += residual[j] * scale;
        }

        return TensorPrimitives.SumOfSquares((ReadOnlySpan<double>)row);
    }

    // One fused pass over a row: the residual and, per TWrite, the change (Scaled) or the in-place candidate and the
    // old row (InPlace), with Σ (w + Δ)² in TensorPrimitives' order for TVector's block width (Vector256: 4 lanes,
    // Vector512: 8 lanes, RowSums' two orders; length ≥ the lane count).
    private static double Pass<TVector, TOps, TWrite, TDot>(ref double w, double y, Span<double> residual, double scale, ref double output, ref double x, int length, out double dot)
        where TVector : struct
        where TOps : struct, IVectorOps<TVector>
        where TWrite : struct, IWrite
        where TDot : struct, IDot
    {
        var n = (nuint)length;
        var lanes = (nuint)TOps.Lanes;
        ref var r = ref MemoryMarshal.GetReference(residual);
        var vy = TOps.Create(y);
        var vs = TOps.Create(scale);
        var acc = TOps.Zero;
        var products = TOps.Zero;
        var stop = RowSums.HeadEnd(n, lanes);
        for (var o = lanes; o < stop; o += lanes)
        {
            var c = Block<TVector, TOps, TWrite>(ref w, ref r, ref output, vy, vs, o);
            acc = TOps.Add(acc, TOps.Multiply(c, c));
            if (TDot.On)
            {
                products = TOps.Add(products, TOps.Multiply(c, TOps.Load(ref x, o)));
            }
        }

        var first = Block<TVector, TOps, TWrite>(ref w, ref r, ref output, vy, vs, 0);
        acc = TOps.Add(acc, TOps.Multiply(first, first));
        if (TDot.On)
        {
            products = TOps.Add(products, TOps.Multiply(first, TOps.Load(ref x, 0)));
        }

        var to = RowSums.WholeEnd(n, lanes);
        for (var o = stop; o < to; o += lanes)
        {
            var c = Block<TVector, TOps, TWrite>(ref w, ref r, ref output, vy, vs, o);
            acc = TOps.Add(acc, TOps.Multiply(c, c));
            if (TDot.On)
            {
                products = TOps.Add(products, TOps.Multiply(c, TOps.Load(ref x, o)));
            }
        }

        for (var j = to; j < n; j++)
        {
            TWrite.Scalar(ref Unsafe.Add(ref w, j), ref Unsafe.Add(ref r, j), ref Unsafe.Add(ref output, j), y, scale);
        }

        // The last block, after every element is written, with only its trailing lanes kept (as TensorPrimitives does).
        var last = n - lanes;
        var mask = TOps.TrailingMask((int)(n - to));
        var tail = TWrite.Candidate<TVector, TOps>(TOps.Load(ref w, last), TOps.Load(ref output, last));
        acc = TOps.Add(acc, TOps.Keep(mask, TOps.Multiply(tail, tail)));
        if (TDot.On)
        {
            products = TOps.Add(products, TOps.Keep(mask, TOps.Multiply(tail, TOps.Load(ref x, last))));
            dot = TOps.Sum(products);
        }
        else
        {
            dot = 0;
        }

        return TOps.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Block<TVector, TOps, TWrite>(ref double w, ref double r, ref double output, TVector vy, TVector vs, nuint offset)
        where TVector : struct
        where TOps : struct, IVectorOps<TVector>
        where TWrite : struct, IWrite
    {
        var wv = TOps.Load(ref w, offset);
        var next = TOps.Subtract(TOps.Load(ref r, offset), TOps.Multiply(vy, wv));
        TOps.Store(next, ref r, offset);
        var change = TOps.Multiply(next, vs);
        var c = TOps.Add(wv, change);
        TWrite.Store<TVector, TOps>(ref w, ref output, offset, wv, change, c);
        return c;
    }

    /// <summary>Whether a fused pass also sums the candidate row's products with the next input.</summary>
    private interface IDot
    {
        /// <summary>True: sum Σ c_j x_j.</summary>
        static abstract bool On { get; }
    }

    private readonly struct NoDot : IDot
    {
        public static bool On => false;
    }

    private readonly struct WithDot : IDot
    {
        public static bool On => true;
    }

    /// <summary>What a fused pass writes per element besides the residual.</summary>
    private interface IWrite
    {
        /// <summary>Writes a block: the old weights wv, the change and the candidate c = wv + change are at hand.</summary>
        static abstract void Store<TVector, TOps>(ref double w, ref double output, nuint offset, TVector wv, TVector change, TVector c)
            where TVector : struct
            where TOps : struct, IVectorOps<TVector>;

        /// <summary>One element: r ← r − y·w, Δ = r·scale, then the writes.</summary>
        static abstract void Scalar(ref double w, ref double r, ref double output, double y, double scale);

        /// <summary>The candidate block w + Δ from the row and the output after the writes.</summary>
        static abstract TVector Candidate<TVector, TOps>(TVector w, TVector output)
            where TVector : struct
            where TOps : struct, IVectorOps<TVector>;
    }

    /// <summary>Writes the change Δ to the output; the row is only read.</summary>
    private readonly struct Scaled : IWrite
    {
        static void IWrite.Store<TVector, TOps>(ref double w, ref double output, nuint offset, TVector wv, TVector change, TVector c) => TOps.Store(change, ref output, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Scalar(ref double w, ref double r, ref double output, double y, double scale)
        {
            r -= y * w;
            output = r * scale;
        }

        static TVector IWrite.Candidate<TVector, TOps>(TVector w, TVector output) => TOps.Add(w, output);
    }

    /// <summary>Writes the candidate w + Δ over the row and the old row to the output.</summary>
    private readonly struct InPlace : IWrite
    {
        static void IWrite.Store<TVector, TOps>(ref double w, ref double output, nuint offset, TVector wv, TVector change, TVector c)
        {
            TOps.Store(wv, ref output, offset);
            TOps.Store(c, ref w, offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Scalar(ref double w, ref double r, ref double output, double y, double scale)
        {
            output = w;
            r -= y * w;
            w += r * scale;
        }

        static TVector IWrite.Candidate<TVector, TOps>(TVector w, TVector output) => w;
    }

    /// <summary>Writes the candidate w + Δ over the row and keeps nothing (output is the row itself and is not written).</summary>
    private readonly struct Overwrite : IWrite
    {
        static void IWrite.Store<TVector, TOps>(ref double w, ref double output, nuint offset, TVector wv, TVector change, TVector c) => TOps.Store(c, ref w, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Scalar(ref double w, ref double r, ref double output, double y, double scale)
        {
            r -= y * w;
            w += r * scale;
        }

        static TVector IWrite.Candidate<TVector, TOps>(TVector w, TVector output) => w;
    }
}
