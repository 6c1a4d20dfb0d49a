namespace Plasticity.Cli.Bench;

/// <summary>
/// <c>bench --scaling</c>: each workload timed at four or more sizes, and the exponent b of time ∝ size^b fitted by
/// least squares on the logarithms (MathNet <c>Fit.Line</c> on (ln size, ln seconds)), for docs/performance.md "how
/// the cost grows with N and P".
/// </summary>
/// <remarks>
/// Each size is timed <see cref="Repetitions"/> times after one untimed run, set-up outside the clock, and the fastest
/// time is kept (the least disturbed on a shared machine). Operation counts that the exponent should show: one-step
/// trial at fixed α, 2·N·P per retrieval × P retrievals ∝ N³; fixed-point retrieval at fixed α, 2·N·P per sweep ∝ N²
/// (times the sweeps); fields 2·N·P per call, so exponent 1 in N at fixed P and 1 in P at fixed N; an online rate-rule
/// epoch ∝ d·outputs; Song–Miller–Abbott ∝ inputs (per step every synapse is touched on a post spike, a few on pre spikes).
/// Seeds: workload k draws from <c>[Bench, 200 + k]</c>.
/// </remarks>
public static class ScalingSuite
{
    /// <summary>Timed runs per size (the fastest is kept).</summary>
    public const int Repetitions = 3;

    /// <summary>Seed-path index of workload 0.</summary>
    public const long SeedBase = 200;

    /// <summary>The workloads at quick or default sizes.</summary>
    public static IReadOnlyList<ScalingWorkload> Create(bool quick, ulong seed)
    {
        int[] Sizes(int[] small, int[] full) => quick ? small : full;
        return
        [
            new("hopfield.one-step-trial", "N", "one capacity trial, one-step, α = 0.1 (P = N/10)", Sizes([100, 200, 400, 800], [500, 1000, 2000, 4000]), n =>
                Trial(n, CapacityMeasure.OneStep, seed, 0)),
            new("hopfield.fixed-point-retrieval", "N", "one trial, one async retrieval from a 10 % cue, α = 0.1", Sizes([200, 400, 800, 1600], [12_500, 25_000, 50_000, 100_000]), n =>
                Trial(n, CapacityMeasure.FixedPoint, seed, 1)),
            new("hopfield.fields.vs-n", "N", "100 calls of PackedHebbianCouplings.ComputeScaledFields, P = 1000", Sizes([200, 400, 800, 1600], [2000, 4000, 8000, 16000, 32000]), n =>
                Fields(n, 1000, seed, 2)),
            new("hopfield.fields.vs-p", "P", "100 calls of PackedHebbianCouplings.ComputeScaledFields, N = 4000", Sizes([64, 128, 256, 512], [250, 500, 1000, 2000, 4000]), p =>
                Fields(4000, p, seed, 3)),
            new("rate.gha.epoch.vs-d", "d", "one online GHA epoch, 16 outputs, 5000 samples", Sizes([16, 32, 64, 128], [98, 196, 392, 784]), d =>
                Gha(d, quick ? 500 : 5000, seed, 4)),
            new("spiking.sma.vs-inputs", "inputs", "Song–Miller–Abbott, 10 s simulated (1 s with --quick)", Sizes([100, 200, 400, 800], [250, 500, 1000, 2000]), inputs =>
                Sma(inputs, quick ? 1.0 : 10.0, seed, 5)),
        ];
    }

    /// <summary>Times every size of <paramref name="workload"/> and fits the exponent.</summary>
    public static ScalingResult Measure(ScalingWorkload workload, int repetitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var seconds = new double[workload.Sizes.Count];
        for (var k = 0; k < seconds.Length; k++)
        {
            workload.Prepare(workload.Sizes[k])();
            var best = double.MaxValue;
            for (var r = 0; r < repetitions; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var run = workload.Prepare(workload.Sizes[k]);
                GC.Collect();
                var start = Stopwatch.GetTimestamp();
                run();
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }

            seconds[k] = best;
        }

        return new ScalingResult(workload, seconds, Exponent(workload.Sizes.Select(s => (double)s).ToArray(), seconds));
    }

    /// <summary>The slope b of ln t = a + b ln s (least squares).</summary>
    public static double Exponent(double[] sizes, double[] seconds)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(seconds);
        var fit = MathNet.Numerics.Fit.Line(sizes.Select(s => Math.Log(s)).ToArray(), seconds.Select(s => Math.Log(s)).ToArray());
        return fit.Item2;
    }

    /// <summary>Writes the scaling table (80 columns at most).</summary>
    public static void Write(CommandContext context, IReadOnlyList<ScalingResult> results)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(results);
        TableWriter.Write(context, new TextTable(
            [new TextColumn("workload", RightAligned: false), new TextColumn("in"), new TextColumn("sizes", RightAligned: false), new TextColumn("seconds (best of 3)", RightAligned: false), new TextColumn("exponent")],
            [
                .. results.Select(r => (IReadOnlyList<string>)
                [
                    r.Workload.Name,
                    r.Workload.Variable,
                    string.Join(' ', r.Workload.Sizes.Select(s => NumberFormat.Integer(s))),
                    string.Join(' ', r.Seconds.Select(s => NumberFormat.Short(s, "G3"))),
                    NumberFormat.Short(r.Exponent, "F2"),
                ]),
            ]));
    }

    /// <summary>The scaling section of bench.json.</summary>
    public static IReadOnlyList<ScalingJson> Json(IReadOnlyList<ScalingResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.Select(r => new ScalingJson(r.Workload.Name, r.Workload.Description, r.Workload.Variable, [.. r.Workload.Sizes], [.. r.Seconds], r.Exponent))];
    }

    private static Func<double> Trial(int n, CapacityMeasure measure, ulong seed, long id)
    {
        var point = new CapacityPoint(n, 0.1);
        var settings = measure == CapacityMeasure.OneStep
            ? new CapacitySettings(StorageRule.Hebbian, measure, 1)
            : new CapacitySettings(StorageRule.Hebbian, measure, 1, CueFlip: 0.1, RetrievalsPerTrial: 1);
        var caseSeed = SeedSequence.Prefix(seed, SeedPath.Bench, SeedBase + id);
        return () => CapacityExperiment.RunTrial(point, settings, caseSeed, 0).ErrorBits;
    }

    private static Func<double> Fields(int n, int p, ulong seed, long id)
    {
        var random = SeedPath.Random(seed, SeedPath.Bench, SeedBase + id);
        var couplings = new PackedHebbianCouplings(PackedPatterns.Dense(n, p, random));
        var state = PatternSet.Dense(n, 1, random)[0].ToArray();
        var fields = new long[n];
        return () =>
        {
            for (var c = 0; c < 100; c++)
            {
                couplings.ComputeScaledFields(state, fields);
            }

            return fields.Sum();
        };
    }

    private static Func<double> Gha(int d, int samples, ulong seed, long id)
    {
        var random = SeedPath.Random(seed, SeedPath.Bench, SeedBase + id);
        var values = new double[(long)d * samples];
        MathNet.Numerics.Distributions.Normal.Samples(random, values, 0.0, 1.0 / Math.Sqrt(d));
        var data = new Dataset(samples, d, values);
        var weights = DenseWeightMatrix.RandomGaussian(16, d, 1.0 / Math.Sqrt(d), random);
        var settings = new TrainingSettings(1, PresentationOrder.Cyclic, TrainingMode.Online, RecordEvery: int.MaxValue);
        var rule = new SangerRule(0.001);
        return () =>
        {
            Trainer.Run(weights, LinearTransfer.Instance, data, rule, settings);
            return weights.Data.ToArray().Sum();
        };
    }

    private static Func<double> Sma(int inputs, double seconds, ulong seed, long id)
    {
        var parameters = new SongMillerAbbottParameters { Inputs = inputs, Duration = seconds * 1000.0, MaxWeight = BenchSuite.GMax };
        var rule = new PairStdpRule(StdpWindow.Classic(BenchSuite.GMax), StdpPairing.AllToAll, StdpWeightDependence.Additive);
        var runner = new SongMillerAbbottRunner(parameters, rule, SeedPath.Random(seed, SeedPath.Bench, SeedBase + id));
        return () => runner.Run().FinalWeights.Sum();
    }
}

/// <summary>A workload of <see cref="ScalingSuite"/>: a name, the size variable and its values, and the set-up.</summary>
/// <param name="Name">Identifier.</param>
/// <param name="Variable">The size variable (N, P, d, inputs).</param>
/// <param name="Description">What one timed run does.</param>
/// <param name="Sizes">Four or more sizes, increasing.</param>
/// <param name="Prepare">Untimed set-up at a size; returns the timed run (which returns a checksum).</param>
public sealed record ScalingWorkload(string Name, string Variable, string Description, IReadOnlyList<int> Sizes, Func<int, Func<double>> Prepare);

/// <summary>The fastest time at each size and the fitted exponent.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Seconds">Fastest wall time at each size (s).</param>
/// <param name="Exponent">b of time ∝ size^b.</param>
public sealed record ScalingResult(ScalingWorkload Workload, IReadOnlyList<double> Seconds, double Exponent);

/// <summary>One workload in bench.json's scaling section.</summary>
/// <param name="Name">Identifier.</param>
/// <param name="Description">What one timed run does.</param>
/// <param name="Variable">The size variable.</param>
/// <param name="Sizes">The sizes.</param>
/// <param name="Seconds">Fastest wall time at each size (s).</param>
/// <param name="Exponent">Fitted b of time ∝ size^b.</param>
public sealed record ScalingJson(string Name, string Description, string Variable, IReadOnlyList<int> Sizes, IReadOnlyList<double> Seconds, double Exponent);
