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
/// <para>Narrow lanes: a column block whose every column ν has A_ν = Σ_μ |O_μν| + [zero diagonal] P ≤ 2^15 − 1 is
/// computed in int16 lanes (sixteen per Vector256, half the loads and adds, tables of eight groups in the same 16 KB).
/// The field is bounded by |N·h_i^ν| ≤ A_ν; every partial sum is taken modulo 2^16 (int16 addition wraps), so the final
/// int16 value is the field itself. At N = 1000, P = 300 with the cues the patterns, A_ν ≈ N + P·E|O| + P ≈ 9000, and
/// every block is narrow. The choice is per block and data-dependent, but both widths are exact, so the results do not
/// depend on it; <c>narrow: false</c> forces the int32 lanes (for the properties that hold both against the
/// references).</para>
/// <para><see cref="CountErrorsReference"/> and <see cref="ScaledFieldsReference"/> are the plain per-entry loops (in
/// 64-bit integers) that the fast kernels must match exactly.</para>
/// </remarks>
public static class HebbianOneStep
{
    /// <summary>Cue columns per block: eight lanes × eight Vector256&lt;int&gt;.</summary>
    private const int Block = 64;

    /// <summary>Patterns per table group (16 subset sums).</summary>
    private const int Group = 4;

    /// <summary>Groups per table chunk: 4 × 16 × 64 ints = 16 KB, half of L1d, the rest for the streaming sums.</summary>
    private const int Chunk = 4;

    /// <summary>Groups per table chunk in int16 lanes: 8 × 16 × 64 shorts, the same 16 KB; its eight nibbles are one
    /// 32-bit field of a word because g0 is then a multiple of eight.</summary>
    private const int NarrowChunk = 8;

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
    /// <param name="narrow">Allow int16 lanes for the blocks whose bound allows them (the result does not depend on it).</param>
    public static void CountErrors(SignBits patterns, SignBits cues, DiagonalConvention diagonal, Span<int> wrong, bool parallel = false, bool narrow = true)
    {
        Check(patterns, cues, wrong.Length, nameof(wrong));
        var work = new Work(patterns, cues, diagonal == DiagonalConvention.Zero, parallel, narrow);
        var counts = new int[work.Width];
        work.ForEachBlock(parallel, (scratch, b) => work.CountBlock(scratch, b, counts));
        counts.AsSpan(0, cues.Rows).CopyTo(wrong);
    }

    /// <summary>
    /// The exact integer fields: fields[ν·N + i] = N·h_i(c^ν) = Σ_μ ξ_i^μ (ξ^μ·c^ν) − [zero diagonal] P c_i^ν, by the
    /// same tables as <see cref="CountErrors"/>.
    /// </summary>
    public static void ScaledFields(SignBits patterns, SignBits cues, DiagonalConvention diagonal, Span<int> fields, bool narrow = true)
    {
        ArgumentNullException.ThrowIfNull(cues);
        Check(patterns, cues, fields.Length, nameof(fields), (long)cues.Rows * cues.Columns);
        var work = new Work(patterns, cues, diagonal == DiagonalConvention.Zero, parallel: false, narrow);
        var result = new int[cues.Rows * cues.Columns];
        work.ForEachBlock(false, (scratch, b) => work.FieldBlock(scratch, b, result));
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
        private readonly bool[] _narrowBlock; // per block: every column's field bound A_ν fits an int16
        private readonly short[]? _gram16;  // O_μν as int16 (exact: |O| ≤ A_ν), present when some block is narrow
        private readonly SignBits _unitPatterns; // N × ⌈P/64⌉: bit μ of row i is ξ_i^μ
        private readonly SignBits _unitCues;     // N × ⌈Q/64⌉: bit ν of row i is c_i^ν

        public Work(SignBits patterns, SignBits cues, bool zeroDiagonal, bool parallel, bool narrow)
        {
            _n = patterns.Columns;
            _p = patterns.Rows;
            _q = cues.Rows;
            _groups = (_p + Group - 1) / Group;
            _zeroDiagonal = zeroDiagonal;
            Width = ((_q + Block - 1) / Block) * Block;
            // A serial call takes the thread's cached Gram buffers (a sweep of trials would otherwise put two fresh
            // large-object arrays per trial on the heap, each a run of page faults); a parallel one allocates its own,
            // as the scratch does.
            var length = _p * Width;
            var buffers = parallel ? null : GramBuffers.For(length);
            _gram = buffers?.Gram ?? new int[length];
            _gram.AsSpan(0, length).Clear();
            _columnSum = new int[Width];
            Gram(patterns, cues, parallel);
            _narrowBlock = NarrowBlocks(narrow);
            if (Array.IndexOf(_narrowBlock, true) >= 0)
            {
                // Truncated to 16 bits: exact in the narrow blocks' columns (|O_μν| ≤ A_ν ≤ 2^15 − 1), the only ones read.
                _gram16 = buffers?.Narrow ?? GC.AllocateUninitializedArray<short>(length);
                ref var wide = ref MemoryMarshal.GetArrayDataReference(_gram);
                ref var narrowed = ref MemoryMarshal.GetArrayDataReference(_gram16);
                for (nuint k = 0; k < (nuint)length; k += (nuint)Vector256<short>.Count)
                {
                    Vector256.Narrow(Vector256.LoadUnsafe(ref wide, k), Vector256.LoadUnsafe(ref wide, k + 8)).StoreUnsafe(ref narrowed, k);
                }
            }

            _unitPatterns = patterns.Transpose();
            _unitCues = ReferenceEquals(patterns, cues) ? _unitPatterns : cues.Transpose();
        }

        /// <summary>Q rounded up to whole blocks.</summary>
        public int Width { get; }

        /// <summary>
        /// Per block: true when <paramref name="narrow"/> and every column ν of the block has
        /// A_ν = Σ_μ |O_μν| + [zero diagonal] P ≤ 2^15 − 1, the bound of |N·h_i^ν| that makes int16 lanes exact
        /// (pad columns have O = 0 and bound P).
        /// </summary>
        private bool[] NarrowBlocks(bool narrow)
        {
            var blocks = new bool[Width / Block];
            if (!narrow)
            {
                return blocks;
            }

            // Σ_μ |O_μν| ≤ P·N < 2^31 (IsExact), so int lanes hold it; Width is a multiple of 64.
            var bound = new int[Width];
            ref var sum = ref MemoryMarshal.GetArrayDataReference(bound);
            ref var o = ref MemoryMarshal.GetArrayDataReference(_gram);
            for (var mu = 0; mu < _p; mu++)
            {
                var row = (nuint)mu * (nuint)Width;
                for (nuint nu = 0; nu < (nuint)Width; nu += (nuint)Vector256<int>.Count)
                {
                    (Vector256.LoadUnsafe(ref sum, nu) + Vector256.Abs(Vector256.LoadUnsafe(ref o, row + nu))).StoreUnsafe(ref sum, nu);
                }
            }

            for (var b = 0; b < blocks.Length; b++)
            {
                var fits = true;
                for (var nu = b * Block; nu < (b + 1) * Block && fits; nu++)
                {
                    fits = (long)bound[nu] + (_zeroDiagonal ? _p : 0) <= short.MaxValue;
                }

                blocks[b] = fits;
            }

            return blocks;
        }

        /// <summary>
        /// Runs <paramref name="body"/> for every column block with scratch of its own: the thread's cached scratch in
        /// a serial call (nothing else can run on the thread meanwhile), fresh scratch per worker in a parallel one (a
        /// worker waiting on the pool may run another caller's work on its thread).
        /// </summary>
        public void ForEachBlock(bool parallel, Action<Scratch, int> body)
        {
            var blocks = Width / Block;
            if (!parallel || blocks == 1)
            {
                var scratch = Scratch.For(_n);
                for (var b = 0; b < blocks; b++)
                {
                    body(scratch, b);
                }

                return;
            }

            Parallel.For(0, blocks, () => new Scratch(_n), (b, _, scratch) =>
            {
                body(scratch, b);
                return scratch;
            }, _ => { });
        }

        /// <summary>
        /// O_μν = N − 2·popcount(ξ^μ XOR c^ν), in tiles of 2 patterns × 4 cues (six word loads per eight popcounts
        /// instead of sixteen); when the cues are the patterns (O symmetric) only the tiles on or right of the diagonal
        /// are counted and each is written at both places (a strided copy of the lower triangle afterwards cost more
        /// than the popcounts). The entries no tile reaches are counted pair by pair.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Gram(SignBits patterns, SignBits cues, bool parallel)
        {
            var symmetric = ReferenceEquals(patterns, cues);
            var words = patterns.WordsPerRow;
            var xw = patterns.Words;
            var cw = cues.Words;
            var gram = _gram;
            int n = _n, p = _p, q = _q, width = Width;
            var rowTiles = p / 2;
            var columnTiles = q / 4;
            if (parallel)
            {
                Parallel.For(0, rowTiles, a => GramTiles(xw, cw, words, n, gram, width, a, columnTiles, symmetric));
            }
            else
            {
                for (var a = 0; a < rowTiles; a++)
                {
                    GramTiles(xw, cw, words, n, gram, width, a, columnTiles, symmetric);
                }
            }

            for (var mu = 0; mu < p; mu++)
            {
                // Rows in a row tile have their tile columns counted, except (symmetric) rows at or past the first
                // column not in a column tile: their tiles start right of every tile column.
                var from = mu >= 2 * rowTiles || (symmetric && mu >= 4 * columnTiles) ? 0 : 4 * columnTiles;
                for (var nu = from; nu < q; nu++)
                {
                    gram[(mu * width) + nu] = n - (2 * Differ(xw, cw, words, mu, nu));
                }
            }

            // Pad columns ν ≥ Q are zero, so whole vectors of the padded width are summed.
            ref var sum = ref MemoryMarshal.GetArrayDataReference(_columnSum);
            ref var o = ref MemoryMarshal.GetArrayDataReference(gram);
            for (var mu = 0; mu < p; mu++)
            {
                var row = (nuint)mu * (nuint)width;
                for (nuint nu = 0; nu < (nuint)width; nu += (nuint)Vector256<int>.Count)
                {
                    (Vector256.LoadUnsafe(ref sum, nu) + Vector256.LoadUnsafe(ref o, row + nu)).StoreUnsafe(ref sum, nu);
                }
            }
        }

        /// <summary>popcount(ξ^μ XOR c^ν): the units where pattern μ and cue ν differ.</summary>
        private static int Differ(ulong[] xw, ulong[] cw, int words, int mu, int nu)
        {
            var differ = 0;
            for (var w = 0; w < words; w++)
            {
                differ += BitOperations.PopCount(xw[(mu * words) + w] ^ cw[(nu * words) + w]);
            }

            return differ;
        }

        /// <summary>
        /// Row tile a (patterns 2a, 2a + 1) against the column tiles of four cues (from the diagonal on when
        /// symmetric; a column tile there may reach below the row tile, and its mirror writes then land on entries
        /// that the pair is counted for anyway, with the same value).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void GramTiles(ulong[] xw, ulong[] cw, int words, int n, int[] gram, int width, int a, int columnTiles, bool symmetric)
        {
            var mu = 2 * a;
            ref var x0 = ref xw[mu * words];
            ref var x1 = ref Unsafe.Add(ref x0, words);
            for (var c = symmetric ? mu / 4 : 0; c < columnTiles; c++)
            {
                var nu = 4 * c;
                ref var c0 = ref cw[nu * words];
                ref var c1 = ref Unsafe.Add(ref c0, words);
                ref var c2 = ref Unsafe.Add(ref c1, words);
                ref var c3 = ref Unsafe.Add(ref c2, words);
                int d00 = 0, d01 = 0, d02 = 0, d03 = 0, d10 = 0, d11 = 0, d12 = 0, d13 = 0;
                for (var w = 0; w < words; w++)
                {
                    var a0 = Unsafe.Add(ref x0, w);
                    var a1 = Unsafe.Add(ref x1, w);
                    var b0 = Unsafe.Add(ref c0, w);
                    var b1 = Unsafe.Add(ref c1, w);
                    var b2 = Unsafe.Add(ref c2, w);
                    var b3 = Unsafe.Add(ref c3, w);
                    d00 += BitOperations.PopCount(a0 ^ b0);
                    d01 += BitOperations.PopCount(a0 ^ b1);
                    d02 += BitOperations.PopCount(a0 ^ b2);
                    d03 += BitOperations.PopCount(a0 ^ b3);
                    d10 += BitOperations.PopCount(a1 ^ b0);
                    d11 += BitOperations.PopCount(a1 ^ b1);
                    d12 += BitOperations.PopCount(a1 ^ b2);
                    d13 += BitOperations.PopCount(a1 ^ b3);
                }

                Store(gram, width, mu, nu, n, d00, d01, d02, d03);
                Store(gram, width, mu + 1, nu, n, d10, d11, d12, d13);
                if (symmetric)
                {
                    Store(gram, width, nu, mu, n, d00, d10);
                    Store(gram, width, nu + 1, mu, n, d01, d11);
                    Store(gram, width, nu + 2, mu, n, d02, d12);
                    Store(gram, width, nu + 3, mu, n, d03, d13);
                }
            }
        }

        private static void Store(int[] gram, int width, int row, int column, int n, int d0, int d1, int d2, int d3)
        {
            var at = (row * width) + column;
            gram[at] = n - (2 * d0);
            gram[at + 1] = n - (2 * d1);
            gram[at + 2] = n - (2 * d2);
            gram[at + 3] = n - (2 * d3);
        }

        private static void Store(int[] gram, int width, int row, int column, int n, int d0, int d1)
        {
            var at = (row * width) + column;
            gram[at] = n - (2 * d0);
            gram[at + 1] = n - (2 * d1);
        }

        /// <summary>
        /// The table chunk of groups g0 … g0 + 3 of block b: entry (g − g0, k) is the 64 columns Σ_{t: bit t of k}
        /// O_{4g+t, ·} (rows μ ≥ P count as 0), built from (g, k without its lowest bit) plus one row. Groups past the
        /// last are all zero, so a short last chunk adds nothing for them.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BuildChunk(int[] table, int b, int g0)
        {
            ref var t = ref MemoryMarshal.GetArrayDataReference(table);
            ref var o = ref MemoryMarshal.GetArrayDataReference(_gram);
            var column = (nuint)(b * Block);
            for (var c = 0; c < Chunk; c++)
            {
                var g = g0 + c;
                var baseEntry = (nuint)(c * 16 * Block);
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
        /// S_iν = Σ_{μ: ξ_i^μ = +1} O_μν for every unit i and the 64 columns ν of block b, into
        /// <see cref="Scratch.Sums"/> (unit-major, 64 ints per unit). The groups are taken a chunk of four at a time: the
        /// chunk's table (16 KB) stays in L1 while every unit adds its four rows to its running sums, which stream
        /// through L2 in order; one table over all groups (⌈P/4⌉·4 KB) would be read at random from L2.
        /// </summary>
        private void SubsetSums(Scratch scratch, int b)
        {
            var words = _unitPatterns.WordsPerRow;
            for (var g0 = 0; g0 < _groups; g0 += Chunk)
            {
                BuildChunk(scratch.Table, b, g0);
                AccumulateChunk(
                    ref MemoryMarshal.GetArrayDataReference(scratch.Table),
                    ref MemoryMarshal.GetArrayDataReference(_unitPatterns.Words),
                    words,
                    g0,
                    _n,
                    ref MemoryMarshal.GetArrayDataReference(scratch.Sums),
                    first: g0 == 0);
            }
        }

        /// <summary>
        /// For every unit i: sums_i (+)= Σ_{c &lt; 4} table[c, nibble (g0 + c) of row i's pattern bits], 64 columns in
        /// eight registers. The chunk's four nibbles are one 16-bit field of a word because g0 is a multiple of four.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void AccumulateChunk(ref int t, ref ulong bits, int words, int g0, int n, ref int sums, bool first)
        {
            var word = (nuint)(g0 >> 4);
            var shift = (g0 & 15) * 4;
            for (var i = 0; i < n; i++)
            {
                var field = (uint)(Unsafe.Add(ref bits, ((nuint)i * (nuint)words) + word) >> shift);
                var at0 = (nuint)((field & 15) * Block);
                var at1 = (nuint)((16 + ((field >> 4) & 15)) * Block);
                var at2 = (nuint)((32 + ((field >> 8) & 15)) * Block);
                var at3 = (nuint)((48 + ((field >> 12) & 15)) * Block);
                ref var d = ref Unsafe.Add(ref sums, (nuint)i * Block);
                for (var v = 0; v < Block; v += 16)
                {
                    var x = (nuint)v;
                    var y = x + 8;
                    var s0 = Vector256.LoadUnsafe(ref t, at0 + x) + Vector256.LoadUnsafe(ref t, at1 + x)
                        + (Vector256.LoadUnsafe(ref t, at2 + x) + Vector256.LoadUnsafe(ref t, at3 + x));
                    var s1 = Vector256.LoadUnsafe(ref t, at0 + y) + Vector256.LoadUnsafe(ref t, at1 + y)
                        + (Vector256.LoadUnsafe(ref t, at2 + y) + Vector256.LoadUnsafe(ref t, at3 + y));
                    if (!first)
                    {
                        s0 += Vector256.LoadUnsafe(ref d, x);
                        s1 += Vector256.LoadUnsafe(ref d, y);
                    }

                    s0.StoreUnsafe(ref d, x);
                    s1.StoreUnsafe(ref d, y);
                }
            }
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
        public void CountBlock(Scratch scratch, int b, int[] counts)
        {
            if (_narrowBlock[b])
            {
                CountBlockNarrow(scratch, b, counts);
                return;
            }

            SubsetSums(scratch, b);
            ref var sums = ref MemoryMarshal.GetArrayDataReference(scratch.Sums);
            ref var s = ref MemoryMarshal.GetArrayDataReference(_columnSum);
            var valid = b == (Width / Block) - 1 ? SignBits.LastWordMask(_q) : ulong.MaxValue;
            var column = b * Block;
            var patternWords = _unitPatterns.WordsPerRow;
            var cueWords = _unitCues.WordsPerRow;
            var patternBits = _unitPatterns.Words;
            var cueBitsAll = _unitCues.Words;
            for (var i = 0; i < _n; i++)
            {
                var cueBits = cueBitsAll[(i * cueWords) + b];
                ref var d = ref Unsafe.Add(ref sums, (nuint)i * Block);
                ulong positive = 0, negative = 0;
                for (var v = 0; v < 8; v++)
                {
                    var at = (nuint)(8 * v);
                    var lanes = Finish(Vector256.LoadUnsafe(ref d, at), Vector256.LoadUnsafe(ref s, (nuint)column + at), (uint)(cueBits >> (8 * v)) & 0xFF);
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
        public void FieldBlock(Scratch scratch, int b, int[] fields)
        {
            if (_narrowBlock[b])
            {
                FieldBlockNarrow(scratch, b, fields);
                return;
            }

            SubsetSums(scratch, b);
            ref var s = ref MemoryMarshal.GetArrayDataReference(_columnSum);
            Span<int> lanes = stackalloc int[Block];
            ref var f = ref MemoryMarshal.GetReference(lanes);
            var column = b * Block;
            for (var i = 0; i < _n; i++)
            {
                var cueBits = _unitCues.Row(i)[b];
                ref var d = ref scratch.Sums[i * Block];
                for (var v = 0; v < 8; v++)
                {
                    var at = (nuint)(8 * v);
                    Finish(Vector256.LoadUnsafe(ref d, at), Vector256.LoadUnsafe(ref s, (nuint)column + at), (uint)(cueBits >> (8 * v)) & 0xFF).StoreUnsafe(ref f, at);
                }

                for (var k = 0; k < Block && column + k < _q; k++)
                {
                    fields[((column + k) * _n) + i] = lanes[k];
                }
            }
        }
        /// <summary>
        /// <see cref="BuildChunk"/> in int16 lanes: groups g0 … g0 + 7 of block b, entry (g − g0, k) the 64 columns
        /// Σ_{t: bit t of k} O_{4g+t, ·} modulo 2^16.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BuildChunkNarrow(short[] table, int b, int g0)
        {
            ref var t = ref MemoryMarshal.GetArrayDataReference(table);
            ref var o = ref MemoryMarshal.GetArrayDataReference(_gram16!);
            var column = (nuint)(b * Block);
            for (var c = 0; c < NarrowChunk; c++)
            {
                var g = g0 + c;
                var baseEntry = (nuint)(c * 16 * Block);
                for (var v = 0; v < Block; v += Vector256<short>.Count)
                {
                    Vector256<short>.Zero.StoreUnsafe(ref t, baseEntry + (nuint)v);
                }

                for (var k = 1; k < 16; k++)
                {
                    var mu = (g * Group) + BitOperations.TrailingZeroCount(k);
                    var entry = baseEntry + (nuint)(k * Block);
                    var previous = baseEntry + (nuint)((k & (k - 1)) * Block);
                    for (var v = 0; v < Block; v += Vector256<short>.Count)
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

        /// <summary><see cref="SubsetSums"/> in int16 lanes (modulo 2^16), into <see cref="Scratch.NarrowSums"/>.</summary>
        private void SubsetSumsNarrow(Scratch scratch, int b)
        {
            var words = _unitPatterns.WordsPerRow;
            var table = scratch.NarrowTable;
            var sums = scratch.NarrowSums(_n);
            for (var g0 = 0; g0 < _groups; g0 += NarrowChunk)
            {
                BuildChunkNarrow(table, b, g0);
                AccumulateChunkNarrow(
                    ref MemoryMarshal.GetArrayDataReference(table),
                    ref MemoryMarshal.GetArrayDataReference(_unitPatterns.Words),
                    words,
                    g0,
                    _n,
                    ref MemoryMarshal.GetArrayDataReference(sums),
                    first: g0 == 0);
            }
        }

        /// <summary>
        /// For every unit i: sums_i (+)= Σ_{c &lt; 8} table[c, nibble (g0 + c) of row i's pattern bits], 64 columns in
        /// four Vector256&lt;short&gt;; the eight nibbles are the 32-bit field at bit (g0 mod 16)·4 of word g0/16.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void AccumulateChunkNarrow(ref short t, ref ulong bits, int words, int g0, int n, ref short sums, bool first)
        {
            var word = (nuint)(g0 >> 4);
            var shift = (g0 & 15) * 4;
            for (var i = 0; i < n; i++)
            {
                var field = (uint)(Unsafe.Add(ref bits, ((nuint)i * (nuint)words) + word) >> shift);
                var at0 = (nuint)((field & 15) * Block);
                var at1 = (nuint)((16 + ((field >> 4) & 15)) * Block);
                var at2 = (nuint)((32 + ((field >> 8) & 15)) * Block);
                var at3 = (nuint)((48 + ((field >> 12) & 15)) * Block);
                var at4 = (nuint)((64 + ((field >> 16) & 15)) * Block);
                var at5 = (nuint)((80 + ((field >> 20) & 15)) * Block);
                var at6 = (nuint)((96 + ((field >> 24) & 15)) * Block);
                var at7 = (nuint)((112 + (field >> 28)) * Block);
                ref var d = ref Unsafe.Add(ref sums, (nuint)i * Block);
                for (var v = 0; v < Block; v += 16)
                {
                    var x = (nuint)v;
                    var s = (Vector256.LoadUnsafe(ref t, at0 + x) + Vector256.LoadUnsafe(ref t, at1 + x))
                        + (Vector256.LoadUnsafe(ref t, at2 + x) + Vector256.LoadUnsafe(ref t, at3 + x))
                        + ((Vector256.LoadUnsafe(ref t, at4 + x) + Vector256.LoadUnsafe(ref t, at5 + x))
                        + (Vector256.LoadUnsafe(ref t, at6 + x) + Vector256.LoadUnsafe(ref t, at7 + x)));
                    if (!first)
                    {
                        s += Vector256.LoadUnsafe(ref d, x);
                    }

                    s.StoreUnsafe(ref d, x);
                }
            }
        }

        /// <summary><see cref="Finish"/> in int16 lanes (modulo 2^16; exact because |F| ≤ A_ν ≤ 2^15 − 1).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<short> FinishNarrow(Vector256<short> subset, Vector256<short> columnSum, uint cueHalfWord)
        {
            var f = subset + subset - columnSum;
            if (_zeroDiagonal)
            {
                var laneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, unchecked((short)0x8000));
                var plus = Vector256.Equals(Vector256.Create((short)cueHalfWord) & laneBits, laneBits);
                f += Vector256.Create((short)_p) - (Vector256.Create(unchecked((short)(2 * _p))) & plus);
            }

            return f;
        }

        /// <summary>The column sums of block b as int16 lanes (modulo 2^16).</summary>
        private void NarrowColumnSums(int b, Span<short> sums)
        {
            for (var k = 0; k < Block; k++)
            {
                sums[k] = (short)_columnSum[(b * Block) + k];
            }
        }

        /// <summary><see cref="CountBlock"/> for a narrow block.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CountBlockNarrow(Scratch scratch, int b, int[] counts)
        {
            SubsetSumsNarrow(scratch, b);
            ref var sums = ref MemoryMarshal.GetArrayDataReference(scratch.NarrowSums(_n));
            Span<short> columnSums = stackalloc short[Block];
            NarrowColumnSums(b, columnSums);
            ref var s = ref MemoryMarshal.GetReference(columnSums);
            var valid = b == (Width / Block) - 1 ? SignBits.LastWordMask(_q) : ulong.MaxValue;
            var column = b * Block;
            var patternWords = _unitPatterns.WordsPerRow;
            var cueWords = _unitCues.WordsPerRow;
            var patternBits = _unitPatterns.Words;
            var cueBitsAll = _unitCues.Words;
            for (var i = 0; i < _n; i++)
            {
                var cueBits = cueBitsAll[(i * cueWords) + b];
                ref var d = ref Unsafe.Add(ref sums, (nuint)i * Block);
                ulong positive = 0, negative = 0;
                for (var v = 0; v < 4; v++)
                {
                    var at = (nuint)(16 * v);
                    var lanes = FinishNarrow(Vector256.LoadUnsafe(ref d, at), Vector256.LoadUnsafe(ref s, at), (uint)(cueBits >> (16 * v)) & 0xFFFF);
                    positive |= (ulong)Vector256.ExtractMostSignificantBits(Vector256.GreaterThan(lanes, Vector256<short>.Zero)) << (16 * v);
                    negative |= (ulong)Vector256.ExtractMostSignificantBits(lanes) << (16 * v);
                }

                var next = positive | (~(positive | negative) & cueBits);
                var errors = (next ^ patternBits[(i * patternWords) + b]) & valid;
                while (errors != 0)
                {
                    counts[column + BitOperations.TrailingZeroCount(errors)]++;
                    errors &= errors - 1;
                }
            }
        }

        /// <summary><see cref="FieldBlock"/> for a narrow block (each int16 field widened to an int).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void FieldBlockNarrow(Scratch scratch, int b, int[] fields)
        {
            SubsetSumsNarrow(scratch, b);
            var sums = scratch.NarrowSums(_n);
            Span<short> columnSums = stackalloc short[Block];
            NarrowColumnSums(b, columnSums);
            ref var s = ref MemoryMarshal.GetReference(columnSums);
            Span<short> lanes = stackalloc short[Block];
            ref var f = ref MemoryMarshal.GetReference(lanes);
            var column = b * Block;
            for (var i = 0; i < _n; i++)
            {
                var cueBits = _unitCues.Row(i)[b];
                ref var d = ref sums[i * Block];
                for (var v = 0; v < 4; v++)
                {
                    var at = (nuint)(16 * v);
                    FinishNarrow(Vector256.LoadUnsafe(ref d, at), Vector256.LoadUnsafe(ref s, at), (uint)(cueBits >> (16 * v)) & 0xFFFF).StoreUnsafe(ref f, at);
                }

                for (var k = 0; k < Block && column + k < _q; k++)
                {
                    fields[((column + k) * _n) + i] = lanes[k];
                }
            }
        }
    }

    /// <summary>
    /// One thread's Gram matrix buffers (int32 and its int16 copy), grown on demand; only serial calls use them, which
    /// cannot be re-entered on their thread while they run.
    /// </summary>
    private sealed class GramBuffers
    {
        [ThreadStatic]
        private static GramBuffers? _cached;

        private GramBuffers(int length)
        {
            Gram = GC.AllocateUninitializedArray<int>(length);
            Narrow = GC.AllocateUninitializedArray<short>(length);
        }

        public int[] Gram { get; }

        public short[] Narrow { get; }

        /// <summary>This thread's buffers, at least <paramref name="length"/> entries each (contents unspecified).</summary>
        public static GramBuffers For(int length)
        {
            var cached = _cached;
            if (cached is null || cached.Gram.Length < length)
            {
                cached = new GramBuffers(length);
                _cached = cached;
            }

            return cached;
        }
    }

    /// <summary>
    /// A worker's buffers: the table chunk (4 groups × 16 subsets × 64 ints) and the subset sums of every unit (N × 64
    /// ints). Cached per thread and grown on demand, so a sweep of trials allocates them once per thread instead of
    /// once per call (the sums pass 85 KB and would land on the large-object heap each time).
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _cached;

        public Scratch(int n)
        {
            Sums = GC.AllocateUninitializedArray<int>(n * Block);
        }

        public int[] Table { get; } = new int[Chunk * 16 * Block];

        public int[] Sums { get; }

        /// <summary>The int16 table chunk (8 groups × 16 subsets × 64 shorts).</summary>
        public short[] NarrowTable { get; } = new short[NarrowChunk * 16 * Block];

        private short[]? _narrowSums;

        /// <summary>The int16 subset sums of N units (N × 64 shorts), allocated on first use.</summary>
        public short[] NarrowSums(int n)
        {
            if (_narrowSums is null || _narrowSums.Length < n * Block)
            {
                _narrowSums = GC.AllocateUninitializedArray<short>(n * Block);
            }

            return _narrowSums;
        }

        /// <summary>This thread's scratch, large enough for N units (every entry is written before it is read).</summary>
        public static Scratch For(int n)
        {
            var cached = _cached;
            if (cached is null || cached.Sums.Length < n * Block)
            {
                cached = new Scratch(n);
                _cached = cached;
            }

            return cached;
        }
    }
}
