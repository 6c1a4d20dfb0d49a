using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Plasticity.Core.Numerics;

/// <summary>
/// The toolkit's generator: xoshiro256** (Blackman &amp; Vigna 2018, "Scrambled linear pseudorandom number
/// generators", ACM TOMS 47:36, 2021; reference code xoshiro256starstar.c at prng.di.unimi.it) as a
/// <see cref="Random"/>, with its 256-bit state filled from a full 64-bit seed by SplitMix64, the seeding the
/// authors recommend.
/// </summary>
/// <remarks>
/// <para>Why not MathNet's <c>Xoshiro256StarStar</c>: its only seeded constructor takes an <see cref="int"/>, so a
/// 64-bit seed would have to be folded to 32 bits and only 2³² streams would exist (seeds s and s + 2³² would
/// collide). This class is the same algorithm with a 64-bit seed.</para>
/// <para>Step (state s₀..s₃, 64-bit words, rotl = rotate left): output = rotl(5·s₁, 7)·9; t = s₁ ≪ 17;
/// s₂ ^= s₀; s₃ ^= s₁; s₁ ^= s₂; s₀ ^= s₃; s₂ ^= t; s₃ = rotl(s₃, 45). Period 2²⁵⁶ − 1.</para>
/// <para>Seeding: sᵢ = SplitMix64 output i + 1 from state <c>seed</c>, i.e. sᵢ = <see cref="SeedSequence.Mix"/>(seed + i·γ)
/// with γ = 0x9E3779B97F4A7C15 (Steele, Lea &amp; Flood 2014). Four consecutive outputs of a bijection of distinct
/// inputs are distinct, so the all-zero state (the one excluded state) cannot occur.</para>
/// <para>Every virtual member of <see cref="Random"/> is overridden, so every path (MathNet's distributions call
/// <see cref="NextDouble"/>, <see cref="Sample"/>, <see cref="Next(int)"/> and <see cref="NextBytes(byte[])"/>;
/// <see cref="Random.Shuffle{T}(Span{T})"/> and <see cref="Random.GetItems{T}(ReadOnlySpan{T}, int)"/> call
/// <see cref="Next(int, int)"/> and <see cref="Next(int)"/>) draws from this state and never from the base class's
/// legacy generator. Conversions: a double is (x ≫ 11)·2⁻⁵³ ∈ [0, 1) (53 bits); a float is (x ≫ 40)·2⁻²⁴;
/// an integer in [0, b) is Lemire's unbiased multiply-and-reject (ACM TOMACS 29:3, 2019): the high word of x·b,
/// redrawn while the low word is below (2⁶⁴ − b) mod b. Not thread-safe: one instance per stream.</para>
/// </remarks>
public sealed class Xoshiro256StarStarRandom : Random
{
    /// <summary>γ, the SplitMix64 increment (the golden ratio scaled to 2⁶⁴).</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the generator whose state is the first four SplitMix64 outputs from <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit seed; distinct seeds give distinct states.</param>
    public Xoshiro256StarStarRandom(ulong seed)
        : this(
            SeedSequence.Mix(seed),
            SeedSequence.Mix(unchecked(seed + Gamma)),
            SeedSequence.Mix(unchecked(seed + 2 * Gamma)),
            SeedSequence.Mix(unchecked(seed + 3 * Gamma)))
    {
    }

    // base(0): a derived Random always builds the legacy generator; a fixed seed keeps it off the shared unseeded one.
    // It is never drawn from, because every virtual member is overridden below.
    private Xoshiro256StarStarRandom(ulong s0, ulong s1, ulong s2, ulong s3)
        : base(0)
    {
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>Creates the generator with the given raw state (for reference test vectors).</summary>
    /// <exception cref="ArgumentException">All four words are zero (the state xoshiro never leaves).</exception>
    public static Xoshiro256StarStarRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3) =>
        (s0 | s1 | s2 | s3) != 0
            ? new Xoshiro256StarStarRandom(s0, s1, s2, s3)
            : throw new ArgumentException("state must not be all zero.", nameof(s0));

    /// <summary>The next raw 64-bit output of xoshiro256** (the reference <c>next()</c>).</summary>
    public ulong NextUInt64() => Step(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>One step of xoshiro256** on the given state words: returns the output and advances the state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the next raw outputs, exactly the values of as many
    /// <see cref="NextUInt64"/> calls in order, with the state held in locals for the whole span (bulk pattern bits).
    /// </summary>
    public void NextUInt64s(Span<ulong> destination)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (var k = 0; k < destination.Length; k++)
        {
            destination[k] = Step(ref s0, ref s1, ref s2, ref s3);
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>Uniform integer in [0, bound), bound ≥ 1, by Lemire's multiply-and-reject (unbiased).</summary>
    private ulong NextBelow(ulong bound)
    {
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return high;
    }

    /// <summary>Uniform in [0, 1): (x ≫ 11)·2⁻⁵³.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Same as <see cref="NextDouble"/> (the base class's extension point, used by derived distributions).</summary>
    protected override double Sample() => NextDouble();

    /// <summary>Uniform in [0, 1): (x ≫ 40)·2⁻²⁴.</summary>
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>Uniform in [0, int.MaxValue).</summary>
    public override int Next() => (int)NextBelow(int.MaxValue);

    /// <summary>Uniform in [0, maxValue); 0 without a draw when maxValue is 0 (the draw of <see cref="NextInt64(long)"/>).</summary>
    public override int Next(int maxValue) => (int)NextInt64(maxValue);

    /// <summary>Uniform in [minValue, maxValue); minValue without a draw when they are equal (the draw of <see cref="NextInt64(long, long)"/>).</summary>
    public override int Next(int minValue, int maxValue) => (int)NextInt64(minValue, maxValue);

    /// <summary>Uniform in [0, long.MaxValue).</summary>
    public override long NextInt64() => (long)NextBelow(long.MaxValue);

    /// <summary>Uniform in [0, maxValue); 0 without a draw when maxValue is 0.</summary>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : (long)NextBelow((ulong)maxValue);
    }

    /// <summary>Uniform in [minValue, maxValue); minValue without a draw when they are equal.</summary>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        var range = unchecked((ulong)maxValue - (ulong)minValue);
        return range == 0 ? minValue : unchecked(minValue + (long)NextBelow(range));
    }

    /// <summary>Fills the buffer with the little-endian bytes of successive outputs (the last one truncated).</summary>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <summary>Fills the span with the little-endian bytes of successive outputs (the last one truncated).</summary>
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, NextUInt64());
            buffer = buffer[sizeof(ulong)..];
        }

        if (!buffer.IsEmpty)
        {
            Span<byte> last = stackalloc byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(last, NextUInt64());
            last[..buffer.Length].CopyTo(buffer);
        }
    }
}
