namespace Plasticity.Cli.Arguments;

/// <summary>
/// A bad command-line value. It carries the offending parameter so the program can print one line that names it
/// and exit with code 2 (usage error) instead of a stack trace.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates a usage error for <paramref name="parameter"/> (for example <c>--alpha</c>).</summary>
    public UsageException(string parameter, string message)
        : base(message)
    {
        Parameter = parameter;
    }

    /// <summary>The option the message is about, as typed on the command line (for example <c>--trials</c>).</summary>
    public string Parameter { get; }
}
