namespace Plasticity.Experiments.Theory;

/// <summary>
/// What a rule's theory needs from a finished learning run, in core and analysis types (no CLI types), so the theory
/// that applies to a rule is data in the experiments layer.
/// </summary>
/// <param name="RuleName">The rule's name ("oja", "bcm", …).</param>
/// <param name="Eta">Learning rate η.</param>
/// <param name="Alpha">Oja's α.</param>
/// <param name="Decay">Hebb decay c.</param>
/// <param name="Theta">Gating threshold θ of the pre/post-gated rules.</param>
/// <param name="Target">Scaling target y_target.</param>
/// <param name="Rows">The data as fed to the rule.</param>
/// <param name="Pairs">Eigenpairs of the reference matrix (C or C⁰).</param>
/// <param name="MatrixName">"C" or "C⁰", for the descriptions.</param>
/// <param name="Initial">Initial weight rows.</param>
/// <param name="Final">Final weight rows.</param>
/// <param name="RecordSteps">Step of every recorded point.</param>
/// <param name="RecordNorms">‖w_i‖ per output at every recorded point.</param>
/// <param name="FinalAlignment">Alignment of each output with its target at the last record.</param>
/// <param name="FirstCrossing">Per output, the first step with alignment ≥ 0.99 (null if never).</param>
/// <param name="BcmThresholds">The BCM learner's final θ per output, or null for other rules.</param>
public sealed record RuleRun(
    string RuleName,
    double Eta,
    double Alpha,
    double Decay,
    double Theta,
    double Target,
    double[][] Rows,
    Eigenpairs Pairs,
    string MatrixName,
    double[][] Initial,
    double[][] Final,
    IReadOnlyList<long> RecordSteps,
    IReadOnlyList<double[]> RecordNorms,
    double[] FinalAlignment,
    long?[] FirstCrossing,
    double[]? BcmThresholds)
{
    /// <summary>Number of outputs.</summary>
    public int Outputs => Final.Length;

    /// <summary>Number of inputs.</summary>
    public int Inputs => Final.Length == 0 ? 0 : Final[0].Length;
}
