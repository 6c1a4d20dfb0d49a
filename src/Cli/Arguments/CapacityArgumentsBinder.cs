using System.Globalization;
using Plasticity.Core.Networks.Hopfield;
using Plasticity.Core.Simulation.Capacity;

namespace Plasticity.Cli.Arguments;

/// <summary>
/// Converts and validates the <c>capacity</c> options, turning every bad value into a one-line
/// <see cref="UsageException"/> that names the option and its allowed range.
/// </summary>
/// <remarks>
/// The core also validates its inputs, but its exceptions speak of method parameters, not of command-line options,
/// and a sweep should fail before the first trial rather than after an hour. The limits below are sanity limits for a
/// 2-core, 24 GiB machine (an N×N weight matrix of doubles at N = 20 000 is 3.2 GB), not physics.
/// </remarks>
public static class CapacityArgumentsBinder
{
    /// <summary>Smallest network size (one neuron has no couplings).</summary>
    public const int MinN = 2;

    /// <summary>Largest network size accepted.</summary>
    public const int MaxN = 20_000;

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
                throw new UsageException("--n", $"--n values must be integers in [{MinN}, {MaxN}] (got {n})");
            }
        }

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

        var output = (raw.Out ?? string.Empty).Trim();
        if (output.Length == 0 || output.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw new UsageException("--out", $"--out must be a directory path (got '{output}')");
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
                    var parameter = "--" + (e.ParamName ?? "arguments");
                    throw new UsageException(parameter, $"{parameter}: {CoreMessage(e)}");
                }
            }
        }

        return new CapacityArguments(ns, alphas, settings, seed, output);
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
