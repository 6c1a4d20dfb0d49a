namespace Plasticity.Cli.Stdp;

/// <summary>
/// What the STDP choice names of <c>plasticity stdp</c> mean: the name tables themselves (rule kinds, pairing schemes,
/// weight dependences, triplet presets) are in <see cref="Choices"/>; this holds the defaults and what each weight
/// dependence builds. One meaning per name in core and CLI (docs/stdp.md, "Weight dependence"): <c>additive</c> =
/// <see cref="StdpWeightDependence.Additive"/>; <c>multiplicative</c> = <see cref="StdpWeightDependence.Multiplicative"/>,
/// Gütig μ = 1 (Rubin, Lee &amp; Sompolinsky 2001; Gütig et al. 2003: Δw₊ ∝ (1 − w/g_max), Δw₋ ∝ w/g_max, soft bounds on
/// both sides); <c>van-rossum</c> = <see cref="StdpWeightDependence.VanRossum"/> (van Rossum, Bi &amp; Turrigiano 2000:
/// additive potentiation, depression ∝ w); <c>gutig</c> = <see cref="StdpWeightDependence.Gutig"/> with <c>--mu</c>. In
/// every case the runner's store holds the weights in [0, g_max] (hard bounds are the store's).
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
}
