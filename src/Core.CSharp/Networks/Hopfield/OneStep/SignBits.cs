using System.Runtime.CompilerServices;

namespace Plasticity.Core.Networks.Hopfield.OneStep;

/// <summary>
/// A Rows × Columns matrix of ±1 entries packed 64 to a word, row-major: entry (r, c) is bit c mod 64 of word
/// r·<see cref="WordsPerRow"/> + ⌊c/64⌋, bit 1 ↔ +1 and bit 0 ↔ −1. The pad bits of each row's last word (c ≥ Columns)
/// are always 0, so a popcount of the XOR of two rows counts exactly the entries where they differ.
/// </summary>
/// <remarks>
/// The layout of the one-step kernel (<see cref="HebbianOneStep"/>): pattern-major rows for the Gram matrix of
/// overlaps, and their transpose (unit-major: for unit i, its P bits) for the fields. One eighth of the bytes of a
/// <see cref="PatternSet"/>.
/// </remarks>
public sealed class SignBits
{
    private readonly ulong[] _words;

    /// <summary>A Rows × Columns matrix with every entry −1 (every bit 0).</summary>
    public SignBits(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Rows = rows;
        Columns = columns;
        WordsPerRow = (columns + 63) >> 6;
        _words = new ulong[checked(rows * WordsPerRow)];
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns (entries per row).</summary>
    public int Columns { get; }

    /// <summary>Words per row, ⌈Columns/64⌉.</summary>
    public int WordsPerRow { get; }

    /// <summary>All words, row after row (for the kernels of this folder).</summary>
    internal ulong[] Words => _words;

    /// <summary>Entry (r, c) as ±1.</summary>
    public sbyte this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)Columns, nameof(column));
            return ((_words[(row * WordsPerRow) + (column >> 6)] >> (column & 63)) & 1) != 0 ? (sbyte)1 : (sbyte)-1;
        }
    }

    /// <summary>The words of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<ulong> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        return _words.AsSpan(row * WordsPerRow, WordsPerRow);
    }

    /// <summary>The patterns of <paramref name="patterns"/> as rows (row μ = ξ^μ).</summary>
    public static SignBits FromPatterns(PatternSet patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var bits = new SignBits(patterns.Count, patterns.Size);
        for (var mu = 0; mu < patterns.Count; mu++)
        {
            bits.SetRow(mu, patterns[mu]);
        }

        return bits;
    }

    /// <summary>
    /// The same P patterns as <see cref="PatternSet.Dense"/>(<paramref name="size"/>, <paramref name="count"/>,
    /// <paramref name="random"/>) and the same draw from <paramref name="random"/> (one <see cref="Random.NextBytes(byte[])"/>
    /// of ⌈N·P/8⌉ bytes), packed directly: bit k = μN + i of that byte stream (bit k mod 8 of byte ⌊k/8⌋) is ξ_i^μ,
    /// 1 ↔ +1. Costs N·P/64 word operations instead of N·P byte writes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SignBits Dense(int size, int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(random);
        if ((long)size * count > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"N·P must be below 2^31 (N = {size}).");
        }

        var bytes = new byte[(((long)size * count) + 7) / 8];
        random.NextBytes(bytes);
        // The byte stream as little-endian words, with one zero word after the end so a 64-bit read at any bit
        // offset inside the stream can take the next word.
        var stream = new ulong[(bytes.Length >> 3) + 2];
        Buffer.BlockCopy(bytes, 0, stream, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            for (var k = 0; k < stream.Length; k++)
            {
                stream[k] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(stream[k]);
            }
        }

        var bits = new SignBits(count, size);
        var words = bits._words;
        var perRow = bits.WordsPerRow;
        var lastMask = LastWordMask(size);
        for (var mu = 0; mu < count; mu++)
        {
            var start = (long)mu * size;
            for (var w = 0; w < perRow; w++)
            {
                var at = start + ((long)w << 6);
                var word = (int)(at >> 6);
                var shift = (int)(at & 63);
                var value = shift == 0 ? stream[word] : (stream[word] >> shift) | (stream[word + 1] << (64 - shift));
                words[(mu * perRow) + w] = w == perRow - 1 ? value & lastMask : value;
            }
        }

        return bits;
    }

    /// <summary>Sets row <paramref name="row"/> from ±1 values (a positive entry is +1, anything else −1).</summary>
    public void SetRow(int row, ReadOnlySpan<sbyte> values)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        if (values.Length != Columns)
        {
            throw new ArgumentException($"values has length {values.Length}; expected {Columns}.", nameof(values));
        }

        var target = _words.AsSpan(row * WordsPerRow, WordsPerRow);
        target.Clear();
        for (var c = 0; c < values.Length; c++)
        {
            if (values[c] > 0)
            {
                target[c >> 6] |= 1UL << (c & 63);
            }
        }
    }

    /// <summary>Writes row <paramref name="row"/> as ±1 values.</summary>
    public void CopyRowTo(int row, Span<sbyte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        if (destination.Length != Columns)
        {
            throw new ArgumentException($"destination has length {destination.Length}; expected {Columns}.", nameof(destination));
        }

        var source = _words.AsSpan(row * WordsPerRow, WordsPerRow);
        for (var c = 0; c < destination.Length; c++)
        {
            destination[c] = ((source[c >> 6] >> (c & 63)) & 1) != 0 ? (sbyte)1 : (sbyte)-1;
        }
    }

    /// <summary>The Columns × Rows transpose (entry (c, r) = entry (r, c)), by 64 × 64 bit blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SignBits Transpose()
    {
        var result = new SignBits(Columns, Rows);
        Span<ulong> block = stackalloc ulong[64];
        var outWords = result._words;
        var outPerRow = result.WordsPerRow;
        for (var rb = 0; rb < outPerRow; rb++)
        {
            for (var cb = 0; cb < WordsPerRow; cb++)
            {
                for (var k = 0; k < 64; k++)
                {
                    var r = (rb << 6) + k;
                    block[k] = r < Rows ? _words[(r * WordsPerRow) + cb] : 0UL;
                }

                Transpose64(block);
                for (var j = 0; j < 64; j++)
                {
                    var c = (cb << 6) + j;
                    if (c < Columns)
                    {
                        outWords[(c * outPerRow) + rb] = block[j];
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Mask of the valid bits of a row's last word.</summary>
    internal static ulong LastWordMask(int columns) => (columns & 63) == 0 ? ulong.MaxValue : (1UL << (columns & 63)) - 1;

    /// <summary>
    /// In-place transpose of a 64 × 64 bit block: afterwards bit k of a[j] is what bit j of a[k] was (Hacker's Delight
    /// §7-3, swapping ever smaller off-diagonal sub-blocks, for least-significant-bit-first columns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose64(Span<ulong> a)
    {
        var m = 0x0000_0000_FFFF_FFFFUL;
        for (var j = 32; j != 0; j >>= 1, m ^= m << j)
        {
            for (var k = 0; k < 64; k = ((k | j) + 1) & ~j)
            {
                var t = ((a[k] >> j) ^ a[k | j]) & m;
                a[k] ^= t << j;
                a[k | j] ^= t;
            }
        }
    }
}
