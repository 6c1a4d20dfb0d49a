namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// How an STDP step scales with the current weight (see <see cref="StdpWeightDependence"/>). The names are the
/// command line's (docs/stdp.md, "Weight dependence"): <c>additive</c>, <c>van-rossum</c>, <c>gutig</c>; the
/// command line's <c>multiplicative</c> is <see cref="Gutig"/> with μ = 1 (<see cref="StdpWeightDependence.Multiplicative"/>).
/// Hard bounds are not a kind: they are the weight store's policy (<see cref="Synapses.WeightBounds"/>).
/// </summary>
public enum StdpWeightDependenceKind
{
    /// <summary>Additive (Song, Miller &amp; Abbott 2000; Gütig μ = 0): Δw₊ = A₊·x, Δw₋ = −A₋·y.</summary>
    Additive,

    /// <summary>van Rossum, Bi &amp; Turrigiano 2000: Δw₊ = A₊·x (weight-independent), Δw₋ = −A₋·(w/w_max)·y.</summary>
    VanRossum,

    /// <summary>Gütig et al. 2003: Δw₊ = A₊(1 − w/w_max)^μ·x, Δw₋ = −A₋(w/w_max)^μ·y (μ = 1: multiplicative).</summary>
    Gutig,
}
