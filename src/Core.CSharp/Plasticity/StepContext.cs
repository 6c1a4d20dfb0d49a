using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity;

/// <summary>
/// What a plasticity rule sees of the world during one step, besides the pre- and postsynaptic activity: the step
/// length, the current weights (read-only) and the third factor.
/// </summary>
/// <param name="Dt">
/// Step length. Units are the loop's: ms for spiking runs, 1 per sample (or per batch) for sample-based training,
/// the integrator step for continuous-time training. A rule that integrates a state over time (a trace, a running
/// mean in continuous time) uses it; a rule defined per sample ignores it.
/// </param>
/// <param name="Weights">The weights before this step's change (read-only: rules compute ΔW, the store applies it).</param>
/// <param name="Modulator">The third factor M(t) (reward, surprise, a neuromodulator); 1 when the loop has none. Two-factor rules ignore it.</param>
public readonly record struct StepContext(double Dt, IWeightView Weights, double Modulator = 1.0);
