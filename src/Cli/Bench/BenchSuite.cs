namespace Plasticity.Cli.Bench;

/// <summary>
/// The benchmarks of <c>plasticity bench</c>: the hot paths of the Hopfield, rate-rule and spiking parts of the toolkit.
/// </summary>
/// <remarks>
/// Case k draws everything from the seed path <c>[Bench, k]</c> (<see cref="SeedPath"/>; k = 1, 2, …, fixed per case), so a case's
/// checksum depends only on the seed and its sizes, not on which other cases ran. Quick sizes keep the whole suite at
/// a few seconds for tests and smoke runs; full sizes are the numbers in docs/performance.md.
/// </remarks>
public static class BenchSuite
{
    /// <summary>Hopfield network size N of the capacity trials and the small field benchmark.</summary>
    public const int HopfieldN = 1000;

    /// <summary>Load α = P/N of the capacity trials.</summary>
    public const double HopfieldAlpha = 0.1;

    /// <summary>Dimension of the Oja benchmark's spectral Gaussian.</summary>
    public const int OjaDimension = 20;

    /// <summary>Input dimension of the GHA benchmark.</summary>
    public const int GhaDimension = 100;

    /// <summary>Outputs (principal components) of the GHA benchmark.</summary>
    public const int GhaOutputs = 5;

    /// <summary>Eigengap (λ1 − λ2)/λ1 of both spectral Gaussians.</summary>
    public const double Eigengap = 0.1;

    /// <summary>Inputs of the Song–Miller–Abbott benchmark and of the STDP call benchmark.</summary>
    public const int SpikingInputs = 1000;

    /// <summary>g_max of the STDP benchmarks (the Song–Miller–Abbott default).</summary>
    public const double GMax = 0.01;

    /// <summary>Minimum warm-up wall time per benchmark (s) at full sizes.</summary>
    public const double WarmUpSeconds = 1.0;

    /// <summary>Minimum warm-up wall time per benchmark (s) with --quick.</summary>
    public const double QuickWarmUpSeconds = 0.25;

    /// <summary>The cases at full (<paramref name="quick"/> false) or quick sizes.</summary>
    public static IReadOnlyList<BenchCase> Create(bool quick, ulong seed)
    {
        var cases = new List<BenchCase>
        {
            CapacityTrials(CapacityMeasure.OneStep, quick ? 4 : 40, seed, 1),
            CapacityTrials(CapacityMeasure.FixedPoint, quick ? 2 : 20, seed, 2),
            Fields(HopfieldN, 100, quick ? 200 : 5000, seed, 3),
        };
        if (!quick)
        {
            cases.Add(Fields(10_000, 1000, 50, seed, 4));
        }

        cases.Add(Oja(quick ? 5_000 : 1_000_000, seed, 5));
        cases.Add(Gha(quick ? 2_000 : 100_000, seed, 6));
        cases.Add(SongMillerAbbott(quick ? 5.0 : 100.0, quick ? 0.5 : 2.0, seed, 7));
        cases.Add(StdpCalls(quick ? 2_000 : 200_000, seed, 8));
        return cases;
    }

    /// <summary>
    /// <paramref name="trials"/> capacity trials (<see cref="CapacityExperiment.RunTrial"/>, Hebbian storage, the
    /// default <see cref="CapacitySettings"/>) at N = 1000, α = 0.1, run one after another on one thread. Each trial
    /// draws P = 100 patterns, stores them and retrieves (one-step: all 100 patterns; fixed-point: 10 runs to a fixed point).
    /// </summary>
    private static BenchCase CapacityTrials(CapacityMeasure measure, int trials, ulong seed, long id)
    {
        var point = new CapacityPoint(HopfieldN, HopfieldAlpha);
        var settings = new CapacitySettings(StorageRule.Hebbian, measure, trials);
        var caseSeed = SeedSequence.Prefix(seed, SeedPath.Bench, id);
        var name = measure == CapacityMeasure.OneStep ? "one-step" : "fixed-point";
        return new BenchCase(
            $"hopfield.capacity.{name}",
            $"capacity trials ({name}, Hebbian): draw, store, retrieve",
            [Size("N", point.N), Size("alpha", point.Alpha), Size("P", point.P), Size("trials", trials)],
            trials,
            "trials",
            "total error bits over the trials",
            () => () =>
            {
                long errors = 0;
                for (var t = 0; t < trials; t++)
                {
                    errors += CapacityExperiment.RunTrial(point, settings, caseSeed, t).ErrorBits;
                }

                return errors;
            });
    }

    /// <summary>
    /// <see cref="HebbianCouplings.ComputeFields"/> called <paramref name="calls"/> times on a fixed random state; the
    /// throughput counts single fields u_i (N per call, each call costs 2NP integer multiply–adds).
    /// </summary>
    private static BenchCase Fields(int n, int p, int calls, ulong seed, long id) => new(
        $"hopfield.fields.n{n}",
        "HebbianCouplings.ComputeFields on a random state",
        [Size("N", n), Size("P", p), Size("calls", calls)],
        (double)calls * n,
        "fields",
        "sum of the fields of the last call",
        () =>
        {
            var random = SeedPath.Random(seed, SeedPath.Bench, id);
            var couplings = new HebbianCouplings(PatternSet.Dense(n, p, random));
            var state = PatternSet.Dense(n, 1, random)[0].ToArray();
            var fields = new double[n];
            return () =>
            {
                for (var c = 0; c < calls; c++)
                {
                    couplings.ComputeFields(state, fields);
                }

                return fields.Sum();
            };
        });

    /// <summary>
    /// Online Oja (<see cref="OjaRule"/> in a <see cref="LocalLayerRule"/>, η = 0.005, one linear output) trained by
    /// <see cref="Trainer.Run"/> on 5000 samples of a 20-dimensional spectral Gaussian, cyclic order.
    /// </summary>
    private static BenchCase Oja(int steps, ulong seed, long id) =>
        TrainingCase("rate.oja", "Trainer.Run, online Oja, one linear output", OjaDimension, 1, 5_000, 0.005, eta => new LocalLayerRule(new OjaRule(eta), "oja"), steps, seed, id);

    /// <summary>
    /// Online GHA (<see cref="SangerRule"/>, η = 0.001, 5 linear outputs) trained by <see cref="Trainer.Run"/> on 2000
    /// samples of a 100-dimensional spectral Gaussian, cyclic order.
    /// </summary>
    private static BenchCase Gha(int steps, ulong seed, long id) =>
        TrainingCase("rate.gha", "Trainer.Run, online GHA (Sanger), 5 linear outputs", GhaDimension, GhaOutputs, 2_000, 0.001, eta => new SangerRule(eta), steps, seed, id);

    /// <summary>A rate-rule case: <paramref name="rule"/> at rate η trained online on d-dimensional samples (<see cref="PrepareTraining"/>).</summary>
    private static BenchCase TrainingCase(
        string name, string description, int d, int outputs, int samples, double eta, Func<double, IPlasticityRule> rule, int steps, ulong seed, long id) =>
        new(
            name,
            description,
            [Size("d", d), Size("outputs", outputs), Size("samples", samples), Size("steps", steps), Size("eta", eta)],
            steps,
            "steps",
            "sum of the final weights",
            () => PrepareTraining(d, outputs, samples, steps, rule(eta), seed, id));

    private static Func<double> PrepareTraining(int d, int outputs, int samples, int steps, IPlasticityRule rule, ulong seed, long id)
    {
        var random = SeedPath.Random(seed, SeedPath.Bench, id);
        var data = DataSources.GaussianWithSpectrum(DataSources.EigengapSpectrum(d, Eigengap), samples, random).Data;
        var weights = DenseWeightMatrix.RandomGaussian(outputs, d, 1.0 / Math.Sqrt(d), random);
        // Whole epochs of cyclic order; the step count is a multiple of the sample count by construction.
        var settings = new TrainingSettings(Math.Max(1, steps / samples), PresentationOrder.Cyclic, TrainingMode.Online, RecordEvery: int.MaxValue);
        return () =>
        {
            var result = Trainer.Run(weights, LinearTransfer.Instance, data, rule, settings);
            if (result.Diverged)
            {
                throw new InvalidOperationException($"benchmark training diverged at step {result.DivergedAtStep}");
            }

            var sum = 0.0;
            foreach (var w in weights.Data)
            {
                sum += w;
            }

            return sum;
        };
    }

    /// <summary>
    /// The Song–Miller–Abbott experiment at its defaults (<see cref="SongMillerAbbottParameters"/>: 1000 Poisson inputs at
    /// 15 Hz, dt = 0.1 ms) for <paramref name="seconds"/> of simulated time, with all-to-all pair STDP
    /// (<see cref="StdpWindow.Classic"/>(g_max), additive bounds at g_max). The throughput is simulated seconds per
    /// wall-clock second (above 1: faster than real time).
    /// </summary>
    private static BenchCase SongMillerAbbott(double seconds, double warmUpSeconds, ulong seed, long id)
    {
        var parameters = new SongMillerAbbottParameters { Duration = seconds * 1000.0 };
        return new BenchCase(
            "spiking.song-miller-abbott",
            "SongMillerAbbottRunner.Run, all-to-all pair STDP, additive",
            [Size("inputs", parameters.Inputs), Size("simulated_s", seconds), Size("dt_ms", parameters.TimeStep), Size("steps", parameters.Steps)],
            seconds,
            "simulated s",
            "sum of the final weights",
            () =>
            {
                var runner = SmaRunner(parameters, seed, id);
                return () => runner.Run().FinalWeights.Sum();
            },
            () => SmaRunner(parameters with { Duration = warmUpSeconds * 1000.0 }, seed, id).Run());
    }

    private static SongMillerAbbottRunner SmaRunner(SongMillerAbbottParameters parameters, ulong seed, long id)
    {
        var rule = new PairStdpRule(StdpWindow.Classic(GMax), StdpPairing.AllToAll, StdpWeightDependence.Additive);
        return new SongMillerAbbottRunner(parameters with { MaxWeight = GMax }, rule, SeedPath.Random(seed, SeedPath.Bench, id));
    }

    /// <summary>
    /// The post-spike plasticity path at N = 1000, per call: one <see cref="PairStdpRule"/> step of length Δt with one
    /// pre spike and the post spike (<see cref="StdpProtocols.Step"/>: ComputeDelta, which decays the traces locally and
    /// potentiates all N synapses, the store's Apply with its clamp to [0, g_max], then Advance). The pre spike keeps the
    /// traces and weights in a realistic, seed-dependent state (without pre spikes every weight saturates at g_max and
    /// the checksum would not depend on the seed); the intervals (uniform in [0.1, 1] ms) and the spiking inputs are
    /// drawn before the clock starts.
    /// </summary>
    private static BenchCase StdpCalls(int calls, ulong seed, long id) => new(
        "spiking.stdp-post-spike",
        "PairStdpRule step with one pre spike and the post spike, per call",
        [Size("N", SpikingInputs), Size("calls", calls)],
        calls,
        "calls",
        "sum of the final weights",
        () =>
        {
            var random = SeedPath.Random(seed, SeedPath.Bench, id);
            var state = new PairStdpRule(StdpWindow.Classic(GMax), StdpPairing.AllToAll, StdpWeightDependence.Additive).CreateState(1, SpikingInputs);
            var weights = new DenseWeightMatrix(1, SpikingInputs, new WeightBounds(0, GMax));
            for (var j = 0; j < SpikingInputs; j++)
            {
                weights[0, j] = random.NextDouble() * GMax;
            }

            var intervals = new double[calls];
            var inputs = new int[calls];
            for (var c = 0; c < calls; c++)
            {
                intervals[c] = 0.1 + 0.9 * random.NextDouble();
                inputs[c] = random.Next(SpikingInputs);
            }

            var pre = new double[SpikingInputs];
            double[] post = [1.0];
            var delta = new double[SpikingInputs];
            return () =>
            {
                for (var c = 0; c < calls; c++)
                {
                    pre[inputs[c]] = 1.0;
                    var context = new StepContext(intervals[c], weights, 1.0);
                    state.ComputeDelta(pre, post, context, delta);
                    weights.Apply(delta);
                    state.Advance(pre, post, context, delta);
                    pre[inputs[c]] = 0.0;
                }

                return weights.Data.ToArray().Sum();
            };
        });

    private static KeyValuePair<string, double> Size(string name, double value) => new(name, value);
}
