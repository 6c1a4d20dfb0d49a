using System.CommandLine;
using Plasticity.Cli.Arguments;
using Plasticity.Cli.Bench;
using Spectre.Console;

namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity bench</c>: times the toolkit's hot paths (Hopfield capacity trials and fields, online Oja and GHA,
/// the Song–Miller–Abbott run and the STDP post-spike update) and writes bench.json.
/// </summary>
/// <remarks>
/// Speed is measured here, never asserted in tests: each benchmark is warmed up once and timed over K repetitions
/// with <see cref="System.Diagnostics.Stopwatch"/>; the median and the minimum are reported, with a seed-determined
/// checksum of the result so a reader can see the work was done (see <see cref="BenchSuite"/>, docs/performance.md).
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
        var quick = new Option<bool>("--quick")
        {
            Description = "Small sizes and durations (a few seconds in all): N = 1000 fields only, a 5 s Song–Miller–Abbott run.",
        };
        var repeat = StdpCommand.Text("--repeat", string.Empty, $"Timed repetitions per benchmark, in [1, {MaxRepeat}] (default {DefaultRepeat}; {DefaultQuickRepeat} with --quick).");
        var seed = StdpCommand.Text("--seed", "1", "Random seed (unsigned 64-bit) of every benchmark's data.");
        var output = StdpCommand.Text("--out", "results/bench", $"Output directory for {BenchReport.FileName}.");
        var command = new Command("bench", "Time the hot paths (Hopfield, rate rules, spiking) and write bench.json.")
        {
            quick, repeat, seed, output,
        };
        command.SetAction(parse =>
        {
            try
            {
                var isQuick = parse.GetValue(quick);
                var repeatText = parse.GetValue(repeat);
                var k = string.IsNullOrWhiteSpace(repeatText)
                    ? (isQuick ? DefaultQuickRepeat : DefaultRepeat)
                    : OptionValues.Integer("--repeat", repeatText, 1, MaxRepeat);
                var s = OptionValues.Seed("--seed", parse.GetValue(seed));
                var outText = OptionValues.OutputPath("--out", parse.GetValue(output), "a directory path");
                var directory = OutputDirectoryProbe.EnsureWritable(outText);
                return Run(context, isQuick, k, s, Path.Combine(directory, BenchReport.FileName));
            }
            catch (UsageException e)
            {
                ErrorText.WriteError(context.Error, e.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static int Run(CommandContext context, bool quick, int repetitions, ulong seed, string file)
    {
        var machine = MachineFacts.Current();
        var cases = BenchSuite.Create(quick, seed);
        var results = new List<BenchMeasurement>(cases.Count);
        foreach (var benchCase in cases)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.Out.WriteLine($"bench: {benchCase.Name} ({BenchReport.SizeText(benchCase)}), {repetitions} repetitions");
            results.Add(BenchRunner.Measure(benchCase, repetitions, quick ? BenchSuite.QuickWarmUpSeconds : BenchSuite.WarmUpSeconds, context.CancellationToken));
        }

        BenchReport.WriteJson(file, machine, results, quick, repetitions, seed, context.CommandLine);
        if (context.Interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
            BenchReport.WriteTable(console, machine, results, file);
        }
        else
        {
            BenchReport.WritePlain(context.Out, machine, results, file);
        }

        return ExitCodes.Success;
    }
}
