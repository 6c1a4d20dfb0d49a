namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Which pre/post spike pairs interact, implemented through how a spike updates its own trace
/// (Morrison, Diesmann &amp; Gerstner 2008, Biol. Cybern. 98:459, §4.1 and Fig. 7). Δt = t_post − t_pre.
/// </summary>
/// <remarks>
/// Every scheme reads a trace BEFORE the reading spike updates its own side's trace, and the loop order (all pre
/// spikes of a step before the post spike, see <see cref="PairStdpRule"/>) makes a coincident pair (Δt = 0)
/// count as pre-before-post: the post spike's potentiation sees the pre trace that already holds the
/// coincident pre spike; the pre spike's depression does not see the coincident post spike.
/// </remarks>
public enum StdpPairing
{
    /// <summary>
    /// Every pre spike pairs with every post spike: traces jump x ← x + 1 at each own spike, so a post spike
    /// potentiates with Σ over all earlier (or coincident) pre spikes A₊e^{−Δt/τ₊}, and a pre spike depresses
    /// with Σ over all strictly earlier post spikes.
    /// </summary>
    AllToAll,

    /// <summary>
    /// Symmetric nearest-spike (Morrison et al. 2008 Fig. 7A; NEST <c>stdp_nn_symm_synapse</c>): traces are
    /// reset x ← 1 at each own spike on both sides, so a post spike potentiates only with the latest pre spike at
    /// or before it and a pre spike depresses only with the latest post spike strictly before it. A spike can
    /// take part in several pairs (a pre spike followed by two post spikes potentiates twice).
    /// </summary>
    NearestSymmetric,

    /// <summary>
    /// Presynaptically centred nearest-spike (Morrison et al. 2008 Fig. 7B; NEST
    /// <c>stdp_nn_pre_centered_synapse</c>): each pre spike pairs with its nearest preceding post spike
    /// (depression) and its nearest following post spike (potentiation). Traces: the pre trace jumps x ← x + 1 at
    /// a pre spike and is reset x ← 0 after every post spike (each pre spike is consumed by the first post spike
    /// at or after it); the post trace is reset y ← 1 at a post spike. So a post spike potentiates with every pre
    /// spike since the previous post spike, each pre spike depresses with the latest earlier post spike.
    /// </summary>
    PresynapticCentred,
}
