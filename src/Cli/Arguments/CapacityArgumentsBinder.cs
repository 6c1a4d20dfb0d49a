namespace Plasticity.Cli.Arguments;

/// <summary>
/// Checks the <c>capacity</c> options together (each alone is checked by its parser, <see cref="CapacityOptions"/>),
/// turning every bad combination into a one-line <see cref="UsageException"/> that names the option and its allowed range.
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
    /// <summary>
    /// Binds the parsed <paramref name="options"/> of <paramref name="parseResult"/>; <paramref name="environment"/>
    /// answers <c>--shard auto</c> (the process environment when null).
    /// </summary>
    /// <exception cref="UsageException">The first invalid combination found.</exception>
    public static CapacityArguments Bind(CapacityOptions options, ParseResult parseResult, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parseResult);
        var ns = parseResult.GetValue(options.N)!;
        var alphas = parseResult.GetValue(options.Alpha)!;
        StorageRule rule = parseResult.GetValue(options.Rule)!;
        CapacityMeasure measure = parseResult.GetValue(options.Measure)!;
        UpdateOrder order = parseResult.GetValue(options.Order)!;
        DiagonalConvention diagonal = parseResult.GetValue(options.Diagonal)!;
        var trials = parseResult.GetValue(options.Trials)!;
        var cueFlip = parseResult.GetValue(options.CueFlip);
        var seed = parseResult.GetValue(options.Seed);
        var retrievals = parseResult.GetValue(options.Retrievals)!;
        var maxSweeps = parseResult.GetValue(options.MaxSweeps);
        var output = parseResult.GetValue(options.Out)!;
        var results = parseResult.GetValue(options.Results)!;
        ShardSpec shard;
        try
        {
            shard = ShardSpec.Parse(parseResult.GetValue(options.Shard) ?? CapacityOptions.DefaultShard, environment ?? System.Environment.GetEnvironmentVariable);
        }
        catch (ArgumentException e)
        {
            // Named by the option whatever the core calls its parameter.
            throw ErrorText.Usage(new ArgumentException(e.Message, "--shard"));
        }

        RequireAligned("--trials", trials, ns);
        RequireAligned("--retrievals", retrievals, ns);
        var settings = new CapacitySettings(
            rule,
            measure,
            trials[0],
            cueFlip,
            retrievals[0],
            order,
            maxSweeps,
            diagonal).WithEffort(ns, trials, retrievals);
        // Per-point checks (P ≥ 1, N·P < 2^31, P < N for pseudo-inverse, Storkey's zero diagonal) are the core's
        // own, reported under the option they concern.
        foreach (var n in ns)
        {
            foreach (var alpha in alphas)
            {
                try
                {
                    CapacityExperiment.Validate(new CapacityPoint(n, alpha), settings.At(n));
                }
                catch (ArgumentException e)
                {
                    throw ErrorText.Usage(e);
                }
            }
        }

        var arguments = new CapacityArguments(ns, alphas, settings, seed, output)
        {
            Results = results.HasValue ? results.Value : null,
            Resume = parseResult.GetValue(options.Resume),
            Shard = shard,
        };
        CheckMemory(arguments);
        return arguments with { Warnings = Warnings(arguments, TypedOptions.Given(parseResult, options.All)) };
    }

    /// <summary>
    /// A per-N list (<c>--trials</c>, <c>--retrievals</c>) holds one value for every N or exactly one per <c>--n</c> value.
    /// </summary>
    private static void RequireAligned(string parameter, IReadOnlyList<int> values, IReadOnlyList<int> ns)
    {
        if (values.Count != 1 && values.Count != ns.Count)
        {
            throw new UsageException(
                parameter,
                $"{parameter} lists {values.Count} values but --n has {ns.Count}; give one value for every N, or one per --n value in the same order");
        }
    }

    /// <summary>Refuses a sweep whose storage rule cannot fit in memory, naming the largest N that would.</summary>
    private static void CheckMemory(CapacityArguments arguments)
    {
        var settings = arguments.Settings;
        var rule = arguments.RuleName;
        var points = arguments.Points;
        var estimate = CapacityMemory.SweepBytes(points, settings);
        var worst = points.MaxBy(p => CapacityMemory.PointBytes(p, settings));
        var concurrent = CapacityMemory.Concurrent(settings.TrialsAt(worst.N));
        var packed = settings.Rule == StorageRule.Hebbian && settings.Measure == CapacityMeasure.FixedPoint;
        var perN = concurrent > 1 ? "; fewer --trials at the largest N (one value per --n value) runs fewer trials at once" : string.Empty;
        var change = settings.Rule == StorageRule.Hebbian
            ? packed
                ? $"use a smaller --n or --alpha (hebb fixed-point keeps the patterns as bits, about N·P/8 bytes per trial){perN}"
                : $"use a smaller --n or --alpha (hebb stores the patterns only, about 2·N·P bytes per trial){perN}"
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
            var clamped = arguments.Points.Where(p => p.P < settings.RetrievalsAt(p.N)).ToArray();
            if (clamped.Length > 0)
            {
                var first = clamped[0];
                var source = given.Contains("--retrievals") ? string.Empty : " (the default)";
                warnings.Add(
                    $"--retrievals {settings.RetrievalsAt(first.N)}{source} exceeds the number of stored patterns P at {clamped.Length} point(s) "
                    + $"(first: N = {first.N}, alpha = {Format(first.Alpha)}, P = {first.P}); those points retrieve each of their P patterns once per trial");
            }
        }

        return warnings;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
