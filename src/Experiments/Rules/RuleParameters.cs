namespace Plasticity.Experiments.Rules;

/// <summary>
/// The parameters of the rate and multi-output rules built by name (<see cref="RuleFactory"/>), already range-checked by the caller (the <c>learn</c> options, a stability grid).
/// </summary>
/// <param name="Eta">Learning rate η &gt; 0 (per step).</param>
/// <param name="Alpha">Oja normalisation α &gt; 0 (in units of η: Δw = η(x y − α y² w), ‖w‖ → 1/√α).</param>
/// <param name="Theta">Threshold θ: gated rules' θ, BCM's initial θ.</param>
/// <param name="EtaTheta">Rate of BCM's sliding threshold, and of the running means of <c>covariance-running</c>, in (0, 1].</param>
/// <param name="Target">Synaptic scaling's target rate y_target.</param>
/// <param name="Decay">Constant decay c of <c>hebb-decay</c> (Δw = η x y − c).</param>
/// <param name="Taylor">
/// <c>taylor</c>: the six coefficients (a0, a1pre, a1post, a2corr, a2pre, a2post) in units of η, so
/// Δw = η·(a0 + a1pre x + a1post y + a2corr x y + a2pre x² + a2post y²) + w·η·(slope polynomial).
/// </param>
/// <param name="TaylorSlope"><c>taylor</c>: the weight slopes d_k of the coefficients (a_k(w) = c_k + d_k w), in units of η.</param>
public sealed record RuleParameters(double Eta, double Alpha, double Theta, double EtaTheta, double Target, double Decay, double[] Taylor, double[] TaylorSlope);
