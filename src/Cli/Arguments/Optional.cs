namespace Plasticity.Cli.Arguments;

/// <summary>
/// The value of an optional option (<see cref="TypedOptions.OptionalInteger"/>, <see cref="TypedOptions.OptionalInputPath"/>):
/// either a value or <see cref="None"/> (not given, or given blank).
/// </summary>
/// <remarks>
/// A System.CommandLine custom parser must not return null (the parser then tries, and fails, to convert the null
/// itself), so "no value" is this non-null object rather than a null <c>int?</c> or <c>string?</c>.
/// </remarks>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class Optional<T>
    where T : notnull
{
    private readonly T value;

    private Optional(T value, bool hasValue)
    {
        this.value = value;
        HasValue = hasValue;
    }

    /// <summary>No value.</summary>
    public static Optional<T> None { get; } = new(default!, false);

    /// <summary>Whether a value was given.</summary>
    public bool HasValue { get; }

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">There is none.</exception>
    public T Value => HasValue ? value : throw new InvalidOperationException("the option has no value.");

    /// <summary>A given value.</summary>
    public static Optional<T> Some(T value) => new(value, true);

    /// <summary>The value, or <paramref name="fallback"/> when there is none.</summary>
    public T Or(T fallback) => HasValue ? value : fallback;

    /// <summary>The value's text, or "none".</summary>
    public override string ToString() => HasValue ? value.ToString() ?? string.Empty : "none";
}
