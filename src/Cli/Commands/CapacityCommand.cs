namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity capacity</c>: sweeps network size N and load α = P/N, measures how well a Hopfield network recalls
/// its stored patterns, and writes CSV, JSON and a plot next to the matching theory.
/// </summary>
/// <remarks>
/// Every option is typed (<see cref="CapacityOptions"/>) and the combinations are checked by
/// <see cref="CapacityArgumentsBinder"/>, so all bad values produce the same kind of one-line message naming the option
/// and its allowed range (exit code 2). With no options the
/// command runs the README's default sweep (N = 1000, α = 0.02…0.30, 10 trials), which takes seconds on two cores.
/// </remarks>
public static class CapacityCommand
{
    /// <summary>File names written into the output directory.</summary>
    public const string CsvFile = "capacity.csv";

    /// <summary>JSON result file name.</summary>
    public const string JsonFile = "capacity.json";

    /// <summary>The figure's file names (PNG and SVG).</summary>
    public static FigureFiles Figure { get; } = new("capacity");

    /// <summary>Creates the command; its action runs <see cref="Execute"/> with <paramref name="context"/>.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var options = new CapacityOptions($"{CsvFile}, {JsonFile}, {Figure.Png} and {Figure.Svg}");
        var command = new Command(
            "capacity",
            "Measure the storage capacity of a Hopfield network against theory (CSV, JSON, PNG, SVG).");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => Execute(options, parseResult, context));
        return command;
    }

    /// <summary>
    /// Checks the parsed <paramref name="options"/> together, runs the sweep into its results store and writes the outputs from the store.
    /// Usage errors (including a store of another run) are reported as one line on <see cref="CommandContext.Error"/>
    /// with exit code 2; other exceptions propagate to the caller.
    /// </summary>
    public static int Execute(CapacityOptions options, ParseResult parseResult, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        CapacityArguments arguments;
        string directory;
        try
        {
            arguments = CapacityArgumentsBinder.Bind(options, parseResult);
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
            var summary = Run(arguments, store, pending, context);
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
            WriteOutputs(arguments, results, directory, context);
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
        CommandContext context)
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

        if (PlotOutput.TryFigure(context, directory, Figure, () => CapacityPlot.Build(arguments, rows)))
        {
            written.AddRange(Figure.Names.Select(name => Path.Combine(directory, name)));
            files["png"] = Figure.Png;
            files["svg"] = Figure.Svg;
        }

        var json = Path.Combine(directory, JsonFile);
        files["json"] = JsonFile;
        JsonWriter.Write(json, arguments with { OutputDirectory = "." }, CanonicalArguments(arguments), rows, files);
        written.Insert(1, json);

        // Show the paths the way the user typed --out (relative stays relative).
        var shown = written.Select(path => Path.Combine(arguments.OutputDirectory, Path.GetFileName(path))).ToArray();
        ConsoleSummary.Write(context, rows, arguments.Settings.Measure, shown);
    }

    /// <summary>
    /// The options that reproduce the sweep, every one spelt out in a fixed order with round-trip numbers
    /// (<c>--n … --alpha … --trials … (one number, or one per N when they differ) --rule … --measure … --cue-flip … --retrievals … --max-sweeps … --order …
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
            "--trials", arguments.TrialsText,
            "--rule", arguments.RuleName,
            "--measure", arguments.MeasureName,
            "--cue-flip", s.CueFlip.ToString("R", CultureInfo.InvariantCulture),
            "--retrievals", arguments.RetrievalsText,
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
        var seconds = CapacityCost.Seconds(pending, arguments.Settings, CapacityCost.SecondsPerOperation(arguments.Settings));
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

    /// <summary>
    /// Runs the pending points with the one progress display (<see cref="ProgressRunner"/>): a live bar over the trials
    /// on a terminal; piped, a header line, one line per stored point and the total time.
    /// </summary>
    private static SweepRunSummary Run(
        CapacityArguments arguments, ResultStore store, IReadOnlyList<CapacityPoint> pending, CommandContext context)
    {
        var s = arguments.Settings;
        if (!context.Interactive)
        {
            context.Out.WriteLine(
                $"capacity: {arguments.Points.Count} points x {arguments.TrialsText} trials{(s.TrialsByN is null ? string.Empty : " (per N)")}, rule {arguments.RuleName}, "
                + $"measure {arguments.MeasureName}, seed {arguments.Seed}"
                + (arguments.Shard.IsAll ? string.Empty : $", shard {arguments.Shard}"));
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        long storedTrials = 0;
        var label = context.Interactive ? $"{arguments.RuleName} {arguments.MeasureName}" : "capacity";
        var summary = ProgressRunner.Run(context, label, pending.Sum(p => (long)s.TrialsAt(p.N)), progress =>
        {
            var points = 0;
            long trials = 0;
            return CapacitySweep.Run(
                arguments.Spec,
                store,
                onPointStarted: point =>
                {
                    if (context.Interactive)
                    {
                        progress.Point(Interlocked.Read(ref trials), $"N={point.N} α={NumberFormat.Short(point.Alpha, "G6")} P={point.P}");
                    }
                },
                onTrialDone: () => progress.Step(Interlocked.Increment(ref trials)),
                onPointStored: (point, row) =>
                {
                    var done = Interlocked.Increment(ref points);
                    storedTrials += s.TrialsAt(point.N);
                    if (!context.Interactive)
                    {
                        progress.Point(
                            Interlocked.Read(ref trials),
                            $"point {done}/{pending.Count} stored: {CapacitySweepSpec.Key(point)} "
                            + $"in {row.Seconds.ToString("F2", CultureInfo.InvariantCulture)} s");
                    }
                },
                cancellationToken: context.CancellationToken);
        });
        if (!context.Interactive)
        {
            context.Out.WriteLine(
                $"capacity: {storedTrials} trials done in {started.Elapsed.TotalSeconds:F1} s");
        }

        return summary;
    }
}
