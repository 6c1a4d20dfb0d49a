namespace Plasticity.Experiments.Stability;

/// <summary>
/// A grid file or baseline that cannot be used: unreadable syntax, an unknown or out-of-range field, an unknown
/// format version. The message is one line naming the field.
/// </summary>
public sealed class StabilityFileException : Exception
{
    /// <summary>Creates the error for <paramref name="field"/> (a path such as <c>rules.oja.eta[1]</c>).</summary>
    public StabilityFileException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Creates the error with its cause.</summary>
    public StabilityFileException(string field, string message, Exception inner)
        : base(message, inner)
    {
        Field = field;
    }

    /// <summary>The field the message is about (empty for the whole file).</summary>
    public string Field { get; }
}
