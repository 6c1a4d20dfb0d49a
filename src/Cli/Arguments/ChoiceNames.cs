using Plasticity.Core.Networks.Hopfield;
using Plasticity.Experiments.Capacity;

namespace Plasticity.Cli.Arguments;

/// <summary>
/// The former home of the Hopfield choice tables, kept so that code not yet moved to <see cref="Choices"/> compiles:
/// every member forwards to <see cref="Choices"/> (no table is defined here). New code uses <see cref="Choices"/> and
/// <see cref="ChoiceTable{T}"/> directly.
/// </summary>
public static class ChoiceNames
{
    /// <summary><see cref="Choices.StorageRules"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, StorageRule>> Rules => Choices.StorageRules;

    /// <summary><see cref="Choices.CapacityMeasures"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, CapacityMeasure>> Measures => Choices.CapacityMeasures;

    /// <summary><see cref="Choices.UpdateOrders"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, UpdateOrder>> Orders => Choices.UpdateOrders;

    /// <summary><see cref="Choices.Diagonals"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, DiagonalConvention>> Diagonals => Choices.Diagonals;

    /// <summary>Looks up <paramref name="text"/> (case-insensitive) in <paramref name="table"/>.</summary>
    /// <exception cref="UsageException">Unknown name; the message lists the allowed names.</exception>
    public static T Parse<T>(IReadOnlyList<KeyValuePair<string, T>> table, string parameter, string? text) =>
        AsTable(table).Parse(parameter, text);

    /// <summary>The command-line name of <paramref name="value"/>.</summary>
    public static string NameOf<T>(IReadOnlyList<KeyValuePair<string, T>> table, T value)
        where T : struct, Enum =>
        AsTable(table).NameOf(value);

    /// <summary>The allowed names joined with '|', for help and error messages.</summary>
    public static string Allowed<T>(IReadOnlyList<KeyValuePair<string, T>> table) => AsTable(table).Allowed;

    private static ChoiceTable<T> AsTable<T>(IReadOnlyList<KeyValuePair<string, T>> table) =>
        table as ChoiceTable<T> ?? new ChoiceTable<T>("choice", table);
}
