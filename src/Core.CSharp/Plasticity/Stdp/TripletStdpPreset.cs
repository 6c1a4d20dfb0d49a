namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// A published parameter set of the triplet rule with the pairing scheme it was fitted under.
/// </summary>
/// <param name="Name">CLI name (e.g. <c>visual-cortex-all-to-all-minimal</c>).</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="Pairing">The scheme the amplitudes were fitted under (all-to-all or nearest-spike).</param>
/// <param name="Verified">True when every value was found identical in two independent public transcriptions of
/// Pfister &amp; Gerstner 2006's tables; false when only one was found (use with care, see <paramref name="Source"/>).</param>
/// <param name="Source">Where the values come from and how they were checked.</param>
public sealed record TripletStdpPreset(string Name, TripletStdpParameters Parameters, StdpPairing Pairing, bool Verified, string Source);
