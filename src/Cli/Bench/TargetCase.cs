namespace Plasticity.Cli.Bench;

/// <summary>
/// One of the six performance targets of issue 11 (docs/performance.md), at a chosen size, with the bytes/ops model
/// that turns its time into a fraction of a machine limit.
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> builds the inputs outside the clock and returns the timed run. Expensive targets (the large
/// fixed-point retrievals) are timed once (<see cref="Repetitions"/> = 1), cheap ones several times (the median is
/// reported). When a size cannot run on this machine today, <see cref="Refusal"/> says why and nothing is timed.
/// </remarks>
/// <param name="Target">Target number 1–6 of issue 11.</param>
/// <param name="Name">Stable identifier, e.g. <c>capacity.one-step-sweep</c>.</param>
/// <param name="Description">One line: what is timed.</param>
/// <param name="Sizes">Size parameters (name, value).</param>
/// <param name="Work">Work units of one timed run (&gt; 0).</param>
/// <param name="WorkUnit">Unit of <paramref name="Work"/> (throughput in <c>WorkUnit/s</c>).</param>
/// <param name="Model">The limit this target is judged against and the amount of it one run needs; null: none applies.</param>
/// <param name="Repetitions">Timed runs (≥ 1).</param>
/// <param name="Prepare">Untimed set-up; returns the timed run.</param>
/// <param name="Refusal">Why the target cannot run here (null: it runs).</param>
public sealed record TargetCase(
    int Target,
    string Name,
    string Description,
    IReadOnlyList<KeyValuePair<string, double>> Sizes,
    double Work,
    string WorkUnit,
    TargetModel? Model,
    int Repetitions,
    Func<Func<TargetOutcome>> Prepare,
    string? Refusal = null);

/// <summary>Which measured machine limit a target's model is compared with.</summary>
public enum LimitKind
{
    /// <summary>Streaming read bandwidth (bytes/s) of <see cref="MachineLimits"/>.</summary>
    ReadBandwidth,

    /// <summary>Popcount throughput (64-bit words/s) of <see cref="MachineLimits"/>.</summary>
    Popcount,
}

/// <summary>
/// A bytes/ops model: a timed run needs at least <c>Amount</c> bytes read from memory (or 64-bit words popcounted), so
/// its fraction of the limit is (Amount / time) / limit, with the all-cores limit when the kernel runs on all cores.
/// </summary>
/// <param name="Kind">The limit.</param>
/// <param name="AllCores">Whether the kernel runs on all cores (compare with the all-cores limit).</param>
/// <param name="Statement">The model in words, e.g. "N·P/8 bytes of packed patterns per sweep".</param>
public sealed record TargetModel(LimitKind Kind, bool AllCores, string Statement);

/// <summary>What one timed run of a target returns.</summary>
/// <param name="Checksum">A seed-determined number of the result (equal across repetitions).</param>
/// <param name="ModelAmount">Bytes or words of the target's <see cref="TargetModel"/> this run needed (0 without a model).</param>
/// <param name="Note">Short result text for the table, e.g. "m = 0.998" (may be empty).</param>
public sealed record TargetOutcome(double Checksum, double ModelAmount, string Note);
