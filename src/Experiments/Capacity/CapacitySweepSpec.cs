namespace Plasticity.Experiments.Capacity;

/// <summary>
/// A capacity sweep: network sizes × loads, the settings shared by every point, and the user seed. Everything its
/// results depend on, and nothing else (not where the outputs go, not which shard runs).
/// </summary>
/// <remarks>
/// Grid order: N outer, α inner, in the order given (the row order of the outputs). Point key <c>n=N;alpha=α</c> (α in
/// round-trip invariant notation); seed path [1, N, P], the command id <see cref="SeedPath.Capacity"/> first: trial t's
/// patterns come from Derive(seed, [1, N, P, t]), its cues and update orders from Derive(seed, [1, N, P, t, ν, 1 or 2]),
/// because the sweep hands <see cref="CapacityExperiment"/> (which derives from [N, P, t, …]) the
/// <see cref="ExperimentSeed"/> Prefix(seed, [1]). The store records the user's <see cref="Seed"/>, so resumed, sharded and
/// merged runs of one sweep derive alike.
/// </remarks>
/// <param name="Ns">Network sizes, in order.</param>
/// <param name="Alphas">Loads, in order.</param>
/// <param name="Settings">Settings shared by every point.</param>
/// <param name="Seed">The user's 64-bit seed.</param>
public sealed record CapacitySweepSpec(IReadOnlyList<int> Ns, IReadOnlyList<double> Alphas, CapacitySettings Settings, ulong Seed)
{
    /// <summary>Experiment id in results stores.</summary>
    public const string Experiment = "capacity";

    /// <summary>
    /// The seed handed to <see cref="CapacityExperiment"/>: <c>SeedPath.CommandSeed(Seed, SeedPath.Capacity)</c>, so
    /// that its Derive(·, [N, P, t, …]) is Derive(Seed, [1, N, P, t, …]).
    /// </summary>
    public ulong ExperimentSeed => SeedPath.CommandSeed(Seed, SeedPath.Capacity);

    /// <summary>The points, N outer and α inner.</summary>
    public IReadOnlyList<CapacityPoint> Points => [.. Ns.SelectMany(n => Alphas.Select(alpha => new CapacityPoint(n, alpha)))];

    /// <summary>The sweep grid (keys and seed paths as in the remarks).</summary>
    /// <remarks>The grid's trial count is <see cref="CapacitySettings.Trials"/>, the largest; a point runs <see cref="SettingsAt"/>'s.</remarks>
    public SweepGrid<CapacityPoint> Grid() => new(Experiment, Points, Settings.Trials, Key, p => [SeedPath.Capacity, p.N, p.P]);

    /// <summary>The settings the points of size <paramref name="n"/> run under (their own trials and retrievals).</summary>
    public CapacitySettings SettingsAt(int n) => Settings.At(n);

    /// <summary>The store metadata of shard <paramref name="shard"/> of this sweep.</summary>
    public RunMetadata Metadata(ShardSpec shard) => new(Experiment, SettingsJson(), Seed, Ns.Count * Alphas.Count, shard);

    /// <summary>Stable key of a point: <c>n=N;alpha=α</c>.</summary>
    public static string Key(CapacityPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"n={point.N};alpha={point.Alpha:R}");

    /// <summary>
    /// Canonical JSON of the grid and settings (fixed field order, enum names of the core, round-trip numbers), the
    /// text a results store compares: <c>{"n":[…],"alpha":[…],"trials":…,"rule":…,"measure":…,"cue_flip":…,
    /// "retrievals":…,"order":…,"max_sweeps":…,"diagonal":…}</c>. When the effort differs by N
    /// (<see cref="CapacitySettings.TrialsByN"/>, <see cref="CapacitySettings.RetrievalsByN"/>), <c>trials</c> and
    /// <c>retrievals</c> are arrays aligned with <c>n</c>; with one value for every N they stay numbers, so the text
    /// (and every store written before per-N effort existed) is unchanged.
    /// </summary>
    public string SettingsJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumberArray("n", Ns);
            json.WriteNumberArray("alpha", Alphas);
            Effort(json, "trials", Settings.TrialsByN, Settings.Trials, Settings.TrialsAt);
            json.WriteString("rule", Settings.Rule.ToString());
            json.WriteString("measure", Settings.Measure.ToString());
            json.WriteNumber("cue_flip", Settings.CueFlip);
            Effort(json, "retrievals", Settings.RetrievalsByN, Settings.RetrievalsPerTrial, Settings.RetrievalsAt);
            json.WriteString("order", Settings.Order.ToString());
            json.WriteNumber("max_sweeps", Settings.MaxSweeps);
            json.WriteString("diagonal", Settings.Diagonal.ToString());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void Effort(Utf8JsonWriter json, string name, IReadOnlyDictionary<int, int>? byN, int single, Func<int, int> at)
    {
        if (byN is null)
        {
            json.WriteNumber(name, single);
        }
        else
        {
            json.WriteNumberArray(name, [.. Ns.Select(at)]);
        }
    }

    /// <summary>A number, or an array aligned with <c>n</c> (per-N effort).</summary>
    private static int[] EffortValues(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray().Select(e => e.GetInt32())] : [element.GetInt32()];

    /// <summary>Rebuilds the sweep a capacity store was made for (the inverse of <see cref="Metadata"/>).</summary>
    /// <exception cref="ResultStoreException">Not a capacity store, or settings that do not parse or do not round-trip.</exception>
    public static CapacitySweepSpec FromMetadata(RunMetadata metadata, string path)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!string.Equals(metadata.Experiment, Experiment, StringComparison.Ordinal))
        {
            throw new ResultStoreException($"results store '{path}' holds a '{metadata.Experiment}' run, not a capacity sweep");
        }

        CapacitySweepSpec spec;
        try
        {
            using var document = JsonDocument.Parse(metadata.Settings);
            var root = document.RootElement;
            var settings = new CapacitySettings(
                Enum.Parse<StorageRule>(root.GetProperty("rule").GetString()!),
                Enum.Parse<CapacityMeasure>(root.GetProperty("measure").GetString()!),
                1,
                root.GetProperty("cue_flip").GetDouble(),
                1,
                Enum.Parse<UpdateOrder>(root.GetProperty("order").GetString()!),
                root.GetProperty("max_sweeps").GetInt32(),
                Enum.Parse<DiagonalConvention>(root.GetProperty("diagonal").GetString()!));
            int[] ns = [.. root.GetProperty("n").EnumerateArray().Select(e => e.GetInt32())];
            double[] alphas = [.. root.GetProperty("alpha").EnumerateArray().Select(e => e.GetDouble())];
            settings = settings.WithEffort(ns, EffortValues(root.GetProperty("trials")), EffortValues(root.GetProperty("retrievals")));
            spec = new CapacitySweepSpec(ns, alphas, settings, metadata.Seed);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ResultStoreException($"results store '{path}' has unreadable capacity settings: {e.Message.ReplaceLineEndings(" ")}", e);
        }

        if (!string.Equals(spec.SettingsJson(), metadata.Settings, StringComparison.Ordinal) || spec.Ns.Count * spec.Alphas.Count != metadata.PointCount)
        {
            throw new ResultStoreException($"results store '{path}' has capacity settings that do not round-trip; it was written by another version");
        }

        return spec;
    }
}
