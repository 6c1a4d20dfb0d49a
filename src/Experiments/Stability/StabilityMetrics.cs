namespace Plasticity.Experiments.Stability;

/// <summary>
/// The metrics that define a rule's stability, with their tolerances. Every baseline file carries this table (name,
/// meaning, tolerance, derivation), so a baseline documents itself.
/// </summary>
/// <remarks>
/// <para>Exact metrics are integers, flags or counts of a deterministic run: the same seed gives the same run, so any
/// change is a change of behaviour.</para>
/// <para>Relative tolerance <see cref="RoundingRelative"/> for the real-valued metrics, derived as a rounding bound: a
/// run is T = n·epochs ≤ 10⁵ online updates, each a few O(d) floating-point operations (d ≤ 64 in practice); the same
/// binary on the same machine reproduces it bit for bit, but another SIMD width (TensorPrimitives on AVX2, AVX-512 or
/// NEON) reorders the sums of y = W x and of the norms, a relative difference of at most d·ε per step (ε = 2⁻⁵³ ≈
/// 1.1·10⁻¹⁶). For a contracting (stable) rule these do not compound, so after T steps the relative difference is at
/// most T·d·ε ≈ 10⁵·64·1.1·10⁻¹⁶ ≈ 7·10⁻¹⁰ &lt; 10⁻⁹; for a growing (Hebbian) run the relative error of an
/// exponentially growing vector also adds up linearly. The absolute part <see cref="RoundingAbsolute"/> covers values
/// that are zero in exact arithmetic (a weight mean, a skew of a symmetric distribution), whose rounding is relative
/// to the O(1) weights, not to themselves. A deliberate change (a coefficient changed by 1 %) moves the final weights
/// by orders of magnitude more than 10⁻⁹.</para>
/// </remarks>
public static class StabilityMetrics
{
    /// <summary>Relative part of the rounding tolerance (see remarks).</summary>
    public const double RoundingRelative = 1e-9;

    /// <summary>Absolute part of the rounding tolerance (weights are O(1)).</summary>
    public const double RoundingAbsolute = 1e-12;

    /// <summary>A checkpoint-to-checkpoint move of the energy against the theory's direction counts only above this
    /// fraction of the energy's scale (max |L| over the run): pure rounding of L is ~d·ε of its scale.</summary>
    public const double EnergySlack = 1e-12;

    /// <summary>Metric names.</summary>
    public const string Diverged = "diverged";

    /// <summary>Metric names.</summary>
    public const string DivergenceStep = "divergence_step";

    /// <summary>Metric names.</summary>
    public const string UpdatesApplied = "updates_applied";

    /// <summary>Metric names.</summary>
    public const string FinalNorm = "final_norm";

    /// <summary>Metric names.</summary>
    public const string TheoryCos = "theory_cos";

    /// <summary>Metric names.</summary>
    public const string TheoryNormRatio = "theory_norm_ratio";

    /// <summary>Metric names.</summary>
    public const string Selectivity = "selectivity";

    /// <summary>Metric names.</summary>
    public const string WeightMean = "weight_mean";

    /// <summary>Metric names.</summary>
    public const string WeightSd = "weight_sd";

    /// <summary>Metric names.</summary>
    public const string WeightSkew = "weight_skew";

    /// <summary>Metric names.</summary>
    public const string EnergyFinal = "energy_final";

    /// <summary>Metric names.</summary>
    public const string EnergyMonotoneFraction = "energy_monotone_fraction";

    /// <summary>Metric names.</summary>
    public const string EnergyLargestReverse = "energy_largest_reverse";

    /// <summary>Metric names (spiking rules).</summary>
    public const string WithinBounds = "within_bounds";

    /// <summary>Metric names (spiking rules).</summary>
    public const string MeanOverGMax = "mean_over_gmax";

    /// <summary>Metric names (spiking rules).</summary>
    public const string NearBoundsFraction = "near_bounds_fraction";

    /// <summary>Metric names (spiking rules).</summary>
    public const string OutputRate = "output_rate_hz";

    /// <summary>Metric names (spiking rules).</summary>
    public const string FixedPointDistance = "fixed_point_distance";

    /// <summary>A weight within this fraction of g_max of 0 or g_max counts as near a bound.</summary>
    public const double NearBound = 0.1;

    private const string ExactWhy = "a deterministic integer, flag or count of a seeded run: the same seed must give the same value";

    private const string SpikingWhy = "a seeded spiking run is bit-exact on the same binary and machine; the rounding tolerance flags any change (another SIMD width may move a threshold crossing and so a whole spike train: regenerate the baseline there)";

    private const string RoundingWhy = "rounding bound T·d·ε ≈ 7e-10 for T ≤ 1e5 steps of O(d ≤ 64) operations under another SIMD width (see docs/stability.md); bit-exact on the same binary and machine";

    /// <summary>Every metric, in column order.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new(Diverged, "1 if the Trainer rejected a step as divergent (a row norm above the limit or a non-finite value), else 0", Tolerance.ExactMatch, ExactWhy),
        new(DivergenceStep, "the step the Trainer reported as divergent (that update was not applied); null if bounded", Tolerance.ExactMatch, ExactWhy),
        new(UpdatesApplied, "updates applied to the weights (n·epochs if bounded, divergence_step − 1 otherwise)", Tolerance.ExactMatch, ExactWhy),
        new(FinalNorm, "largest row norm max_i ‖w_i‖ of the final weights", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(TheoryCos, "|cos| of the final weights with the theory fixed point computed by EVD of the data (the rule's fixed-point kind; the smallest over rows for several outputs); null where no fixed point is stated", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(TheoryNormRatio, "‖w‖/‖w*‖ for fixed points with a norm (Oja and Taylor-Oja 1/√α, BCM 1/p_j*, instar, scaling; the mean over rows for competitive); null otherwise", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(Selectivity, "1 − mean_k |y_k| / max_k |y_k| over the dataset, averaged over outputs (Bienenstock et al. 1982; BCM's selective state has 1 − p_j*)", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(WeightMean, "mean of all final weights w_ij", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(WeightSd, "standard deviation (1/N) of all final weights", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(WeightSkew, "skewness m₃/m₂^{3/2} of all final weights (0 when they are all equal)", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(EnergyFinal, "the rule's Lyapunov function L at the last checkpoint (RuleTheory.Energy: subspace Rayleigh quotient, BCM objective or scaling error); null where none applies", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(EnergyMonotoneFraction, "fraction of checkpoint intervals in which L did not move against the theory's direction by more than 1e-12 of its scale (1 = monotone); null where no L applies", Tolerance.ExactMatch, ExactWhy),
        new(EnergyLargestReverse, "the largest move of L against the theory's direction between checkpoints, as a fraction of max |L| (0 = monotone); null where no L applies", Tolerance.Within(RoundingRelative, RoundingAbsolute), RoundingWhy),
        new(WithinBounds, "spiking rules: 1 if every final weight lies in [0, g_max] (the store clamps, so always 1), else 0; null for rate rules", Tolerance.ExactMatch, ExactWhy),
        new(MeanOverGMax, "spiking rules: mean final weight ⟨w⟩/g_max; null for rate rules", Tolerance.Within(RoundingRelative, RoundingAbsolute), SpikingWhy),
        new(NearBoundsFraction, "spiking rules: fraction of final weights within 0.1·g_max of 0 or g_max (bimodality); null for rate rules", Tolerance.ExactMatch, SpikingWhy),
        new(OutputRate, "spiking rules: output rate (Hz) over the run; null for rate rules", Tolerance.Within(RoundingRelative, RoundingAbsolute), SpikingWhy),
        new(FixedPointDistance, "stdp-multiplicative: ⟨w⟩/g_max − u*, u* = A₊τ₊/(A₊τ₊ + A₋τ₋) the zero of the uncorrelated drift (StdpCompetitionTheory.UncorrelatedFixedPoint; positive: the causal correlation's excess potentiation); null otherwise", Tolerance.Within(RoundingRelative, RoundingAbsolute), SpikingWhy),
    ];

    /// <summary>The definition of <paramref name="name"/>, or null.</summary>
    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
