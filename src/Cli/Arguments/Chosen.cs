namespace Plasticity.Cli.Arguments;

/// <summary>
/// The value of a choice option (<see cref="TypedOptions.Choice{T}"/>): the table's value with the name it was chosen
/// by. Its text is the command-line name, so help shows <c>[default: shuffled]</c>, not the C# member name; it converts
/// implicitly to the value (<c>PresentationOrder order = parse.GetValue(option)!;</c>).
/// </summary>
/// <typeparam name="T">The chosen value's type.</typeparam>
/// <param name="Name">The command-line name.</param>
/// <param name="Value">The value.</param>
public sealed record Chosen<T>(string Name, T Value)
{
    /// <summary>The value.</summary>
    public static implicit operator T(Chosen<T> chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        return chosen.Value;
    }

    /// <summary>The command-line name.</summary>
    public override string ToString() => Name;
}
