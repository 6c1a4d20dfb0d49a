namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity stdp window</c>: Δw against Δt = t_post − t_pre for one pre/post pair, simulated with the real rule
/// object (<see cref="StdpProtocols.WindowTable"/>), next to the theory window <see cref="StdpTheory.window"/>; for the
/// triplet rule also Δw against the pairing frequency (60 pairs at Δt = ±10 ms, Pfister &amp; Gerstner 2006 Fig. 5,
/// after Sjöström, Turrigiano &amp; Nelson 2001).
/// </summary>
/// <remarks>
/// <para>Every pair starts from w₀ = 0 with additive weights (<see cref="StdpWeightDependence.Additive"/>) in an unbounded store, so
/// Δw is the rule's own step, not clipped by a bound. A coincident pair (Δt = 0) counts as pre-before-post (the
/// toolkit's loop order), so the row at Δt = 0 is W(0⁺) = +A₊.</para>
/// <para>Pair rule: without <c>--preset</c> (or with <c>--preset classic</c>) the classic Song–Miller–Abbott window of
/// Brian2's example, <see cref="StdpWindow.Classic"/> with g_max = 0.01 (A₊ = 10⁻⁴, A₋ = 1.05·A₊, τ± = 20 ms). Triplet
/// rule: a preset of <see cref="TripletStdpPresets"/> (default: the verified visual-cortex all-to-all minimal model); the
/// single-pair window of the triplet rule is the pair window with A₂±, because the triplet terms need a second
/// spike on the same side.</para>
/// </remarks>
public static class StdpWindowCommand
{
    /// <summary>Window table.</summary>
    public const string WindowCsv = "window.csv";

    /// <summary>Window summary.</summary>
    public const string WindowJson = "window.json";

    /// <summary>Window figure (PNG and SVG).</summary>
    public static FigureFiles WindowFigure { get; } = new("window");

    /// <summary>Triplet frequency table.</summary>
    public const string FrequencyCsv = "frequency.csv";

    /// <summary>Triplet frequency figure (PNG and SVG).</summary>
    public static FigureFiles FrequencyFigure { get; } = new("frequency");

    /// <summary>g_max of the classic window (Brian2's example), so A₊ = 0.01·g_max = 10⁻⁴.</summary>
    public const double ClassicGMax = 0.01;

    /// <summary>Largest |Δt| range (ms).</summary>
    public const double MaxRange = 10_000;

    /// <summary>Most Δt points in the table.</summary>
    public const int MaxPoints = 200_001;

    /// <summary>Pairs per frequency in the pairing protocol (Pfister &amp; Gerstner 2006, after Sjöström et al. 2001).</summary>
    public const int ProtocolPairs = 60;

    /// <summary>|Δt| of the pairing protocol (ms): +10 for pre-post, −10 for post-pre.</summary>
    public const double ProtocolLag = 10.0;

    /// <summary>Pairing frequencies of the protocol (Hz).</summary>
    public static IReadOnlyList<double> ProtocolFrequencies { get; } = [0.1, 1, 5, 10, 20, 30, 40, 50];

    /// <summary>Initial weight of every protocol (unbounded weights, so any value gives the same Δw; 0 keeps it exact).</summary>
    public const double InitialWeight = 0.0;

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var presets = string.Join(", ", Choices.TripletPresets.Select(p => p.Key + (p.Value.Verified ? string.Empty : " (unverified)")));
        var rule = TypedOptions.Choice("--rule", Choices.StdpRules, StdpChoices.PairRule, "Rule.");
        var preset = TypedOptions.Create(
            "--preset",
            $"pair: {StdpChoices.ClassicPreset} (default; A+ = 0.01 g_max, A-/A+ = 1.05, tau = 20 ms, g_max = 0.01). "
            + $"triplet (Pfister & Gerstner 2006): {presets}; default {StdpChoices.DefaultTripletPreset.Name}.",
            text => text.Trim(),
            () => string.Empty);
        var pairing = TypedOptions.Create(
            "--pairing",
            $"Pairing scheme: {Choices.StdpPairings.Allowed} (default: all-to-all for pair, the preset's for triplet).",
            text => string.IsNullOrWhiteSpace(text) ? Optional<StdpPairing>.None : Optional<StdpPairing>.Some(Choices.StdpPairings.Parse("--pairing", text)),
            () => Optional<StdpPairing>.None);
        var range = TypedOptions.RealUpTo("--range", 100, MaxRange, "ms", "Largest |dt| in ms");

        // --step's range depends on --range, so it is checked in the action.
        var step = TypedOptions.Create("--step", "Spacing of dt in ms, > 0 (dt = k*step, |dt| <= range).", text => text, () => "1");
        var output = TypedOptions.OutputPath(
            "--out",
            "results/stdp-window",
            "a directory path",
            $"Output directory for {WindowCsv}, {WindowJson}, {WindowFigure.Png}, {WindowFigure.Svg} (triplet also {FrequencyCsv}, {FrequencyFigure.Png}, {FrequencyFigure.Svg}).");
        var command = new Command("window", "Weight change against spike timing dt = t_post - t_pre for one pair (and, triplet, against pairing frequency) with the theory window (CSV, JSON, PNG, SVG).")
        {
            rule, preset, pairing, range, step, output,
        };
        command.SetAction(parse => StdpCommand.Run(context, () => Execute(
            context,
            parse.GetValue(rule)!,
            parse.GetValue(preset) ?? string.Empty,
            parse.GetValue(pairing)!,
            parse.GetValue(range),
            parse.GetValue(step),
            parse.GetValue(output)!)));
        return command;
    }

    private static int Execute(
        CommandContext context, string rule, string presetName, Optional<StdpPairing> pairingChoice, double range, string? stepText, string outText)
    {
        var triplet = rule == StdpChoices.TripletRule;
        TripletStdpPreset? preset = null;
        if (triplet)
        {
            preset = presetName.Length == 0 ? StdpChoices.DefaultTripletPreset : Choices.TripletPresets.Parse("--preset", presetName);
        }
        else if (presetName.Length > 0 && !string.Equals(presetName, StdpChoices.ClassicPreset, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException("--preset", $"--preset must be {StdpChoices.ClassicPreset} for --rule pair (triplet presets: {Choices.TripletPresets.Allowed}) (got '{presetName}')");
        }

        var pairing = pairingChoice.HasValue ? pairingChoice.Value : preset?.Pairing ?? StdpPairing.AllToAll;
        if (triplet && pairing == StdpPairing.PresynapticCentred)
        {
            throw new UsageException("--pairing", "--pairing must be all-to-all|nearest-symmetric for --rule triplet (the presynaptically centred scheme is not defined for it) (got 'presynaptic-centred')");
        }

        var step = OptionValues.Real("--step", stepText, v => v > 0 && v <= range, $"a number in (0, --range] (ms)");
        // Compared as a double before any conversion: range/step can exceed long.MaxValue (--step 1e-300), and a
        // saturated or wrapped count would slip past the limit and overflow the array size.
        var ratio = Math.Floor(range / step * (1 + 1e-12));
        const long maxHalf = (MaxPoints - 1) / 2;
        if (!(ratio <= maxHalf))
        {
            var smallest = range / maxHalf;
            throw new UsageException(
                "--step",
                $"--step must give at most {MaxPoints} points over [-range, range], i.e. --step >= --range/{maxHalf} = {OptionValues.Format(smallest)} ms for --range {OptionValues.Format(range)} (got {OptionValues.Format(step)}, which gives {OptionValues.Format(2 * Math.Floor(range / step) + 1)} points)");
        }

        var half = (long)ratio;

        var directory = OutputDirectoryProbe.EnsureWritable(outText);
        if (preset is { Verified: false })
        {
            ErrorText.WriteWarning(context.Error, $"preset {preset.Name} is not verified against two independent sources: {preset.Source}");
        }

        if (preset is not null && pairing != preset.Pairing)
        {
            ErrorText.WriteWarning(context.Error, $"preset {preset.Name} was fitted under {Choices.StdpPairings.NameOf(preset.Pairing)} pairing; running it with {Choices.StdpPairings.NameOf(pairing)}");
        }

        var deltaTs = new double[2 * half + 1];
        for (var k = -half; k <= half; k++)
        {
            deltaTs[k + half] = k * step;
        }

        // The theory window of one pair: the pair window, or for the triplet rule its pair part A₂± (the triplet
        // terms read the spiking side's own slow trace, which is zero for a single pair).
        var window = preset is null
            ? StdpWindow.Classic(ClassicGMax)
            : new StdpWindow(preset.Parameters.A2Plus, preset.Parameters.A2Minus, preset.Parameters.TauPlus, preset.Parameters.TauMinus);
        var theoryWindow = new StdpTheory.PairWindow(window.APlus, window.AMinus, window.TauPlus, window.TauMinus);
        IPlasticityRule create = preset is null
            ? new PairStdpRule(window, pairing, StdpWeightDependence.Additive)
            : new TripletStdpRule(preset.Parameters, pairing, StdpWeightDependence.Additive);
        var dw = StdpProtocols.WindowTable(create, deltaTs, InitialWeight);
        var theory = deltaTs.Select(t => StdpTheory.window(theoryWindow, t)).ToArray();
        var worst = dw.Zip(theory, (a, b) => Math.Abs(a - b)).Max();
        StdpOutput.WriteTable(Path.Combine(directory, WindowCsv), "dt_ms,dw", deltaTs.Select((t, i) => new[] { t, dw[i] }));

        var files = new List<string> { WindowCsv, WindowJson };
        double[]? prePost = null;
        double[]? postPre = null;
        var frequencies = ProtocolFrequencies.ToArray();
        if (preset is not null)
        {
            prePost = StdpProtocols.FrequencyTable(create, frequencies, +ProtocolLag, ProtocolPairs, InitialWeight);
            postPre = StdpProtocols.FrequencyTable(create, frequencies, -ProtocolLag, ProtocolPairs, InitialWeight);
            StdpOutput.WriteTable(Path.Combine(directory, FrequencyCsv), "frequency_hz,dw_pre_post,dw_post_pre",
                frequencies.Select((f, i) => new[] { f, prePost[i], postPre[i] }));
            files.Add(FrequencyCsv);
        }

        PlotOutput.WarnAboutFonts(context);
        var label = preset is null
            ? $"pair STDP, classic window (g_max = {NumberFormat.Real(ClassicGMax)}), {Choices.StdpPairings.NameOf(pairing)}"
            : $"triplet STDP, {preset.Name}, {Choices.StdpPairings.NameOf(pairing)}";
        StdpOutput.TryFigure(context, directory, WindowFigure, (png, svg) => StdpPlots.SaveWindow(label, deltaTs, dw, theoryWindow, preset is not null, png, svg), files);
        if (preset is not null)
        {
            StdpOutput.TryFigure(context, directory, FrequencyFigure, (png, svg) => StdpPlots.SaveFrequency(label, frequencies, prePost!, postPre!, ProtocolPairs, ProtocolLag, png, svg), files);
        }

        StdpOutput.WriteSummary(Path.Combine(directory, WindowJson), "stdp window", context, files, json =>
        {
            json.WriteString("rule", rule);
            json.WriteString("preset", preset?.Name ?? StdpChoices.ClassicPreset);
            json.WriteString("pairing", Choices.StdpPairings.NameOf(pairing));
            json.WriteString("convention", "dt = t_post - t_pre (ms); one pre/post pair on a fresh rule; dt = 0 counts as pre-before-post (potentiation)");
            json.WriteString("weight_dependence", "unbounded additive (the rule's own step)");
            JsonValues.Real(json, "initial_weight", InitialWeight);
            JsonValues.Real(json, "range_ms", range);
            JsonValues.Real(json, "step_ms", step);
            json.WriteNumber("points", deltaTs.Length);
            json.WriteStartObject("window");
            JsonValues.Real(json, "a_plus", window.APlus);
            JsonValues.Real(json, "a_minus", window.AMinus);
            JsonValues.Real(json, "tau_plus_ms", window.TauPlus);
            JsonValues.Real(json, "tau_minus_ms", window.TauMinus);
            json.WriteEndObject();
            JsonValues.Real(json, "integral", StdpTheory.windowIntegral(theoryWindow));
            json.WriteString("integral_formula", preset is null
                ? "A+ tau+ - A- tau- (weight units x ms; StdpTheory.windowIntegral)"
                : "A2+ tau+ - A2- tau- of the single-pair window (weight units x ms; StdpTheory.windowIntegral)");
            JsonValues.Real(json, "max_abs_diff_simulated_vs_theory", worst);
            if (preset is null)
            {
                json.WriteString("source", "classic Song, Miller & Abbott 2000 window as in Brian2's examples/synapses/STDP.py: A+ = 0.01 g_max, A- = 1.05 A+, tau+ = tau- = 20 ms, g_max = 0.01");
            }
            else
            {
                var q = preset.Parameters;
                json.WriteStartObject("triplet_parameters");
                JsonValues.Real(json, "a2_plus", q.A2Plus);
                JsonValues.Real(json, "a3_plus", q.A3Plus);
                JsonValues.Real(json, "a2_minus", q.A2Minus);
                JsonValues.Real(json, "a3_minus", q.A3Minus);
                JsonValues.Real(json, "tau_plus_ms", q.TauPlus);
                JsonValues.Real(json, "tau_minus_ms", q.TauMinus);
                JsonValues.Real(json, "tau_x_ms", q.TauX);
                JsonValues.Real(json, "tau_y_ms", q.TauY);
                json.WriteEndObject();
                json.WriteBoolean("verified", preset.Verified);
                json.WriteString("fitted_pairing", Choices.StdpPairings.NameOf(preset.Pairing));
                json.WriteString("source", preset.Source);
                json.WriteStartObject("frequency_protocol");
                json.WriteNumber("pairs", ProtocolPairs);
                JsonValues.Real(json, "dt_pre_post_ms", +ProtocolLag);
                JsonValues.Real(json, "dt_post_pre_ms", -ProtocolLag);
                JsonValues.Vector(json, "frequencies_hz", frequencies);
                json.WriteString("note", "total dw after 60 pairs at each frequency (Pfister & Gerstner 2006 Fig. 5 protocol, after Sjostrom et al. 2001)");
                json.WriteEndObject();
                var triplet = new StdpTheory.TripletRule(q.A2Plus, q.A3Plus, q.A2Minus, q.A3Minus, q.TauPlus, q.TauMinus, q.TauX, q.TauY);
                JsonValues.Real(json, "bcm_threshold_post_rate_hz_at_pre_10hz", StdpTheory.tripletThreshold(triplet, 10.0));
            }
        });

        context.Out.WriteLine(
            $"stdp window: {label}; {deltaTs.Length} pairs over dt in [{NumberFormat.Short(-half * step)}, {NumberFormat.Short(half * step)}] ms; "
            + $"integral {NumberFormat.Short(StdpTheory.windowIntegral(theoryWindow), "G6")}; largest |simulated - theory| = {NumberFormat.Short(worst)}");
        if (prePost is not null)
        {
            context.Out.WriteLine(
                $"  {ProtocolPairs} pairs at {NumberFormat.Short(frequencies[0])} Hz: pre-post {NumberFormat.Short(prePost[0])}, post-pre {NumberFormat.Short(postPre![0])}; "
                + $"at {NumberFormat.Short(frequencies[^1])} Hz: pre-post {NumberFormat.Short(prePost[^1])}, post-pre {NumberFormat.Short(postPre[^1])}");
        }

        StdpOutput.WriteWrote(context, outText, files);
        return ExitCodes.Success;
    }
}
