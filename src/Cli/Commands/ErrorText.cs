namespace Plasticity.Cli.Commands;

/// <summary>
/// The one place that turns messages into the single lines the program prints on stderr: control characters and
/// other invisible code points are escaped, over-long lines are shortened in the middle, and exceptions are reduced to
/// their innermost meaningful message and type.
/// </summary>
/// <remarks>
/// Messages echo what the user typed or what a data file holds, and either can contain a newline, a NUL, an escape
/// sequence that would recolour the terminal, or bytes that were not text at all (decoded as U+FFFD). The promise
/// "exactly one line on stderr" must hold whatever the input, so every line written to stderr goes through
/// <see cref="Escape"/> here rather than each message being cleaned where it is made. Wrapper exceptions (a type
/// initializer that failed to load a native library, a parallel loop's aggregate) hide the message that tells the
/// user what to fix, so they are unwrapped first.
/// </remarks>
public static class ErrorText
{
    /// <summary>Longest exception message kept; native-loader messages list every probed path and run to kilobytes.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>
    /// Longest line written to stderr (after escaping). Longer lines keep their start (which names the option or the
    /// file) and their end (which holds the echoed value's closing and the allowed range) around an ellipsis.
    /// </summary>
    public const int MaxLineLength = 2000;

    /// <summary>Writes <c>error: message</c> as one line.</summary>
    public static void WriteError(TextWriter error, string message) => WriteLine(error, "error: " + message);

    /// <summary>Writes <c>warning: message</c> as one line.</summary>
    public static void WriteWarning(TextWriter error, string message) => WriteLine(error, "warning: " + message);

    private static void WriteLine(TextWriter error, string text)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine(Line(text));
    }

    /// <summary>
    /// The message of a data file that could not be read, led by the option that named the file
    /// (<c>--data data.csv: row 3, column 2: …</c>): the path alone does not say which option to fix, and a path
    /// that looks like an option (<c>--data -x</c>) would otherwise read as if <c>-x</c> were the culprit.
    /// </summary>
    public static string DataFile(string option, DataFileException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"{option} {exception.Message}";
    }

    /// <summary>
    /// The one table from the core's parameter names to the options that set them. The core names its own parameters
    /// (<c>nameof(settings.CueFlip)</c> → "CueFlip"); a one-line error must name what the user typed (<c>--cue-flip</c>).
    /// Both spellings are listed while the core moves from the old CLI-like names ("cue-flip", "max-sweeps",
    /// "batch-size") to its own; a name not listed maps by <see cref="OptionFor"/>'s kebab-case rule.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CoreParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // capacity: CapacityPoint, CapacitySettings, CapacityExperiment.Validate
        ["N"] = "--n",
        ["n"] = "--n",
        ["Alpha"] = "--alpha",
        ["alpha"] = "--alpha",
        ["P"] = "--alpha",
        ["Trials"] = "--trials",
        ["trials"] = "--trials",
        ["CueFlip"] = "--cue-flip",
        ["cue-flip"] = "--cue-flip",
        ["RetrievalsPerTrial"] = "--retrievals",
        ["retrievals"] = "--retrievals",
        ["MaxSweeps"] = "--max-sweeps",
        ["max-sweeps"] = "--max-sweeps",
        ["Diagonal"] = "--diagonal",
        ["diagonal"] = "--diagonal",
        ["Rule"] = "--rule",
        ["Measure"] = "--measure",
        ["Order"] = "--order",
        ["Seed"] = "--seed",

        // learn: TrainingSettings and the rate rules' parameters
        ["Epochs"] = "--epochs",
        ["epochs"] = "--epochs",
        ["BatchSize"] = "--batch-size",
        ["batch-size"] = "--batch-size",
        ["DivergenceLimit"] = "--divergence-limit",
        ["divergence-limit"] = "--divergence-limit",
        ["RecordEvery"] = "--record-every",
        ["record-every"] = "--record-every",
        ["Mode"] = "--mode",
        ["Eta"] = "--eta",
        ["eta"] = "--eta",
        ["LearningRate"] = "--eta",
        ["EtaTheta"] = "--eta-theta",
        ["Theta"] = "--theta",
        ["Target"] = "--target",
        ["TargetRate"] = "--target",
        ["Decay"] = "--decay",
        ["Outputs"] = "--outputs",

        // generate: DataSources
        ["Dimension"] = "--dimension",
        ["Samples"] = "--samples",
        ["Eigengap"] = "--eigengap",
        ["Mean"] = "--mean",
        ["Probabilities"] = "--probabilities",

        // stdp: SongMillerAbbottParameters and the weight dependences
        ["Inputs"] = "--inputs",
        ["InputRateHz"] = "--rate",
        ["Duration"] = "--duration",
        ["TimeStep"] = "--dt",
        ["Dt"] = "--dt",
        ["MaxWeight"] = "--gmax",
        ["GMax"] = "--gmax",
        ["Mu"] = "--mu",
    };

    /// <summary>
    /// The option for a core parameter name: <see cref="CoreParameters"/>, else the name in kebab case
    /// (<c>MaxSweeps</c> → <c>--max-sweeps</c>), else <paramref name="fallback"/> when there is no name.
    /// </summary>
    public static string OptionFor(string? parameter, string fallback = "arguments")
    {
        if (string.IsNullOrWhiteSpace(parameter))
        {
            return "--" + fallback;
        }

        if (CoreParameters.TryGetValue(parameter, out var option))
        {
            return option;
        }

        if (parameter.StartsWith("--", StringComparison.Ordinal))
        {
            return parameter;
        }

        var kebab = new StringBuilder("--");
        for (var i = 0; i < parameter.Length; i++)
        {
            var c = parameter[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(parameter[i - 1]) || (i + 1 < parameter.Length && char.IsLower(parameter[i + 1]))))
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(c));
        }

        return kebab.ToString();
    }

    /// <summary>
    /// A core validation failure as a usage error naming the option: <c>--cue-flip: cue-flip must be in [0, 0.5)</c>
    /// (the core's message without the runtime's "(Parameter '…')" suffix).
    /// </summary>
    public static UsageException Usage(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var option = OptionFor(exception.ParamName);
        var message = exception.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var actual = message.IndexOf(Environment.NewLine + "Actual value was", StringComparison.Ordinal);
        if (actual >= 0)
        {
            message = message[..actual];
        }

        return new UsageException(option, $"{option}: {message.ReplaceLineEndings(" ").Trim()}");
    }

    /// <summary><paramref name="text"/> escaped (see <see cref="Escape"/>) and shortened to <see cref="MaxLineLength"/>.</summary>
    public static string Line(string text)
    {
        var line = Escape(text);
        if (line.Length <= MaxLineLength)
        {
            return line;
        }

        const string ellipsis = " ... ";
        var keep = (MaxLineLength - ellipsis.Length) / 2;
        return line[..keep] + ellipsis + line[^keep..];
    }

    /// <summary>
    /// <paramref name="text"/> with every character that is not visible text replaced by a C-style escape
    /// (<see cref="PrintableText.Escape"/>, shared with the core's <see cref="DataFileException"/>).
    /// </summary>
    public static string Escape(string? text) => PrintableText.Escape(text);

    /// <summary>One line describing <paramref name="exception"/> (escaped; see <see cref="Escape"/>).</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var e = exception;
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                e = aggregate.InnerExceptions[0];
            }
            else if (e is TypeInitializationException { InnerException: { } inner })
            {
                e = inner;
            }
            else
            {
                break;
            }
        }

        var message = Escape(e.Message.ReplaceLineEndings(" ").Trim());
        if (message.Length > MaxMessageLength)
        {
            message = message[..MaxMessageLength].TrimEnd() + " ...";
        }

        return $"{message} ({e.GetType().Name})";
    }
}
