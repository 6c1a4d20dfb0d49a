namespace Plasticity.Cli.Bench;

/// <summary>
/// The targets table of <c>bench</c> (target, size, time, throughput, the peer's figure where it ran, the ratio and the
/// achieved fraction of the machine's limit) and the targets, limits and peers sections of bench.json.
/// </summary>
public static class TargetReport
{
    /// <summary>Writes the limits line and the targets table (80 columns at most).</summary>
    public static void Write(CommandContext context, IReadOnlyList<TargetMeasurement> targets, MachineLimits? limits, PeerFigures? peers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0 && limits is null)
        {
            return;
        }

        var rows = targets.Select(t => Cells(t, limits, peers)).ToList();
        if (limits is not null)
        {
            var cache = limits.ReadBufferBytes < MachineLimits.FullReadBytes ? " (may be cached)" : string.Empty;
            rows.Add(["6", "limit.read", MemoryBudget.Bytes(limits.ReadBufferBytes), string.Empty, $"{Giga(limits.ReadBytesPerSecond)} GB/s{cache}", string.Empty, string.Empty, "1 core"]);
            rows.Add(["6", "limit.read.all", MemoryBudget.Bytes(limits.ReadBufferBytes), string.Empty, $"{Giga(limits.ReadBytesPerSecondAllCores)} GB/s", string.Empty, string.Empty, $"{Environment.ProcessorCount} cores"]);
            rows.Add(["6", "limit.popcount", MemoryBudget.Bytes(limits.PopcountBufferBytes), string.Empty, $"{Giga(limits.PopcountWordsPerSecond)} Gw/s", string.Empty, string.Empty, "1 core"]);
            rows.Add(["6", "limit.popcount.all", MemoryBudget.Bytes(limits.PopcountBufferBytes), string.Empty, $"{Giga(limits.PopcountWordsPerSecondAllCores)} Gw/s", string.Empty, string.Empty, $"{Environment.ProcessorCount} cores"]);
        }

        TableWriter.Write(context, new TextTable(
            [
                new TextColumn("#"), new TextColumn("target", RightAligned: false), new TextColumn("size", RightAligned: false),
                new TextColumn("time s"), new TextColumn("throughput"), new TextColumn("peer s"), new TextColumn("ratio"),
                new TextColumn("of limit"),
            ],
            rows));
        foreach (var t in targets.Where(t => t.Ran && t.Outcome!.Note.Length > 0))
        {
            context.Out.WriteLine($"  {t.Case.Name}: {t.Outcome!.Note}");
        }

        foreach (var t in targets.Where(t => !t.Ran))
        {
            context.Out.WriteLine($"  {t.Case.Name}: not run, {t.Case.Refusal}");
        }

        if (peers is not null)
        {
            context.Out.WriteLine($"  peer s and ratio: whole process, from {peers.Source} ({peers.Timed})");
        }
    }

    /// <summary>The compact size label of a target, its first two sizes, e.g. <c>N=100000 alpha=0.1</c>.</summary>
    public static string SizeLabel(TargetCase target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return string.Join(' ', target.Sizes.Take(2).Select(s => $"{s.Key}={Value(s.Value)}"));
    }

    /// <summary>The targets section of bench.json.</summary>
    public static IReadOnlyList<TargetJson> Json(IReadOnlyList<TargetMeasurement> targets, MachineLimits? limits, PeerFigures? peers)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return
        [
            .. targets.Select(t =>
            {
                var peer = peers?.For(t.Case.Target);
                return new TargetJson(
                    t.Case.Target,
                    t.Case.Name,
                    t.Case.Description,
                    t.Case.Sizes.ToDictionary(s => s.Key, s => s.Value),
                    t.Ran,
                    t.Case.Refusal,
                    [.. t.Seconds],
                    t.Ran ? t.MedianSeconds : null,
                    [.. t.CpuSeconds],
                    t.Case.Work,
                    t.Case.WorkUnit,
                    t.Ran ? t.Throughput : null,
                    $"{t.Case.WorkUnit}/s",
                    t.Outcome?.Checksum,
                    t.Outcome?.Note,
                    t.Case.Model?.Kind switch { LimitKind.ReadBandwidth => "read_bandwidth", LimitKind.Popcount => "popcount", _ => null },
                    t.Case.Model?.AllCores,
                    t.Case.Model?.Statement,
                    t.Outcome is { ModelAmount: > 0 } o ? o.ModelAmount : null,
                    t.LimitFraction(limits),
                    peer?.Peer,
                    peer?.PeerSeconds,
                    peer?.ToolkitSeconds,
                    peer?.Ratio);
            }),
        ];
    }

    /// <summary>The limits section of bench.json (null when target 6 did not run).</summary>
    public static LimitsJson? Json(MachineLimits? limits) => limits is null
        ? null
        : new LimitsJson(
            limits.ReadBufferBytes, limits.ReadBytesPerSecond, limits.ReadBytesPerSecondAllCores, limits.PopcountBufferBytes,
            limits.PopcountWordsPerSecond, limits.PopcountWordsPerSecondAllCores,
            "streaming read: Vector256 sum of a buffer written once, best of 3; popcount: POPCNT over an L1-resident buffer, 8 accumulators, best of 3");

    private static IReadOnlyList<string> Cells(TargetMeasurement t, MachineLimits? limits, PeerFigures? peers)
    {
        var peer = peers?.For(t.Case.Target);
        var fraction = t.LimitFraction(limits);
        return
        [
            NumberFormat.Integer(t.Case.Target),
            t.Case.Name,
            SizeLabel(t.Case),
            t.Ran ? NumberFormat.Short(t.MedianSeconds) : "refused",
            t.Ran ? $"{NumberFormat.Short(t.Throughput)} {t.Case.WorkUnit}/s" : string.Empty,
            peer is null ? string.Empty : NumberFormat.Short(peer.PeerSeconds),
            peer is null ? string.Empty : $"{NumberFormat.Short(peer.Ratio, "G3")}x",
            fraction is double f ? f.ToString("P1", CultureInfo.InvariantCulture) : string.Empty,
        ];
    }

    // Counts as plain integers (N=100000), other values short.
    private static string Value(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Round(value) ? NumberFormat.Integer((long)value) : NumberFormat.Short(value, "G3");

    private static string Giga(double perSecond) => NumberFormat.Short(perSecond / 1e9, "G4");

    /// <summary>One target in bench.json.</summary>
    public sealed record TargetJson(
        int Target,
        string Name,
        string Description,
        IReadOnlyDictionary<string, double> Sizes,
        bool Ran,
        string? Refusal,
        IReadOnlyList<double> Seconds,
        double? MedianSeconds,
        IReadOnlyList<double> CpuSeconds,
        double Work,
        string WorkUnit,
        double? Throughput,
        string ThroughputUnit,
        double? Checksum,
        string? Note,
        string? LimitKind,
        bool? LimitAllCores,
        string? LimitModel,
        double? ModelAmount,
        double? LimitFraction,
        string? Peer,
        double? PeerSeconds,
        double? PeerToolkitSeconds,
        double? PeerRatio);

    /// <summary>The measured machine limits in bench.json.</summary>
    public sealed record LimitsJson(
        long ReadBufferBytes,
        double ReadBytesPerSecond,
        double ReadBytesPerSecondAllCores,
        long PopcountBufferBytes,
        double PopcountWordsPerSecond,
        double PopcountWordsPerSecondAllCores,
        string Method);
}
