using System.CommandLine;
using System.Globalization;
using Plasticity.Cli.Arguments;
using Plasticity.Cli.Output;
using Plasticity.Experiments.Capacity;
using Plasticity.Experiments.Results;
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

        var results = Text("--results", string.Empty,
            $"Results store (SQLite) that keeps every finished point as it completes; default {CapacityArguments.DefaultResultsFile} "
            + "in the output directory (capacity-shard-k-of-n.sqlite for a shard).");
        var shard = Text("--shard", RawCapacityArguments.DefaultShard,
            "Run only shard k/n of the points (point index mod n = k-1), or 'auto' to read SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT "
            + "or JOB_COMPLETION_INDEX/JOB_COMPLETIONS; a shard writes only its results store: combine the shards with 'plasticity merge'.");
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue the results store: finished points are not recomputed (refused if the store belongs to different settings).",
        };

        Option[] options = [n, alpha, trials, rule, measure, cueFlip, seed, output, retrievals, maxSweeps, order, diagonal, results, shard, resume];
        var command = new Command(
            "capacity",
            "Measure the storage capacity of a Hopfield network against theory (CSV, JSON, PNG, SVG).")
        {
            n, alpha, trials, rule, measure, cueFlip, seed, output, retrievals, maxSweeps, order, diagonal, results, shard, resume,
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
                Results = parseResult.GetValue(results) ?? string.Empty,
                Shard = parseResult.GetValue(shard) ?? string.Empty,
                Resume = parseResult.GetValue(resume),
                Given = Typed(parseResult, options),
            };
            return Execute(raw, context);
        });
        return command;
    }

    /// <summary>
    /// Validates <paramref name="raw"/>, runs the sweep into its results store and writes the outputs from the store.
    /// Usage errors (including a store of another run) are reported as one line on <see cref="CommandContext.Error"/>
    /// with exit code 2; other exceptions propagate to the caller.
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

        var spec = arguments.Spec;
        var path = arguments.ResultsPath;
        if (!arguments.Resume && StoredPoints(path) is int kept and > 0)
        {
            // Replacing results is what a rerun does to the CSV too, so this is a note on stdout, not a warning.
            context.Out.WriteLine($"capacity: replacing results store {path} ({kept} finished point(s); --resume would continue it)");
        }

        ResultStore store;
        try
        {
            store = ResultStore.Open(path, spec.Metadata(arguments.Shard), arguments.Resume);
        }
        catch (Exception e) when (e is ResultStoreException or IOException or UnauthorizedAccessException)
        {
            ErrorText.WriteError(context.Error, e is ResultStoreException ? $"--results: {e.Message}" : $"--results: {ErrorText.OneLine(e)}");
            return ExitCodes.Usage;
        }

        using (store)
        {
            var pending = CapacitySweep.Pending(spec, store);
            WriteEstimate(arguments, pending, store, context);
            var console = context.Interactive ? CreateConsole(context) : null;
            var summary = console is null
                ? RunPlain(arguments, store, pending, context)
                : RunWithProgress(arguments, store, pending, console, context);
            context.Out.WriteLine(
                $"capacity: {summary.Computed} point(s) computed, {summary.Reused} reused from {path}");
            if (!arguments.Shard.IsAll)
            {
                context.Out.WriteLine(
                    $"capacity: shard {arguments.Shard} complete ({summary.InShard} of the sweep's {spec.Points.Count} points) in {path}; "
                    + "combine the shards with 'plasticity merge'");
                return ExitCodes.Success;
            }

            var results = CapacitySweep.Results(spec, store);
            WriteOutputs(arguments, results, directory, context, console);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Writes the CSV, JSON and figures of a finished sweep into <paramref name="directory"/> and the summary to the
    /// console. Everything written depends only on the sweep (<see cref="CapacityArguments.Spec"/>) and its results, not
    /// on how this invocation was spelt or where its files go, so an uninterrupted, a resumed and a merged run write the
    /// same bytes: the JSON's <c>arguments</c> is the canonical argument list that reproduces the run
    /// (<see cref="CanonicalArguments"/>) and its <c>out</c> is "." (the folder holding the file).
    /// </summary>
    internal static void WriteOutputs(
        CapacityArguments arguments,
        IReadOnlyList<CapacityResult> results,
        string directory,
        CommandContext context,
        IAnsiConsole? console = null)
    {
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
        JsonWriter.Write(json, arguments with { OutputDirectory = "." }, CanonicalArguments(arguments), rows, files);
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
    }

    /// <summary>
    /// The options that reproduce the sweep, every one spelt out in a fixed order with round-trip numbers
    /// (<c>--n … --alpha … --trials … --rule … --measure … --cue-flip … --retrievals … --max-sweeps … --order …
    /// --diagonal … --seed …</c>); output, store and shard options are left out because they do not change results.
    /// </summary>
    public static IReadOnlyList<string> CanonicalArguments(CapacityArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var s = arguments.Settings;
        return
        [
            "--n", string.Join(',', arguments.Ns.Select(n => n.ToString(CultureInfo.InvariantCulture))),
            "--alpha", string.Join(',', arguments.Alphas.Select(a => a.ToString("R", CultureInfo.InvariantCulture))),
            "--trials", s.Trials.ToString(CultureInfo.InvariantCulture),
            "--rule", arguments.RuleName,
            "--measure", arguments.MeasureName,
            "--cue-flip", s.CueFlip.ToString("R", CultureInfo.InvariantCulture),
            "--retrievals", s.RetrievalsPerTrial.ToString(CultureInfo.InvariantCulture),
            "--max-sweeps", s.MaxSweeps.ToString(CultureInfo.InvariantCulture),
            "--order", arguments.OrderName,
            "--diagonal", arguments.DiagonalName,
            "--seed", arguments.Seed.ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>Finished points in an existing store at <paramref name="path"/>; null if there is none (or it is unreadable).</summary>
    private static int? StoredPoints(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var existing = ResultStore.OpenExisting(path);
            return existing.Finished.Count;
        }
        catch (Exception e) when (e is ResultStoreException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The memory guard's estimate and the cost model's time for the points still to run (stdout, one line).</summary>
    private static void WriteEstimate(CapacityArguments arguments, IReadOnlyList<CapacityPoint> pending, ResultStore store, CommandContext context)
    {
        if (pending.Count == 0)
        {
            context.Out.WriteLine($"capacity: all {store.Finished.Count} point(s) of shard {arguments.Shard} are in {store.Path}; nothing to compute");
            return;
        }

        var bytes = CapacityMemory.SweepBytes(pending, arguments.Settings);
        var seconds = CapacityCost.Seconds(pending, arguments.Settings, CapacityCost.SecondsPerOperation());
        context.Out.WriteLine(
            $"capacity: {pending.Count} point(s) to compute, estimated memory {MemoryBudget.Bytes(bytes)}, "
            + $"time about {FormatSeconds(seconds)} (cost model calibrated on this machine)");
    }

    private static string FormatSeconds(double seconds) => seconds switch
    {
        < 1 => "1 s or less",
        < 120 => $"{seconds.ToString("F0", CultureInfo.InvariantCulture)} s",
        < 7200 => $"{(seconds / 60).ToString("F0", CultureInfo.InvariantCulture)} min",
        _ => $"{(seconds / 3600).ToString("F1", CultureInfo.InvariantCulture)} h",
    };

    private static SweepRunSummary RunPlain(
        CapacityArguments arguments, ResultStore store, IReadOnlyList<CapacityPoint> pending, CommandContext context)
    {
        var s = arguments.Settings;
        context.Out.WriteLine(
            $"capacity: {arguments.Points.Count} points x {s.Trials} trials, rule {arguments.RuleName}, "
            + $"measure {arguments.MeasureName}, seed {arguments.Seed}"
            + (arguments.Shard.IsAll ? string.Empty : $", shard {arguments.Shard}"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        var summary = CapacitySweep.Run(
            arguments.Spec,
            store,
            onPointStored: (point, row) =>
            {
                done++;
                context.Out.WriteLine(
                    $"capacity: point {done}/{pending.Count} stored: {CapacitySweepSpec.Key(point)} "
                    + $"in {row.Seconds.ToString("F2", CultureInfo.InvariantCulture)} s");
            },
            cancellationToken: context.CancellationToken);
        context.Out.WriteLine(
            $"capacity: {(long)summary.Computed * s.Trials} trials done in {started.Elapsed.TotalSeconds:F1} s");
        return summary;
    }

    private static SweepRunSummary RunWithProgress(
        CapacityArguments arguments, ResultStore store, IReadOnlyList<CapacityPoint> pending, IAnsiConsole console, CommandContext context)
    {
        SweepRunSummary summary = new(0, 0, 0);
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
                    maxValue: Math.Max(1L, (long)pending.Count * arguments.Settings.Trials));
                summary = CapacitySweep.Run(
                    arguments.Spec,
                    store,
                    point => task.Description = Markup.Escape(
                        $"{arguments.RuleName} {arguments.MeasureName}: N={point.N} α={NumberFormat.Short(point.Alpha, "G6")} P={point.P}"),
                    () => task.Increment(1),
                    cancellationToken: context.CancellationToken);
                task.Value = task.MaxValue;
                task.Description = Markup.Escape($"{arguments.RuleName} {arguments.MeasureName}: done");
            });
        return summary;
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
