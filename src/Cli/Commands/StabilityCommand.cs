namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity stability</c>: regression-tests the stability of the learning rules. Runs each rule's declared grid
/// (built in, or <c>--grid FILE</c> in JSON or YAML) and measures the metrics of <see cref="StabilityMetrics"/>;
/// writes <c>stability.csv</c> and <c>stability.json</c>; <c>--write-baseline FILE</c> writes a versioned baseline,
/// <c>--compare FILE</c> re-runs the baseline's grid and lists every metric that moved beyond its tolerance.
/// </summary>
/// <remarks>
/// Exit codes: 0 (run done; compare found no regression), 1 (compare found a regression, or a run failed), 2 (bad
/// option, grid file or baseline: one line naming it).
/// </remarks>
public static class StabilityCommand
{
    /// <summary>CSV result file name.</summary>
    public const string CsvFile = "stability.csv";

    /// <summary>JSON result file name (the baseline format, kind "report").</summary>
    public const string JsonFile = "stability.json";

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var grid = PathOption(
            "--grid", "the path of a grid file (.json or .yaml)", "Grid file (.json or .yaml) overriding the built-in grid; not with --compare.");
        var rules = TypedOptions.Create(
            "--rules",
            $"Comma-separated rules to run (default: every rule of the grid): {string.Join('|', RuleRunner.Names)}.",
            text => Optional<string[]>.Some(Rules(text)),
            () => Optional<string[]>.None);
        var write = TypedOptions.Create(
            "--write-baseline",
            "Write a baseline of this run to FILE.",
            text =>
            {
                var path = OptionValues.Path("--write-baseline", text, "a file path");
                OutputPath.CheckLength("--write-baseline", path);
                return Optional<string>.Some(path);
            },
            () => Optional<string>.None);
        var compare = PathOption(
            "--compare",
            "the path of a baseline file",
            "Re-run FILE's grid and report every metric beyond its tolerance (exit 1 on a regression).");
        var output = TypedOptions.OutputPath("--out", "results/stability", "a directory path", $"Output directory for {CsvFile} and {JsonFile}.");
        var command = new Command("stability", "Regression-test the stability of the learning rules against a baseline.")
        {
            grid, rules, write, compare, output,
        };
        command.SetAction(parse => Execute(
            Given(parse.GetValue(grid)), Given(parse.GetValue(rules)), Given(parse.GetValue(write)), Given(parse.GetValue(compare)), parse.GetValue(output)!, context));
        return command;
    }

    // A path when given (an empty one is an error naming the option, not "not given").
    private static Option<Optional<string>> PathOption(string name, string what, string description) =>
        TypedOptions.Create(name, description, text => Optional<string>.Some(OptionValues.Path(name, text, what)), () => Optional<string>.None);

    private static T? Given<T>(Optional<T>? value)
        where T : class => value is { HasValue: true } ? value.Value : null;

    /// <summary>
    /// Checks the combination, runs, writes and compares. Each path has been checked by its option's parser (null:
    /// not given); <paramref name="shownOut"/> is the checked <c>--out</c>.
    /// </summary>
    public static int Execute(string? gridPath, string[]? selected, string? writePath, string? comparePath, string shownOut, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StabilityGrid grid;
        BaselineFile? baseline = null;
        string directory;
        try
        {
            if (gridPath is not null && comparePath is not null)
            {
                throw new UsageException("--grid", "--grid cannot be combined with --compare (the baseline's own grid is re-run)");
            }

            if (writePath is not null && comparePath is not null)
            {
                throw new UsageException("--write-baseline", "--write-baseline cannot be combined with --compare (write the new baseline in a separate run)");
            }

            if (comparePath is not null)
            {
                baseline = Load("--compare", comparePath, StabilityBaseline.Read);
                grid = baseline.Grid;
            }
            else if (gridPath is not null)
            {
                grid = Load("--grid", gridPath, GridFile.Read);
            }
            else
            {
                grid = StabilityGrid.Default;
            }

            if (selected is not null)
            {
                var missing = selected.Where(r => grid.Rules.All(g => g.Rule != r)).ToArray();
                if (missing.Length > 0)
                {
                    throw new UsageException("--rules", $"--rules names {string.Join(',', missing)}, which the grid does not hold (it has {string.Join(',', grid.Rules.Select(g => g.Rule))})");
                }

                grid = grid.Select(selected);
            }

            directory = OutputDirectoryProbe.EnsureWritable(shownOut);
        }
        catch (UsageException e)
        {
            ErrorText.WriteError(context.Error, e.Message);
            return ExitCodes.Usage;
        }

        var points = grid.Points().Count();
        context.Out.WriteLine($"stability: {grid.Rules.Count} rules, {points} points, {Environment.ProcessorCount} threads");
        var clock = Stopwatch.StartNew();
        var report = ProgressRunner.Run(context, "stability", points, progress =>
            StabilityRunner.Run(
                grid,
                parallelism: Math.Max(1, Environment.ProcessorCount),
                cancellation: context.CancellationToken,
                finished: (done, result) => progress.Point(done, PointLine(done, points, result, clock.Elapsed.TotalSeconds))));
        clock.Stop();
        foreach (var g in grid.Rules)
        {
            var mine = report.Results.Where(r => r.Point.Rule == g.Rule).ToArray();
            var diverged = mine.Count(r => r[StabilityMetrics.Diverged] == 1);
            var cos = mine.Select(r => r[StabilityMetrics.TheoryCos]).Where(c => c is not null).Select(c => c!.Value).ToArray();
            var shownCos = cos.Length == 0 ? "no fixed point stated" : $"|cos| with the theory fixed point {NumberFormat.Short(cos.Min())}…{NumberFormat.Short(cos.Max())}";
            context.Out.WriteLine($"  {g.Rule}: {mine.Length} points, {mine.Length - diverged} bounded, {diverged} divergent; {shownCos}");
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ran {points} points in {clock.Elapsed.TotalSeconds:F1} s"));
        AtomicFile.WriteText(Path.Combine(directory, CsvFile), StabilityCsv.Write(report));
        AtomicFile.WriteBytes(Path.Combine(directory, JsonFile), StabilityBaseline.Write(report, "report"));
        context.Out.WriteLine($"wrote {Path.Combine(shownOut, CsvFile)} and {Path.Combine(shownOut, JsonFile)}");
        if (writePath is not null)
        {
            AtomicFile.WriteBytes(writePath, StabilityBaseline.Write(report));
            context.Out.WriteLine($"wrote baseline {writePath} (settings {GridFile.Hash(grid)})");
        }

        if (baseline is null)
        {
            return ExitCodes.Success;
        }

        var changes = StabilityBaseline.Compare(baseline, report);
        var compared = report.Results.Sum(r => r.Metrics.Count);
        if (changes.Count == 0)
        {
            context.Out.WriteLine($"no regression: {compared} metrics at {points} points within tolerance of {comparePath} (toolkit {baseline.ToolkitVersion} → {StabilityBaseline.ToolkitVersion})");
            return ExitCodes.Success;
        }

        foreach (var change in changes)
        {
            context.Out.WriteLine($"regression: {change}");
        }

        var atPoints = changes.Select(c => (c.Rule, c.Point)).Distinct().Count();
        var inRules = string.Join(',', changes.Select(c => c.Rule).Distinct());
        context.Out.WriteLine($"{changes.Count} metrics moved beyond tolerance at {atPoints} points (rules {inRules}) against {comparePath}");
        ErrorText.WriteError(context.Error, $"stability regression: {changes.Count} metrics moved beyond tolerance (rules {inRules}); see the lines above");
        return ExitCodes.Failure;
    }

    private static string[] Rules(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        foreach (var n in names)
        {
            if (!RuleRunner.Names.Contains(n))
            {
                throw new UsageException("--rules", $"--rules must be a comma-separated list of {string.Join('|', RuleRunner.Names)} (got '{n}')");
            }
        }

        return names;
    }

    /// <summary>Largest grid or baseline file read (64 MiB; the default baseline is about 140 kB), so /dev/zero is an error.</summary>
    public const int MaxFileChars = 64 << 20;

    private static T Load<T>(string option, string path, Func<string, T> read)
    {
        string text;
        try
        {
            using var reader = new StreamReader(path);
            var builder = new System.Text.StringBuilder();
            var chunk = new char[1 << 16];
            int count;
            while ((count = reader.Read(chunk, 0, chunk.Length)) > 0)
            {
                builder.Append(chunk, 0, count);
                if (builder.Length > MaxFileChars)
                {
                    throw new UsageException(option, $"{option} {path}: the file is longer than {MaxFileChars} characters; a grid or baseline file is small");
                }
            }

            text = builder.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException(option, $"{option} {path}: cannot read the file ({e.Message.ReplaceLineEndings(" ").Trim()})");
        }

        try
        {
            return read(text);
        }
        catch (StabilityFileException e)
        {
            throw new UsageException(option, $"{option} {path}: {e.Message}");
        }
    }

    /// <summary>
    /// The progress line of one finished point: count, rule, point id, bounded or divergent, elapsed time and the
    /// remaining time estimated from the mean time per point so far.
    /// </summary>
    public static string PointLine(int done, int total, PointResult result, double elapsedSeconds)
    {
        ArgumentNullException.ThrowIfNull(result);
        var state = result[StabilityMetrics.Diverged] == 1 ? "divergent" : "bounded";
        var left = done > 0 && done < total ? elapsedSeconds / done * (total - done) : 0.0;
        var line = string.Create(CultureInfo.InvariantCulture, $"{done}/{total} {result.Point.Rule} {result.Point.Id}: {state}, {elapsedSeconds:F1} s");
        return done < total ? line + string.Create(CultureInfo.InvariantCulture, $", about {left:F0} s left") : line;
    }
}
