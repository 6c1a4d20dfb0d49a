using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Plasticity.Cli;

/// <summary>
/// Entry point of the <c>plasticity</c> command-line program.
/// </summary>
/// <remarks>
/// <see cref="Main"/> returns the exit code instead of calling <see cref="Environment.Exit(int)"/> so tests can call it
/// in-process. Error policy: a bad command line prints one line and exits with 2; an unexpected failure prints one
/// line <c>error: …</c> and exits with 1 (the stack trace only with <c>--verbose</c> or <c>PLASTICITY_DEBUG=1</c>);
/// Ctrl+C exits with 130.
/// </remarks>
public static class Program
{
    /// <summary>Environment variable that turns on stack traces for unexpected errors.</summary>
    public const string DebugVariable = "PLASTICITY_DEBUG";

    /// <summary>Runs the program on the process console; Ctrl+C cancels the running sweep.</summary>
    public static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            cancellation.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return Run(args, Console.Out, Console.Error, !Console.IsOutputRedirected, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>
    /// Runs the program with explicit writers, for tests and embedding. <paramref name="interactive"/> enables the
    /// live progress bar and the Spectre summary table (only sensible on a real terminal).
    /// </summary>
    public static int Run(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        bool interactive = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var verbose = new Option<bool>("--verbose")
        {
            Description = "Print stack traces of unexpected errors.",
            Recursive = true,
        };
        var debug = verbose.Name;
        var context = new CommandContext(stdout, stderr, interactive, [.. args], cancellationToken);
        var root = new RootCommand("Plasticity Toolkit: simulations of Hopfield networks and synaptic plasticity.") { verbose };
        foreach (var command in Commands(args, context))
        {
            root.Subcommands.Add(command);
        }

        var showStackTrace = args.Contains(debug, StringComparer.Ordinal)
                             || Environment.GetEnvironmentVariable(DebugVariable) == "1";
        try
        {
            var parseResult = root.Parse(args, ParserSettings);
            showStackTrace |= parseResult.GetValue(verbose);
            if (MissingValue(parseResult, args) is string missing)
            {
                ErrorText.WriteError(stderr, $"{missing} (see 'plasticity --help')");
                return ExitCodes.Usage;
            }

            if (parseResult.Errors.Count > 0 && parseResult.Action is null or ParseErrorAction)
            {
                ErrorText.WriteError(stderr, UsageLine(parseResult));
                return ExitCodes.Usage;
            }

            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            ErrorText.WriteError(stderr, ErrorText.OneLine(e));
            if (showStackTrace)
            {
                stderr.WriteLine(e.ToString());
            }

            return ExitCodes.Failure;
        }
    }

    /// <summary>The subcommands, in the order the help lists them, each built by its own factory.</summary>
    private static readonly (string Name, Func<CommandContext, Command> Create)[] Factories =
    [
        ("capacity", CapacityCommand.Create),
        ("learn", LearnCommand.Create),
        ("generate", GenerateCommand.Create),
        ("eigen", EigenCommand.Create),
        ("stdp", StdpCommand.Create),
        ("bench", BenchCommand.Create),
        ("merge", MergeCommand.Create),
        ("verify", VerifyCommand.Create),
        ("stability", StabilityCommand.Create),
    ];

    /// <summary>
    /// The subcommands to put under the root: only the one named by the first word when it names one (building every
    /// command's options and choice tables is a large part of start-up, and a command's parse, help and errors never
    /// look at its siblings), otherwise all of them (root help, a misspelt or missing command name).
    /// </summary>
    private static IEnumerable<Command> Commands(string[] args, CommandContext context)
    {
        var named = args.Length > 0 ? Array.FindIndex(Factories, f => f.Name == args[0]) : -1;
        if (named >= 0)
        {
            var command = Factories[named].Create(context);
            if (command.Name == args[0])
            {
                return [command];
            }
        }

        return Factories.Select(f => f.Create(context));
    }

    /// <summary>
    /// Parser settings. Response files are off: System.CommandLine would otherwise replace any <c>@path</c> token by
    /// the whole content of that file before parsing, so <c>@/some/dir</c> failed with an access error (exit 1) and
    /// <c>@/dev/zero</c> was read until memory ran out. No command documents response files; an <c>@…</c> token is
    /// now an unrecognized argument like any other (exit 2, one line naming it).
    /// </summary>
    private static ParserConfiguration ParserSettings => new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// An option that needs a value but is followed by nothing, by <c>--</c> or by another option of the command
    /// (<c>--n --alpha 0.1</c>, <c>--n -- …</c>, <c>--n=</c>). The parser then either blames the token after it, which is not the
    /// culprit, or silently takes the next option's name as the value; the message names the option whose value is
    /// missing instead.
    /// </summary>
    private static string? MissingValue(ParseResult parseResult, string[] args)
    {
        var valueOptions = new HashSet<string>(StringComparer.Ordinal);
        var allOptions = new HashSet<string>(StringComparer.Ordinal);
        SymbolResult? result = parseResult.CommandResult;
        var own = true;
        while (result is CommandResult commandResult)
        {
            foreach (var option in commandResult.Command.Options)
            {
                if (!own && !option.Recursive)
                {
                    continue;
                }

                var names = option.Aliases.Append(option.Name).ToArray();
                allOptions.UnionWith(names);
                if (option.Arity.MinimumNumberOfValues > 0)
                {
                    valueOptions.UnionWith(names);
                }
            }

            own = false;
            result = commandResult.Parent;
        }

        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--")
            {
                return null; // everything after it is an argument, not an option
            }

            if (args[i].EndsWith('=') && valueOptions.Contains(args[i][..^1]))
            {
                // "--n=" gives the parser an option without its value, which then blames the token after it.
                return $"{args[i][..^1]} needs a value (nothing follows the '=' in '{args[i]}')";
            }

            if (!valueOptions.Contains(args[i]))
            {
                continue;
            }

            if (i + 1 == args.Length)
            {
                return $"{args[i]} needs a value (it is the last word of the command line)";
            }

            if (args[i + 1] == "--")
            {
                return $"{args[i]} needs a value (the '--' after it ends the options)";
            }

            if (allOptions.Contains(args[i + 1]))
            {
                return $"{args[i]} needs a value (the '{args[i + 1]}' after it is an option; write {args[i]}=VALUE for a value that starts with '-')";
            }
        }

        return null;
    }

    /// <summary>
    /// The line for a parse error. A typed option's own message (<see cref="Arguments.TypedOptions"/>: it starts with the
    /// option's name, <c>--eta must be a finite number &gt; 0 (got 'x')</c>) is complete and shown as it is; the
    /// parser's generic messages get a pointer to the help.
    /// </summary>
    private static string UsageLine(ParseResult parseResult)
    {
        var message = FirstError(parseResult).Message;
        return message.StartsWith("--", StringComparison.Ordinal)
            ? message
            : $"{message.ReplaceLineEndings(" ").Trim().TrimEnd('.')} (see 'plasticity --help')";
    }

    /// <summary>
    /// The parse error to show: a token the parser did not understand explains more than the "required command was
    /// not provided" that a misspelt command name also causes.
    /// </summary>
    private static ParseError FirstError(ParseResult parseResult)
    {
        var errors = parseResult.Errors;
        var error = errors[0];
        if (parseResult.UnmatchedTokens.Count > 0)
        {
            var token = $"'{parseResult.UnmatchedTokens[0]}'";
            error = errors.FirstOrDefault(e => e.Message.Contains(token, StringComparison.Ordinal)) ?? error;
        }

        return error;
    }
}
