using System.Collections;

namespace Plasticity.Cli.Arguments;

/// <summary>The type-independent view of a <see cref="ChoiceTable{T}"/>, for help texts and the completeness test.</summary>
public interface IChoiceTable
{
    /// <summary>What the names choose, for messages (e.g. "storage rule").</summary>
    string What { get; }

    /// <summary>The type of the values.</summary>
    Type ValueType { get; }

    /// <summary>The command-line names in help order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The allowed names joined with '|', for help and error messages.</summary>
    string Allowed { get; }

    /// <summary>The value of a name (case-insensitive), boxed; null when the name is unknown.</summary>
    object? ValueOf(string name);

    /// <summary>The command-line name of a boxed value; null when the table has none.</summary>
    string? NameOf(object value);
}

/// <summary>
/// One command-line choice: lower-case names in help order, each mapped to a value (a core enum member, a preset, a
/// rule entry). Parsing, help text, error messages and the CSV/JSON output all read the same table, so a renamed
/// enum member in the core cannot silently change what users type or what files say.
/// </summary>
/// <typeparam name="T">The chosen value.</typeparam>
/// <remarks>
/// Use it through <see cref="Choices"/> (every table of the program is there) and <see cref="TypedOptions.Choice{T}"/>
/// (an <c>Option&lt;T&gt;</c> whose parser reads the table). It is an <c>IReadOnlyList&lt;KeyValuePair&lt;string, T&gt;&gt;</c>, the shape
/// of the older per-command tables, so code written against those keeps compiling.
/// </remarks>
public sealed class ChoiceTable<T> : IChoiceTable, IReadOnlyList<KeyValuePair<string, T>>
{
    private readonly KeyValuePair<string, T>[] entries;

    /// <summary>Creates the table; names must be non-empty, lower-case and distinct, and each value must appear once.</summary>
    /// <exception cref="ArgumentException">A name is empty, not lower-case or repeated, or a value is repeated.</exception>
    public ChoiceTable(string what, params IEnumerable<KeyValuePair<string, T>> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentNullException.ThrowIfNull(entries);
        What = what;
        this.entries = [.. entries];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var values = new HashSet<T>();
        foreach (var (name, value) in this.entries)
        {
            if (string.IsNullOrWhiteSpace(name) || name != name.ToLowerInvariant() || !names.Add(name))
            {
                throw new ArgumentException($"{what}: choice name '{name}' must be non-empty, lower-case and unique.", nameof(entries));
            }

            if (!values.Add(value))
            {
                throw new ArgumentException($"{what}: value '{value}' has two names.", nameof(entries));
            }
        }

        Names = [.. this.entries.Select(e => e.Key)];
        Allowed = string.Join('|', Names);
    }

    /// <inheritdoc/>
    public string What { get; }

    /// <inheritdoc/>
    public Type ValueType => typeof(T);

    /// <inheritdoc/>
    public IReadOnlyList<string> Names { get; }

    /// <inheritdoc/>
    public string Allowed { get; }

    /// <summary>Number of choices.</summary>
    public int Count => entries.Length;

    /// <summary>The choice at <paramref name="index"/> in help order.</summary>
    public KeyValuePair<string, T> this[int index] => entries[index];

    /// <summary>Looks up <paramref name="text"/> (trimmed, case-insensitive).</summary>
    public bool TryParse(string? text, out T value)
    {
        var trimmed = (text ?? string.Empty).Trim();
        foreach (var (name, candidate) in entries)
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Looks up <paramref name="text"/> for <paramref name="option"/>.</summary>
    /// <exception cref="UsageException">Unknown name; the one-line message names the option and lists the allowed names.</exception>
    public T Parse(string option, string? text) =>
        TryParse(text, out var value)
            ? value
            : throw new UsageException(option, $"{option} must be one of {Allowed} (got '{(text ?? string.Empty).Trim()}')");

    /// <summary><see cref="Parse"/> with the name kept, for <see cref="TypedOptions.Choice{T}"/>.</summary>
    /// <exception cref="UsageException">Unknown name.</exception>
    public Chosen<T> Choose(string option, string? text)
    {
        var value = Parse(option, text);
        return new Chosen<T>(NameOf(value), value);
    }

    /// <summary>The choice of <paramref name="value"/> (its name and the value).</summary>
    public Chosen<T> Choice(T value) => new(NameOf(value), value);

    /// <summary>The command-line name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The table has no name for the value (a table that misses an enum member).</exception>
    public string NameOf(T value)
    {
        foreach (var (name, candidate) in entries)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"{What}: no command-line name for this value.");
    }

    /// <inheritdoc/>
    object? IChoiceTable.ValueOf(string name) => TryParse(name, out var value) ? value : null;

    /// <inheritdoc/>
    string? IChoiceTable.NameOf(object value) =>
        value is T typed && entries.Any(e => EqualityComparer<T>.Default.Equals(e.Value, typed)) ? NameOf(typed) : null;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, T>>)entries).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The two table forms besides explicit (name, value) entries: names that are their own values, and items that carry their names.</summary>
public static class ChoiceTable
{
    /// <summary>A table whose value is the name itself (choices that are only names, such as <c>pair|triplet</c>).</summary>
    public static ChoiceTable<string> OfNames(string what, params string[] names) =>
        new(what, names.Select(name => new KeyValuePair<string, string>(name, name)));

    /// <summary>A table of <paramref name="items"/> in their order, each under the name <paramref name="nameOf"/> gives it.</summary>
    public static ChoiceTable<T> Of<T>(string what, IEnumerable<T> items, Func<T, string> nameOf) =>
        new(what, items.Select(item => new KeyValuePair<string, T>(nameOf(item), item)));
}
