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
/// a nibble of its unit-major pattern bits. Columns ν are processed in blocks of 64, each unit's 64 running sums being
/// 64/L vectors of L lanes; the tables are built and read a chunk of 16 KB at a time (four groups of int32 lanes,
/// eight of int16), while a block's whole table would be ⌈P/4⌉·16·64 lanes (300 KB of ints at P = 300, inside L2).
/// Cost per trial: N·P/64·Q popcounts for O (half when the cues are the patterns, O being symmetric) and
/// N·⌈P/4⌉·⌈Q/64⌉ adds of 64-lane rows.</para>
/// <para>Exactness: in int32 lanes every quantity is an int32. |O_μν| ≤ N, a table entry is at most 4N, and the field
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
/// <para>Both widths are one generic implementation over the lane type T (int or short): the JIT compiles it once per
/// value type, so the lanes per vector (8 or 16), the groups per table chunk (4 or 8) and the per-lane cue bits are
/// constants of each copy.</para>
/// <para><see cref="CountErrorsReference"/> and <see cref="ScaledFieldsReference"/> are the plain per-entry loops (in
/// 64-bit integers) that the fast kernels must match exactly.</para>
/// </remarks>
public static class HebbianOneStep
{
    /// <summary>Cue columns per block: one word of cue bits, eight Vector256&lt;int&gt; or four Vector256&lt;short&gt;.</summary>
    private const int Block = 64;

    /// <summary>Patterns per table group (16 subset sums).</summary>
    private const int Group = 4;

    /// <summary>Bytes of one table chunk: 16 KB, half of L1d, the rest for the streaming sums.</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <summary>
    /// Groups per table chunk in lanes of type T: 16 KB of 16 subsets × 64 lanes, four groups in int32 lanes and eight
    /// in int16 (a constant of each instantiation).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Chunk<T>()
        where T : unmanaged => ChunkBytes / (16 * Block * Unsafe.SizeOf<T>());

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
        work.ForEachBlock(parallel, (scratch, b) => work.CountBlock<short>(scratch, b, counts), (scratch, b) => work.CountBlock<int>(scratch, b, counts));
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
        work.ForEachBlock(false, (scratch, b) => work.FieldBlock<short>(scratch, b, result), (scratch, b) => work.FieldBlock<int>(scratch, b, result));
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
        /// Runs, for every column block, <paramref name="narrow"/> (the int16-lane instantiation) when the block is
        /// narrow and <paramref name="wide"/> (int32 lanes) otherwise, with scratch of its own: the thread's cached
        /// scratch in a serial call (nothing else can run on the thread meanwhile), fresh scratch per worker in a
        /// parallel one (a worker waiting on the pool may run another caller's work on its thread).
        /// </summary>
        public void ForEachBlock(bool parallel, Action<Scratch, int> narrow, Action<Scratch, int> wide)
        {
            var blocks = Width / Block;
            if (!parallel || blocks == 1)
            {
                var scratch = Scratch.For();
                for (var b = 0; b < blocks; b++)
                {
                    (_narrowBlock[b] ? narrow : wide)(scratch, b);
                }

                return;
            }

            Parallel.For(0, blocks, () => new Scratch(), (b, _, scratch) =>
            {
                (_narrowBlock[b] ? narrow : wide)(scratch, b);
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
        /// The table chunk of groups g0 … g0 + <see cref="Chunk{T}"/> − 1 of block b in lanes of type T: entry
        /// (g − g0, k) is the 64 columns Σ_{t: bit t of k} O_{4g+t, ·} (rows μ ≥ P count as 0; modulo 2^16 in int16
        /// lanes), built from (g, k without its lowest bit) plus one row. Groups past the last are all zero, so a
        /// short last chunk adds nothing for them.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BuildChunk<T>(T[] table, int b, int g0)
            where T : unmanaged, IBinaryInteger<T>
        {
            ref var t = ref MemoryMarshal.GetArrayDataReference(table);
            ref var o = ref MemoryMarshal.GetArrayDataReference(GramOf<T>());
            var column = (nuint)(b * Block);
            for (var c = 0; c < Chunk<T>(); c++)
            {
                var g = g0 + c;
                var baseEntry = (nuint)(c * 16 * Block);
                for (var v = 0; v < Block; v += Vector256<T>.Count)
                {
                    Vector256<T>.Zero.StoreUnsafe(ref t, baseEntry + (nuint)v);
                }

                for (var k = 1; k < 16; k++)
                {
                    var mu = (g * Group) + BitOperations.TrailingZeroCount(k);
                    var entry = baseEntry + (nuint)(k * Block);
                    var previous = baseEntry + (nuint)((k & (k - 1)) * Block);
                    for (var v = 0; v < Block; v += Vector256<T>.Count)
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
        /// The Gram matrix in lanes of type T: the int32 entries, or their int16 copy (exact in the narrow blocks'
        /// columns, the only ones read in int16 lanes).
        /// </summary>
        private T[] GramOf<T>()
            where T : unmanaged, IBinaryInteger<T> => typeof(T) == typeof(short) ? (T[])(object)_gram16! : (T[])(object)_gram;

        /// <summary>
        /// S_iν = Σ_{μ: ξ_i^μ = +1} O_μν for every unit i and the 64 columns ν of block b, in lanes of type T (modulo
        /// 2^16 in int16 lanes), into <see cref="Lanes{T}.Sums"/> (unit-major, 64 lanes per unit). The groups are
        /// taken a chunk at a time: the chunk's table (16 KB in either width) stays in L1 while every unit adds its
        /// rows to its running sums, which stream through L2 in order; one table over all groups (⌈P/4⌉·16·64 lanes)
        /// would be read at random from L2.
        /// </summary>
        private T[] SubsetSums<T>(Scratch scratch, int b)
            where T : unmanaged, IBinaryInteger<T>
        {
            var words = _unitPatterns.WordsPerRow;
            var lanes = scratch.Of<T>();
            var table = lanes.Table;
            var sums = lanes.Sums(_n);
            for (var g0 = 0; g0 < _groups; g0 += Chunk<T>())
            {
                BuildChunk(table, b, g0);
                AccumulateChunk(
                    ref MemoryMarshal.GetArrayDataReference(table),
                    ref MemoryMarshal.GetArrayDataReference(_unitPatterns.Words),
                    words,
                    g0,
                    _n,
                    ref MemoryMarshal.GetArrayDataReference(sums),
                    first: g0 == 0);
            }

            return sums;
        }

        /// <summary>
        /// For every unit i: sums_i (+)= Σ_{c &lt; Chunk} table[c, nibble (g0 + c) of row i's pattern bits], 64 columns
        /// in vectors of T. The chunk's four (int32) or eight (int16) nibbles are one 16- or 32-bit field of a word
        /// because g0 is a multiple of the chunk size; the second four nibbles are read only when the chunk has eight
        /// groups (a constant of the instantiation, so the int32 code has no trace of them).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void AccumulateChunk<T>(ref T t, ref ulong bits, int words, int g0, int n, ref T sums, bool first)
            where T : unmanaged, IBinaryInteger<T>
        {
            var word = (nuint)(g0 >> 4);
            var shift = (g0 & 15) * 4;
            var eight = Chunk<T>() == 8;
            for (var i = 0; i < n; i++)
            {
                var field = (uint)(Unsafe.Add(ref bits, ((nuint)i * (nuint)words) + word) >> shift);
                var at0 = (nuint)((field & 15) * Block);
                var at1 = (nuint)((16 + ((field >> 4) & 15)) * Block);
                var at2 = (nuint)((32 + ((field >> 8) & 15)) * Block);
                var at3 = (nuint)((48 + ((field >> 12) & 15)) * Block);
                nuint at4 = 0, at5 = 0, at6 = 0, at7 = 0;
                if (eight)
                {
                    at4 = (nuint)((64 + ((field >> 16) & 15)) * Block);
                    at5 = (nuint)((80 + ((field >> 20) & 15)) * Block);
                    at6 = (nuint)((96 + ((field >> 24) & 15)) * Block);
                    at7 = (nuint)((112 + (field >> 28)) * Block);
                }

                ref var d = ref Unsafe.Add(ref sums, (nuint)i * Block);
                for (var v = 0; v < Block; v += Vector256<T>.Count)
                {
                    var x = (nuint)v;
                    var s = (Vector256.LoadUnsafe(ref t, at0 + x) + Vector256.LoadUnsafe(ref t, at1 + x))
                        + (Vector256.LoadUnsafe(ref t, at2 + x) + Vector256.LoadUnsafe(ref t, at3 + x));
                    if (eight)
                    {
                        s += (Vector256.LoadUnsafe(ref t, at4 + x) + Vector256.LoadUnsafe(ref t, at5 + x))
                            + (Vector256.LoadUnsafe(ref t, at6 + x) + Vector256.LoadUnsafe(ref t, at7 + x));
                    }

                    if (!first)
                    {
                        s += Vector256.LoadUnsafe(ref d, x);
                    }

                    s.StoreUnsafe(ref d, x);
                }
            }
        }

        /// <summary>
        /// F = 2S − colsum − [zero diagonal] P c for one vector of lanes, with c = +1 in the lanes whose cue bit is set:
        /// lane k takes bit k of <paramref name="cueBits"/> (the block's cue word shifted to the vector's first column).
        /// <paramref name="p"/> and <paramref name="twoP"/> are P and 2P in every lane. Wrapping arithmetic in T: exact
        /// in int32 lanes by <see cref="IsExact"/>, in int16 lanes because |F| ≤ A_ν ≤ 2^15 − 1.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<T> Finish<T>(Vector256<T> subset, Vector256<T> columnSum, ulong cueBits, Vector256<T> p, Vector256<T> twoP)
            where T : unmanaged, IBinaryInteger<T>
        {
            var f = subset + subset - columnSum;
            if (_zeroDiagonal)
            {
                // −P c = −P·(2·[c = +1] − 1) = P − 2P·[c = +1]; the truncation to T keeps the vector's cue bits.
                var laneBits = LaneBits<T>();
                var plus = Vector256.Equals(Vector256.Create(T.CreateTruncating(cueBits)) & laneBits, laneBits);
                f += p - (twoP & plus);
            }

            return f;
        }

        /// <summary>Lane k holds 2^k (the sign bit in the last int16 lane): the cue bit each lane tests.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> LaneBits<T>()
            where T : unmanaged, IBinaryInteger<T> => typeof(T) == typeof(short)
                ? Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, unchecked((short)0x8000)).As<short, T>()
                : Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128).As<int, T>();

        /// <summary>The column sums Σ_μ O_μν of block b as lanes of type T (modulo 2^16 in int16 lanes).</summary>
        private void ColumnSums<T>(int b, Span<T> sums)
            where T : unmanaged, IBinaryInteger<T>
        {
            for (var k = 0; k < Block; k++)
            {
                sums[k] = T.CreateTruncating(_columnSum[(b * Block) + k]);
            }
        }

        /// <summary>
        /// Adds block b's error counts to <paramref name="counts"/> (columns b·64 … b·64 + 63, owned by this block),
        /// computed in lanes of type T.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void CountBlock<T>(Scratch scratch, int b, int[] counts)
            where T : unmanaged, IBinaryInteger<T>
        {
            ref var sums = ref MemoryMarshal.GetArrayDataReference(SubsetSums<T>(scratch, b));
            Span<T> columnSums = stackalloc T[Block];
            ColumnSums(b, columnSums);
            ref var s = ref MemoryMarshal.GetReference(columnSums);
            var p = Vector256.Create(T.CreateTruncating(_p));
            var twoP = Vector256.Create(T.CreateTruncating(2 * _p));
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
                for (var at = 0; at < Block; at += Vector256<T>.Count)
                {
                    var lanes = Finish(Vector256.LoadUnsafe(ref d, (nuint)at), Vector256.LoadUnsafe(ref s, (nuint)at), cueBits >> at, p, twoP);
                    positive |= (ulong)Vector256.ExtractMostSignificantBits(Vector256.GreaterThan(lanes, Vector256<T>.Zero)) << at;
                    negative |= (ulong)Vector256.ExtractMostSignificantBits(lanes) << at;
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

        /// <summary>
        /// Writes block b's fields into <paramref name="fields"/> (ν-major, ν &lt; Q), computed in lanes of type T and
        /// each widened to an int.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void FieldBlock<T>(Scratch scratch, int b, int[] fields)
            where T : unmanaged, IBinaryInteger<T>
        {
            var sums = SubsetSums<T>(scratch, b);
            Span<T> columnSums = stackalloc T[Block];
            ColumnSums(b, columnSums);
            ref var s = ref MemoryMarshal.GetReference(columnSums);
            var p = Vector256.Create(T.CreateTruncating(_p));
            var twoP = Vector256.Create(T.CreateTruncating(2 * _p));
            Span<T> lanes = stackalloc T[Block];
            ref var f = ref MemoryMarshal.GetReference(lanes);
            var column = b * Block;
            for (var i = 0; i < _n; i++)
            {
                var cueBits = _unitCues.Row(i)[b];
                ref var d = ref sums[i * Block];
                for (var at = 0; at < Block; at += Vector256<T>.Count)
                {
                    Finish(Vector256.LoadUnsafe(ref d, (nuint)at), Vector256.LoadUnsafe(ref s, (nuint)at), cueBits >> at, p, twoP).StoreUnsafe(ref f, (nuint)at);
                }

                for (var k = 0; k < Block && column + k < _q; k++)
                {
                    fields[((column + k) * _n) + i] = int.CreateTruncating(lanes[k]);
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
    /// A worker's buffers in both lane widths (<see cref="Lanes{T}"/>). Cached per thread and grown on demand, so a
    /// sweep of trials allocates them once per thread instead of once per call (the sums pass 85 KB and would land on
    /// the large-object heap each time).
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _cached;

        private readonly Lanes<int> _wide = new();
        private readonly Lanes<short> _narrow = new();

        /// <summary>The buffers in lanes of type T (int32 or int16).</summary>
        public Lanes<T> Of<T>()
            where T : unmanaged, IBinaryInteger<T> => typeof(T) == typeof(short) ? (Lanes<T>)(object)_narrow : (Lanes<T>)(object)_wide;

        /// <summary>This thread's scratch (every entry is written before it is read).</summary>
        public static Scratch For() => _cached ??= new Scratch();
    }

    /// <summary>
    /// One lane width's buffers: the table chunk (<see cref="Chunk{T}"/> groups × 16 subsets × 64 lanes, 16 KB) and
    /// the subset sums of every unit (N × 64 lanes, allocated on first use and grown on demand).
    /// </summary>
    private sealed class Lanes<T>
        where T : unmanaged
    {
        private T[]? _sums;

        public T[] Table { get; } = new T[Chunk<T>() * 16 * Block];

        /// <summary>The subset sums of N units, at least N × 64 lanes (contents unspecified).</summary>
        public T[] Sums(int n)
        {
            if (_sums is null || _sums.Length < n * Block)
            {
                _sums = GC.AllocateUninitializedArray<T>(n * Block);
            }

            return _sums;
        }
    }
}
