namespace Plasticity.Cli.Bench;

/// <summary>
/// One benchmark: a named hot path at fixed sizes, with the amount of work one timed run does.
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> builds the inputs outside the clock (data, weights, synapses) and returns the timed run, which
/// returns a checksum of its result. A fresh <see cref="Prepare"/> per repetition means every repetition does the same
/// seed-determined work, so every repetition must return the same checksum.
/// </remarks>
/// <param name="Name">Stable identifier, e.g. <c>hopfield.fields</c>.</param>
/// <param name="Description">One line: what is timed.</param>
/// <param name="Sizes">Size parameters (name, value), e.g. N = 1000, P = 100.</param>
/// <param name="Work">Work units done by one timed run (> 0), e.g. 2000 field evaluations.</param>
/// <param name="WorkUnit">Unit of <paramref name="Work"/>; the throughput is reported in <c>WorkUnit/s</c>.</param>
/// <param name="ChecksumOf">What the checksum is, e.g. "sum of the final weights".</param>
/// <param name="Prepare">Untimed set-up; returns the timed run, which returns the checksum.</param>
/// <param name="WarmUp">Untimed warm-up run (JIT tiering, caches); null to warm up with one full prepared run.</param>
public sealed record BenchCase(
    string Name,
    string Description,
    IReadOnlyList<KeyValuePair<string, double>> Sizes,
    double Work,
    string WorkUnit,
    string ChecksumOf,
    Func<Func<double>> Prepare,
    Action? WarmUp = null);
