namespace Plasticity.Cli.Commands;

/// <summary>
/// Where a command writes and how it may talk to the user.
/// </summary>
/// <remarks>
/// Commands never touch <see cref="Console"/> directly, so tests can run them in-process with string writers, and a
/// redirected run (CI logs, pipes) gets a few plain lines instead of progress-bar escape codes.
/// </remarks>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error: warnings and the one-line errors.</param>
/// <param name="Interactive">Whether <paramref name="Out"/> is a terminal that can show a live progress bar.</param>
/// <param name="CommandLine">The program's arguments as typed, recorded in the result files.</param>
/// <param name="CancellationToken">Signalled by Ctrl+C.</param>
public sealed record CommandContext(
    TextWriter Out,
    TextWriter Error,
    bool Interactive,
    IReadOnlyList<string> CommandLine,
    CancellationToken CancellationToken = default);
