namespace Plasticity.Core.Numerics;

/// <summary>
/// Deterministic derivation of independent random streams from one user seed.
/// </summary>
/// <remarks>
/// Every stochastic path in the toolkit takes a <see cref="Random"/> or a seed. Parallel work never shares a
/// generator: each unit of work (a trial, a retrieval) derives its own stream from the user seed and its
/// identity (for example n, p and the trial index) with the SplitMix64 finaliser, so results are
/// bit-identical whatever the thread count and whatever other points a sweep contains.
/// </remarks>
public static class SeedSequence
{
    /// <summary>
    /// One SplitMix64 output (Steele, Lea &amp; Flood 2014) for state x: x + γ, then the finaliser; a bijective
    /// 64-bit mix. Mix(s + k·γ), k = 0, 1, …, is the SplitMix64 stream from seed s.
    /// </summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>
    /// Derives a child seed from a parent seed and a path of identifiers: h₀ = Mix(seed), h_i = Mix(h_{i−1} ⊕ p_i),
    /// returns h_k (the empty path gives Mix(seed)).
    /// </summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<long> path)
    {
        var h = Mix(seed);
        foreach (var p in path)
        {
            h = Mix(h ^ unchecked((ulong)p));
        }

        return h;
    }

    /// <summary>
    /// The seed s′ that stands for <paramref name="seed"/> followed by <paramref name="path"/>: for every path q,
    /// <c>Derive(s′, q) = Derive(seed, [..path, ..q])</c>, so a library entry point that takes one 64-bit seed and derives
    /// by its unit identity q can be handed <c>Prefix(s, [command id])</c> and draw exactly Derive(s, [command id, ..q]).
    /// </summary>
    /// <remarks>
    /// Derivation. Derive is h₀ = Mix(s), h_i = Mix(h_{i−1} ⊕ p_i), result h_k. For a path p₁ … p_k (k ≥ 1) let
    /// h_{k−1} be the chain after its first k − 1 elements and s′ = h_{k−1} ⊕ p_k. Then Derive(s′, q) starts from
    /// Mix(s′) = Mix(h_{k−1} ⊕ p_k) = h_k, the chain of Derive(s, p) after its last element, and continues with q exactly
    /// as Derive(s, p ++ q) does. For the empty path s′ = s. Mix is a bijection, so distinct (s, p) with equal length
    /// give distinct s′ (the last element enters by xor, the others through Mix). Note that s′ is not a child seed
    /// itself: <c>CreateRandom(s′)</c> is not <c>CreateRandom(s, p)</c>; s′ is only for passing on to code that derives.
    /// </remarks>
    public static ulong Prefix(ulong seed, params ReadOnlySpan<long> path)
    {
        if (path.IsEmpty)
        {
            return seed;
        }

        var h = Mix(seed);
        foreach (var p in path[..^1])
        {
            h = Mix(h ^ unchecked((ulong)p));
        }

        return h ^ unchecked((ulong)path[^1]);
    }

    /// <summary>
    /// Creates the toolkit's standard generator, xoshiro256** seeded with the full 64-bit
    /// <paramref name="seed"/> by SplitMix64 (<see cref="Xoshiro256StarStarRandom"/>; not thread-safe: one per stream).
    /// </summary>
    public static Random CreateRandom(ulong seed) => new Xoshiro256StarStarRandom(seed);

    /// <summary>Shorthand for <c>CreateRandom(Derive(seed, path))</c>.</summary>
    public static Random CreateRandom(ulong seed, params ReadOnlySpan<long> path) => CreateRandom(Derive(seed, path));
}
