using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Plasticity.Core.Networks.Hopfield.Packed;

/// <summary>
/// Integer kernels on bit-packed pattern rows (bit μ of a row is ξ^μ = +1 when set, −1 when clear) and int
/// overlap vectors M_μ. Each SIMD kernel has a scalar reference it is tested against exactly.
/// </summary>
/// <remarks>
/// Layout: a row of W = ⌈P/64⌉ words holds bit μ in word μ/64, bit μ%64; an overlap vector has 64·W entries, the
/// padding entries μ ≥ P are kept at 0 (so a row's padding bits, which are 0, and the padding entries never matter).
/// Inner kernels do not validate lengths: callers guarantee overlap spans of at least 64 entries per row word.
/// </remarks>
public static class PackedKernels
{
    /// <summary>Reference: Σ_{μ: bit μ of row set} m_μ (64·row.Length entries of m are read).</summary>
    public static long MaskedSumReference(ReadOnlySpan<ulong> row, ReadOnlySpan<int> m)
    {
        long sum = 0;
        for (var q = 0; q < row.Length; q++)
        {
            var word = row[q];
            for (var b = 0; b < 64; b++)
            {
                if (((word >> b) & 1) != 0)
                {
                    sum += m[(q << 6) + b];
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// Σ_{μ: bit μ of row set} m_μ with Vector256&lt;int&gt;: each 32-bit half of a word is broadcast once, ANDed with
    /// four lane-bit constants (bits 8k … 8k+7 for byte k), compared with them to lane masks that select m_μ, and the
    /// selected entries are added into two accumulators (even and odd bytes), so one broadcast serves 32 entries.
    /// </summary>
    /// <param name="row">W packed words.</param>
    /// <param name="m">At least 64·W entries.</param>
    /// <param name="maxAbs">A bound on |m_μ| (≥ 1; for overlaps of states in {−1, 0, +1}, N).</param>
    /// <remarks>
    /// Overflow bound: each int32 lane of each accumulator receives 4 terms per word (8 across the two), each
    /// |m_μ| ≤ maxAbs, so after k words |lane| ≤ 8·k·maxAbs bounds both. The lanes are widened into int64 every
    /// K = ⌊(2³¹ − 1)/(8·maxAbs)⌋ words, so no lane ever exceeds 2³¹ − 1 (N = 10⁶ gives K = 268). When K would be 0 the
    /// scalar reference runs instead.
    /// </remarks>
    public static long MaskedSum(ReadOnlySpan<ulong> row, ReadOnlySpan<int> m, int maxAbs)
    {
        var flushEvery = int.MaxValue / (8L * Math.Max(1, maxAbs));
        if (!Vector256.IsHardwareAccelerated || flushEvery < 1)
        {
            return MaskedSumReference(row, m);
        }

        var (c0, c1, c2, c3) = ByteLaneBits();
        ref var m0 = ref MemoryMarshal.GetReference(m);
        var wide = Vector256<long>.Zero;
        var even = Vector256<int>.Zero;
        var odd = Vector256<int>.Zero;
        var sinceFlush = 0L;
        for (var q = 0; q < row.Length; q++)
        {
            var word = row[q];
            var at = (nuint)(q << 6);
            var lo = Vector256.Create((int)word);
            var hi = Vector256.Create((int)(word >> 32));
            even += Vector256.Equals(lo & c0, c0) & Vector256.LoadUnsafe(ref m0, at);
            odd += Vector256.Equals(lo & c1, c1) & Vector256.LoadUnsafe(ref m0, at + 8);
            even += Vector256.Equals(lo & c2, c2) & Vector256.LoadUnsafe(ref m0, at + 16);
            odd += Vector256.Equals(lo & c3, c3) & Vector256.LoadUnsafe(ref m0, at + 24);
            even += Vector256.Equals(hi & c0, c0) & Vector256.LoadUnsafe(ref m0, at + 32);
            odd += Vector256.Equals(hi & c1, c1) & Vector256.LoadUnsafe(ref m0, at + 40);
            even += Vector256.Equals(hi & c2, c2) & Vector256.LoadUnsafe(ref m0, at + 48);
            odd += Vector256.Equals(hi & c3, c3) & Vector256.LoadUnsafe(ref m0, at + 56);
            if (++sinceFlush == flushEvery)
            {
                wide += WidenSum(even) + WidenSum(odd);
                even = Vector256<int>.Zero;
                odd = Vector256<int>.Zero;
                sinceFlush = 0;
            }
        }

        wide += WidenSum(even) + WidenSum(odd);
        return Vector256.Sum(wide);
    }

    /// <summary>The four lane-bit constants of a broadcast 32-bit half-word: lane l of constant k holds bit 8k + l.</summary>
    private static (Vector256<int> C0, Vector256<int> C1, Vector256<int> C2, Vector256<int> C3) ByteLaneBits()
    {
        var c0 = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        return (c0, c0 << 8, c0 << 16, c0 << 24);
    }

    /// <summary>The int32 lanes as int64 pairs, added: lanes (0..3) + (4..7), exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> WidenSum(Vector256<int> v)
    {
        var (lo, hi) = Vector256.Widen(v);
        return lo + hi;
    }

    /// <summary>Reference: m_μ += c·ξ^μ (ξ^μ = 2·bit − 1) for μ &lt; <paramref name="count"/>; entries from count on are untouched.</summary>
    public static void AddSignedReference(ReadOnlySpan<ulong> row, int c, Span<int> m, int count)
    {
        for (var mu = 0; mu < count; mu++)
        {
            var bit = (int)((row[mu >> 6] >> (mu & 63)) & 1);
            m[mu] += c * (2 * bit - 1);
        }
    }

    /// <summary>
    /// m_μ += c·ξ^μ for μ &lt; <paramref name="count"/> (the overlap update of a flip of unit j: c = −2 s_j, row = row j),
    /// vectorised over whole words; the last partial word runs in scalar code so the padding entries stay untouched.
    /// </summary>
    public static void AddSigned(ReadOnlySpan<ulong> row, int c, Span<int> m, int count)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            AddSignedReference(row, c, m, count);
            return;
        }

        var bits = ByteLaneBits();
        var minus = Vector256.Create(-c);
        var twice = Vector256.Create(2 * c);
        ref var m0 = ref MemoryMarshal.GetReference(m);
        var fullWords = count >> 6;
        for (var q = 0; q < fullWords; q++)
        {
            var word = row[q];
            var offset = (nuint)(q << 6);
            AddSignedHalf(Vector256.Create((int)word), bits, minus, twice, ref m0, offset);
            AddSignedHalf(Vector256.Create((int)(word >> 32)), bits, minus, twice, ref m0, offset + 32);
        }

        for (var mu = fullWords << 6; mu < count; mu++)
        {
            var bit = (int)((row[mu >> 6] >> (mu & 63)) & 1);
            m[mu] += c * (2 * bit - 1);
        }
    }

    /// <summary>Reference: m_μ += c·bit_μ for all 64·row.Length entries (padding bits are 0, so padding entries stay).</summary>
    public static void AddBitsReference(ReadOnlySpan<ulong> row, int c, Span<int> m)
    {
        for (var mu = 0; mu < row.Length << 6; mu++)
        {
            m[mu] += c * (int)((row[mu >> 6] >> (mu & 63)) & 1);
        }
    }

    /// <summary>m_μ += c·bit_μ for all 64·row.Length entries, vectorised (the neuron-major accumulation of overlaps).</summary>
    public static void AddBits(ReadOnlySpan<ulong> row, int c, Span<int> m)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            AddBitsReference(row, c, m);
            return;
        }

        var (c0, c1, c2, c3) = ByteLaneBits();
        var scale = Vector256.Create(c);
        ref var m0 = ref MemoryMarshal.GetReference(m);
        for (var q = 0; q < row.Length; q++)
        {
            var word = row[q];
            if (word == 0)
            {
                continue;
            }

            var at = (nuint)(q << 6);
            var lo = Vector256.Create((int)word);
            var hi = Vector256.Create((int)(word >> 32));
            AddMasked(Vector256.Equals(lo & c0, c0) & scale, ref m0, at);
            AddMasked(Vector256.Equals(lo & c1, c1) & scale, ref m0, at + 8);
            AddMasked(Vector256.Equals(lo & c2, c2) & scale, ref m0, at + 16);
            AddMasked(Vector256.Equals(lo & c3, c3) & scale, ref m0, at + 24);
            AddMasked(Vector256.Equals(hi & c0, c0) & scale, ref m0, at + 32);
            AddMasked(Vector256.Equals(hi & c1, c1) & scale, ref m0, at + 40);
            AddMasked(Vector256.Equals(hi & c2, c2) & scale, ref m0, at + 48);
            AddMasked(Vector256.Equals(hi & c3, c3) & scale, ref m0, at + 56);
        }
    }

    /// <summary>m[at .. at+8) += v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddMasked(Vector256<int> v, ref int m0, nuint at) =>
        (Vector256.LoadUnsafe(ref m0, at) + v).StoreUnsafe(ref m0, at);

    /// <summary>The 32 entries of one broadcast half-word: m += −c + 2c·bit (= c·ξ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSignedHalf(
        Vector256<int> half,
        (Vector256<int> C0, Vector256<int> C1, Vector256<int> C2, Vector256<int> C3) bits,
        Vector256<int> minus,
        Vector256<int> twice,
        ref int m0,
        nuint at)
    {
        AddMasked(minus + (Vector256.Equals(half & bits.C0, bits.C0) & twice), ref m0, at);
        AddMasked(minus + (Vector256.Equals(half & bits.C1, bits.C1) & twice), ref m0, at + 8);
        AddMasked(minus + (Vector256.Equals(half & bits.C2, bits.C2) & twice), ref m0, at + 16);
        AddMasked(minus + (Vector256.Equals(half & bits.C3, bits.C3) & twice), ref m0, at + 24);
    }

    /// <summary>Number of set bits of a row (the count of μ with ξ^μ = +1).</summary>
    public static int PopCount(ReadOnlySpan<ulong> row)
    {
        var count = 0;
        foreach (var word in row)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>
    /// N·w_kj without the diagonal convention: Σ_μ ξ_k^μ ξ_j^μ = P − 2·popcount(row_k XOR row_j) (agreeing bits add +1,
    /// disagreeing −1; padding bits are 0 in both rows and never disagree).
    /// </summary>
    public static int CouplingNumerator(ReadOnlySpan<ulong> rowK, ReadOnlySpan<ulong> rowJ, int p)
    {
        var differ = 0;
        for (var q = 0; q < rowK.Length; q++)
        {
            differ += BitOperations.PopCount(rowK[q] ^ rowJ[q]);
        }

        return p - 2 * differ;
    }

    /// <summary>Reference transpose of a 64×64 bit matrix: bit c of x[r] becomes bit r of x[c].</summary>
    public static void Transpose64Reference(Span<ulong> x)
    {
        Span<ulong> t = stackalloc ulong[64];
        t.Clear();
        for (var r = 0; r < 64; r++)
        {
            for (var c = 0; c < 64; c++)
            {
                t[c] |= ((x[r] >> c) & 1) << r;
            }
        }

        t.CopyTo(x);
    }

    /// <summary>
    /// In-place transpose of a 64×64 bit matrix (bit c of x[r] ↔ bit r of x[c]) by recursive block swaps
    /// (Hacker's Delight §7-3): at stride j the off-diagonal j×j blocks of every 2j×2j block are exchanged.
    /// </summary>
    public static void Transpose64(Span<ulong> x)
    {
        var m = 0x00000000FFFFFFFFUL;
        for (var j = 32; j != 0; j >>= 1, m ^= m << j)
        {
            for (var k = 0; k < 64; k = ((k | j) + 1) & ~j)
            {
                var t = ((x[k] >> j) ^ x[k | j]) & m;
                x[k | j] ^= t;
                x[k] ^= t << j;
            }
        }
    }
}
