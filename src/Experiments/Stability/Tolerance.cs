namespace Plasticity.Experiments.Stability;

/// <summary>How far a metric may move between a baseline and a new run before it counts as a regression.</summary>
/// <param name="Exact">True: the values must be equal (integers, flags, counts).</param>
/// <param name="Relative">Relative part r of |new − old| ≤ r·max(|old|, |new|) + a.</param>
/// <param name="Absolute">Absolute part a (for values near zero, such as a weight mean).</param>
public sealed record Tolerance(bool Exact, double Relative, double Absolute)
{
    /// <summary>Values must be equal.</summary>
    public static Tolerance ExactMatch { get; } = new(true, 0, 0);

    /// <summary>|new − old| ≤ <paramref name="relative"/>·max(|old|, |new|) + <paramref name="absolute"/>.</summary>
    public static Tolerance Within(double relative, double absolute) => new(false, relative, absolute);

    /// <summary>Whether <paramref name="now"/> is within tolerance of <paramref name="old"/>; a missing value equals only a missing value.</summary>
    public bool Accepts(double? old, double? now)
    {
        if (old is null || now is null)
        {
            return old is null && now is null;
        }

        var (o, n) = (old.Value, now.Value);
        return Exact ? o == n : Math.Abs(n - o) <= Relative * Math.Max(Math.Abs(o), Math.Abs(n)) + Absolute;
    }

    /// <summary>"exact" or "rel 1E-09 + abs 1E-12", as printed in diffs.</summary>
    public override string ToString() => Exact
        ? "exact"
        : string.Create(CultureInfo.InvariantCulture, $"rel {Relative:G3} + abs {Absolute:G3}");
}
