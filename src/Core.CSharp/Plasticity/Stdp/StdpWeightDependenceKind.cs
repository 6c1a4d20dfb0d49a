namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>How an STDP step scales with the current weight (see <see cref="StdpWeightDependence"/>).</summary>
public enum StdpWeightDependenceKind
{
    /// <summary>Additive, no bounds: Δw₊ = A₊·x, Δw₋ = −A₋·y (for drift theory; weights may leave [0, w_max]).</summary>
    AdditiveUnbounded,

    /// <summary>Additive with hard bounds: Δw₊ = A₊·x, Δw₋ = −A₋·y, then w ← clip(w, 0, w_max) (Song, Miller &amp; Abbott 2000).</summary>
    Additive,

    /// <summary>van Rossum, Bi &amp; Turrigiano 2000: Δw₊ = A₊·x (weight-independent), Δw₋ = −A₋·(w/w_max)·y; clip to [0, w_max].</summary>
    Multiplicative,

    /// <summary>Gütig et al. 2003: Δw₊ = A₊(1 − w/w_max)^μ·x, Δw₋ = −A₋(w/w_max)^μ·y; clip to [0, w_max].</summary>
    Gutig,
}
