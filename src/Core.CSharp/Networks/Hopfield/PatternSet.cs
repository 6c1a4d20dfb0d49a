namespace Plasticity.Core.Networks.Hopfield;

/// <summary>
/// An immutable set of P patterns ξ^μ ∈ {−1, +1}^N, stored row-major (pattern μ occupies
/// [μN, (μ+1)N)) as bytes so that N = 100,000 and P = 14,000 fit in 1.4 GB.
/// </summary>
public sealed class PatternSet
{
    private readonly sbyte[] _data;

    private PatternSet(int size, int count, sbyte[] data)
    {
        Size = size;
        Count = count;
        _data = data;
    }

    /// <summary>Number of units N.</summary>
    public int Size { get; }

    /// <summary>Number of patterns P.</summary>
    public int Count { get; }

    /// <summary>Load α = P/N.</summary>
    public double Load => (double)Count / Size;

    /// <summary>Pattern ξ^μ.</summary>
    public ReadOnlySpan<sbyte> this[int mu] => _data.AsSpan(mu * Size, Size);

    /// <summary>All patterns, row-major.</summary>
    public ReadOnlySpan<sbyte> Data => _data;

    /// <summary>
    /// P unbiased random patterns: every ξ_i^μ is +1 or −1 with probability ½, independently.
    /// </summary>
    public static PatternSet Dense(int size, int count, Random random) => Sparse(size, count, 0.5, random);

    /// <summary>
    /// P random low-activity patterns in the ±1 representation: ξ_i^μ = +1 with probability a (the coding
    /// level), −1 otherwise, independently. a = ½ gives unbiased patterns.
    /// </summary>
    /// <remarks>
    /// Hebbian storage of biased patterns has a ferromagnetic component (mean pattern) that the plain
    /// capacity theory does not cover; the generator exists so users can explore sparse coding.
    /// </remarks>
    public static PatternSet Sparse(int size, int count, double codingLevel, Random random)
    {
        ValidateShape(size, count);
        if (!(codingLevel > 0.0 && codingLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(codingLevel), codingLevel, "coding level a must be in (0, 1).");
        }

        ArgumentNullException.ThrowIfNull(random);
        var data = new sbyte[checked(size * count)];
        if (codingLevel == 0.5)
        {
            // One random bit per entry: draw bytes and unpack them, 8 entries per byte.
            var bytes = new byte[(data.Length + 7) / 8];
            random.NextBytes(bytes);
            for (var k = 0; k < data.Length; k++)
            {
                data[k] = ((bytes[k >> 3] >> (k & 7)) & 1) == 1 ? (sbyte)1 : (sbyte)-1;
            }
        }
        else
        {
            for (var k = 0; k < data.Length; k++)
            {
                data[k] = random.NextDouble() < codingLevel ? (sbyte)1 : (sbyte)-1;
            }
        }

        return new PatternSet(size, count, data);
    }

    /// <summary>Builds a pattern set from explicit rows (each of length N, entries ±1).</summary>
    public static PatternSet FromRows(IReadOnlyList<sbyte[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("at least one pattern is required.", nameof(rows));
        }

        var size = rows[0].Length;
        ValidateShape(size, rows.Count);
        var data = new sbyte[size * rows.Count];
        for (var mu = 0; mu < rows.Count; mu++)
        {
            var row = rows[mu];
            if (row.Length != size)
            {
                throw new ArgumentException($"pattern {mu} has length {row.Length}, expected {size}.", nameof(rows));
            }

            for (var i = 0; i < size; i++)
            {
                if (row[i] is not (1 or -1))
                {
                    throw new ArgumentException($"pattern {mu} unit {i} is {row[i]}; entries must be +1 or -1.", nameof(rows));
                }
            }

            row.CopyTo(data, mu * size);
        }

        return new PatternSet(size, rows.Count, data);
    }

    /// <summary>A copy of pattern μ as a fresh state vector.</summary>
    public sbyte[] Copy(int mu) => this[mu].ToArray();

    private static void ValidateShape(int size, int count)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "N must be at least 1.");
        }

        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "P must be at least 1.");
        }

        if ((long)size * count > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"N·P must be below 2^31 (N = {size}).");
        }
    }
}
