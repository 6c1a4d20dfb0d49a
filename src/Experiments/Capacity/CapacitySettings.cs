namespace Plasticity.Experiments.Capacity;

/// <summary>Settings shared by every point of a capacity sweep.</summary>
/// <remarks>
/// The effort (trials, retrievals) may differ by network size N, because one retrieval costs milliseconds at
/// N = 10³ and minutes at N = 10⁶: <see cref="TrialsByN"/> and <see cref="RetrievalsByN"/> then give the value for
/// each N of the sweep, and <see cref="Trials"/> and <see cref="RetrievalsPerTrial"/> hold the largest of them (the
/// bound a caller that does not look per N must assume). A point runs under <see cref="At"/>(N), which has the single
/// values of its N and no per-N maps, so the experiment itself never sees the maps.
/// </remarks>
/// <param name="Rule">Storage rule.</param>
/// <param name="Measure">What each trial measures.</param>
/// <param name="Trials">Independent pattern sets per point (≥ 1); with <see cref="TrialsByN"/>, the largest of them.</param>
/// <param name="CueFlip">Fraction f of bits flipped in the start state (exactly round(fN) bits), in [0, 0.5).</param>
/// <param name="RetrievalsPerTrial">Stored patterns retrieved per trial for <see cref="CapacityMeasure.FixedPoint"/> (min with P); with <see cref="RetrievalsByN"/>, the largest of them.</param>
/// <param name="Order">Update order of the fixed-point dynamics.</param>
/// <param name="MaxSweeps">Sweep cap of the fixed-point dynamics.</param>
/// <param name="Diagonal">Diagonal convention of the storage rule.</param>
public sealed record CapacitySettings(
    StorageRule Rule,
    CapacityMeasure Measure,
    int Trials,
    double CueFlip = 0.0,
    int RetrievalsPerTrial = 10,
    UpdateOrder Order = UpdateOrder.AsyncRandomPermutation,
    int MaxSweeps = 100,
    DiagonalConvention Diagonal = DiagonalConvention.Zero)
{
    /// <summary>Trials by network size N when they differ by N; null when every N runs <see cref="Trials"/>.</summary>
    public IReadOnlyDictionary<int, int>? TrialsByN { get; init; }

    /// <summary>Retrievals per trial by network size N when they differ by N; null when every N uses <see cref="RetrievalsPerTrial"/>.</summary>
    public IReadOnlyDictionary<int, int>? RetrievalsByN { get; init; }

    /// <summary>Whether the effort differs by N (<see cref="TrialsByN"/> or <see cref="RetrievalsByN"/> set).</summary>
    public bool EffortByN => TrialsByN is not null || RetrievalsByN is not null;

    /// <summary>Trials of the points with network size <paramref name="n"/>.</summary>
    public int TrialsAt(int n) => TrialsByN is { } byN && byN.TryGetValue(n, out var t) ? t : Trials;

    /// <summary>Retrievals per trial of the points with network size <paramref name="n"/> (before the min with P).</summary>
    public int RetrievalsAt(int n) => RetrievalsByN is { } byN && byN.TryGetValue(n, out var r) ? r : RetrievalsPerTrial;

    /// <summary>
    /// The settings a point of size <paramref name="n"/> runs under: this record itself when the effort is the same for
    /// every N, otherwise a copy with that N's trials and retrievals and no per-N maps.
    /// </summary>
    public CapacitySettings At(int n) => EffortByN
        ? this with { Trials = TrialsAt(n), RetrievalsPerTrial = RetrievalsAt(n), TrialsByN = null, RetrievalsByN = null }
        : this;

    /// <summary>
    /// These settings with the effort given per N: <paramref name="trials"/> and <paramref name="retrievals"/> are
    /// aligned with <paramref name="ns"/> (one value each), or hold a single value for every N. A list whose values are
    /// all equal is the single value, so a sweep spelt either way is the same sweep (same store, same outputs).
    /// </summary>
    /// <exception cref="ArgumentException">A list that is neither one value nor one per N, or repeated N.</exception>
    public CapacitySettings WithEffort(IReadOnlyList<int> ns, IReadOnlyList<int> trials, IReadOnlyList<int> retrievals)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(retrievals);
        var trialsByN = ByN(ns, trials, nameof(Trials));
        var retrievalsByN = ByN(ns, retrievals, nameof(RetrievalsPerTrial));
        return this with
        {
            Trials = trials.Max(),
            RetrievalsPerTrial = retrievals.Max(),
            TrialsByN = trialsByN,
            RetrievalsByN = retrievalsByN,
        };
    }

    private static Dictionary<int, int>? ByN(IReadOnlyList<int> ns, IReadOnlyList<int> values, string parameter)
    {
        if (values.Count == 0 || (values.Count != 1 && values.Count != ns.Count))
        {
            throw new ArgumentException($"give one value or one per network size ({ns.Count}), not {values.Count}.", parameter);
        }

        if (values.All(v => v == values[0]))
        {
            return null;
        }

        var byN = new Dictionary<int, int>();
        for (var i = 0; i < ns.Count; i++)
        {
            if (!byN.TryAdd(ns[i], values[i]))
            {
                throw new ArgumentException($"network size {ns[i]} is listed twice.", parameter);
            }
        }

        return byN;
    }
}
