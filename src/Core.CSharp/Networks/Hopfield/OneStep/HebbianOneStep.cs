using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Plasticity.Core.Networks.Hopfield.OneStep;

/// <summary>
/// One synchronous step of a Hebbian Hopfield network from Q cues at once, in integer arithmetic from the Gram matrix
/// of overlaps: the bit errors of each retrieval without ever forming W or a field in floating point.
/// </summary>
/// <remarks>
/// <para>Model (docs/hopfield.md): P patterns ξ^μ ∈ {−1, +1}^N, w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ, the diagonal zero
/// (<see cref="DiagonalConvention.Zero"/>) or kept (w_ii = P/N). Cue ν (c^ν, ν &lt; Q ≤ P) is a start state paired with
/// pattern ν. With the integer overlaps O_μν = ξ^μ·c^ν = N − 2·popcount(ξ^μ XOR c^ν) the scaled fields are
/// N·h_i^ν = Σ_μ ξ_i^μ O_μν − [zero diagonal] P c_i^ν, the step is next_i^ν = sgn(h_i^ν) with a tie (h = 0) keeping
/// c_i^ν, and the error count of retrieval ν is #{i : next_i^ν ≠ ξ_i^ν}: exactly what <see cref="HebbianCouplings"/>
/// and <see cref="HopfieldDynamics.SynchronousStep"/> give, because both are exact integer sums divided by N once
/// (a division by N > 0 keeps the sign and the zero).</para>
/// <para>Method: the product Σ_μ ξ_i^μ O_μν = 2 Σ_{μ: ξ_i^μ = +1} O_μν − Σ_μ O_μν is a subset sum of the rows of O
/// chosen by unit i's pattern bits. The rows are taken four at a time ("four Russians"): for each group g of four
/// patterns a table holds all 16 subset sums of their rows, so a unit adds one table row per four patterns, selected by
/// a nibble of its unit-major pattern bits. Columns ν are processed in blocks of 64 (eight Vector256&lt;int&gt;
/// accumulators held in registers); a block's table is ⌈P/4⌉·16·64 ints (300 KB at P = 300, inside L2). Cost per
/// trial: N·P/64·Q popcounts for O (half when the cues are the patterns, O being symmetric) and N·⌈P/4⌉·⌈Q/64⌉ adds
/// of 64-int rows.</para>
/// <para>Exactness: every quantity is an int32. |O_μν| ≤ N, a table entry is at most 4N, and the field
/// |N·h| ≤ N·P + P ≤ N(P + 1); the intermediate subset sum doubled may pass 2^31, but int32 addition wraps modulo 2^32
/// and the final value is below 2^31 in magnitude, so it is exact. The kernel therefore requires
/// N·(P + 1) ≤ 2^31 − 1 (<see cref="IsExact"/>) and refuses larger shapes.</para>
/// <para><see cref="CountErrorsReference"/> and <see cref="ScaledFieldsReference"/> are the plain per-entry loops (in
/// 64-bit integers) that the fast kernels must match exactly.</para>
/// </remarks>
public static class HebbianOneStep
{
    /// <summary>Cue columns per block: eight lanes × eight Vector256&lt;int&gt;.</summary>
    private const int Block = 64;

    /// <summary>Patterns per table group (16 subset sums).</summary>
    private const int Group = 4;

    /// <summary>True when every field N·h of N units and P patterns fits an int32: N·(P + 1) ≤ 2^31 − 1.</summary>
    public static bool IsExact(int size, int count) => size >= 1 && count >= 1 && (long)size * (count + 1) <= int.MaxValue;

    /// <summary>
    /// wrong[ν] = #{i : sgn(h_i(c^ν)) ≠ ξ_i^ν} (ties keep c_i^ν) for every cue ν of <paramref name="cues"/>
    /// (Q × N, Q ≤ P), against the patterns <paramref name="patterns"/> (P × N) stored with <paramref name="diagonal"/>.
    /// </summary>
    /// <param name="patterns">Row μ is ξ^μ.</param>
    /// <param name="cues">Row ν is the start state of retrieval ν; may be <paramref name="patterns"/> itself.</param>
    /// <param name="diagonal">Zero or kept self-couplings.</param>
    /// <param name="wrong">Length Q: the error count of each retrieval.</param>
    /// <param name="parallel">Spread the column blocks over the thread pool (the result does not depend on it).</param>
    public static void CountErrors(SignBits patterns, SignBits cues, DiagonalConvention diagonal, Span<int> wrong, bool parallel = false)
    {
        Check(patterns, cues, wrong.Length, nameof(wrong));
        var work = new Work(patterns, cues, diagonal == DiagonalConvention.Zero, parallel);
        var counts = new int[work.Width];
        work.ForEachBlock(parallel, (table, b) => work.CountBlock(table, b, counts));
        counts.AsSpan(0, cues.Rows).CopyTo(wrong);
    }

    /// <summary>
    /// The exact integer fields: fields[ν·N + i] = N·h_i(c^ν) = Σ_μ ξ_i^μ (ξ^μ·c^ν) − [zero diagonal] P c_i^ν, by the
    /// same tables as <see cref="CountErrors"/>.
    /// </summary>
    public static void ScaledFields(SignBits patterns, SignBits cues, DiagonalConvention diagonal, Span<int> fields)
    {
        ArgumentNullException.ThrowIfNull(cues);
        Check(patterns, cues, fields.Length, nameof(fields), (long)cues.Rows * cues.Columns);
        var work = new Work(patterns, cues, diagonal == DiagonalConvention.Zero, parallel: false);
        var result = new int[cues.Rows * cues.Columns];
        work.ForEachBlock(false, (table, b) => work.FieldBlock(table, b, result));
        result.CopyTo(fields);
    }

    /// <summary>Reference for <see cref="CountErrors"/>: overlaps, fields and signs entry by entry (64-bit sums).</summary>
    public static void CountErrorsReference(SignBits patterns, SignBits cues, DiagonalConvention diagonal, Span<int> wrong)
    {
        Check(patterns, cues, wrong.Length, nameof(wrong));
        int n = cues.Columns, q = cues.Rows;
        var fields = new long[n];
        for (var nu = 0; nu < q; nu++)
        {
            ReferenceFields(patterns, cues, diagonal, nu, fields);
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var c = cues[nu, i];
                var next = fields[i] > 0 ? 1 : fields[i] < 0 ? -1 : c;
                if (next != patterns[nu, i])
                {
                    count++;
                }
            }

            wrong[nu] = count;
        }
    }

    /// <summary>Reference for <see cref="ScaledFields"/> (64-bit sums, then checked to fit an int).</summary>
    public static void ScaledFieldsReference(SignBits patterns, SignBits cues, DiagonalConvention diagonal, Span<int> fields)
    {
        ArgumentNullException.ThrowIfNull(cues);
        Check(patterns, cues, fields.Length, nameof(fields), (long)cues.Rows * cues.Columns);
        int n = cues.Columns, q = cues.Rows;
        var row = new long[n];
        for (var nu = 0; nu < q; nu++)
        {
            ReferenceFields(patterns, cues, diagonal, nu, row);
            for (var i = 0; i < n; i++)
            {
                fields[(nu * n) + i] = checked((int)row[i]);
            }
        }
    }

    private static void ReferenceFields(SignBits patterns, SignBits cues, DiagonalConvention diagonal, int nu, Span<long> fields)
    {
        int n = cues.Columns, p = patterns.Rows;
        fields.Clear();
        for (var mu = 0; mu < p; mu++)
        {
            long overlap = 0;
            for (var j = 0; j < n; j++)
            {
                overlap += patterns[mu, j] * cues[nu, j];
            }

            for (var i = 0; i < n; i++)
            {
                fields[i] += patterns[mu, i] * overlap;
            }
        }

        if (diagonal == DiagonalConvention.Zero)
        {
            for (var i = 0; i < n; i++)
            {
                fields[i] -= (long)p * cues[nu, i];
            }
        }
    }

    private static void Check(SignBits patterns, SignBits cues, int length, string name, long expected = -1)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(cues);
        if (cues.Columns != patterns.Columns)
        {
            throw new ArgumentException($"cues have {cues.Columns} units, the patterns {patterns.Columns}.", nameof(cues));
        }

        if (cues.Rows > patterns.Rows)
        {
            throw new ArgumentException($"{cues.Rows} cues for {patterns.Rows} patterns; cue ν is compared with pattern ν.", nameof(cues));
        }

        if (!IsExact(patterns.Columns, patterns.Rows))
        {
            throw new ArgumentOutOfRangeException(nameof(patterns), patterns.Rows, $"N·(P + 1) = {(long)patterns.Columns * (patterns.Rows + 1)} passes 2^31 − 1: the int32 fields would not be exact.");
        }

        var want = expected < 0 ? cues.Rows : expected;
        if (length != want)
        {
            throw new ArgumentException($"{name} has length {length}; expected {want}.", name);
        }
    }

    /// <summary>The shared state of one call: the Gram matrix, column sums and unit-major bits.</summary>
    private sealed class Work
    {
        private readonly int _n;
        private readonly int _p;
        private readonly int _q;
        private readonly int _groups;
        private readonly bool _zeroDiagonal;
        private readonly int[] _gram;      // P × Width, O_μν, zero in the pad columns ν ≥ Q
        private readonly int[] _columnSum; // Width, Σ_μ O_μν
        private readonly SignBits _unitPatterns; // N × ⌈P/64⌉: bit μ of row i is ξ_i^μ
        private readonly SignBits _unitCues;     // N × ⌈Q/64⌉: bit ν of row i is c_i^ν

        public Work(SignBits patterns, SignBits cues, bool zeroDiagonal, bool parallel)
        {
            _n = patterns.Columns;
            _p = patterns.Rows;
            _q = cues.Rows;
            _groups = (_p + Group - 1) / Group;
            _zeroDiagonal = zeroDiagonal;
            Width = ((_q + Block - 1) / Block) * Block;
            _gram = new int[_p * Width];
            _columnSum = new int[Width];
            Gram(patterns, cues, parallel);
            _unitPatterns = patterns.Transpose();
            _unitCues = ReferenceEquals(patterns, cues) ? _unitPatterns : cues.Transpose();
        }

        /// <summary>Q rounded up to whole blocks.</summary>
        public int Width { get; }

        /// <summary>Runs <paramref name="body"/> for every column block with a table of its own (one per worker).</summary>
        public void ForEachBlock(bool parallel, Action<int[], int> body)
        {
            var blocks = Width / Block;
            var tableLength = _groups * 16 * Block;
            if (!parallel || blocks == 1)
            {
                var table = new int[tableLength];
                for (var b = 0; b < blocks; b++)
                {
                    body(table, b);
                }

                return;
            }

            Parallel.For(0, blocks, () => new int[tableLength], (b, _, table) =>
            {
                body(table, b);
                return table;
            }, _ => { });
        }

        /// <summary>O_μν = N − 2·popcount(ξ^μ XOR c^ν); only μ ≤ ν when the cues are the patterns (O symmetric).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Gram(SignBits patterns, SignBits cues, bool parallel)
        {
            var symmetric = ReferenceEquals(patterns, cues);
            var words = patterns.WordsPerRow;
            var xw = patterns.Words;
            var cw = cues.Words;
            var gram = _gram;
            int n = _n, q = _q, width = Width;
            if (parallel)
            {
                Parallel.For(0, _p, mu => GramRow(xw, cw, words, mu, symmetric ? mu : 0, q, n, gram, width));
            }
            else
            {
                for (var mu = 0; mu < _p; mu++)
                {
                    GramRow(xw, cw, words, mu, symmetric ? mu : 0, q, n, gram, width);
                }
            }

            if (symmetric)
            {
                for (var mu = 0; mu < _p; mu++)
                {
                    for (var nu = 0; nu < mu; nu++)
                    {
                        gram[(mu * width) + nu] = gram[(nu * width) + mu];
                    }
                }
            }

            for (var mu = 0; mu < _p; mu++)
            {
                var row = gram.AsSpan(mu * width, width);
                for (var nu = 0; nu < q; nu++)
                {
                    _columnSum[nu] += row[nu];
                }
            }
        }

        /// <summary>Row μ of O from column <paramref name="first"/> on: N − 2·popcount(ξ^μ XOR c^ν).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void GramRow(ulong[] xw, ulong[] cw, int words, int mu, int first, int q, int n, int[] gram, int width)
        {
            ref var x = ref xw[mu * words];
            for (var nu = first; nu < q; nu++)
            {
                ref var c = ref cw[nu * words];
                var differ = 0;
                for (var w = 0; w < words; w++)
                {
                    differ += BitOperations.PopCount(Unsafe.Add(ref x, w) ^ Unsafe.Add(ref c, w));
                }

                gram[(mu * width) + nu] = n - (2 * differ);
            }
        }

        /// <summary>
        /// The table of block b: entry (g, k) is the 64 columns Σ_{t: bit t of k} O_{4g+t, ·} (rows μ ≥ P count as 0),
        /// built from (g, k without its lowest bit) plus one row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BuildTable(int[] table, int b)
        {
            ref var t = ref MemoryMarshal.GetArrayDataReference(table);
            ref var o = ref MemoryMarshal.GetArrayDataReference(_gram);
            var column = (nuint)(b * Block);
            for (var g = 0; g < _groups; g++)
            {
                var baseEntry = (nuint)(g * 16 * Block);
                for (var v = 0; v < Block; v += Vector256<int>.Count)
                {
                    Vector256<int>.Zero.StoreUnsafe(ref t, baseEntry + (nuint)v);
                }

                for (var k = 1; k < 16; k++)
                {
                    var mu = (g * Group) + BitOperations.TrailingZeroCount(k);
                    var entry = baseEntry + (nuint)(k * Block);
                    var previous = baseEntry + (nuint)((k & (k - 1)) * Block);
                    for (var v = 0; v < Block; v += Vector256<int>.Count)
                    {
                        var sum = Vector256.LoadUnsafe(ref t, previous + (nuint)v);
                        if (mu < _p)
                        {
                            sum += Vector256.LoadUnsafe(ref o, ((nuint)mu * (nuint)Width) + column + (nuint)v);
                        }

                        sum.StoreUnsafe(ref t, entry + (nuint)v);
                    }
                }
            }
        }

        /// <summary>
        /// For unit i, F_ν = 2 S_ν − Σ_μ O_μν − [zero diagonal] P c_i^ν over the 64 columns of block b, written to
        /// <paramref name="f"/>, where S_ν = Σ_{μ: ξ_i^μ = +1} O_μν is one table row per group of four patterns.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void UnitFields(int[] table, int b, int i, ulong cueBits, Span<int> f)
        {
            var words = _unitPatterns.WordsPerRow;
            Accumulate(
                ref MemoryMarshal.GetArrayDataReference(table),
                ref _unitPatterns.Words[i * words],
                words,
                _groups,
                ref MemoryMarshal.GetReference(f));
            ref var s = ref MemoryMarshal.GetArrayDataReference(_columnSum);
            ref var d = ref MemoryMarshal.GetReference(f);
            var column = (nuint)(b * Block);
            for (var v = 0; v < 8; v++)
            {
                var at = (nuint)(8 * v);
                var sum = Vector256.LoadUnsafe(ref d, at);
                Finish(sum, Vector256.LoadUnsafe(ref s, column + at), (uint)(cueBits >> (8 * v)) & 0xFF).StoreUnsafe(ref d, at);
            }
        }

        /// <summary>
        /// S = Σ_g table[g, nibble g of the unit's pattern bits] over 64 columns, in eight registers. A leaf without
        /// calls, so the accumulators stay in ymm registers (a call would make the System V ABI spill them).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void Accumulate(ref int t, ref ulong row, int words, int groups, ref int destination)
        {
            var a0 = Vector256<int>.Zero;
            var a1 = Vector256<int>.Zero;
            var a2 = Vector256<int>.Zero;
            var a3 = Vector256<int>.Zero;
            var a4 = Vector256<int>.Zero;
            var a5 = Vector256<int>.Zero;
            var a6 = Vector256<int>.Zero;
            var a7 = Vector256<int>.Zero;
            var g = 0;
            for (var w = 0; w < words; w++)
            {
                var bits = Unsafe.Add(ref row, w);
                var end = Math.Min(groups, g + 16);
                for (; g < end; g++)
                {
                    var at = (nuint)(((g << 4) | (int)(bits & 15)) * Block);
                    bits >>= 4;
                    a0 += Vector256.LoadUnsafe(ref t, at);
                    a1 += Vector256.LoadUnsafe(ref t, at + 8);
                    a2 += Vector256.LoadUnsafe(ref t, at + 16);
                    a3 += Vector256.LoadUnsafe(ref t, at + 24);
                    a4 += Vector256.LoadUnsafe(ref t, at + 32);
                    a5 += Vector256.LoadUnsafe(ref t, at + 40);
                    a6 += Vector256.LoadUnsafe(ref t, at + 48);
                    a7 += Vector256.LoadUnsafe(ref t, at + 56);
                }
            }

            a0.StoreUnsafe(ref destination, 0);
            a1.StoreUnsafe(ref destination, 8);
            a2.StoreUnsafe(ref destination, 16);
            a3.StoreUnsafe(ref destination, 24);
            a4.StoreUnsafe(ref destination, 32);
            a5.StoreUnsafe(ref destination, 40);
            a6.StoreUnsafe(ref destination, 48);
            a7.StoreUnsafe(ref destination, 56);
        }

        /// <summary>F = 2S − colsum − [zero diagonal] P c, with c = +1 in the lanes whose cue bit is set (wrapping int32 arithmetic).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<int> Finish(Vector256<int> subset, Vector256<int> columnSum, uint cueByte)
        {
            var f = subset + subset - columnSum;
            if (_zeroDiagonal)
            {
                // −P c = −P·(2·[c = +1] − 1) = P − 2P·[c = +1]
                var laneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
                var plus = Vector256.Equals(Vector256.Create((int)cueByte) & laneBits, laneBits);
                f += Vector256.Create(_p) - (Vector256.Create(2 * _p) & plus);
            }

            return f;
        }

        /// <summary>Adds block b's error counts to <paramref name="counts"/> (columns b·64 … b·64 + 63, owned by this block).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void CountBlock(int[] table, int b, int[] counts)
        {
            BuildTable(table, b);
            Span<int> f = stackalloc int[Block];
            ref var d = ref MemoryMarshal.GetReference(f);
            var valid = b == (Width / Block) - 1 ? SignBits.LastWordMask(_q) : ulong.MaxValue;
            var column = b * Block;
            var patternWords = _unitPatterns.WordsPerRow;
            var cueWords = _unitCues.WordsPerRow;
            var patternBits = _unitPatterns.Words;
            var cueBitsAll = _unitCues.Words;
            for (var i = 0; i < _n; i++)
            {
                var cueBits = cueBitsAll[(i * cueWords) + b];
                UnitFields(table, b, i, cueBits, f);
                ulong positive = 0, negative = 0;
                for (var v = 0; v < 8; v++)
                {
                    var lanes = Vector256.LoadUnsafe(ref d, (nuint)(8 * v));
                    positive |= (ulong)Vector256.ExtractMostSignificantBits(Vector256.GreaterThan(lanes, Vector256<int>.Zero)) << (8 * v);
                    negative |= (ulong)Vector256.ExtractMostSignificantBits(lanes) << (8 * v);
                }

                // next = +1 where F > 0, −1 where F < 0, the cue's value where F = 0; an error where next ≠ ξ_i^ν.
                var next = positive | (~(positive | negative) & cueBits);
                var errors = (next ^ patternBits[(i * patternWords) + b]) & valid;
                while (errors != 0)
                {
                    counts[column + BitOperations.TrailingZeroCount(errors)]++;
                    errors &= errors - 1;
                }
            }
        }

        /// <summary>Writes block b's fields into <paramref name="fields"/> (ν-major, ν &lt; Q).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void FieldBlock(int[] table, int b, int[] fields)
        {
            BuildTable(table, b);
            Span<int> lanes = stackalloc int[Block];
            for (var i = 0; i < _n; i++)
            {
                UnitFields(table, b, i, _unitCues.Row(i)[b], lanes);
                for (var k = 0; k < Block && (b * Block) + k < _q; k++)
                {
                    fields[(((b * Block) + k) * _n) + i] = lanes[k];
                }
            }
        }
    }
}
