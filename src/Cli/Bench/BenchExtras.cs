namespace Plasticity.Cli.Bench;

/// <summary>The parts of bench.json beyond the hot-path benchmarks: the issue-11 targets, the machine limits, the scaling fits.</summary>
/// <param name="Scale">The scale the targets ran at.</param>
/// <param name="Targets">The targets (empty when none ran).</param>
/// <param name="Limits">The machine limits (null when target 6 did not run).</param>
/// <param name="Scaling">The scaling workloads (empty without --scaling).</param>
public sealed record BenchExtras(
    BenchScale Scale, IReadOnlyList<TargetReport.TargetJson> Targets, TargetReport.LimitsJson? Limits, IReadOnlyList<ScalingJson> Scaling)
{
    /// <summary>No targets, limits or scaling.</summary>
    public static BenchExtras None { get; } = new(BenchScale.Default, [], null, []);
}
