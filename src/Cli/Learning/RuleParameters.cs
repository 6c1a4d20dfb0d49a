namespace Plasticity.Cli.Learning;

/// <summary>
/// The rule parameters of <c>plasticity learn</c>, already range-checked by the binder.
/// </summary>
/// <param name="Eta">Learning rate η &gt; 0 (per step).</param>
/// <param name="Alpha">Oja normalisation α &gt; 0 (in units of η: Δw = η(x y − α y² w), ‖w‖ → 1/√α).</param>
/// <param name="Theta">Threshold θ: gated rules' θ, BCM's initial θ.</param>
/// <param name="EtaTheta">Rate of BCM's sliding threshold, and of the running means of <c>covariance-running</c>, in (0, 1].</param>
/// <param name="Target">Synaptic scaling's target rate y_target.</param>
/// <param name="Decay">Constant decay c of <c>hebb-decay</c> (Δw = η x y − c).</param>
public sealed record RuleParameters(double Eta, double Alpha, double Theta, double EtaTheta, double Target, double Decay);
