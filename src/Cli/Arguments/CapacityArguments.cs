namespace Plasticity.Cli.Arguments;

/// <summary>
/// Validated settings of one <c>capacity</c> run: the sweep grid plus everything the core experiment needs.
/// </summary>
/// <param name="Ns">Network sizes, in the order typed.</param>
/// <param name="Alphas">Loads α, in the order typed.</param>
/// <param name="Settings">Core experiment settings shared by every point (trials and retrievals possibly per N).</param>
/// <param name="Seed">User seed; the core derives one stream per (point, trial) from it.</param>
/// <param name="OutputDirectory">Where the CSV, JSON and plots go.</param>
public sealed record CapacityArguments(
    IReadOnlyList<int> Ns,
    IReadOnlyList<double> Alphas,
    CapacitySettings Settings,
    ulong Seed,
    string OutputDirectory)
{
    /// <summary>Default file name of the results store of a whole sweep, inside the output directory.</summary>
    public const string DefaultResultsFile = "capacity.sqlite";

    /// <summary>The sweep as the experiments layer sees it (what the results depend on).</summary>
    public CapacitySweepSpec Spec => new(Ns, Alphas, Settings, Seed);

    /// <summary>The results store (<c>--results</c>); null means <see cref="DefaultResultsPath"/>.</summary>
    public string? Results { get; init; }

    /// <summary>Whether to continue an existing store (<c>--resume</c>).</summary>
    public bool Resume { get; init; }

    /// <summary>The slice of the grid to run (<c>--shard</c>); 1/1 is the whole sweep.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>
    /// The store used when <c>--results</c> is not given: <c>capacity.sqlite</c> in the output directory, or
    /// <c>capacity-shard-k-of-n.sqlite</c> for a shard, so the tasks of a job array can share one output directory.
    /// </summary>
    public string DefaultResultsPath => Path.Combine(
        OutputDirectory,
        Shard.IsAll ? DefaultResultsFile : $"capacity-shard-{Shard.Index}-of-{Shard.Count}.sqlite");

    /// <summary>The store this run uses.</summary>
    public string ResultsPath => Results ?? DefaultResultsPath;

    /// <summary>
    /// The sweep points, one per (n, α), n outer and α inner, in the order typed: this is the row order of the
    /// output files.
    /// </summary>
    public IReadOnlyList<CapacityPoint> Points =>
        [.. Ns.SelectMany(n => Alphas.Select(alpha => new CapacityPoint(n, alpha)))];

    /// <summary>Command-line name of the storage rule.</summary>
    public string RuleName => Choices.StorageRules.NameOf(Settings.Rule);

    /// <summary>Command-line name of the measure.</summary>
    public string MeasureName => Choices.CapacityMeasures.NameOf(Settings.Measure);

    /// <summary>Command-line name of the update order.</summary>
    public string OrderName => Choices.UpdateOrders.NameOf(Settings.Order);

    /// <summary>Command-line name of the diagonal convention.</summary>
    public string DiagonalName => Choices.Diagonals.NameOf(Settings.Diagonal);

    /// <summary>Notes for stderr: options typed but not used, values adjusted per point (one line each).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Total trials over all points (the progress bar's length).</summary>
    public long TotalTrials => Ns.Sum(n => (long)Alphas.Count * Settings.TrialsAt(n));

    /// <summary>
    /// <c>--trials</c> as the canonical arguments spell it: one number, or one per N (in the order of <see cref="Ns"/>)
    /// when the trials differ by N.
    /// </summary>
    public string TrialsText => Settings.TrialsByN is null
        ? Settings.Trials.ToString(CultureInfo.InvariantCulture)
        : string.Join(',', Ns.Select(n => Settings.TrialsAt(n).ToString(CultureInfo.InvariantCulture)));

    /// <summary><c>--retrievals</c> as the canonical arguments spell it (as <see cref="TrialsText"/>).</summary>
    public string RetrievalsText => Settings.RetrievalsByN is null
        ? Settings.RetrievalsPerTrial.ToString(CultureInfo.InvariantCulture)
        : string.Join(',', Ns.Select(n => Settings.RetrievalsAt(n).ToString(CultureInfo.InvariantCulture)));
}
