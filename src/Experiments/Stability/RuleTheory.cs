namespace Plasticity.Experiments.Stability;

/// <summary>Which matrix of the data a rule's averaged linear dynamics follow.</summary>
public enum DriftMatrix
{
    /// <summary>C = ⟨x xᵀ⟩ (1/n): Hebb, Oja, the gated rules on zero-mean data, GHA, subspace.</summary>
    Correlation,

    /// <summary>C⁰ = ⟨(x − ⟨x⟩)(x − ⟨x⟩)ᵀ⟩: the covariance rules.</summary>
    Covariance,

    /// <summary>A = C − diag(⟨x⟩): outstar's averaged dynamics ẇ = A w (E[x_j (y − w_j)] = (C w)_j − ⟨x_j⟩ w_j).</summary>
    OutstarDrift,
}

/// <summary>What a rule's final weights are compared with (the theory fixed point, computed from the data by EVD).</summary>
public enum FixedPointKind
{
    /// <summary>No fixed point the job can state.</summary>
    None,

    /// <summary>Every row along ±e₁ of the drift matrix (norm: 1/√α for Oja and Taylor-Oja, unbounded growth otherwise).</summary>
    Principal,

    /// <summary>Row i along ±e_i of C (GHA, Sanger 1989).</summary>
    Ordered,

    /// <summary>Rows in span(e₁ … e_m) of C (Oja's subspace rule): the cosine is ‖P_m w_i‖/‖w_i‖.</summary>
    Subspace,

    /// <summary>BCM's selective state on one-hot inputs: w = e_j*/p_j* for the stimulus j* = argmax_j w_j
    /// (Bienenstock, Cooper &amp; Munro 1982; BcmTheory.selectiveFixedPoint).</summary>
    Selective,

    /// <summary>Instar's averaged fixed point C w = (⟨x⟩·w) w that is stable when ⟨x⟩ lies along e₁:
    /// w* = λ₁ e₁ / (⟨x⟩·e₁).</summary>
    Instar,

    /// <summary>Synaptic scaling multiplies each row by one factor, so w ∥ w₀ exactly, and the averaged fixed point
    /// ⟨y⟩ = w·⟨x⟩ = y_target gives w* = w₀ y_target / (w₀·⟨x⟩).</summary>
    Scaling,

    /// <summary>Pair STDP with a soft-bound weight dependence on the spiking neuron: ⟨w⟩/g_max against the zero
    /// u* of the uncorrelated drift (StdpCompetitionTheory.UncorrelatedFixedPoint; multiplicative u* = A₊τ₊/(A₊τ₊ + A₋τ₋)).</summary>
    UncorrelatedStdp,

    /// <summary>Online k-means (competitive learning): each row that wins a sample sits at the mean of the samples it
    /// wins under the final weights (the fixed-point condition w_i = E[x | i wins]).</summary>
    CellMean,
}

/// <summary>The Lyapunov function whose monotonicity is measured along the run.</summary>
public enum EnergyKind
{
    /// <summary>Not applicable (no Lyapunov function of the averaged dynamics is known to the job).</summary>
    None,

    /// <summary>
    /// The subspace Rayleigh quotient L = tr(P_W M) (P_W the projector onto the row space of W; for one output
    /// L = wᵀMw / wᵀw), M the drift matrix. Non-decreasing along every averaged flow whose row-space motion is
    /// W M (I − P_W): Hebb and Oja (dL/dt = 2‖M w − L w‖²/‖w‖² ≥ 0), GHA and the subspace rule (their correction
    /// terms stay in the row space), outstar (ẇ = A w).
    /// </summary>
    RayleighAscending,

    /// <summary>The Intrator–Cooper (1992) BCM objective L = ⟨y³⟩/3 − ⟨y²⟩²/4 over the dataset: BCM's averaged flow
    /// with θ = ⟨y²⟩ (the fast-threshold limit) is its gradient ascent.</summary>
    BcmAscending,

    /// <summary>L = (w·⟨x⟩ − y_target)²: under the averaged scaling flow d(w·⟨x⟩)/dt = η (w·⟨x⟩)(y_target − w·⟨x⟩)
    /// it decreases while w·⟨x⟩ &gt; 0.</summary>
    ScalingDescending,
}

/// <summary>The theory registered for one rule: which fixed point and which Lyapunov function apply.</summary>
/// <param name="Rule">Rule name.</param>
/// <param name="Matrix">The drift matrix.</param>
/// <param name="FixedPoint">The fixed point the final weights are compared with.</param>
/// <param name="Energy">The Lyapunov function.</param>
/// <param name="Statement">One line for the documentation and the report.</param>
public sealed record RuleTheory(string Rule, DriftMatrix Matrix, FixedPointKind FixedPoint, EnergyKind Energy, string Statement)
{
    /// <summary>The theory of every rule of <see cref="RuleRunner.Names"/>.</summary>
    public static IReadOnlyList<RuleTheory> All { get; } =
    [
        new("hebb", DriftMatrix.Correlation, FixedPointKind.Principal, EnergyKind.RayleighAscending, "ẇ = C w: direction → ±e₁ of C, ‖w‖ grows as e^{λ₁ t} (diverges)"),
        new("hebb-decay", DriftMatrix.Correlation, FixedPointKind.Principal, EnergyKind.None, "ẇ = C w − c·1: direction → ±e₁ of C as the growth dominates the constant"),
        new("pre-gated", DriftMatrix.Correlation, FixedPointKind.Principal, EnergyKind.RayleighAscending, "ẇ = C w − θ⟨x⟩ = C w for zero-mean input"),
        new("post-gated", DriftMatrix.Correlation, FixedPointKind.Principal, EnergyKind.RayleighAscending, "ẇ = (C − θ 1⟨x⟩ᵀ) w = C w for zero-mean input"),
        new("covariance", DriftMatrix.Covariance, FixedPointKind.Principal, EnergyKind.RayleighAscending, "ẇ = C⁰ w: direction → ±e₁ of C⁰, unbounded growth"),
        new("covariance-running", DriftMatrix.Covariance, FixedPointKind.Principal, EnergyKind.RayleighAscending, "running means → ⟨x⟩, ⟨y⟩: ẇ ≈ C⁰ w"),
        new("oja", DriftMatrix.Correlation, FixedPointKind.Principal, EnergyKind.RayleighAscending, "ẇ = C w − α (wᵀCw) w: w → ±e₁/√α (Oja 1982)"),
        new("taylor", DriftMatrix.Correlation, FixedPointKind.Principal, EnergyKind.RayleighAscending, "Oja in the Taylor form (a2corr = η, d2post = −ηα): w → ±e₁/√α"),
        new("bcm", DriftMatrix.Correlation, FixedPointKind.Selective, EnergyKind.BcmAscending, "one-hot inputs: selective w = e_j/p_j, θ → ⟨y²⟩ = 1/p_j"),
        new("bcm-mean", DriftMatrix.Correlation, FixedPointKind.None, EnergyKind.None, "θ tracks ⟨y⟩: no stable selective state (no fixed point stated)"),
        new("scaling", DriftMatrix.Correlation, FixedPointKind.Scaling, EnergyKind.ScalingDescending, "w ∥ w₀ exactly; w·⟨x⟩ → y_target"),
        new("instar", DriftMatrix.Correlation, FixedPointKind.Instar, EnergyKind.None, "C w = (⟨x⟩·w) w: w → λ₁ e₁/(⟨x⟩·e₁) for input whose mean lies along e₁"),
        new("outstar", DriftMatrix.OutstarDrift, FixedPointKind.Principal, EnergyKind.RayleighAscending, "ẇ = (C − diag⟨x⟩) w: direction → top eigenvector of C − diag⟨x⟩"),
        new("gha", DriftMatrix.Correlation, FixedPointKind.Ordered, EnergyKind.RayleighAscending, "rows → ±e₁ … ±e_m of C in order, W Wᵀ → I (Sanger 1989)"),
        new("subspace", DriftMatrix.Correlation, FixedPointKind.Subspace, EnergyKind.RayleighAscending, "rows → an orthonormal basis of span(e₁ … e_m) (Oja 1989)"),
        new("competitive", DriftMatrix.Correlation, FixedPointKind.CellMean, EnergyKind.None, "each winning row → the mean of the samples it wins (online k-means)"),
        new("stdp-additive", DriftMatrix.Correlation, FixedPointKind.None, EnergyKind.None, "pair STDP, hard bounds [0, g_max]: ∫W < 0 makes the uncorrelated drift negative for every w; the causal correlation pushes the weights to the bounds (bimodal, Song, Miller & Abbott 2000)"),
        new("stdp-multiplicative", DriftMatrix.Correlation, FixedPointKind.UncorrelatedStdp, EnergyKind.None, "pair STDP, Gütig μ = 1: unimodal around u* = A₊τ₊/(A₊τ₊ + A₋τ₋) of the uncorrelated drift, shifted up by the causal correlation (Gütig et al. 2003)"),
    ];

    /// <summary>The theory of <paramref name="rule"/>.</summary>
    public static RuleTheory Of(string rule) =>
        All.FirstOrDefault(t => t.Rule == rule) ?? throw new ArgumentException($"no theory registered for rule '{rule}'.", nameof(rule));
}
