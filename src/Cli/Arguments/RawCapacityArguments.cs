namespace Plasticity.Cli.Arguments;

/// <summary>
/// The <c>capacity</c> command's options exactly as typed (text), before any conversion.
/// </summary>
/// <remarks>
/// The command line hands every option over as text and <see cref="CapacityArgumentsBinder"/> does all conversion
/// and range checks. That keeps one place that produces the one-line "parameter and allowed range" messages, and lets
/// tests exercise validation without going through the parser. The defaults are the README's main command: they finish
/// in well under a minute on two cores.
/// </remarks>
public sealed record RawCapacityArguments
{
    /// <summary>Default network sizes.</summary>
    public const string DefaultN = "1000";

    /// <summary>Default loads α = P/N.</summary>
    public const string DefaultAlpha = "0.02:0.30:0.02";

    /// <summary>Default independent trials (fresh patterns) per point.</summary>
    public const string DefaultTrials = "10";

    /// <summary>Default storage rule.</summary>
    public const string DefaultRule = "hebb";

    /// <summary>Default measure.</summary>
    public const string DefaultMeasure = "one-step";

    /// <summary>Default fraction of cue bits flipped.</summary>
    public const string DefaultCueFlip = "0";

    /// <summary>Default seed.</summary>
    public const string DefaultSeed = "1";

    /// <summary>Default output directory (relative to the working directory).</summary>
    public const string DefaultOut = "results/capacity";

    /// <summary>Default retrievals per trial for the fixed-point measure.</summary>
    public const string DefaultRetrievals = "10";

    /// <summary>Default sweep limit for the fixed-point dynamics.</summary>
    public const string DefaultMaxSweeps = "100";

    /// <summary>Default update order of the fixed-point dynamics.</summary>
    public const string DefaultOrder = "async-random";

    /// <summary>Default diagonal convention.</summary>
    public const string DefaultDiagonal = "zero";

    /// <summary>Default shard: the whole sweep.</summary>
    public const string DefaultShard = "1/1";

    /// <summary><c>--n</c>: list of network sizes.</summary>
    public string N { get; init; } = DefaultN;

    /// <summary><c>--alpha</c>: list or range of loads.</summary>
    public string Alpha { get; init; } = DefaultAlpha;

    /// <summary><c>--trials</c>.</summary>
    public string Trials { get; init; } = DefaultTrials;

    /// <summary><c>--rule</c>.</summary>
    public string Rule { get; init; } = DefaultRule;

    /// <summary><c>--measure</c>.</summary>
    public string Measure { get; init; } = DefaultMeasure;

    /// <summary><c>--cue-flip</c>.</summary>
    public string CueFlip { get; init; } = DefaultCueFlip;

    /// <summary><c>--seed</c>.</summary>
    public string Seed { get; init; } = DefaultSeed;

    /// <summary><c>--out</c>.</summary>
    public string Out { get; init; } = DefaultOut;

    /// <summary><c>--retrievals</c>.</summary>
    public string Retrievals { get; init; } = DefaultRetrievals;

    /// <summary><c>--max-sweeps</c>.</summary>
    public string MaxSweeps { get; init; } = DefaultMaxSweeps;

    /// <summary><c>--order</c>.</summary>
    public string Order { get; init; } = DefaultOrder;

    /// <summary>The options typed on the command line (the others have their defaults), for warnings about unused ones.</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary><c>--diagonal</c>.</summary>
    public string Diagonal { get; init; } = DefaultDiagonal;

    /// <summary><c>--results</c>: the results store file; empty means the default inside the output directory.</summary>
    public string Results { get; init; } = string.Empty;

    /// <summary><c>--resume</c>: continue the results store instead of replacing it.</summary>
    public bool Resume { get; init; }

    /// <summary><c>--shard</c>: k/n or auto.</summary>
    public string Shard { get; init; } = DefaultShard;

    /// <summary>Where <c>--shard auto</c> reads the scheduler's variables (the process environment; a dictionary in tests).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
