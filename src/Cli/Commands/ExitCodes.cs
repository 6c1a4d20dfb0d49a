namespace Plasticity.Cli.Commands;

/// <summary>
/// Process exit codes, so scripts can tell a bad command line (fix the call) from a failed run (look at the error).
/// </summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Unexpected failure during the run.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line: unknown option, malformed or out-of-range value.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
