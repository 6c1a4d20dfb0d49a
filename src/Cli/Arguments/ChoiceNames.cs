using Plasticity.Core.Networks.Hopfield;
using Plasticity.Experiments.Capacity;

namespace Plasticity.Cli.Arguments;

/// <summary>
/// The command-line spellings of the core enums (<c>hebb</c>, <c>one-step</c>, <c>async-random</c>, …).
/// </summary>
/// <remarks>
/// Kept in one table per enum so that parsing, help text, error messages and the CSV/JSON output all use the same
/// lower-case names, and a renamed enum member in the core cannot silently change what users type or what files say.
/// </remarks>
public static class ChoiceNames
{
    /// <summary>Storage rules by command-line name.</summary>
    public static IReadOnlyList<KeyValuePair<string, StorageRule>> Rules { get; } =
    [
        new("hebb", StorageRule.Hebbian),
        new("storkey", StorageRule.Storkey),
        new("pseudo-inverse", StorageRule.PseudoInverse),
    ];

    /// <summary>Capacity measures by command-line name.</summary>
    public static IReadOnlyList<KeyValuePair<string, CapacityMeasure>> Measures { get; } =
    [
        new("one-step", CapacityMeasure.OneStep),
        new("fixed-point", CapacityMeasure.FixedPoint),
    ];

    /// <summary>Update orders of the fixed-point dynamics by command-line name.</summary>
    public static IReadOnlyList<KeyValuePair<string, UpdateOrder>> Orders { get; } =
    [
        new("async-random", UpdateOrder.AsyncRandomPermutation),
        new("async-fixed", UpdateOrder.AsyncFixed),
        new("sync", UpdateOrder.Synchronous),
    ];

    /// <summary>Diagonal conventions of the weight matrix by command-line name.</summary>
    public static IReadOnlyList<KeyValuePair<string, DiagonalConvention>> Diagonals { get; } =
    [
        new("zero", DiagonalConvention.Zero),
        new("keep", DiagonalConvention.Keep),
    ];

    /// <summary>Looks up <paramref name="text"/> (case-insensitive) in <paramref name="table"/>.</summary>
    /// <exception cref="UsageException">Unknown name; the message lists the allowed names.</exception>
    public static T Parse<T>(IReadOnlyList<KeyValuePair<string, T>> table, string parameter, string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        foreach (var (name, value) in table)
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new UsageException(parameter, $"{parameter} must be one of {Allowed(table)} (got '{trimmed}')");
    }

    /// <summary>The command-line name of <paramref name="value"/>.</summary>
    public static string NameOf<T>(IReadOnlyList<KeyValuePair<string, T>> table, T value)
        where T : struct, Enum
    {
        foreach (var (name, candidate) in table)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return name;
            }
        }

        return value.ToString().ToLowerInvariant();
    }

    /// <summary>The allowed names joined with '|', for help and error messages.</summary>
    public static string Allowed<T>(IReadOnlyList<KeyValuePair<string, T>> table) =>
        string.Join('|', table.Select(entry => entry.Key));
}
