namespace Plasticity.Experiments.Checks;

/// <summary>
/// The registered theory-versus-simulation checks of every model family, in report order. A new family adds one
/// adapter (Families/) and one definitions file (Catalog/) and one line here.
/// </summary>
public static class CheckCatalog
{
    /// <summary>Every check of every level.</summary>
    public static IReadOnlyList<CheckDefinition> All { get; } =
    [
        .. HopfieldChecks.All(),
        .. RateChecks.All(),
        .. BcmChecks.All(),
        .. ScalingChecks.All(),
        .. GhaChecks.All(),
        .. CompetitiveChecks.All(),
        .. ContinuousHopfieldChecks.All(),
        .. SpikingChecks.All(),
        .. StdpChecks.All(),
        .. SmaChecks.All(),
    ];

    /// <summary>The family names, in report order.</summary>
    public static IReadOnlyList<string> Families { get; } = All.Select(c => c.Family).Distinct().ToArray();

    /// <summary>
    /// The checks of <paramref name="level"/> (Full includes Quick) whose family equals, or whose id starts with, one of
    /// <paramref name="only"/> (all when empty).
    /// </summary>
    public static IReadOnlyList<CheckDefinition> Select(CheckLevel level, IReadOnlyCollection<string> only, IReadOnlyList<CheckDefinition>? from = null)
    {
        ArgumentNullException.ThrowIfNull(only);
        return (from ?? All)
            .Where(c => level == CheckLevel.Full || c.Level == CheckLevel.Quick)
            .Where(c => only.Count == 0 || only.Any(name => Matches(c, name)))
            .ToArray();
    }

    /// <summary>The names in <paramref name="only"/> that match no check of any level (a misspelt family or prefix).</summary>
    public static IReadOnlyList<string> Unknown(IReadOnlyCollection<string> only, IReadOnlyList<CheckDefinition>? from = null)
    {
        ArgumentNullException.ThrowIfNull(only);
        var checks = from ?? All;
        return only.Where(name => !checks.Any(c => Matches(c, name))).ToArray();
    }

    private static bool Matches(CheckDefinition check, string name) =>
        string.Equals(check.Family, name, StringComparison.OrdinalIgnoreCase)
        || check.Id.StartsWith(name, StringComparison.OrdinalIgnoreCase);
}
