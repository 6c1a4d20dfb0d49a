namespace Plasticity.Experiments.Seeds;

/// <summary>
/// The command ids that start every seed path and the derivation itself: every random stream of a command is
/// <c>SeedSequence.Derive(seed, [command id, …point identity…, trial, stream])</c> (docs/seeds.md), with no exceptions.
/// </summary>
/// <remarks>
/// <para>A library entry point that takes one 64-bit seed and derives by its unit identity (a capacity trial, a
/// stability grid point, a verify check) is handed <see cref="CommandSeed"/>(seed, id) = <c>SeedSequence.Prefix(seed, [id])</c>,
/// so its streams are exactly Derive(seed, [id, ..identity]) (<see cref="SeedSequence.Prefix"/>).</para>
/// <para>The ids are part of the reproducibility promise: the same seed and the same command line give the same files in
/// every release, so an id is never reused or renumbered; a new command takes the next free number.</para>
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

    /// <summary>
    /// The one stream of <c>stdp competition</c> under <see cref="Stdp"/>: Derive(seed, [6, 1]) draws the N initial
    /// weights, then the Poisson inputs (<c>stdp window</c> draws nothing).
    /// </summary>
    public const long StdpCompetitionStream = 1;

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

    /// <summary>
    /// The seed a command hands to a library entry point that derives by unit identity:
    /// <c>SeedSequence.Prefix(seed, [command])</c>, so that Derive(CommandSeed(seed, command), q) = Derive(seed, [command, ..q]) for every q.
    /// </summary>
    public static ulong CommandSeed(ulong seed, long command) => SeedSequence.Prefix(seed, command);

    /// <summary>The toolkit's generator for one stream: <c>SeedSequence.CreateRandom(For(seed, command, path))</c>.</summary>
    public static Random Random(ulong seed, long command, params ReadOnlySpan<long> path) =>
        SeedSequence.CreateRandom(For(seed, command, path));
}
