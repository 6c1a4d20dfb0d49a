namespace Plasticity.Cli.Verify;

/// <summary>
/// Runs a list of checks (the catalogue's selection, or any other list: tests inject failing checks here), prints one
/// line per check and a summary, writes the reports, and returns the exit code: 1 if any check failed, else 0.
/// </summary>
public static class VerifyRunner
{
    /// <summary>
    /// Evaluates <paramref name="checks"/> in order and writes the reports into <paramref name="directory"/>; with
    /// <paramref name="figures"/> also each check's figure as PNG + SVG under <c>figures/</c>.
    /// </summary>
    public static int Run(CommandContext context, IReadOnlyList<CheckDefinition> checks, CheckLevel level, ulong seed, IReadOnlyList<string> only, string directory, bool figures = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(checks);
        var clock = Stopwatch.StartNew();
        context.Out.WriteLine($"verify {VerifyReport.Name(level)}: {checks.Count} checks, base seed {seed}");
        var results = new List<CheckResult>(checks.Count);
        foreach (var check in checks)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var result = CheckEvaluator.Evaluate(check, seed);
            results.Add(result);
            context.Out.WriteLine(VerifyReport.Line(result));
            if (result.Verdict == Verdict.Fail)
            {
                context.Out.WriteLine($"  {result.Describe()}");
            }
        }

        var run = new VerifyRun(level, seed, only, results, clock.Elapsed.TotalSeconds, context.CommandLine);
        VerifyReport.Write(directory, run);
        context.Out.WriteLine(VerifyReport.Summary(run));
        context.Out.WriteLine($"reports: {Path.Combine(directory, VerifyReport.MarkdownFile)}, {VerifyReport.JsonFile}, {VerifyReport.HtmlFile}");
        if (figures)
        {
            var written = VerifyFigures.SaveAll(context, directory, results);
            context.Out.WriteLine($"figures: {written.Count} files in {Path.Combine(directory, VerifyFigures.Directory)}");
        }
        return run.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
