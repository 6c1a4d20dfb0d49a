namespace Plasticity.Cli.Bench;

/// <summary>
/// The six performance targets of issue 11 at a chosen scale (docs/performance.md "Targets"): what is timed, at which
/// size, and the bytes/ops model of each.
/// </summary>
/// <remarks>
/// <para>Scales: <see cref="BenchScale.Quick"/> runs every target at a tiny size (a second or two in all, for tests);
/// <see cref="BenchScale.Default"/> runs targets 1, 2, 4, 5 and 6 at the issue's sizes; <see cref="BenchScale.Full"/>
/// adds target 3 (N = 10⁶, about 13 GB and minutes). Target 3 also runs when asked for by number.</para>
/// <para>Seeds: target k draws from the seed path <c>[Bench, 100 + k]</c> (the hot-path benchmarks use 1–8), so its
/// checksum depends only on the seed and its sizes.</para>
/// </remarks>
public static class TargetSuite
{
    /// <summary>Seed-path index of target 1; target k uses <c>TargetSeedBase + k</c>.</summary>
    public const long TargetSeedBase = 100;

    /// <summary>Largest memory target 3 may plan to use (issue 11: under 16 GB peak).</summary>
    public const double Target3MaxBytes = 16e9;

    /// <summary>Memory left to the operating system and the other programs when target 3 plans its allocation.</summary>
    public const double Target3Headroom = 2e9;

    /// <summary>Input dimension of target 4 (MNIST-sized images).</summary>
    public const int RateDimension = 784;

    /// <summary>Samples per epoch of target 4.</summary>
    public const int RateSamples = 60_000;

    /// <summary>Outputs of the GHA run of target 4.</summary>
    public const int GhaOutputs = 16;

    /// <summary>Learning rate of target 4 (η·tr C ≈ 0.18 at d = 784, well inside the stable range).</summary>
    public const double RateEta = 0.0005;

    /// <summary>The targets to run: <paramref name="targets"/> (1–6) or, when empty, those of <paramref name="scale"/>.</summary>
    public static IReadOnlyList<TargetCase> Create(BenchScale scale, IReadOnlySet<int> targets, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(targets);
        bool Wanted(int k) => targets.Count == 0 ? k != 3 || scale == BenchScale.Full : targets.Contains(k);
        var quick = scale == BenchScale.Quick;
        var cases = new List<TargetCase>();
        if (Wanted(1))
        {
            cases.Add(CapacitySweepCase(quick ? 200 : 1000, quick ? 4 : 20, quick ? 1 : 3, seed));
        }

        if (Wanted(2))
        {
            cases.Add(FixedPointCase(2, quick ? 2_000 : 100_000, seed));
        }

        if (Wanted(3))
        {
            cases.Add(FixedPointCase(3, quick ? 4_000 : 1_000_000, seed));
        }

        if (Wanted(4))
        {
            var d = quick ? 49 : RateDimension;
            var samples = quick ? 2_000 : RateSamples;
            var data = new Lazy<Dataset>(() => RateData(d, samples, seed));
            cases.Add(RateCase("rate.oja.epoch", "Trainer.Run, online Oja, one linear output, one epoch", 1, d, samples, data, eta => new LocalLayerRule(new OjaRule(eta), "oja"), quick ? 1 : 3, seed));
            cases.Add(RateCase("rate.gha.epoch", $"Trainer.Run, online GHA (Sanger), {GhaOutputs} linear outputs, one epoch", GhaOutputs, d, samples, data, eta => new SangerRule(eta), quick ? 1 : 3, seed));
        }

        if (Wanted(5))
        {
            cases.Add(SongMillerAbbottCase(quick ? 2.0 : 100.0, quick ? 1 : 3, seed));
        }

        return cases;
    }

    /// <summary>
    /// Target 1: the capacity one-step sweep N, α = 0.02:0.30:0.02 (15 points), <paramref name="trials"/> trials per
    /// point, Hebbian storage, every point run by <see cref="CapacityExperiment.Run"/> (trials in parallel, as the
    /// capacity command does, without the result store). Patterns are drawn inside the timed region, as in the peer.
    /// </summary>
    private static TargetCase CapacitySweepCase(int n, int trials, int repetitions, ulong seed)
    {
        var alphas = Enumerable.Range(1, 15).Select(k => 0.02 * k).ToArray();
        var points = alphas.Select(a => new CapacityPoint(n, a)).ToArray();
        var settings = new CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, trials);
        var caseSeed = SeedSequence.Prefix(seed, SeedPath.Bench, TargetSeedBase + 1);
        // Popcount model of the packed Gram route: the P(P+1)/2 overlaps of each trial need ⌈N/64⌉ words each.
        var words = points.Sum(p => (double)trials * p.P * (p.P + 1) / 2 * ((n + 63) / 64));
        return new TargetCase(
            1,
            "capacity.one-step-sweep",
            "capacity sweep, one-step, Hebbian: draw, store, one synchronous step from every pattern",
            [Size("N", n), Size("alpha_from", 0.02), Size("alpha_to", 0.30), Size("points", points.Length), Size("trials", trials)],
            points.Length * (double)trials,
            "trials",
            new TargetModel(LimitKind.Popcount, true, "P(P+1)/2·⌈N/64⌉ popcount words per trial (the packed Gram matrix of overlaps)"),
            repetitions,
            () => () =>
            {
                long errors = 0;
                foreach (var point in points)
                {
                    errors += CapacityExperiment.Run(point, settings, caseSeed).TrialResults.Sum(t => t.ErrorBits);
                }

                return new TargetOutcome(errors, words, $"{errors} error bits");
            });
    }

    /// <summary>
    /// Targets 2 and 3: one asynchronous retrieval (random permutation order) to a fixed point at N, α = 0.1, from a cue
    /// with 10 % of the bits flipped: <see cref="CapacityExperiment.RunTrial"/> with one trial and one retrieval, so the
    /// time includes drawing and storing the patterns. Timed once. Peak memory is the process's peak working set.
    /// </summary>
    private static TargetCase FixedPointCase(int target, int n, ulong seed)
    {
        var point = new CapacityPoint(n, 0.1);
        var settings = new CapacitySettings(StorageRule.Hebbian, CapacityMeasure.FixedPoint, 1, CueFlip: 0.1, RetrievalsPerTrial: 1);
        var caseSeed = SeedSequence.Prefix(seed, SeedPath.Bench, TargetSeedBase + target);
        var packedBytes = (double)point.N * point.P / 8;
        return new TargetCase(
            target,
            $"hopfield.fixed-point.n{n}",
            "async fixed-point retrieval, Hebbian, cue 10 % flipped: draw, store, retrieve",
            [Size("N", n), Size("alpha", point.Alpha), Size("P", point.P), Size("cue_flip", 0.1)],
            1,
            "retrievals",
            new TargetModel(LimitKind.ReadBandwidth, true, "2·N·P/8 bytes: the initial overlaps and one confirming sweep over packed patterns"),
            1,
            () => () =>
            {
                var trial = CapacityExperiment.RunTrial(point, settings, caseSeed, 0);
                using var self = Process.GetCurrentProcess();
                self.Refresh();
                var m = trial.Overlaps[0];
                return new TargetOutcome(
                    m + trial.ErrorBits,
                    2 * packedBytes,
                    $"m = {m.ToString("F4", CultureInfo.InvariantCulture)}, peak {MemoryBudget.Bytes(self.PeakWorkingSet64)}");
            },
            FixedPointRefusal(point, settings));
    }

    /// <summary>Why a fixed-point target cannot run here today (validation or memory), or null.</summary>
    public static string? FixedPointRefusal(CapacityPoint point, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            CapacityExperiment.Validate(point, settings);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return $"refused by validation: {e.Message.Split('(')[0].Trim()}";
        }

        var estimate = CapacityMemory.TrialBytes(point.N, point.P, settings.Rule, settings.Measure);
        var allowed = Math.Min(Target3MaxBytes, MemoryBudget.Available - Target3Headroom);
        return estimate > allowed
            ? $"needs about {MemoryBudget.Bytes(estimate)}, more than {MemoryBudget.Bytes(allowed)} (min of 16 GB and available − 2 GB)"
            : null;
    }

    /// <summary>
    /// Target 4: one epoch (every sample once, cyclic order, online) of <see cref="Trainer.Run"/> with the rule on
    /// <paramref name="samples"/> d-dimensional samples, from the same random initial weights every repetition.
    /// </summary>
    private static TargetCase RateCase(
        string name, string description, int outputs, int d, int samples, Lazy<Dataset> data, Func<double, IPlasticityRule> rule, int repetitions, ulong seed) =>
        new(
            4,
            name,
            description,
            [Size("d", d), Size("outputs", outputs), Size("samples", samples), Size("eta", RateEta)],
            samples,
            "steps",
            new TargetModel(LimitKind.ReadBandwidth, false, "samples·d·8 bytes: each sample streams once from memory; W stays in cache"),
            repetitions,
            () =>
            {
                var random = SeedPath.Random(seed, SeedPath.Bench, TargetSeedBase + 4 + outputs);
                var weights = DenseWeightMatrix.RandomGaussian(outputs, d, 1.0 / Math.Sqrt(d), random);
                var dataset = data.Value;
                var settings = new TrainingSettings(1, PresentationOrder.Cyclic, TrainingMode.Online, RecordEvery: int.MaxValue);
                var plasticity = rule(RateEta);
                return () =>
                {
                    var result = Trainer.Run(weights, LinearTransfer.Instance, dataset, plasticity, settings);
                    if (result.Diverged)
                    {
                        throw new InvalidOperationException($"target 4 ({name}) diverged at step {result.DivergedAtStep}");
                    }

                    var sum = 0.0;
                    foreach (var w in weights.Data)
                    {
                        sum += w;
                    }

                    return new TargetOutcome(sum, (double)samples * d * sizeof(double), string.Empty);
                };
            });

    /// <summary>
    /// Zero-mean Gaussian data with the eigengap spectrum of the hot-path benchmarks (λ₁ = 1, 10 % gap) on the
    /// coordinate axes: x_j = √λ_j z_j. The rotation does not change the cost of the rules, and drawing a rotated
    /// 784-dimensional Gaussian would cost d² per sample before the clock starts.
    /// </summary>
    private static Dataset RateData(int d, int samples, ulong seed)
    {
        var random = SeedPath.Random(seed, SeedPath.Bench, TargetSeedBase + 4);
        var lambda = DataSources.EigengapSpectrum(d, BenchSuite.Eigengap);
        var values = new double[(long)d * samples];
        MathNet.Numerics.Distributions.Normal.Samples(random, values, 0.0, 1.0);
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < d; j++)
            {
                values[(s * d) + j] *= Math.Sqrt(lambda[j]);
            }
        }

        return new Dataset(samples, d, values);
    }

    /// <summary>Target 5: the Song–Miller–Abbott run (1000 inputs, dt 0.1 ms) of <paramref name="seconds"/> simulated seconds.</summary>
    private static TargetCase SongMillerAbbottCase(double seconds, int repetitions, ulong seed)
    {
        var parameters = new SongMillerAbbottParameters { Duration = seconds * 1000.0, MaxWeight = BenchSuite.GMax };
        return new TargetCase(
            5,
            "spiking.song-miller-abbott",
            "SongMillerAbbottRunner.Run, all-to-all pair STDP, additive",
            [Size("inputs", parameters.Inputs), Size("simulated_s", seconds), Size("dt_ms", parameters.TimeStep)],
            seconds,
            "simulated s",
            null,
            repetitions,
            () =>
            {
                var rule = new PairStdpRule(StdpWindow.Classic(BenchSuite.GMax), StdpPairing.AllToAll, StdpWeightDependence.Additive);
                var runner = new SongMillerAbbottRunner(parameters, rule, SeedPath.Random(seed, SeedPath.Bench, TargetSeedBase + 5));
                return () =>
                {
                    var run = runner.Run();
                    return new TargetOutcome(run.FinalWeights.Sum(), 0, string.Empty);
                };
            });
    }

    private static KeyValuePair<string, double> Size(string name, double value) => new(name, value);
}
