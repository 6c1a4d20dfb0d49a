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

    /// <summary>Weight dependences of the competition experiment by command-line name.</summary>
    public static IReadOnlyList<KeyValuePair<string, StdpWeightDependenceKind>> WeightDependences { get; } =
    [
        new("additive", StdpWeightDependenceKind.Additive),
        new("multiplicative", StdpWeightDependenceKind.Multiplicative),
    ];

    /// <summary>Triplet presets by command-line name (verified first, as in <see cref="TripletStdpPresets.All"/>).</summary>
    public static IReadOnlyList<KeyValuePair<string, TripletStdpPreset>> TripletPresets { get; } =
        [.. TripletStdpPresets.All.Select(p => new KeyValuePair<string, TripletStdpPreset>(p.Name, p))];

    /// <summary>The command-line name of a pairing scheme.</summary>
    public static string NameOf(StdpPairing pairing) =>
        Pairings.First(entry => entry.Value == pairing).Key;

    /// <summary>The command-line name of a weight dependence kind.</summary>
    public static string NameOf(StdpWeightDependenceKind kind) =>
        WeightDependences.First(entry => entry.Value == kind).Key;
}
