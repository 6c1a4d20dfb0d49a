namespace Plasticity.Cli.Arguments;

/// <summary>
/// The <c>--seed</c> option of every command, and the one seed-path scheme every command follows.
/// </summary>
/// <remarks>
/// <para><b>The value.</b> <c>--seed</c> is the full unsigned 64-bit integer: 0 ≤ seed ≤ 2⁶⁴ − 1 = 18446744073709551615,
/// decimal digits only. Anything else (a sign, a fraction, 2⁶⁴, text) is one line
/// <c>--seed must be an integer in [0, 18446744073709551615] (got '…')</c> and exit code 2. The seed is never folded or
/// truncated on the way to the generators.</para>
/// <para><b>The path.</b> Every random stream a command draws is
/// <c>SeedSequence.Derive(seed, [command id, …point identity…, trial, stream])</c>, i.e.
/// <see cref="SeedPath.For"/>: the command id (<see cref="SeedPath"/>, fixed forever, one per command) first, so two
/// commands run with the same seed never share a stream; then the identity of the point of a sweep (for example n and P
/// for capacity, the benchmark case for bench), so a point's result does not depend on which other points ran or on
/// the thread count; then the trial index and the stream within the trial (initial weights, presentation order, cue
/// flips, update order). A command without points uses just <c>[command id, stream]</c>. The streams each command
/// uses are listed in its own doc comment (<c>LearnCommand</c>: 1 initial weights, 2 presentation order;
/// <c>GenerateCommand</c>: 1 gaussian, 2 one-hot; <c>BenchCommand</c>: the case number). <c>eigen</c> draws nothing.</para>
/// </remarks>
public static class SeedOption
{
    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 1;

    /// <summary>Creates <c>--seed</c> (default <see cref="DefaultSeed"/>).</summary>
    public static Option<ulong> Create(string description = "Random seed, an integer in [0, 2^64 − 1]; same seed, same files.") =>
        Create(DefaultSeed, description);

    /// <summary>Creates <c>--seed</c> with a command's own default (e.g. verify's base seed).</summary>
    public static Option<ulong> Create(ulong defaultSeed, string description) =>
        TypedOptions.Create("--seed", description, text => OptionValues.Seed("--seed", text), () => defaultSeed);
}
