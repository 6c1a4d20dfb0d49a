namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity bench</c>: times the toolkit's hot paths (Hopfield capacity trials and fields, online Oja and GHA,
/// the Song–Miller–Abbott run and the STDP post-spike update) and writes bench.json.
/// </summary>
/// <remarks>
/// Speed is measured here, never asserted in tests: each benchmark is warmed up once and timed over K repetitions
/// with <see cref="System.Diagnostics.Stopwatch"/>; the median and the minimum are reported, with a seed-determined
/// checksum of the result so a reader can see the work was done (see <see cref="BenchSuite"/>, docs/performance.md).
/// Seed path (<see cref="SeedOption"/>): case k draws from <c>[Bench, k]</c>.
/// </remarks>
public static class BenchCommand
{
    /// <summary>Largest --repeat accepted.</summary>
    public const int MaxRepeat = 100;

    /// <summary>Repetitions without --repeat.</summary>
    public const int DefaultRepeat = 5;

    /// <summary>Repetitions with --quick and without --repeat.</summary>
    public const int DefaultQuickRepeat = 3;

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var quick = TypedOptions.Flag(
            "--quick",
            "Small sizes and durations (a few seconds in all): N = 1000 fields only, a 5 s Song–Miller–Abbott run.");
        var repeat = TypedOptions.OptionalInteger(
            "--repeat", 1, MaxRepeat, $"Timed repetitions per benchmark, in [1, {MaxRepeat}] (default {DefaultRepeat}; {DefaultQuickRepeat} with --quick).");
        var seed = SeedOption.Create("Random seed, an integer in [0, 2^64 − 1], of every benchmark's data.");
        var output = TypedOptions.OutputPath("--out", "results/bench", "a directory path", $"Output directory for {BenchReport.FileName}.");
        var command = new Command("bench", "Time the hot paths (Hopfield, rate rules, spiking) and write bench.json.")
        {
            quick, repeat, seed, output,
        };
        command.SetAction(parse =>
        {
            var isQuick = parse.GetValue(quick);
            var k = parse.GetValue(repeat)!.Or(isQuick ? DefaultQuickRepeat : DefaultRepeat);
            string directory;
            try
            {
                directory = OutputDirectoryProbe.EnsureWritable(parse.GetValue(output)!);
            }
            catch (UsageException e)
            {
                ErrorText.WriteError(context.Error, e.Message);
                return ExitCodes.Usage;
            }

            return Run(context, isQuick, k, parse.GetValue(seed), Path.Combine(directory, BenchReport.FileName));
        });
        return command;
    }

    private static int Run(CommandContext context, bool quick, int repetitions, ulong seed, string file)
    {
        var machine = MachineFacts.Current();
        var cases = BenchSuite.Create(quick, seed);
        var results = ProgressRunner.Run(context, "bench", cases.Count, progress =>
        {
            var measured = new List<BenchMeasurement>(cases.Count);
            foreach (var benchCase in cases)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                progress.Point(measured.Count, $"{benchCase.Name} ({BenchReport.SizeText(benchCase)}), {repetitions} repetitions");
                measured.Add(BenchRunner.Measure(benchCase, repetitions, quick ? BenchSuite.QuickWarmUpSeconds : BenchSuite.WarmUpSeconds, context.CancellationToken));
            }

            return measured;
        });

        BenchReport.WriteJson(file, machine, results, quick, repetitions, seed, context.CommandLine);
        BenchReport.Write(context, machine, results, file, quick);
        return ExitCodes.Success;
    }
}
