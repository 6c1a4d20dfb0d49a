using Comparison = Plasticity.Experiments.Checks.Comparison;

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
    public const int ProtocolPairs = StdpChecks.TripletProtocolPairs;

    /// <summary>|Δt| of the pairing protocol (ms): +10 for pre-post, −10 for post-pre.</summary>
    public const double ProtocolLag = StdpChecks.TripletProtocolLag;

    /// <summary>Pairing frequencies of the protocol (Hz).</summary>
    public static IReadOnlyList<double> ProtocolFrequencies => StdpChecks.TripletProtocolFrequencies;

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
        var relative = StdpChecks.MaxRelativeWindowError(dw, theory);
        StdpOutput.WriteTable(Path.Combine(directory, WindowCsv), "dt_ms,dw,dw_theory", deltaTs.Select((t, i) => new[] { t, dw[i], theory[i] }));

        var files = new List<string> { WindowCsv, WindowJson };
        double[]? prePost = null;
        double[]? postPre = null;
        var frequencies = ProtocolFrequencies.ToArray();
        StdpTheory.TripletRule? tripletTheory = null;
        Comparison? protocol = null;
        if (preset is not null)
        {
            tripletTheory = StdpChecks.TripletTheory(preset.Parameters);
            prePost = StdpProtocols.FrequencyTable(create, frequencies, +ProtocolLag, ProtocolPairs, InitialWeight);
            postPre = StdpProtocols.FrequencyTable(create, frequencies, -ProtocolLag, ProtocolPairs, InitialWeight);
            var rule3 = tripletTheory;
            var theoryPrePost = frequencies.Select(f => StdpTheory.tripletPairingProtocol(rule3, ProtocolPairs, f, +ProtocolLag)).ToArray();
            var theoryPostPre = frequencies.Select(f => StdpTheory.tripletPairingProtocol(rule3, ProtocolPairs, f, -ProtocolLag)).ToArray();
            StdpOutput.WriteTable(Path.Combine(directory, FrequencyCsv), "frequency_hz,dw_pre_post,dw_post_pre,dw_pre_post_theory,dw_post_pre_theory",
                frequencies.Select((f, i) => new[] { f, prePost[i], postPre[i], theoryPrePost[i].Item1, theoryPostPre[i].Item1 }));
            files.Add(FrequencyCsv);
            if (pairing == StdpPairing.AllToAll)
            {
                var measured = StdpChecks.MaxTripletProtocolError(
                    [.. prePost, .. postPre],
                    [.. theoryPrePost.Select(t => t.Item1), .. theoryPostPre.Select(t => t.Item1)],
                    [.. theoryPrePost.Select(t => t.Item2), .. theoryPostPre.Select(t => t.Item2)]);
                protocol = Comparison.Test(
                    $"triplet pairing protocol ({ProtocolPairs} pairs, Δt = ±{NumberFormat.Real(ProtocolLag)} ms, {frequencies.Length} frequencies), max |Δw − theory|/Σ|terms|",
                    measured, 0.0, StdpChecks.TripletProtocolTolerance(ProtocolPairs), ComparisonSense.AtMost);
            }
        }

        PlotOutput.WarnAboutFonts(context);
        var label = preset is null
            ? $"pair STDP, classic window (g_max = {NumberFormat.Real(ClassicGMax)}), {Choices.StdpPairings.NameOf(pairing)}"
            : $"triplet STDP, {preset.Name}, {Choices.StdpPairings.NameOf(pairing)}";
        var pairingWords = $"{Choices.StdpPairings.NameOf(pairing)} pairing";
        var windowTitle = preset is null
            ? $"Pair STDP window: A₊ = 0.01·gₘₐₓ, A₋/A₊ = 1.05, τ± = 20 ms, {pairingWords}"
            : $"Triplet STDP single-pair window: {PresetWords(preset)}";
        var (scale, yLabel) = preset is null ? (ClassicGMax, "Δw / gₘₐₓ") : (1e-3, "Δw (10⁻³, weight units)");
        StdpOutput.TryFigure(context, directory, WindowFigure, () => StdpPlots.BuildWindow(windowTitle, deltaTs, dw, theoryWindow, preset is not null, scale, yLabel), files);
        if (preset is not null)
        {
            var frequencyTitle = $"Triplet STDP, {ProtocolPairs} pairs at Δt = ±{NumberFormat.Real(ProtocolLag)} ms: {PresetWords(preset)}";
            StdpOutput.TryFigure(context, directory, FrequencyFigure, () => StdpPlots.BuildFrequency(frequencyTitle, tripletTheory!, frequencies, prePost!, postPre!, ProtocolPairs, ProtocolLag), files);
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
            JsonValues.Real(json, "max_relative_diff_simulated_vs_theory", relative);
            JsonValues.Real(json, "relative_tolerance_4u", StdpChecks.WindowTolerance().Width);
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
                json.WriteString("theory", "StdpTheory.tripletPairingProtocol: the all-to-all rule's definition summed over the spikes in closed form (geometric sums); frequency.csv dw_*_theory");
                if (protocol is not null)
                {
                    JsonValues.Real(json, "max_error_over_sum_abs_terms", protocol.Measured);
                    JsonValues.Real(json, "tolerance_8_n_plus_4_u", protocol.Tolerance!.Width);
                }
                json.WriteEndObject();
                var triplet = new StdpTheory.TripletRule(q.A2Plus, q.A3Plus, q.A2Minus, q.A3Minus, q.TauPlus, q.TauMinus, q.TauX, q.TauY);
                JsonValues.Real(json, "bcm_threshold_post_rate_hz_at_pre_10hz", StdpTheory.tripletThreshold(triplet, 10.0));
            }
        });

        context.Out.WriteLine(
            $"stdp window: {label}; {deltaTs.Length} pairs over dt in [{NumberFormat.Short(-half * step)}, {NumberFormat.Short(half * step)}] ms; "
            + $"integral {NumberFormat.Short(StdpTheory.windowIntegral(theoryWindow), "G6")}; largest |simulated - theory| = {NumberFormat.Short(worst)}");
        var windowCheck = Comparison.Test(
            $"single-pair window ({deltaTs.Length} pairs), max |Δw − W|/|W| (as check stdp.pair-window.classic)", relative, 0.0, StdpChecks.WindowTolerance(), ComparisonSense.AtMost);
        context.Out.WriteLine(windowCheck.Line());
        if (prePost is not null)
        {
            context.Out.WriteLine(
                $"  {ProtocolPairs} pairs at {NumberFormat.Short(frequencies[0])} Hz: pre-post {NumberFormat.Short(prePost[0])}, post-pre {NumberFormat.Short(postPre![0])}; "
                + $"at {NumberFormat.Short(frequencies[^1])} Hz: pre-post {NumberFormat.Short(prePost[^1])}, post-pre {NumberFormat.Short(postPre[^1])}");
            context.Out.WriteLine(protocol is null
                ? $"not a test triplet pairing protocol: the closed-form theory is for all-to-all pairing (this run: {Choices.StdpPairings.NameOf(pairing)})"
                : protocol.Line());
        }

        StdpOutput.WriteWrote(context, outText, files);
        return ExitCodes.Success;
    }

    /// <summary>
    /// A preset in words for a figure title: its published source up to the first ';'
    /// ("Pfister &amp; Gerstner 2006 Table 3, all-to-all minimal") with the tissue from its name, not the CLI slug.
    /// </summary>
    public static string PresetWords(TripletStdpPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var source = preset.Source.Split(';')[0].Trim();
        var tissue = preset.Name.StartsWith("visual-cortex", StringComparison.Ordinal) ? "visual cortex"
            : preset.Name.StartsWith("hippocampal", StringComparison.Ordinal) ? "hippocampus"
            : preset.Name.Replace('-', ' ');
        return $"{tissue}, {source}";
    }
}
