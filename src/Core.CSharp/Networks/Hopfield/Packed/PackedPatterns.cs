using System.Buffers.Binary;

namespace Plasticity.Core.Networks.Hopfield.Packed;

/// <summary>
/// P patterns ξ^μ ∈ {−1, +1}^N stored neuron-major as bits: row i holds ξ_i^1 … ξ_i^P, bit μ%64 of word μ/64, bit 1 ↔ +1,
/// W = ⌈P/64⌉ words per row, padding bits 0. N·P bits instead of the N·P bytes of <see cref="PatternSet"/>, so
/// N = 10⁶, P = 10⁵ takes 12.5 GB.
/// </summary>
/// <remarks>
/// Rows live in several arrays of at most 2²⁷ words (1 GiB) each, whole rows per array, so no single array reaches
/// the runtime's element limit however large N·P is. Row-major access (one unit's bits over all patterns) is what the
/// Hebbian fields need: N·h_i = Σ_μ ξ_i^μ M_μ reads row i once.
/// </remarks>
public sealed class PackedPatterns
{
    private const int MaxChunkWords = 1 << 27;
    private const int MaxBlocksPerBatch = 8;
    private readonly ulong[][] _chunks;
    private readonly int _rowsPerChunk;

    private PackedPatterns(int size, int count, bool zeroed)
    {
        Size = size;
        Count = count;
        Words = WordsPerRow(count);
        _rowsPerChunk = Math.Max(1, MaxChunkWords / Words);
        var chunkCount = (size + _rowsPerChunk - 1) / _rowsPerChunk;
        _chunks = new ulong[chunkCount][];
        for (var c = 0; c < chunkCount; c++)
        {
            var rows = Math.Min(_rowsPerChunk, size - c * _rowsPerChunk);
            var length = rows * Words;
            _chunks[c] = zeroed ? new ulong[length] : GC.AllocateUninitializedArray<ulong>(length);
        }
    }

    /// <summary>Number of units N.</summary>
    public int Size { get; }

    /// <summary>Number of patterns P.</summary>
    public int Count { get; }

    /// <summary>Words per row, W = ⌈P/64⌉.</summary>
    public int Words { get; }

    /// <summary>The exact number of bytes of bits allocated for N units and P patterns: 8·N·⌈P/64⌉ (array headers aside).</summary>
    public static long Bytes(int n, int p)
    {
        ValidateShape(n, p);
        return 8L * n * WordsPerRow(p);
    }

    /// <summary>Row i: ξ_i^μ for all μ as W words (read-only).</summary>
    public ReadOnlySpan<ulong> Row(int i)
    {
        if ((uint)i >= (uint)Size)
        {
            throw new ArgumentOutOfRangeException(nameof(i), i, $"unit must be in [0, {Size}).");
        }

        return RowUnchecked(i);
    }

    internal ReadOnlySpan<ulong> RowUnchecked(int i) =>
        _chunks[i / _rowsPerChunk].AsSpan((i % _rowsPerChunk) * Words, Words);

    private Span<ulong> WritableRow(int i) =>
        _chunks[i / _rowsPerChunk].AsSpan((i % _rowsPerChunk) * Words, Words);

    /// <summary>ξ_i^μ (+1 or −1).</summary>
    public sbyte this[int mu, int i]
    {
        get
        {
            if ((uint)mu >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(mu), mu, $"pattern must be in [0, {Count}).");
            }

            return Bit(Row(i), mu) ? (sbyte)1 : (sbyte)-1;
        }
    }

    /// <summary>Writes pattern ξ^μ (N entries ±1) to <paramref name="destination"/>; costs N strided bit reads.</summary>
    public void CopyPattern(int mu, Span<sbyte> destination)
    {
        if ((uint)mu >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, $"pattern must be in [0, {Count}).");
        }

        if (destination.Length != Size)
        {
            throw new ArgumentException($"destination has length {destination.Length}; expected N = {Size}.", nameof(destination));
        }

        for (var i = 0; i < Size; i++)
        {
            destination[i] = Bit(RowUnchecked(i), mu) ? (sbyte)1 : (sbyte)-1;
        }
    }

    /// <summary>The same patterns as a byte-per-entry <see cref="PatternSet"/> (only for N·P &lt; 2³¹).</summary>
    public PatternSet ToPatternSet()
    {
        var rows = new sbyte[Count][];
        for (var mu = 0; mu < Count; mu++)
        {
            rows[mu] = new sbyte[Size];
            CopyPattern(mu, rows[mu]);
        }

        return PatternSet.FromRows(rows);
    }

    /// <summary>Packs an existing pattern set.</summary>
    public static PackedPatterns FromPatternSet(PatternSet patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var packed = new PackedPatterns(patterns.Size, patterns.Count, zeroed: true);
        for (var mu = 0; mu < patterns.Count; mu++)
        {
            var xi = patterns[mu];
            for (var i = 0; i < xi.Length; i++)
            {
                if (xi[i] > 0)
                {
                    packed.WritableRow(i)[mu >> 6] |= 1UL << (mu & 63);
                }
            }
        }

        return packed;
    }

    /// <summary>
    /// Exactly the patterns <see cref="PatternSet.Dense"/>(n, p, random) draws from the same generator state (and the
    /// generator is left in the same state): ξ_i^μ = +1 iff bit k = μN + i of the little-endian byte stream is set.
    /// </summary>
    /// <remarks>
    /// The 64 patterns 64b … 64b + 63 occupy the N consecutive 64-bit words bN … bN + N − 1 of the stream. Several
    /// such blocks are drawn into a buffer at a time; then, in parallel over groups of 64 units (each group writes
    /// only its own rows, so the result does not depend on scheduling), each 64×64 tile (64 patterns × 64 units) is
    /// gathered with unaligned 64-bit reads and bit-transposed into word b of the group's rows. The N·P byte array
    /// is never built. A <see cref="Xoshiro256StarStarRandom"/> is drawn through NextUInt64 (what its NextBytes
    /// does word by word); any other generator through NextBytes(byte[]) in pieces of a multiple of 8 bytes, which
    /// equals one call for the framework's generators (seeded: byte by byte; unseeded: 8 bytes per draw).
    /// <para>Memory: <see cref="Bytes"/>(n, p) for the bits plus a draw buffer of at most 8 blocks (64·N bytes).
    /// <paramref name="maxDegreeOfParallelism"/> (−1: one thread per processor) bounds the transposition threads;
    /// the bits do not depend on it.</para>
    /// </remarks>
    public static PackedPatterns Dense(int n, int p, Random random, int maxDegreeOfParallelism = -1)
    {
        ValidateShape(n, p);
        ArgumentNullException.ThrowIfNull(random);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "maxDegreeOfParallelism must be −1 or at least 1.");
        }

        var packed = new PackedPatterns(n, p, zeroed: false);
        var xoshiro = random as Xoshiro256StarStarRandom;
        var totalBits = (long)n * p;
        var totalWords = (totalBits + 63) >> 6;
        var totalBytes = (totalBits + 7) >> 3;
        var blocks = packed.Words;
        var blocksPerBatch = (int)Math.Clamp((1L << 23) / n, 1, MaxBlocksPerBatch);
        var buffer = new ulong[(long)blocksPerBatch * n + 1];
        byte[]? bytes = xoshiro is null ? new byte[8L * blocksPerBatch * n] : null;
        var groups = (n + 63) >> 6;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        long drawnWords = 0;
        for (var b0 = 0; b0 < blocks; b0 += blocksPerBatch)
        {
            var batchBlocks = Math.Min(blocksPerBatch, blocks - b0);
            var words = (int)Math.Min((long)batchBlocks * n, totalWords - drawnWords);
            if (xoshiro is not null)
            {
                xoshiro.NextUInt64s(buffer.AsSpan(0, words));
            }
            else
            {
                var byteCount = (int)Math.Min(8L * words, totalBytes - 8 * drawnWords);
                var target = byteCount == bytes!.Length ? bytes : new byte[byteCount];
                random.NextBytes(target);
                Array.Clear(buffer);
                for (var q = 0; q < words; q++)
                {
                    var take = Math.Min(8, byteCount - 8 * q);
                    buffer[q] = take == 8
                        ? BinaryPrimitives.ReadUInt64LittleEndian(target.AsSpan(8 * q))
                        : ReadPartial(target.AsSpan(8 * q, take));
                }
            }

            buffer.AsSpan(words).Clear();
            drawnWords += words;
            var batchStart = b0;
            Parallel.For(0, groups, options, g => packed.TransposeGroup(buffer, batchStart, batchBlocks, g));
        }

        return packed;
    }

    /// <summary>Writes words b0 … b0 + batchBlocks − 1 of the rows of units 64g … 64g + 63 from the drawn buffer.</summary>
    private void TransposeGroup(ulong[] buffer, int b0, int batchBlocks, int g)
    {
        // All tiles of the batch first, then each row once (one row lookup and one cache line per row and batch).
        Span<ulong> tiles = stackalloc ulong[64 * MaxBlocksPerBatch];
        var n = Size;
        var unit0 = g << 6;
        var units = Math.Min(64, n - unit0);
        for (var lb = 0; lb < batchBlocks; lb++)
        {
            var tile = tiles.Slice(lb << 6, 64);
            var patterns = Math.Min(64, Count - ((b0 + lb) << 6));
            for (var r = 0; r < 64; r++)
            {
                if (r >= patterns)
                {
                    tile[r] = 0;
                    continue;
                }

                // Bit offset of ξ_{unit0}^{64(b0 + lb) + r} within the buffer.
                var offset = ((long)lb * 64 + r) * n + unit0;
                var q = (int)(offset >> 6);
                var shift = (int)(offset & 63);
                tile[r] = shift == 0 ? buffer[q] : (buffer[q] >> shift) | (buffer[q + 1] << (64 - shift));
            }

            PackedKernels.Transpose64(tile);
        }

        for (var c = 0; c < units; c++)
        {
            var row = WritableRow(unit0 + c).Slice(b0, batchBlocks);
            for (var lb = 0; lb < batchBlocks; lb++)
            {
                row[lb] = tiles[(lb << 6) + c];
            }
        }
    }

    private static ulong ReadPartial(ReadOnlySpan<byte> bytes)
    {
        ulong word = 0;
        for (var k = 0; k < bytes.Length; k++)
        {
            word |= (ulong)bytes[k] << (8 * k);
        }

        return word;
    }

    private static bool Bit(ReadOnlySpan<ulong> row, int mu) => ((row[mu >> 6] >> (mu & 63)) & 1) != 0;

    private static int WordsPerRow(int p) => (p + 63) >> 6;

    private static void ValidateShape(int n, int p)
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1.");
        }

        if (p < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "P must be at least 1.");
        }
    }
}
