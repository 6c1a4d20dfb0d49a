using Comparison = Plasticity.Experiments.Checks.Comparison;

namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity stdp competition</c>: the Song–Miller–Abbott experiment (Song, Miller &amp; Abbott 2000), N Poisson
/// inputs onto one conductance-based LIF neuron with pair STDP on the input weights (<see cref="SongMillerAbbottRunner"/>,
/// <see cref="PairStdpRule"/>, all-to-all pairing, weights in a store bounded to [0, g_max]). Writes the final weights, their histogram in units of g_max,
/// the output rate over time and a JSON summary with the tail fractions and the drift theory for reference.
/// </summary>
/// <remarks>
/// <para>Defaults are the classic model of Brian2's documented example (examples/synapses/STDP.py; see
/// <see cref="SongMillerAbbottParameters"/>): N = 1000, 15 Hz, 100 s, dt = 0.1 ms, g_max = 0.01,
/// A₊ = 0.01·g_max, A₋ = 1.05·A₊, τ₊ = τ₋ = 20 ms, initial weights uniform in [0, g_max).</para>
/// <para>Weight dependence (<see cref="Choices.StdpWeightDependences"/>, the same names as the core): additive
/// (<see cref="StdpWeightDependence.Additive"/>), multiplicative = Gütig μ = 1 (<see cref="StdpWeightDependence.Multiplicative"/>),
/// van-rossum (<see cref="StdpWeightDependence.VanRossum"/>), gutig with --mu. The store's hard bounds are [0, g_max] in every case.
/// The drift and fixed point of the summary are <see cref="StdpCompetitionTheory"/>.</para>
/// <para>Random stream: <c>SeedPath.Random(seed, SeedPath.Stdp, SeedPath.StdpCompetitionStream)</c>, i.e.
/// CreateRandom(Derive(seed, [6, 1])), draws the N initial weights, then the Poisson inputs (the runner's documented order). Same seed and options → byte-identical files (no wall time is written to them).</para>
/// </remarks>
public static class StdpCompetitionCommand
{
    /// <summary>Final weight per input.</summary>
    public const string WeightsCsv = "weights.csv";

    /// <summary>Histogram of w/g_max.</summary>
    public const string HistogramCsv = "histogram.csv";

    /// <summary>Histogram figure (PNG and SVG).</summary>
    public static FigureFiles HistogramFigure { get; } = new("histogram");

    /// <summary>Output rate per bin.</summary>
    public const string RateCsv = "rate.csv";

    /// <summary>Rate figure (PNG and SVG).</summary>
    public static FigureFiles RateFigure { get; } = new("rate");

    /// <summary>Summary.</summary>
    public const string SummaryJson = "summary.json";

    /// <summary>Most inputs accepted.</summary>
    public const int MaxInputs = 100_000;

    /// <summary>Highest input rate accepted (Hz).</summary>
    public const double MaxRate = 1_000;

    /// <summary>Longest duration accepted (s).</summary>
    public const double MaxDuration = 100_000;

    /// <summary>Largest time step accepted (ms).</summary>
    public const double MaxTimeStep = 1;

    /// <summary>Most time steps accepted (duration/dt).</summary>
    public const long MaxSteps = 10_000_000_000;

    /// <summary>Most histogram bins accepted.</summary>
    public const int MaxBins = 1_000;

    /// <summary>Width of the output-rate bins (s) when the run lasts at least ten of them; shorter runs get ten bins.</summary>
    public const double RateBinSeconds = 1.0;

    /// <summary>Fraction of the run at its end over which the final output rate is measured.</summary>
    public const double FinalFraction = 0.1;

    /// <summary>A₊ in units of g_max (the classic model).</summary>
    public const double APlusOverGMax = 0.01;

    /// <summary>
    /// Largest A₋/A₊ accepted: 1/<see cref="APlusOverGMax"/>, so that A₋ ≤ g_max (one pairing depresses by at most the
    /// whole weight range; a larger A₋ only clips to 0 and would overflow for large g_max).
    /// </summary>
    public const double MaxRatio = 1.0 / APlusOverGMax;

    /// <summary>Fraction of steps with an output spike above which the rate is limited by dt, not by the inputs (warning).</summary>
    public const double SaturatedFraction = 0.5;

    /// <summary>
    /// The largest g_max accepted (exclusive): <see cref="SongMillerAbbottParameters.SingleInputFiringWeight"/> of the
    /// command's neuron, (V_t − E_L)/(E_e − V_t) = 20/54 ≈ 0.370 with Brian2's constants.
    /// </summary>
    public static double MaxGMax { get; } = new SongMillerAbbottParameters().SingleInputFiringWeight;

    /// <summary>The bound and its origin, for help and errors.</summary>
    private static string MaxGMaxText
    {
        get
        {
            var p = new SongMillerAbbottParameters();
            var above = p.Neuron.Threshold - p.Neuron.RestingPotential;
            var below = p.ExcitatoryReversal - p.Neuron.Threshold;
            return $"(V_t - E_L)/(E_e - V_t) = {Text(above)}/{Text(below)} = {MaxGMax.ToString("G6", CultureInfo.InvariantCulture)}, "
                   + "the conductance that alone holds the neuron at threshold";
        }
    }

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = TypedOptions.Integer("--inputs", 1000, 1, MaxInputs, $"Number of Poisson inputs N, in [1, {MaxInputs}].");
        var rate = TypedOptions.RealUpTo("--rate", 15, MaxRate, "Hz", "Input rate in Hz");
        var duration = TypedOptions.RealUpTo("--duration", 100, MaxDuration, "s", "Simulated time in s");
        var dependence = TypedOptions.Choice(
            "--weight-dependence",
            Choices.StdpWeightDependences,
            "additive",
            "additive = hard bounds [0, g_max]; multiplicative = Gütig μ = 1 (soft bounds: potentiation x (1 − w/g_max), depression x w/g_max); van-rossum = depression x w/g_max only; gutig = exponent --mu.");
        var mu = TypedOptions.Real(
            "--mu", 0.5, v => v >= 0 && v <= 1, "a number in [0, 1]", "gutig: exponent μ in [0, 1] (0 additive, 1 multiplicative); refused with any other --weight-dependence.");
        var seed = SeedOption.Create("Random seed (unsigned 64-bit); same seed, same files.");
        var output = TypedOptions.Create(
            "--out",
            $"Output directory for {WeightsCsv}, {HistogramCsv}, {RateCsv}, {SummaryJson} and the figures.",
            text => OptionValues.Path("--out", text, "a directory path"),
            () => "results/stdp-competition");
        var gMax = TypedOptions.Real(
            "--gmax",
            0.01,
            v => v > 0 && v < MaxGMax,
            $"a number > 0 and < {MaxGMaxText}",
            $"g_max > 0 and < {MaxGMaxText}, the upper weight bound (units of the leak conductance); A+ = 0.01 g_max.");
        var ratio = TypedOptions.Real(
            "--ratio",
            1.05,
            v => v >= 0 && v <= MaxRatio,
            $"a number in [0, {Text(MaxRatio)}] (A- <= g_max)",
            $"A-/A+ in [0, {Text(MaxRatio)}] (1.05: depression slightly dominates; {Text(MaxRatio)}: A- = g_max).");
        var tau = TypedOptions.Positive("--tau", 20, "tau+ = tau- in ms, > 0.");
        var dt = TypedOptions.RealUpTo("--dt", 0.1, MaxTimeStep, "ms", "Time step in ms");
        var bins = TypedOptions.Integer("--bins", 50, 1, MaxBins, $"Histogram bins over w/g_max in [0, 1], in [1, {MaxBins}].");
        var command = new Command("competition", "The Song–Miller–Abbott experiment: N Poisson inputs onto one LIF neuron with pair STDP (CSV, JSON, PNG, SVG).")
        {
            inputs, rate, duration, dependence, mu, seed, output, gMax, ratio, tau, dt, bins,
        };
        command.SetAction(parse => StdpCommand.Run(context, () =>
        {
            var n = parse.GetValue(inputs);
            var r = parse.GetValue(rate);
            var t = parse.GetValue(duration);
            string kind = parse.GetValue(dependence)!;
            var m = parse.GetValue(mu);
            if (kind != "gutig" && parse.GetResult(mu) is { Implicit: false })
            {
                // Refused rather than ignored: a user who types --mu believes it shapes the run.
                throw new UsageException("--mu", $"--mu applies only to --weight-dependence gutig (got --weight-dependence {kind}; {kind} has no exponent)");
            }

            var s = parse.GetValue(seed);
            var g = parse.GetValue(gMax);
            var q = parse.GetValue(ratio);
            var tauMs = parse.GetValue(tau);
            var step = parse.GetValue(dt);
            var b = parse.GetValue(bins);
            var steps = Math.Round(t * 1000 / step);
            if (!(steps >= 1 && steps <= MaxSteps))
            {
                throw new UsageException("--duration", $"--duration / --dt must give between 1 and {MaxSteps} steps (got {Text(steps)})");
            }

            var outText = parse.GetValue(output)!;
            var directory = OutputDirectoryProbe.EnsureWritable(outText);
            var settings = new CompetitionSettings(n, r, t, kind, m, s, g, q, tauMs, step, b);
            return Execute(context, settings, outText, directory);
        }));
        return command;
    }

    private static int Execute(CommandContext context, CompetitionSettings a, string outText, string directory)
    {
        var binMs = a.DurationSeconds >= 10 * RateBinSeconds ? RateBinSeconds * 1000 : Math.Max(a.TimeStep, a.DurationSeconds * 100);
        var parameters = new SongMillerAbbottParameters
        {
            Inputs = a.Inputs,
            InputRateHz = a.RateHz,
            Duration = a.DurationSeconds * 1000,
            TimeStep = a.TimeStep,
            MaxWeight = a.GMax,
            RateBin = binMs,
        };
        var aPlus = APlusOverGMax * a.GMax;
        var window = new StdpWindow(aPlus, a.Ratio * aPlus, a.Tau, a.Tau);
        var dependence = StdpChoices.CreateWeightDependence(a.Kind, a.GMax, a.Mu);
        var rule = new PairStdpRule(window, StdpPairing.AllToAll, dependence);
        var runner = new SongMillerAbbottRunner(parameters, rule, SeedPath.Random(a.Seed, SeedPath.Stdp, SeedPath.StdpCompetitionStream));
        var name = a.Kind;
        var description = $"{a.Inputs} inputs at {Text(a.RateHz)} Hz, {Text(a.DurationSeconds)} s ({parameters.Steps} steps of {Text(a.TimeStep)} ms), seed {a.Seed}";

        var estimate = EstimatedSeconds(a.Inputs, parameters.Steps);
        context.Out.WriteLine($"stdp competition: {name}, {description}; estimated {NumberFormat.Short(estimate, "G2")} s ({parameters.Steps} steps x {a.Inputs} inputs at {SecondsPerInputStep * 1e9:0.#} ns each, measured on the 2-core CI machine)");
        var clock = Stopwatch.StartNew();
        var result = ProgressRunner.Run(context, $"stdp competition ({name})", parameters.Steps, progress =>
            runner.Run(new RunControl(
                context.CancellationToken, new InlineProgress(p => progress.Step(p.Step)), Math.Max(1, parameters.Steps / 100))));

        var seconds = clock.Elapsed.TotalSeconds;
        var firedFraction = (double)result.OutputSpikeTimes.Length / parameters.Steps;
        if (firedFraction >= SaturatedFraction)
        {
            context.Error.WriteLine(
                $"warning: the neuron fired in {NumberFormat.Short(100 * firedFraction, "F0")} % of the steps: its rate is limited by --dt, not set by the inputs "
                + "(the competition needs many weak inputs summing to threshold); lower --gmax, --inputs or --rate");
        }

        var histogram = WeightHistogram.Of(result.FinalWeights, a.GMax, a.Bins);
        var initial = WeightHistogram.Of(result.InitialWeights, a.GMax, a.Bins);
        var lastSteps = Math.Max(1L, (long)Math.Round(parameters.Steps * FinalFraction));
        var lastStart = (parameters.Steps - lastSteps) * a.TimeStep;
        var lastRate = result.OutputSpikeTimes.Count(x => x > lastStart) / (lastSteps * a.TimeStep * 1e-3);
        var binStarts = Enumerable.Range(0, result.OutputRateBins.Length).Select(k => k * result.RateBinWidth * 1e-3).ToArray();

        StdpOutput.WriteTable(Path.Combine(directory, WeightsCsv), "input,w,w_over_gmax",
            result.FinalWeights.Select((w, j) => new[] { j, w, w / a.GMax }));
        StdpOutput.WriteTable(Path.Combine(directory, HistogramCsv), "bin_low,bin_high,count,fraction,fraction_initial,fraction_uniform",
            Enumerable.Range(0, a.Bins).Select(k => new[]
            {
                histogram.Low(k), histogram.High(k), histogram.Counts[k], (double)histogram.Counts[k] / histogram.Total,
                (double)initial.Counts[k] / initial.Total, histogram.High(k) - histogram.Low(k),
            }));
        StdpOutput.WriteTable(Path.Combine(directory, RateCsv), "t_s,rate_hz",
            binStarts.Select((x, k) => new[] { x, result.OutputRateBins[k] }));
        var files = new List<string> { WeightsCsv, HistogramCsv, RateCsv, SummaryJson };

        PlotOutput.WarnAboutFonts(context);
        var fixedPointForPlot = StdpCompetitionTheory.UncorrelatedFixedPoint(window, dependence);
        var words = $"{KindWords(a.Kind, a.Mu)} STDP, A₋/A₊ = {Text(a.Ratio)}, {a.Inputs} inputs at {Text(a.RateHz)} Hz, {Text(a.DurationSeconds)} s, Δt = {Text(a.TimeStep)} ms";
        StdpOutput.TryFigure(context, directory, HistogramFigure, () => StdpPlots.BuildHistogram($"Final weights: {words}", histogram, fixedPointForPlot), files);
        StdpOutput.TryFigure(context, directory, RateFigure, () => StdpPlots.BuildRate($"Output rate (descriptive): {words}", binStarts, result.OutputRateBins, result.RateBinWidth * 1e-3, lastRate), files);

        var theoryWindow = new StdpTheory.PairWindow(window.APlus, window.AMinus, window.TauPlus, window.TauMinus);
        var integral = StdpTheory.windowIntegral(theoryWindow);
        StdpOutput.WriteSummary(Path.Combine(directory, SummaryJson), "stdp competition", context, files, json =>
        {
            JsonValues.Real(json, "fraction_below_0.1", histogram.FractionBelow);
            JsonValues.Real(json, "fraction_above_0.9", histogram.FractionAbove);
            JsonValues.Real(json, "mean_w_over_gmax", histogram.MeanOverGMax);
            JsonValues.Real(json, "output_rate_hz", result.OutputRate);
            JsonValues.Real(json, "output_rate_last_10pct_hz", lastRate);
            json.WriteNumber("output_spike_count", result.OutputSpikeTimes.Length);
            json.WriteNumber("input_spike_count", result.InputSpikeCount);
            JsonValues.Real(json, "expected_input_spike_count", a.Inputs * a.RateHz * result.SimulatedTime * 1e-3);
            JsonValues.Real(json, "initial_mean_w_over_gmax", initial.MeanOverGMax);
            JsonValues.Real(json, "initial_fraction_below_0.1", initial.FractionBelow);
            JsonValues.Real(json, "initial_fraction_above_0.9", initial.FractionAbove);
            JsonValues.Real(json, "mean_conductance", result.MeanConductance);
            json.WriteNumber("seed", a.Seed);
            json.WriteNumber("steps", parameters.Steps);
            json.WriteNumber("histogram_bins", a.Bins);
            JsonValues.Real(json, "rate_bin_s", result.RateBinWidth * 1e-3);
            json.WriteString("rate_csv_time", "t_s is the start of each bin; the last bin may be shorter");

            json.WriteStartObject("parameters");
            json.WriteNumber("inputs", a.Inputs);
            JsonValues.Real(json, "input_rate_hz", a.RateHz);
            JsonValues.Real(json, "duration_s", a.DurationSeconds);
            JsonValues.Real(json, "dt_ms", a.TimeStep);
            JsonValues.Real(json, "g_max", a.GMax);
            JsonValues.Real(json, "a_plus", window.APlus);
            JsonValues.Real(json, "a_minus", window.AMinus);
            JsonValues.Real(json, "a_minus_over_a_plus", a.Ratio);
            JsonValues.Real(json, "tau_plus_ms", window.TauPlus);
            JsonValues.Real(json, "tau_minus_ms", window.TauMinus);
            json.WriteString("weight_dependence", name);
            json.WriteString("weight_dependence_form", StdpChoices.FormOf(a.Kind, a.Mu));
            if (a.Kind == "gutig")
            {
                JsonValues.Real(json, "mu", a.Mu);
            }
            json.WriteString("pairing", Choices.StdpPairings.NameOf(StdpPairing.AllToAll));
            JsonValues.Real(json, "tau_m_ms", parameters.Neuron.MembraneTimeConstant);
            JsonValues.Real(json, "e_l_mv", parameters.Neuron.RestingPotential);
            JsonValues.Real(json, "v_t_mv", parameters.Neuron.Threshold);
            JsonValues.Real(json, "v_r_mv", parameters.Neuron.Reset);
            JsonValues.Real(json, "e_e_mv", parameters.ExcitatoryReversal);
            JsonValues.Real(json, "tau_e_ms", parameters.ExcitatoryTimeConstant);
            json.WriteString("initial_weights", "uniform in [0, g_max)");
            json.WriteString("reference", "Song, Miller & Abbott 2000; defaults of Brian2's examples/synapses/STDP.py");
            json.WriteEndObject();

            json.WriteStartObject("theory");
            JsonValues.Real(json, "window_integral", integral);
            JsonValues.Real(json, "window_integral_over_gmax_ms", integral / a.GMax);
            // Uncorrelated drift ν_pre ν_post (A₊τ₊ f₊(w̄) − A₋τ₋ f₋(w̄)) at the final mean weight, for this weight dependence
            // (all-to-all pairing, independent Poisson trains; StdpTheory.driftAllToAll is the f ≡ 1 case).
            var meanW = histogram.MeanOverGMax * a.GMax;
            var drift = StdpCompetitionTheory.UncorrelatedDrift(window, dependence, a.RateHz, result.OutputRate, meanW);
            JsonValues.Real(json, "drift_uncorrelated_at_mean_w_per_s", drift);
            JsonValues.Real(json, "drift_uncorrelated_at_mean_w_over_gmax_per_s", drift / a.GMax);
            json.WriteString("drift_sign_uncorrelated_at_mean_w", drift < 0 ? "negative" : drift > 0 ? "positive" : "zero");
            JsonValues.Real(json, "drift_additive_per_s", StdpTheory.driftAllToAll(theoryWindow, a.RateHz, result.OutputRate));
            json.WriteString("drift_note",
                "uncorrelated drift nu_pre nu_post (A+ tau+ f+(w) - A- tau- f-(w)) for independent Poisson trains at nu_pre = input rate, nu_post = measured output rate and w = the final mean weight "
                + "(drift_additive_per_s: StdpTheory.driftAllToAll, f = 1); inputs whose spikes help cause output spikes gain potentiation beyond it (the causal correlation): the competition");
            var fixedPoint = StdpCompetitionTheory.UncorrelatedFixedPoint(window, dependence);
            JsonValues.Real(json, "uncorrelated_fixed_point_w_over_gmax", fixedPoint);
            json.WriteString("fixed_point_note",
                "zero of the uncorrelated drift in w/g_max: multiplicative A+ tau+/(A+ tau+ + A- tau-); gutig 1/(1 + (A- tau-/(A+ tau+))^(1/mu)); van-rossum A+ tau+/(A- tau-) capped at 1; none (null) for additive");
            json.WriteEndObject();
        });

        context.Out.WriteLine(
            $"stdp competition: {parameters.Steps} steps in {seconds.ToString("F2", CultureInfo.InvariantCulture)} s; output {NumberFormat.Short(result.OutputRate)} Hz "
            + $"(last 10 %: {NumberFormat.Short(lastRate)} Hz); w/g_max < 0.1: {NumberFormat.Short(histogram.FractionBelow)}, > 0.9: {NumberFormat.Short(histogram.FractionAbove)}, "
            + $"mean {NumberFormat.Short(histogram.MeanOverGMax)}");
        foreach (var line in Verdicts(a, histogram, fixedPointForPlot, window, dependence, result.OutputRate))
        {
            context.Out.WriteLine(line);
        }

        StdpOutput.WriteWrote(context, outText, files);
        return ExitCodes.Success;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Cost model of the time estimate: seconds per input per step (the default run, 10⁶ steps × 1000 inputs, took 1.7 s).</summary>
    public const double SecondsPerInputStep = 2e-9;

    /// <summary>The time estimate printed before the run (s): steps · inputs · <see cref="SecondsPerInputStep"/>.</summary>
    public static double EstimatedSeconds(int inputs, long steps) => (double)steps * inputs * SecondsPerInputStep;

    private static string KindWords(string kind, double mu) => kind switch
    {
        "additive" => "Additive",
        "multiplicative" => "Multiplicative",
        "van-rossum" => "van Rossum",
        "gutig" => $"Gütig (μ = {Text(mu)})",
        _ => kind,
    };

    /// <summary>
    /// The comparison lines: the uncorrelated fixed point u* and drift; additive: the interior fraction against the
    /// empirical band of <c>stdp.sma.additive.bimodal</c> (a verdict only at its calibrated settings); otherwise the
    /// mean against u* (not a test: the causal correlation shifts it), with the one-sided fact mean &gt; u* − 4 SE.
    /// </summary>
    private static IEnumerable<string> Verdicts(CompetitionSettings a, WeightHistogram histogram, double? fixedPoint, StdpWindow window, StdpWeightDependence dependence, double outputRate)
    {
        var meanW = histogram.MeanOverGMax * a.GMax;
        var drift = StdpCompetitionTheory.UncorrelatedDrift(window, dependence, a.RateHz, outputRate, meanW);
        yield return $"  theory: uncorrelated fixed point u* = {(fixedPoint is double f ? NumberFormat.Short(f) : "none (additive: the hard bounds hold the weights)")}; "
                     + $"uncorrelated drift at the final mean weight {NumberFormat.Short(drift / a.GMax)} gₘₐₓ/s ({(drift < 0 ? "negative" : drift > 0 ? "positive" : "zero")})";
        if (a.Kind == "additive")
        {
            var interior = 1 - histogram.FractionBelow - histogram.FractionAbove;
            var quantity = "interior fraction 0.1 ≤ w/gₘₐₓ ≤ 0.9 against the uniform start (band of stdp.sma.additive.bimodal)";
            var calibrated = SmaChecks.AtAdditiveCalibration(a.Inputs, a.RateHz, a.DurationSeconds * 1000, a.TimeStep, a.Ratio, a.Tau, a.GMax);
            yield return calibrated
                ? Comparison.Test(quantity, interior, SmaChecks.UniformInterior, SmaChecks.AdditiveBimodalTolerance(), ComparisonSense.Below).Line()
                : Comparison.NotATest(quantity, interior, SmaChecks.UniformInterior, "the empirical band was calibrated at N = 1000, 15 Hz, 100 s, time step 0.1 ms, A₋/A₊ = 1.05, gₘₐₓ = 0.01 only").Line();
        }
        else if (fixedPoint is double u)
        {
            var n = histogram.Total;
            var mean = histogram.MeanOverGMax;
            var se = histogram.SdOverGMax / Math.Sqrt(Math.Max(1, n));
            var above = mean > u - (4 * se) ? "holds" : "fails";
            yield return Comparison.NotATest(
                "mean final w/gₘₐₓ against the uncorrelated fixed point u*", mean, u,
                $"the causal correlation between inputs and output spikes adds potentiation u* leaves out and shifts the mean ({(a.Kind == "multiplicative" ? "check stdp.sma.multiplicative.fixed-point is informational" : "no check covers this dependence")}); "
                + $"one-sided: mean > u* − 4 SE = {NumberFormat.Short(u - (4 * se))} {above} (SE {NumberFormat.Short(se, "G2")}, N = {n})").Line();
        }
    }

    /// <summary>Reports progress on the loop's own thread (Progress&lt;T&gt; would post to the thread pool, behind the bar).</summary>
    private sealed class InlineProgress(Action<StepProgress> report) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => report(value);
    }

    private sealed record CompetitionSettings(
        int Inputs, double RateHz, double DurationSeconds, string Kind, double Mu, ulong Seed, double GMax, double Ratio,
        double Tau, double TimeStep, int Bins);
}
