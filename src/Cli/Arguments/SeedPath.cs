namespace Plasticity.Cli.Arguments;

/// <summary>
/// The command ids that start every seed path (see <see cref="SeedOption"/> for the scheme) and the derivation itself.
/// </summary>
/// <remarks>
/// The ids are part of the reproducibility promise: the same seed and the same command line give the same files in
/// every release, so an id is never reused or renumbered; a new command takes the next free number.
/// </remarks>
public static class SeedPath
{
    /// <summary><c>capacity</c>.</summary>
    public const long Capacity = 1;

    /// <summary><c>learn</c>.</summary>
    public const long Learn = 2;

    /// <summary><c>generate</c>.</summary>
    public const long Generate = 3;

    /// <summary><c>eigen</c> (draws nothing today; reserved).</summary>
    public const long Eigen = 4;

    /// <summary><c>bench</c>.</summary>
    public const long Bench = 5;

    /// <summary><c>stdp</c>.</summary>
    public const long Stdp = 6;

    /// <summary><c>verify</c>.</summary>
    public const long Verify = 7;

    /// <summary><c>stability</c>.</summary>
    public const long Stability = 8;

    /// <summary>
    /// The seed of one stream: <c>SeedSequence.Derive(seed, [command, ..path])</c>, with <paramref name="path"/> the
    /// point identity, the trial and the stream, in that order.
    /// </summary>
    public static ulong For(ulong seed, long command, params ReadOnlySpan<long> path)
    {
        Span<long> full = path.Length < 16 ? stackalloc long[path.Length + 1] : new long[path.Length + 1];
        full[0] = command;
        path.CopyTo(full[1..]);
        return SeedSequence.Derive(seed, full);
    }

    /// <summary>The toolkit's generator for one stream: <c>SeedSequence.CreateRandom(For(seed, command, path))</c>.</summary>
    public static Random Random(ulong seed, long command, params ReadOnlySpan<long> path) =>
        SeedSequence.CreateRandom(For(seed, command, path));
}
