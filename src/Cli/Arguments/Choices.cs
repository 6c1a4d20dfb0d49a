namespace Plasticity.Cli.Arguments;

/// <summary>
/// Every command-line choice of the program in one place: name → value tables used by the option parsers, the help
/// texts, the error messages and the names written to CSV/JSON.
/// </summary>
/// <remarks>
/// <para>How a command uses a table: declare the option with
/// <c>TypedOptions.Choice("--order", Choices.UpdateOrders, UpdateOrder.AsyncRandomPermutation, "Update order.")</c>
/// (help lists <see cref="ChoiceTable{T}.Allowed"/>; a bad name is one line naming the option and the names, exit
/// code 2), read the typed value with <c>parseResult.GetValue(option)</c>, and write its name back with
/// <c>Choices.UpdateOrders.NameOf(value)</c>.</para>
/// <para>Tables over a core enum name every member (a test checks it by reflection over the enum), so adding a
/// member to the core without a command-line name fails the build's tests instead of printing a C# identifier.</para>
/// </remarks>
public static class Choices
{
    /// <summary>Storage rules of the Hopfield network (<c>capacity --rule</c>).</summary>
    public static ChoiceTable<StorageRule> StorageRules { get; } = new(
        "storage rule",
        new("hebb", StorageRule.Hebbian),
        new("storkey", StorageRule.Storkey),
        new("pseudo-inverse", StorageRule.PseudoInverse));

    /// <summary>Capacity measures (<c>capacity --measure</c>).</summary>
    public static ChoiceTable<CapacityMeasure> CapacityMeasures { get; } = new(
        "capacity measure",
        new("one-step", CapacityMeasure.OneStep),
        new("fixed-point", CapacityMeasure.FixedPoint));

    /// <summary>Update orders of the Hopfield fixed-point dynamics (<c>capacity --order</c>).</summary>
    public static ChoiceTable<UpdateOrder> UpdateOrders { get; } = new(
        "update order",
        new("async-random", UpdateOrder.AsyncRandomPermutation),
        new("async-fixed", UpdateOrder.AsyncFixed),
        new("sync", UpdateOrder.Synchronous));

    /// <summary>Diagonal conventions of the Hopfield weight matrix (<c>capacity --diagonal</c>).</summary>
    public static ChoiceTable<DiagonalConvention> Diagonals { get; } = new(
        "diagonal convention",
        new("zero", DiagonalConvention.Zero),
        new("keep", DiagonalConvention.Keep));

    /// <summary>
    /// Presentation orders of sample-based training (<c>learn --order</c>): cyclic = file order, epoch after epoch;
    /// shuffled = a new permutation each epoch; sampled = i.i.d. draws with replacement.
    /// </summary>
    public static ChoiceTable<PresentationOrder> PresentationOrders { get; } = new(
        "presentation order",
        new("cyclic", PresentationOrder.Cyclic),
        new("shuffled", PresentationOrder.Shuffled),
        new("sampled", PresentationOrder.Sampled));

    /// <summary>Update modes of sample-based training (<c>learn --mode</c>).</summary>
    public static ChoiceTable<TrainingMode> TrainingModes { get; } = new(
        "training mode",
        new("online", TrainingMode.Online),
        new("minibatch", TrainingMode.MiniBatch),
        new("averaged", TrainingMode.Averaged));

    /// <summary>
    /// The rules of <c>plasticity learn</c> by name. The entries (equation, theory matrix, construction) live in
    /// <see cref="RuleCatalog"/> next to the rules; this is their name table.
    /// </summary>
    public static ChoiceTable<RuleEntry> LearnRules { get; } = ChoiceTable.Of("learning rule", RuleCatalog.Rules, r => r.Name);

    /// <summary>STDP rule kinds (<c>stdp --rule</c>); the value is the name itself.</summary>
    public static ChoiceTable<string> StdpRules { get; } = ChoiceTable.OfNames("STDP rule", "pair", "triplet");

    /// <summary>STDP pairing schemes (<c>stdp --pairing</c>).</summary>
    public static ChoiceTable<StdpPairing> StdpPairings { get; } = new(
        "STDP pairing",
        new("all-to-all", StdpPairing.AllToAll),
        new("nearest-symmetric", StdpPairing.NearestSymmetric),
        new("presynaptic-centred", StdpPairing.PresynapticCentred));

    /// <summary>
    /// Weight dependences of the STDP competition experiment (<c>stdp competition --weight-dependence</c>); the value
    /// is the name itself. <c>multiplicative</c> is Rubin, Lee &amp; Sompolinsky 2001 / Gütig et al. 2003 with μ = 1
    /// (soft bounds on both sides); <c>van-rossum</c> is van Rossum, Bi &amp; Turrigiano 2000 (additive potentiation,
    /// depression ∝ w); <c>gutig</c> is the μ family with <c>--mu</c>.
    /// </summary>
    public static ChoiceTable<string> StdpWeightDependences { get; } =
        ChoiceTable.OfNames("STDP weight dependence", "additive", "multiplicative", "van-rossum", "gutig");

    /// <summary>Triplet STDP presets by name, verified first (the order of <see cref="TripletStdpPresets.All"/>).</summary>
    public static ChoiceTable<TripletStdpPreset> TripletPresets { get; } = ChoiceTable.Of("triplet STDP preset", TripletStdpPresets.All, p => p.Name);

    /// <summary>Every table above, for help pages and the completeness test.</summary>
    public static IReadOnlyList<IChoiceTable> All { get; } =
    [
        StorageRules, CapacityMeasures, UpdateOrders, Diagonals, PresentationOrders, TrainingModes, LearnRules, StdpRules,
        StdpPairings, StdpWeightDependences, TripletPresets,
    ];
}
