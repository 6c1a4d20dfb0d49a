using System.Globalization;
using Plasticity.Core.Networks.Hopfield;
using Plasticity.Experiments.Capacity;
using Plasticity.Experiments.Sweeps;

namespace Plasticity.Cli.Arguments;

/// <summary>
/// Converts and validates the <c>capacity</c> options, turning every bad value into a one-line
/// <see cref="UsageException"/> that names the option and its allowed range.
/// </summary>
/// <remarks>
/// The core also validates its inputs, but its exceptions speak of method parameters, not of command-line options,
/// and a sweep should fail before the first trial rather than after an hour. N has no flat cap: what limits it is the
/// memory of the storage rule (<see cref="CapacityMemory"/>: Hebbian storage keeps only the patterns, N·P bytes;
/// Storkey and the pseudo-inverse build N×N matrices of doubles), checked against this machine's memory
/// (<see cref="MemoryBudget"/>), and for the dense rules the largest .NET array (N ≤ <see cref="CapacityMemory.MaxDenseN"/>).
/// </remarks>
public static class CapacityArgumentsBinder
{
    /// <summary>Smallest network size (one neuron has no couplings).</summary>
    public const int MinN = 2;

    /// <summary>Largest network size the option accepts; the storage rule's memory and N·P &lt; 2^31 usually bind first.</summary>
    public const int MaxN = int.MaxValue;

    /// <summary>Largest load accepted: P may not exceed ten times N.</summary>
    public const double MaxAlpha = 10.0;

    /// <summary>Largest trial, retrieval and sweep count accepted.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Converts and validates <paramref name="raw"/>.</summary>
    /// <exception cref="UsageException">The first invalid option found.</exception>
    public static CapacityArguments Bind(RawCapacityArguments raw)
    {
        ArgumentNullException.ThrowIfNull(raw);

        var ns = ParseList("--n", raw.N, ValueListParser.ParseIntegers);
        foreach (var n in ns)
        {
            if (n < MinN || n > MaxN)
            {
                throw new UsageException("--n", $"--n values must be integers >= {MinN}, the largest set by the memory of the storage rule (got {n})");
            }
        }

        RequireDistinct("--n", ns, n => n.ToString(CultureInfo.InvariantCulture));
        var alphas = ParseList("--alpha", raw.Alpha, ValueListParser.ParseDoubles);
        foreach (var alpha in alphas)
        {
            if (!(alpha > 0) || alpha > MaxAlpha)
            {
                throw new UsageException(
                    "--alpha",
                    $"--alpha values must be in (0, {Format(MaxAlpha)}] (got {Format(alpha)})");
            }
        }

        RequireDistinct("--alpha", alphas, Format);
        var trials = ParseCount("--trials", raw.Trials);
        var rule = ChoiceNames.Parse(ChoiceNames.Rules, "--rule", raw.Rule);
        var measure = ChoiceNames.Parse(ChoiceNames.Measures, "--measure", raw.Measure);
        var order = ChoiceNames.Parse(ChoiceNames.Orders, "--order", raw.Order);
        var diagonal = ChoiceNames.Parse(ChoiceNames.Diagonals, "--diagonal", raw.Diagonal);

        var cueFlip = ParseReal("--cue-flip", raw.CueFlip, "a number in [0, 0.5)");
        if (!(cueFlip >= 0 && cueFlip < 0.5))
        {
            throw new UsageException("--cue-flip", $"--cue-flip must be in [0, 0.5) (got {Format(cueFlip)})");
        }

        var seedText = (raw.Seed ?? string.Empty).Trim();
        if (!ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            throw new UsageException(
                "--seed",
                $"--seed must be an integer in [0, {ulong.MaxValue}] (got '{seedText}')");
        }

        var retrievals = ParseCount("--retrievals", raw.Retrievals);
        var maxSweeps = ParseCount("--max-sweeps", raw.MaxSweeps);

        var output = OptionValues.OutputPath("--out", raw.Out, "a directory path");
        var results = string.IsNullOrWhiteSpace(raw.Results) ? null : OptionValues.OutputPath("--results", raw.Results, "a file path");
        ShardSpec shard;
        try
        {
            shard = ShardSpec.Parse(raw.Shard, raw.Environment);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--shard", $"--shard: {CoreMessage(e)}");
        }

        var settings = new CapacitySettings(
            rule,
            measure,
            trials,
            cueFlip,
            retrievals,
            order,
            maxSweeps,
            diagonal);
        // Per-point checks (P ≥ 1, N·P < 2^31, P < N for pseudo-inverse, Storkey's zero diagonal) are the core's
        // own, reported under the option they concern.
        foreach (var n in ns)
        {
            foreach (var alpha in alphas)
            {
                try
                {
                    CapacityExperiment.Validate(new CapacityPoint(n, alpha), settings);
                }
                catch (ArgumentException e)
                {
                    var parameter = OptionOf(e.ParamName);
                    throw new UsageException(parameter, $"{parameter}: {CoreMessage(e)}");
                }
            }
        }

        var arguments = new CapacityArguments(ns, alphas, settings, seed, output)
        {
            Results = results,
            Resume = raw.Resume,
            Shard = shard,
        };
        CheckMemory(arguments);
        return arguments with { Warnings = Warnings(arguments, raw.Given) };
    }

    /// <summary>Refuses a sweep whose storage rule cannot fit in memory, naming the largest N that would.</summary>
    private static void CheckMemory(CapacityArguments arguments)
    {
        var settings = arguments.Settings;
        var rule = arguments.RuleName;
        var points = arguments.Points;
        var estimate = CapacityMemory.SweepBytes(points, settings);
        var worst = points.MaxBy(p => CapacityMemory.TrialBytes(p.N, p.P, settings.Rule));
        var concurrent = CapacityMemory.Concurrent(settings.Trials);
        var change = settings.Rule == StorageRule.Hebbian
            ? "use a smaller --n or --alpha (hebb stores the patterns only, about 2·N·P bytes per trial)"
            : $"use a smaller --n (--rule {rule} builds N×N matrices of doubles, about {(settings.Rule == StorageRule.Storkey ? 8 : 16)}·N² bytes per trial), or --rule hebb";
        MemoryBudget.Require(
            "--n",
            estimate,
            $"--rule {rule} at N = {worst.N}, P = {worst.P} with {concurrent} trial(s) at a time",
            change);

        if (settings.Rule != StorageRule.Hebbian)
        {
            var largest = arguments.Ns.Max();
            if (largest > CapacityMemory.MaxDenseN)
            {
                throw new UsageException(
                    "--n",
                    $"--n values must be at most {CapacityMemory.MaxDenseN} for --rule {rule}: it builds an N×N matrix of doubles, and N² must fit one .NET array (got {largest}; --rule hebb has no such limit)");
            }
        }
    }

    /// <summary>
    /// Options that were typed but do not apply, and values the sweep adjusts: said on stderr instead of silently.
    /// </summary>
    private static IReadOnlyList<string> Warnings(CapacityArguments arguments, IReadOnlySet<string> given)
    {
        var warnings = new List<string>();
        var settings = arguments.Settings;
        if (settings.Measure == CapacityMeasure.OneStep)
        {
            var unused = new[] { "--retrievals", "--max-sweeps", "--order" }.Where(given.Contains).ToArray();
            if (unused.Length > 0)
            {
                warnings.Add($"{string.Join(", ", unused)} ignored: {(unused.Length == 1 ? "it applies" : "they apply")} only to --measure fixed-point, not to --measure one-step");
            }
        }
        else
        {
            var clamped = arguments.Points.Where(p => p.P < settings.RetrievalsPerTrial).ToArray();
            if (clamped.Length > 0)
            {
                var first = clamped[0];
                var source = given.Contains("--retrievals") ? string.Empty : " (the default)";
                warnings.Add(
                    $"--retrievals {settings.RetrievalsPerTrial}{source} exceeds the number of stored patterns P at {clamped.Length} point(s) "
                    + $"(first: N = {first.N}, alpha = {Format(first.Alpha)}, P = {first.P}); those points retrieve each of their P patterns once per trial");
            }
        }

        return warnings;
    }

    /// <summary>
    /// The option for a core parameter name (<see cref="CapacityExperiment.Validate"/> names <see cref="CapacityPoint"/>'s and
    /// <see cref="CapacitySettings"/>' own properties).
    /// </summary>
    internal static string OptionOf(string? parameter) => parameter switch
    {
        nameof(CapacityPoint.N) => "--n",
        nameof(CapacityPoint.Alpha) => "--alpha",
        nameof(CapacitySettings.Trials) => "--trials",
        nameof(CapacitySettings.CueFlip) => "--cue-flip",
        nameof(CapacitySettings.RetrievalsPerTrial) => "--retrievals",
        nameof(CapacitySettings.MaxSweeps) => "--max-sweeps",
        nameof(CapacitySettings.Diagonal) => "--diagonal",
        nameof(CapacitySettings.Rule) => "--rule",
        _ => "--" + (parameter ?? "arguments"),
    };

    /// <summary>A sweep point must appear once: its key identifies its row in the results store.</summary>
    private static void RequireDistinct<T>(string parameter, IReadOnlyList<T> values, Func<T, string> format)
    {
        var seen = new HashSet<T>();
        foreach (var value in values)
        {
            if (!seen.Add(value))
            {
                throw new UsageException(parameter, $"{parameter} lists {format(value)} twice; each value must appear once");
            }
        }
    }

    private static string CoreMessage(ArgumentException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return message.ReplaceLineEndings(" ").Trim();
    }

    private static IReadOnlyList<T> ParseList<T>(string parameter, string? text, Func<string, IReadOnlyList<T>> parse)
    {
        try
        {
            return parse(text ?? string.Empty);
        }
        catch (FormatException e)
        {
            var kind = typeof(T) == typeof(int) ? "integers" : "numbers";
            throw new UsageException(
                parameter,
                $"{parameter} must be a comma-separated list of {kind} or ranges start:stop:step ({e.Message})");
        }
    }

    private static int ParseCount(string parameter, string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < 1 || value > MaxCount)
        {
            throw new UsageException(
                parameter,
                $"{parameter} must be an integer in [1, {MaxCount}] (got '{trimmed}')");
        }

        return value;
    }

    private static double ParseReal(string parameter, string? text, string allowed)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw new UsageException(parameter, $"{parameter} must be {allowed} (got '{trimmed}')");
        }

        return value;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
