using Plasticity.Cli.Arguments;
using Plasticity.Core.Plasticity.Stdp;

namespace Plasticity.Cli.Stdp;

/// <summary>
/// The command-line spellings of the STDP choices of <c>plasticity stdp</c>: rule kinds, pairing schemes, weight
/// dependences and presets, in one table each (as <see cref="ChoiceNames"/> does for the Hopfield enums).
/// </summary>
public static class StdpChoices
{
    /// <summary>Name of the pair rule.</summary>
    public const string PairRule = "pair";

    /// <summary>Name of the triplet rule.</summary>
    public const string TripletRule = "triplet";

    /// <summary>The one pair-rule preset: the classic Song–Miller–Abbott window with g_max = 0.01 (Brian2's example).</summary>
    public const string ClassicPreset = "classic";

    /// <summary>The default triplet preset: the verified visual-cortex all-to-all minimal model.</summary>
    public static TripletStdpPreset DefaultTripletPreset => TripletStdpPresets.VisualCortexAllToAllMinimal;

    /// <summary>Rule kinds by command-line name (the value is the name itself).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Rules { get; } =
    [
        new(PairRule, PairRule),
        new(TripletRule, TripletRule),
    ];

    /// <summary>Pairing schemes by command-line name.</summary>
    public static IReadOnlyList<KeyValuePair<string, StdpPairing>> Pairings { get; } =
    [
        new("all-to-all", StdpPairing.AllToAll),
        new("nearest-symmetric", StdpPairing.NearestSymmetric),
        new("presynaptic-centred", StdpPairing.PresynapticCentred),
    ];

    /// <summary>
    /// Weight dependences of the competition experiment by command-line name, one meaning per name in core and CLI
    /// (docs/stdp.md, "Weight dependence"): <c>additive</c> = <see cref="StdpWeightDependence.Additive"/>;
    /// <c>multiplicative</c> = <see cref="StdpWeightDependence.Multiplicative"/>, Gütig μ = 1 (Rubin, Lee &amp;
    /// Sompolinsky 2001; Gütig et al. 2003: Δw₊ ∝ (1 − w/g_max), Δw₋ ∝ w/g_max, soft bounds on both sides);
    /// <c>van-rossum</c> = <see cref="StdpWeightDependence.VanRossum"/> (van Rossum, Bi &amp; Turrigiano 2000: additive
    /// potentiation, depression ∝ w); <c>gutig</c> = <see cref="StdpWeightDependence.Gutig"/> with <c>--mu</c>. In every
    /// case the runner's store holds the weights in [0, g_max] (hard bounds are the store's).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> WeightDependences { get; } =
    [
        new("additive", "additive"),
        new("multiplicative", "multiplicative"),
        new("van-rossum", "van-rossum"),
        new("gutig", "gutig"),
    ];

    /// <summary>The weight dependence for a command-line name, weight scale g_max, exponent μ for <c>gutig</c>.</summary>
    public static StdpWeightDependence CreateWeightDependence(string name, double gMax, double mu) => name switch
    {
        "additive" => StdpWeightDependence.Additive,
        "multiplicative" => StdpWeightDependence.Multiplicative(gMax),
        "van-rossum" => StdpWeightDependence.VanRossum(gMax),
        "gutig" => StdpWeightDependence.Gutig(mu, gMax),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown weight dependence."),
    };

    /// <summary>Human-readable form of each weight dependence, for summary.json.</summary>
    public static string FormOf(string name, double mu) => name switch
    {
        "additive" => "additive: dw+ = A+ x, dw- = -A- y, hard bounds [0, g_max]",
        "multiplicative" => "multiplicative (Guetig mu = 1): dw+ = A+ (1 - w/g_max) x, dw- = -A- (w/g_max) y",
        "van-rossum" => "van Rossum: dw+ = A+ x, dw- = -A- (w/g_max) y, clipped to [0, g_max]",
        _ => $"Guetig mu = {mu.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}: dw+ = A+ (1 - w/g_max)^mu x, dw- = -A- (w/g_max)^mu y",
    };

    /// <summary>Triplet presets by command-line name (verified first, as in <see cref="TripletStdpPresets.All"/>).</summary>
    public static IReadOnlyList<KeyValuePair<string, TripletStdpPreset>> TripletPresets { get; } =
        [.. TripletStdpPresets.All.Select(p => new KeyValuePair<string, TripletStdpPreset>(p.Name, p))];

    /// <summary>The command-line name of a pairing scheme.</summary>
    public static string NameOf(StdpPairing pairing) =>
        Pairings.First(entry => entry.Value == pairing).Key;

}
