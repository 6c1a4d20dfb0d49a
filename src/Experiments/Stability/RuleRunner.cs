using Plasticity.Core.Data;
using Plasticity.Core.Neurons;
using Plasticity.Core.Plasticity;
using Plasticity.Core.Plasticity.MultiOutput;
using Plasticity.Core.Plasticity.Training;
using Plasticity.Core.Plasticity.TwoFactor;
using Plasticity.Core.Synapses;

namespace Plasticity.Experiments.Stability;

/// <summary>
/// Builds the rule of a stability point. Tests inject their own (a rule with a changed coefficient) to show that
/// <c>stability --compare</c> catches a behaviour change.
/// </summary>
/// <param name="point">The point (rule name, η and the rule's parameters).</param>
/// <param name="inputMeans">The sample mean ⟨x⟩ of the point's data (the covariance rule's fixed thresholds).</param>
public delegate IPlasticityRule StabilityRuleFactory(StabilityPoint point, double[] inputMeans);

/// <summary>How one training run of a point ended.</summary>
/// <param name="Weights">The final weights, one row per output (the last applied update).</param>
/// <param name="DivergedAtStep">The first step whose update was rejected as divergent (Trainer's report), or null.</param>
/// <param name="UpdatesApplied">Updates applied to the weights.</param>
public sealed record RunOutcome(double[][] Weights, long? DivergedAtStep, long UpdatesApplied);

/// <summary>
/// The one adapter between the stability job and the models: rule construction by name and the training call.
/// Every other file of the job works on plain arrays, so a change of the core's rule or trainer API is absorbed here.
/// </summary>
/// <remarks>
/// Training is online (one sample per step), in a fresh shuffled order per epoch, through a linear neuron y = W x,
/// on a <see cref="DenseWeightMatrix"/> without bounds: exactly what the theory of each rule assumes.
/// </remarks>
public static class RuleRunner
{
    /// <summary>Every rule the job knows, in report order (the rate and multi-output rules of <c>plasticity learn</c>).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "hebb", "hebb-decay", "pre-gated", "post-gated", "covariance", "covariance-running", "oja", "taylor",
        "bcm", "bcm-mean", "scaling", "instar", "outstar", "gha", "subspace", "competitive",
    ];

    /// <summary>
    /// The toolkit's own rule for <paramref name="point"/>. <c>taylor</c> is Oja's rule written in the Taylor form
    /// (a2corr = η, weight slope of a2post = −η α), so its theory is Oja's.
    /// </summary>
    public static IPlasticityRule Create(StabilityPoint point, double[] inputMeans)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(inputMeans);
        var g = point.Grid;
        var eta = point.Eta;
        return point.Rule switch
        {
            "hebb" => Local(new HebbRule(eta), "hebb"),
            "hebb-decay" => Local(new HebbRule(eta, g.Decay), "hebb-decay"),
            "pre-gated" => Local(CovarianceRule.PresynapticallyGated(eta, g.Theta), "pre-gated"),
            "post-gated" => Local(CovarianceRule.PostsynapticallyGated(eta, g.Theta), "post-gated"),
            "covariance" => new RunningCovarianceRule(eta, 0.0, [.. inputMeans]),
            "covariance-running" => new RunningCovarianceRule(eta, g.EtaTheta),
            "oja" => Local(new OjaRule(eta, g.Alpha), "oja"),
            "taylor" => Local(new TaylorRule(new TaylorCoefficients(0, 0, 0, eta, 0, 0), new TaylorCoefficients(0, 0, 0, 0, 0, -eta * g.Alpha)), "taylor"),
            "bcm" => new BcmRule(eta, g.EtaTheta, g.Theta, BcmThreshold.MeanSquare),
            "bcm-mean" => new BcmRule(eta, g.EtaTheta, g.Theta, BcmThreshold.Mean),
            "scaling" => Local(new SynapticScalingRule(eta, g.Target), "scaling"),
            "instar" => Local(new InstarRule(eta), "instar"),
            "outstar" => Local(new OutstarRule(eta), "outstar"),
            "gha" => new SangerRule(eta, Subspace: false),
            "subspace" => new SangerRule(eta, Subspace: true),
            "competitive" => new CompetitiveRule(eta),
            _ => throw new ArgumentException($"unknown rule '{point.Rule}'; known: {string.Join('|', Names)}.", nameof(point)),
        };
    }

    /// <summary>
    /// Trains <paramref name="point"/>'s rule (from <paramref name="factory"/>) on <paramref name="data"/> from
    /// <paramref name="initial"/> and reports the weights at every <paramref name="recordEvery"/>-th step, the first
    /// and the last (through <paramref name="checkpoint"/>), and how the run ended.
    /// </summary>
    /// <param name="point">The point.</param>
    /// <param name="data">The samples (row-major, d columns).</param>
    /// <param name="initial">Initial weights, one row per output.</param>
    /// <param name="factory">The rule factory.</param>
    /// <param name="order">The generator of the shuffled presentation order.</param>
    /// <param name="recordEvery">Steps between checkpoints (≥ 1).</param>
    /// <param name="checkpoint">Receives (step, weights) at each checkpoint; the rows are copies.</param>
    public static RunOutcome Run(
        StabilityPoint point,
        Dataset data,
        double[][] initial,
        StabilityRuleFactory factory,
        Random order,
        int recordEvery,
        Action<long, double[][]> checkpoint)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var weights = DenseWeightMatrix.FromRows(initial);
        var settings = new TrainingSettings(
            point.Grid.Epochs, PresentationOrder.Shuffled, TrainingMode.Online, 1, point.Grid.DivergenceLimit, recordEvery);
        var rule = factory(point, data.Mean());
        var result = Trainer.Run(
            weights, LinearTransfer.Instance, data, rule, settings, order, (step, w) => checkpoint(step, Rows(w)));
        return new RunOutcome(weights.ToRows(), result.DivergedAtStep, result.UpdatesApplied);
    }

    private static double[][] Rows(IWeightMatrix w)
    {
        var rows = new double[w.Outputs][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[w.Inputs];
            w.CopyRow(i, rows[i]);
        }

        return rows;
    }

    private static LocalLayerRule Local(ILocalRule rule, string name) => new(rule, name);
}
