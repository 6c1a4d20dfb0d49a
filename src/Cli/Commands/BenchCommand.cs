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

    /// <summary>Target numbers accepted by --target.</summary>
    public const string TargetRange = "1–6";

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var quick = TypedOptions.Flag(
            "--quick",
            "Small sizes and durations (a few seconds in all): N = 1000 fields only, a 5 s Song–Miller–Abbott run, every target tiny.");
        var repeat = TypedOptions.OptionalInteger(
            "--repeat", 1, MaxRepeat, $"Timed repetitions per benchmark, in [1, {MaxRepeat}] (default {DefaultRepeat}; {DefaultQuickRepeat} with --quick).");
        var seed = SeedOption.Create("Random seed, an integer in [0, 2^64 − 1], of every benchmark's data.");
        var output = TypedOptions.OutputPath("--out", "results/bench", "a directory path", $"Output directory for {BenchReport.FileName}.");
        var scales = ChoiceTable.Of("scale", [BenchScale.Quick, BenchScale.Default, BenchScale.Full], s => s.ToString().ToLowerInvariant());
        var scale = TypedOptions.Choice(
            "--scale", scales, BenchScale.Default,
            "Size of the issue-11 targets: quick (tiny, the default with --quick), default (targets 1, 2, 4, 5, 6 at the issue's sizes), full (adds target 3, N = 10^6: about 13 GB and minutes).");
        var target = TypedOptions.Create(
            "--target",
            $"Run only these targets (comma-separated numbers in {TargetRange}, e.g. 3 or 1,4,6) at --scale, without the hot-path benchmarks; 6 is the machine limits.",
            ParseTargets,
            () => new HashSet<int>());
        var scaling = TypedOptions.Flag(
            "--scaling",
            "Time each workload at four or more sizes and fit the exponent of time ∝ size^b (instead of the benchmarks and targets).");
        var peers = TypedOptions.OptionalInputPath("--peers", "a JSON file", "Peer figures written by bench/peers/run-peers.sh, shown beside the targets.");
        var command = new Command("bench", "Time the hot paths (Hopfield, rate rules, spiking) and the issue-11 targets; write bench.json.")
        {
            quick, repeat, seed, output, scale, target, scaling, peers,
        };
        command.SetAction(parse =>
        {
            var isQuick = parse.GetValue(quick);
            var k = parse.GetValue(repeat)!.Or(isQuick ? DefaultQuickRepeat : DefaultRepeat);
            var given = TypedOptions.Given(parse, [scale]);
            var chosenScale = given.Contains("--scale") ? (BenchScale)parse.GetValue(scale)! : (isQuick ? BenchScale.Quick : BenchScale.Default);
            string directory;
            PeerFigures? figures = null;
            try
            {
                directory = OutputDirectoryProbe.EnsureWritable(parse.GetValue(output)!);
                if (parse.GetValue(peers)!.HasValue)
                {
                    figures = PeerFigures.Read(parse.GetValue(peers)!.Value);
                }
            }
            catch (UsageException e)
            {
                ErrorText.WriteError(context.Error, e.Message);
                return ExitCodes.Usage;
            }

            var plan = new BenchPlan(isQuick, k, chosenScale, parse.GetValue(target)!, parse.GetValue(scaling), figures);
            return Run(context, plan, parse.GetValue(seed), Path.Combine(directory, BenchReport.FileName));
        });
        return command;
    }

    /// <summary>Parses a --target list: comma-separated integers in [1, 6], no repeats.</summary>
    private static HashSet<int> ParseTargets(string text)
    {
        const string option = "--target";
        var set = new HashSet<int>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var k = OptionValues.Integer(option, item, 1, 6);
            if (!set.Add(k))
            {
                throw new UsageException(option, $"{option} lists target {k} twice (got '{text}'); give each of {TargetRange} at most once.");
            }
        }

        return set;
    }

    private static int Run(CommandContext context, BenchPlan plan, ulong seed, string file)
    {
        var machine = MachineFacts.Current();
        var runHotPaths = !plan.Scaling && plan.Targets.Count == 0;
        var cases = runHotPaths ? BenchSuite.Create(plan.Quick, seed) : [];
        var targets = plan.Scaling ? [] : TargetSuite.Create(plan.Scale, plan.Targets, seed);
        var runLimits = !plan.Scaling && (plan.Targets.Count == 0 || plan.Targets.Contains(6));
        var workloads = plan.Scaling ? ScalingSuite.Create(plan.Scale == BenchScale.Quick, seed) : [];
        var steps = cases.Count + targets.Count + (runLimits ? 1 : 0) + workloads.Count;
        var (results, measuredTargets, limits, scaled) = ProgressRunner.Run(context, "bench", steps, progress =>
        {
            var measured = new List<BenchMeasurement>(cases.Count);
            var done = 0;
            foreach (var benchCase in cases)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                progress.Point(done++, $"{benchCase.Name} ({BenchReport.SizeText(benchCase)}), {plan.Repetitions} repetitions");
                measured.Add(BenchRunner.Measure(benchCase, plan.Repetitions, plan.Quick ? BenchSuite.QuickWarmUpSeconds : BenchSuite.WarmUpSeconds, context.CancellationToken));
            }

            var timedTargets = new List<TargetMeasurement>(targets.Count);
            foreach (var t in targets)
            {
                progress.Point(done++, $"target {t.Target} {t.Name} ({TargetReport.SizeLabel(t)})");
                timedTargets.Add(TargetRunner.Measure(t, context.CancellationToken));
            }

            MachineLimits? measuredLimits = null;
            if (runLimits)
            {
                progress.Point(done++, "target 6 machine limits (streaming read, popcount)");
                var quickLimits = plan.Scale == BenchScale.Quick;
                measuredLimits = MachineLimits.Measure(
                    quickLimits ? MachineLimits.QuickReadBytes : MachineLimits.FullReadBytes,
                    quickLimits ? 1L << 22 : 1L << 28);
            }

            var scalingResults = new List<ScalingResult>(workloads.Count);
            foreach (var w in workloads)
            {
                progress.Point(done++, $"scaling {w.Name} ({w.Variable} = {string.Join(',', w.Sizes)})");
                scalingResults.Add(ScalingSuite.Measure(w, plan.Scale == BenchScale.Quick ? 1 : ScalingSuite.Repetitions, context.CancellationToken));
            }

            return (measured, timedTargets, measuredLimits, scalingResults);
        });

        BenchReport.WriteJson(
            file, machine, results, plan.Quick, plan.Repetitions, seed, context.CommandLine,
            new BenchExtras(plan.Scale, TargetReport.Json(measuredTargets, limits, plan.Peers), TargetReport.Json(limits), ScalingSuite.Json(scaled)));
        if (runHotPaths)
        {
            BenchReport.Write(context, machine, results, file, plan.Quick);
        }
        else
        {
            context.Out.WriteLine($"wrote {file}");
        }

        TargetReport.Write(context, measuredTargets, limits, plan.Peers);
        if (scaled.Count > 0)
        {
            ScalingSuite.Write(context, scaled);
        }

        return ExitCodes.Success;
    }

    /// <summary>What one bench run does.</summary>
    private sealed record BenchPlan(bool Quick, int Repetitions, BenchScale Scale, IReadOnlySet<int> Targets, bool Scaling, PeerFigures? Peers);
}
