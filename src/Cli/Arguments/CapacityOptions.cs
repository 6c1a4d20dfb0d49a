namespace Plasticity.Cli.Arguments;

/// <summary>
/// The options of <c>plasticity capacity</c>, typed (<see cref="TypedOptions"/>): each value is converted and
/// range-checked by the parser with the one-line message naming the option; <see cref="CapacityArgumentsBinder"/> adds
/// the checks that need several options (per-point limits, memory, the shard) and the warnings.
/// </summary>
/// <remarks>
/// With no options the command runs the README's default sweep (N = 1000, α = 0.02…0.30, 10 trials), which takes
/// seconds on two cores.
/// </remarks>
public sealed class CapacityOptions
{
    /// <summary>Default network sizes.</summary>
    public const string DefaultN = "1000";

    /// <summary>Default loads α = P/N.</summary>
    public const string DefaultAlpha = "0.02:0.30:0.02";

    /// <summary>Default output directory.</summary>
    public const string DefaultOut = "results/capacity";

    /// <summary>Default shard: the whole sweep.</summary>
    public const string DefaultShard = "1/1";

    /// <summary>Smallest network size (one neuron has no couplings).</summary>
    public const int MinN = 2;

    /// <summary>Largest network size the option accepts; the storage rule's memory and N·P &lt; 2^31 usually bind first.</summary>
    public const int MaxN = int.MaxValue;

    /// <summary>Largest load accepted: P may not exceed ten times N.</summary>
    public const double MaxAlpha = 10.0;

    /// <summary>Largest trial, retrieval and sweep count accepted.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Creates the options; <paramref name="files"/> lists the output files for the help of <c>--out</c>.</summary>
    public CapacityOptions(string files)
    {
        N = TypedOptions.Create(
            "--n",
            "Network sizes N: comma-separated integers or ranges start:stop:step, each >= "
            + $"{MinN}; the largest is set by memory (hebb: about 2·N·P bytes per trial; "
            + "storkey/pseudo-inverse: N×N doubles, N <= " + CapacityMemory.MaxDenseN + ").",
            Ns,
            () => Ns(DefaultN));
        Alpha = TypedOptions.Create(
            "--alpha",
            "Loads alpha = P/N: comma-separated numbers or inclusive ranges start:stop:step; "
            + "P = round(alpha*N) must be >= 1 (and < N for pseudo-inverse).",
            Alphas,
            () => Alphas(DefaultAlpha));
        Trials = TypedOptions.Create(
            "--trials",
            "Independent trials (fresh random patterns) per point, >= 1: one value, or a comma list with one value per --n value "
            + "(same order) when the effort should differ by N.",
            text => Counts("--trials", text),
            () => [10]);
        Rule = TypedOptions.Choice("--rule", Choices.StorageRules, StorageRule.Hebbian, "Storage rule.");
        Measure = TypedOptions.Choice(
            "--measure",
            Choices.CapacityMeasures,
            CapacityMeasure.OneStep,
            "What is measured (bit errors after one synchronous update, or overlap after running to a fixed point).");
        CueFlip = TypedOptions.Create(
            "--cue-flip",
            "Fraction of bits flipped in the start state (exactly round(f*N) bits), in [0, 0.5).",
            ParseCueFlip,
            () => 0.0);
        Seed = SeedOption.Create("Random seed (unsigned 64-bit integer); the same seed gives bit-identical results.");
        Out = TypedOptions.OutputPath("--out", DefaultOut, "a directory path", $"Output directory for {files} (created if missing).");
        Retrievals = TypedOptions.Create(
            "--retrievals",
            "fixed-point: stored patterns retrieved per trial, >= 1 (one value, or one per --n value in the same order); "
            + "points with fewer patterns P retrieve all P (said on stderr).",
            text => Counts("--retrievals", text),
            () => [10]);
        MaxSweeps = TypedOptions.Integer(
            "--max-sweeps", 100, 1, MaxCount, "fixed-point: sweep limit of the dynamics, >= 1 (runs that hit it count as nonconverged).");
        Order = TypedOptions.Choice("--order", Choices.UpdateOrders, UpdateOrder.AsyncRandomPermutation, "fixed-point: update order.");
        Diagonal = TypedOptions.Choice("--diagonal", Choices.Diagonals, DiagonalConvention.Zero, "Self-coupling w_ii (storkey supports only zero).");
        Results = TypedOptions.Create(
            "--results",
            $"Results store (SQLite) that keeps every finished point as it completes; default {CapacityArguments.DefaultResultsFile} "
            + "in the output directory (capacity-shard-k-of-n.sqlite for a shard).",
            text => string.IsNullOrWhiteSpace(text)
                ? Optional<string>.None
                : Optional<string>.Some(OptionValues.OutputPath("--results", text, "a file path")),
            () => Optional<string>.None);
        Shard = TypedOptions.Create(
            "--shard",
            "Run only shard k/n of the points (point index mod n = k-1), or 'auto' to read SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT "
            + "or JOB_COMPLETION_INDEX/JOB_COMPLETIONS; a shard writes only its results store: combine the shards with 'plasticity merge'.",
            text => text,
            () => DefaultShard);
        Resume = TypedOptions.Flag(
            "--resume",
            "Continue the results store: finished points are not recomputed (refused if the store belongs to different settings).");
        All = [N, Alpha, Trials, Rule, Measure, CueFlip, Seed, Out, Retrievals, MaxSweeps, Order, Diagonal, Results, Shard, Resume];
    }

    /// <summary><c>--n</c>: distinct integers ≥ <see cref="MinN"/>.</summary>
    public Option<IReadOnlyList<int>> N { get; }

    /// <summary><c>--alpha</c>: distinct loads in (0, <see cref="MaxAlpha"/>].</summary>
    public Option<IReadOnlyList<double>> Alpha { get; }

    /// <summary><c>--trials</c>: one count for every N, or one per <c>--n</c> value (the binder checks the length).</summary>
    public Option<IReadOnlyList<int>> Trials { get; }

    /// <summary><c>--rule</c>.</summary>
    public Option<Chosen<StorageRule>> Rule { get; }

    /// <summary><c>--measure</c>.</summary>
    public Option<Chosen<CapacityMeasure>> Measure { get; }

    /// <summary><c>--cue-flip</c>: in [0, 0.5).</summary>
    public Option<double> CueFlip { get; }

    /// <summary><c>--seed</c>.</summary>
    public Option<ulong> Seed { get; }

    /// <summary><c>--out</c>.</summary>
    public Option<string> Out { get; }

    /// <summary><c>--retrievals</c>: one count for every N, or one per <c>--n</c> value (the binder checks the length).</summary>
    public Option<IReadOnlyList<int>> Retrievals { get; }

    /// <summary><c>--max-sweeps</c>.</summary>
    public Option<int> MaxSweeps { get; }

    /// <summary><c>--order</c>.</summary>
    public Option<Chosen<UpdateOrder>> Order { get; }

    /// <summary><c>--diagonal</c>.</summary>
    public Option<Chosen<DiagonalConvention>> Diagonal { get; }

    /// <summary><c>--results</c>: none means the default store in the output directory.</summary>
    public Option<Optional<string>> Results { get; }

    /// <summary><c>--shard</c>, as typed: <c>auto</c> needs the environment, so the binder parses it.</summary>
    public Option<string> Shard { get; }

    /// <summary><c>--resume</c>.</summary>
    public Option<bool> Resume { get; }

    /// <summary>Every option, in help order.</summary>
    public IReadOnlyList<Option> All { get; }

    private static IReadOnlyList<int> Ns(string text)
    {
        var ns = ParseList("--n", text, ValueListParser.ParseIntegers);
        foreach (var n in ns)
        {
            if (n < MinN || n > MaxN)
            {
                throw new UsageException("--n", $"--n values must be integers >= {MinN}, the largest set by the memory of the storage rule (got {n})");
            }
        }

        RequireDistinct("--n", ns, n => n.ToString(CultureInfo.InvariantCulture));
        return ns;
    }

    /// <summary>
    /// A count in [1, <see cref="MaxCount"/>] or a comma list of them (no ranges: the list is aligned with <c>--n</c>).
    /// A single value keeps the message of a plain integer option.
    /// </summary>
    private static IReadOnlyList<int> Counts(string parameter, string text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (!trimmed.Contains(','))
        {
            return [OptionValues.Integer(parameter, trimmed, 1, MaxCount)];
        }

        var items = trimmed.Split(',');
        var counts = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i].Trim();
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]) || counts[i] < 1 || counts[i] > MaxCount)
            {
                throw new UsageException(
                    parameter,
                    $"{parameter} must be an integer in [1, {MaxCount}] or a comma list of them, one per --n value in the same order (got '{item}' in '{trimmed}')");
            }
        }

        return counts;
    }

    private static IReadOnlyList<double> Alphas(string text)
    {
        var alphas = ParseList("--alpha", text, ValueListParser.ParseDoubles);
        foreach (var alpha in alphas)
        {
            if (!(alpha > 0) || alpha > MaxAlpha)
            {
                throw new UsageException("--alpha", $"--alpha values must be in (0, {OptionValues.Format(MaxAlpha)}] (got {OptionValues.Format(alpha)})");
            }
        }

        RequireDistinct("--alpha", alphas, OptionValues.Format);
        return alphas;
    }

    // Not a number and out of range are told apart, as the sweep's documentation shows both messages.
    private static double ParseCueFlip(string text)
    {
        var cueFlip = OptionValues.Real("--cue-flip", text, _ => true, "a number in [0, 0.5)");
        if (!(cueFlip >= 0 && cueFlip < 0.5))
        {
            throw new UsageException("--cue-flip", $"--cue-flip must be in [0, 0.5) (got {OptionValues.Format(cueFlip)})");
        }

        return cueFlip;
    }

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

    private static IReadOnlyList<T> ParseList<T>(string parameter, string text, Func<string, IReadOnlyList<T>> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            var kind = typeof(T) == typeof(int) ? "integers" : "numbers";
            throw new UsageException(parameter, $"{parameter} must be a comma-separated list of {kind} or ranges start:stop:step ({e.Message})");
        }
    }
}
