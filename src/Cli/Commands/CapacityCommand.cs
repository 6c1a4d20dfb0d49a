using System.CommandLine;
using Plasticity.Cli.Arguments;
using Plasticity.Cli.Output;
using Plasticity.Experiments.Capacity;
using Spectre.Console;

namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity capacity</c>: sweeps network size N and load α = P/N, measures how well a Hopfield network recalls
/// its stored patterns, and writes CSV, JSON and a plot next to the matching theory.
/// </summary>
/// <remarks>
/// Every option is taken as text and converted by <see cref="CapacityArgumentsBinder"/>, so all bad values produce
/// the same kind of one-line message naming the option and its allowed range (exit code 2). With no options the
/// command runs the README's default sweep (N = 1000, α = 0.02…0.30, 10 trials), which takes seconds on two cores.
/// </remarks>
public static class CapacityCommand
{
    /// <summary>File names written into the output directory.</summary>
    public const string CsvFile = "capacity.csv";

    /// <summary>JSON result file name.</summary>
    public const string JsonFile = "capacity.json";

    /// <summary>PNG figure file name.</summary>
    public const string PngFile = "capacity.png";

    /// <summary>SVG figure file name.</summary>
    public const string SvgFile = "capacity.svg";

    /// <summary>Creates the command; its action runs <see cref="Execute"/> with <paramref name="context"/>.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var n = Text("--n", RawCapacityArguments.DefaultN,
            "Network sizes N: comma-separated integers or ranges start:stop:step, each >= "
            + $"{CapacityArgumentsBinder.MinN}; the largest is set by memory (hebb: about 2·N·P bytes per trial; "
            + "storkey/pseudo-inverse: N×N doubles, N <= " + CapacityMemory.MaxDenseN + ").");
        var alpha = Text("--alpha", RawCapacityArguments.DefaultAlpha,
            "Loads alpha = P/N: comma-separated numbers or inclusive ranges start:stop:step; "
            + "P = round(alpha*N) must be >= 1 (and < N for pseudo-inverse).");
        var trials = Text("--trials", RawCapacityArguments.DefaultTrials,
            "Independent trials (fresh random patterns) per point, >= 1.");
        var rule = Text("--rule", RawCapacityArguments.DefaultRule,
            $"Storage rule: {ChoiceNames.Allowed(ChoiceNames.Rules)}.");
        var measure = Text("--measure", RawCapacityArguments.DefaultMeasure,
            $"What is measured: {ChoiceNames.Allowed(ChoiceNames.Measures)} (bit errors after one synchronous "
            + "update, or overlap after running to a fixed point).");
        var cueFlip = Text("--cue-flip", RawCapacityArguments.DefaultCueFlip,
            "Fraction of bits flipped in the start state (exactly round(f*N) bits), in [0, 0.5).");
        var seed = Text("--seed", RawCapacityArguments.DefaultSeed,
            "Random seed (unsigned 64-bit integer); the same seed gives bit-identical results.");
        var output = Text("--out", RawCapacityArguments.DefaultOut,
            $"Output directory for {CsvFile}, {JsonFile}, {PngFile} and {SvgFile} (created if missing).");
        var retrievals = Text("--retrievals", RawCapacityArguments.DefaultRetrievals,
            "fixed-point: stored patterns retrieved per trial, >= 1; points with fewer patterns P retrieve all P (said on stderr).");
        var maxSweeps = Text("--max-sweeps", RawCapacityArguments.DefaultMaxSweeps,
            "fixed-point: sweep limit of the dynamics, >= 1 (runs that hit it count as nonconverged).");
        var order = Text("--order", RawCapacityArguments.DefaultOrder,
            $"fixed-point: update order {ChoiceNames.Allowed(ChoiceNames.Orders)}.");
        var diagonal = Text("--diagonal", RawCapacityArguments.DefaultDiagonal,
            $"Self-coupling w_ii: {ChoiceNames.Allowed(ChoiceNames.Diagonals)} (storkey supports only zero).");

        Option<string>[] options = [n, alpha, trials, rule, measure, cueFlip, seed, output, retrievals, maxSweeps, order, diagonal];
        var command = new Command(
            "capacity",
            "Measure the storage capacity of a Hopfield network against theory (CSV, JSON, PNG, SVG).")
        {
            n, alpha, trials, rule, measure, cueFlip, seed, output, retrievals, maxSweeps, order, diagonal,
        };

        command.SetAction(parseResult =>
        {
            var raw = new RawCapacityArguments
            {
                N = parseResult.GetValue(n) ?? string.Empty,
                Alpha = parseResult.GetValue(alpha) ?? string.Empty,
                Trials = parseResult.GetValue(trials) ?? string.Empty,
                Rule = parseResult.GetValue(rule) ?? string.Empty,
                Measure = parseResult.GetValue(measure) ?? string.Empty,
                CueFlip = parseResult.GetValue(cueFlip) ?? string.Empty,
                Seed = parseResult.GetValue(seed) ?? string.Empty,
                Out = parseResult.GetValue(output) ?? string.Empty,
                Retrievals = parseResult.GetValue(retrievals) ?? string.Empty,
                MaxSweeps = parseResult.GetValue(maxSweeps) ?? string.Empty,
                Order = parseResult.GetValue(order) ?? string.Empty,
                Diagonal = parseResult.GetValue(diagonal) ?? string.Empty,
                Given = Typed(parseResult, options),
            };
            return Execute(raw, context);
        });
        return command;
    }

    /// <summary>
    /// Validates <paramref name="raw"/>, runs the sweep and writes the outputs. Usage errors are reported as one line
    /// on <see cref="CommandContext.Error"/> with exit code 2; other exceptions propagate to the caller.
    /// </summary>
    public static int Execute(RawCapacityArguments raw, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(context);
        CapacityArguments arguments;
        string directory;
        try
        {
            arguments = CapacityArgumentsBinder.Bind(raw);
            directory = OutputDirectoryProbe.EnsureWritable(arguments.OutputDirectory);
        }
        catch (UsageException e)
        {
            ErrorText.WriteError(context.Error, e.Message);
            return ExitCodes.Usage;
        }

        foreach (var warning in arguments.Warnings)
        {
            ErrorText.WriteWarning(context.Error, warning);
        }

        var console = context.Interactive ? CreateConsole(context) : null;
        var results = console is null ? RunPlain(arguments, context) : RunWithProgress(arguments, console, context);
        var rows = results
            .Select(r => CapacityRow.From(r, arguments.RuleName, arguments.MeasureName))
            .ToArray();

        var written = new List<string>();
        var files = new Dictionary<string, string>();
        var csv = Path.Combine(directory, CsvFile);
        CsvWriter.Write(csv, rows);
        written.Add(csv);
        files["csv"] = CsvFile;

        var png = Path.Combine(directory, PngFile);
        var svg = Path.Combine(directory, SvgFile);
        if (TryPlot(arguments, rows, png, svg, context))
        {
            written.Add(png);
            written.Add(svg);
            files["png"] = PngFile;
            files["svg"] = SvgFile;
        }
        else
        {
            // A figure left over from an earlier run would silently contradict the new CSV.
            DeleteQuietly(png);
            DeleteQuietly(svg);
        }

        var json = Path.Combine(directory, JsonFile);
        files["json"] = JsonFile;
        JsonWriter.Write(json, arguments, context.CommandLine, rows, files);
        written.Insert(1, json);

        // Show the paths the way the user typed --out (relative stays relative).
        var shown = written.Select(path => Path.Combine(arguments.OutputDirectory, Path.GetFileName(path))).ToArray();
        if (console is null)
        {
            ConsoleSummary.WritePlain(context.Out, rows, arguments.Settings.Measure, shown);
        }
        else
        {
            ConsoleSummary.WriteTable(console, rows, arguments.Settings.Measure, shown);
        }

        return ExitCodes.Success;
    }

    private static IReadOnlyList<CapacityResult> RunPlain(CapacityArguments arguments, CommandContext context)
    {
        var s = arguments.Settings;
        context.Out.WriteLine(
            $"capacity: {arguments.Points.Count} points x {s.Trials} trials, rule {arguments.RuleName}, "
            + $"measure {arguments.MeasureName}, seed {arguments.Seed}");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var results = CapacitySweep.Run(arguments, cancellationToken: context.CancellationToken);
        context.Out.WriteLine(
            $"capacity: {arguments.TotalTrials} trials done in {started.Elapsed.TotalSeconds:F1} s");
        return results;
    }

    private static IReadOnlyList<CapacityResult> RunWithProgress(
        CapacityArguments arguments, IAnsiConsole console, CommandContext context)
    {
        IReadOnlyList<CapacityResult> results = [];
        console
            .Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(
                    $"{arguments.RuleName}, {arguments.MeasureName}",
                    maxValue: arguments.TotalTrials);
                results = CapacitySweep.Run(
                    arguments,
                    point => task.Description = Markup.Escape(
                        $"{arguments.RuleName} {arguments.MeasureName}: N={point.N} α={NumberFormat.Short(point.Alpha, "G6")} P={point.P}"),
                    () => task.Increment(1),
                    context.CancellationToken);
                task.Description = Markup.Escape($"{arguments.RuleName} {arguments.MeasureName}: done");
            });
        return results;
    }

    private static bool TryPlot(
        CapacityArguments arguments, IReadOnlyList<CapacityRow> rows, string png, string svg, CommandContext context)
    {
        try
        {
            if (PlotFonts.Problem() is string problem)
            {
                ErrorText.WriteWarning(context.Error, problem);
            }

            CapacityPlot.Save(arguments, rows, png, svg);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutputFileException)
        {
            // A missing native SkiaSharp/HarfBuzz library or font must not throw away the simulation results.
            ErrorText.WriteWarning(
                context.Error,
                $"plot not written: {ErrorText.OneLine(e)}; the CSV and JSON results are complete");
            return false;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the warning about the plot has been printed already.
        }
    }

    /// <summary>The names of the options that were typed (not left at their defaults).</summary>
    internal static IReadOnlySet<string> Typed(ParseResult parseResult, IEnumerable<Option> options) =>
        options.Where(o => parseResult.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

    private static IAnsiConsole CreateConsole(CommandContext context) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });

    private static Option<string> Text(string name, string defaultValue, string description) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
}
