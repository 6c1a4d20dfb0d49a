namespace Plasticity.Core.Networks.Hopfield;

/// <summary>Operations on patterns and states: overlaps, noisy cues and mixture states.</summary>
public static class PatternOps
{
    /// <summary>Overlap m = (1/N) ξ·s ∈ [−1, 1].</summary>
    public static double Overlap(ReadOnlySpan<sbyte> pattern, ReadOnlySpan<sbyte> state)
    {
        if (pattern.Length != state.Length)
        {
            throw new ArgumentException($"state has length {state.Length}, pattern {pattern.Length}.", nameof(state));
        }

        return (double)Numerics.SignedKernels.Dot(pattern, state) / pattern.Length;
    }

    /// <summary>Overlaps m_μ = (1/N) ξ^μ·s with every stored pattern.</summary>
    public static double[] Overlaps(PatternSet patterns, ReadOnlySpan<sbyte> state)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var m = new double[patterns.Count];
        for (var mu = 0; mu < m.Length; mu++)
        {
            m[mu] = Overlap(patterns[mu], state);
        }

        return m;
    }

    /// <summary>
    /// A cue: a copy of <paramref name="pattern"/> with exactly k = round(f·N) units flipped, chosen uniformly
    /// without replacement, so the cue's overlap with the pattern is exactly m₀ = 1 − 2k/N.
    /// </summary>
    public static sbyte[] Cue(ReadOnlySpan<sbyte> pattern, double flipFraction, Random random)
    {
        if (!(flipFraction >= 0.0 && flipFraction <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(flipFraction), flipFraction, "flip fraction must be in [0, 1].");
        }

        return CueWithFlips(pattern, FlipCount(pattern.Length, flipFraction), random);
    }

    /// <summary>Number of flipped bits k = round(f·N) (midpoints away from zero) used by <see cref="Cue"/>.</summary>
    public static int FlipCount(int size, double flipFraction) =>
        (int)Math.Round(flipFraction * size, MidpointRounding.AwayFromZero);

    /// <summary>A copy of <paramref name="pattern"/> with exactly <paramref name="flips"/> distinct units flipped.</summary>
    public static sbyte[] CueWithFlips(ReadOnlySpan<sbyte> pattern, int flips, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = pattern.Length;
        if (flips < 0 || flips > n)
        {
            throw new ArgumentOutOfRangeException(nameof(flips), flips, $"flips must be in [0, {n}].");
        }

        var cue = pattern.ToArray();
        if (flips == 0)
        {
            return cue;
        }

        // Partial Fisher–Yates: the first k entries of a random permutation are a uniform k-subset.
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = i;
        }

        for (var i = 0; i < flips; i++)
        {
            var j = i + random.Next(n - i);
            (index[i], index[j]) = (index[j], index[i]);
            cue[index[i]] = (sbyte)-cue[index[i]];
        }

        return cue;
    }

    /// <summary>
    /// The mixture state s_i = sgn(Σ_{μ∈S} ξ_i^μ) of an odd number of patterns (a spurious attractor of
    /// Hebbian networks; each component has overlap 2^{−(n−1)} C(n−1, (n−1)/2), ½ for n = 3).
    /// </summary>
    public static sbyte[] Mixture(PatternSet patterns, ReadOnlySpan<int> components)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (components.Length < 1 || components.Length % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(components), components.Length, "a mixture needs an odd number of patterns (1, 3, 5, …).");
        }

        var sum = new int[patterns.Size];
        foreach (var mu in components)
        {
            if (mu < 0 || mu >= patterns.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(components), mu, $"pattern index must be in [0, {patterns.Count - 1}].");
            }

            Numerics.SignedKernels.MultiplyAdd(patterns[mu], 1, sum);
        }

        var s = new sbyte[patterns.Size];
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = sum[i] > 0 ? (sbyte)1 : (sbyte)-1; // odd count: never zero
        }

        return s;
    }
}
