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
public sealed record StabilityRunOutcome(double[][] Weights, long? DivergedAtStep, long UpdatesApplied);

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
    /// <summary>
    /// The spiking rules, an explicit extra set beyond <c>plasticity learn</c>'s catalogue: all-to-all pair STDP on the
    /// Song–Miller–Abbott neuron (<see cref="SongMillerAbbottRunner"/>), additive and multiplicative (Gütig μ = 1).
    /// </summary>
    public static IReadOnlyList<string> SpikingNames { get; } = ["stdp-additive", "stdp-multiplicative"];

    /// <summary>Every rule the job knows, in report order: the rate and multi-output rules of <c>plasticity learn</c>,
    /// then <see cref="SpikingNames"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "hebb", "hebb-decay", "pre-gated", "post-gated", "covariance", "covariance-running", "oja", "taylor",
        "bcm", "bcm-mean", "scaling", "instar", "outstar", "gha", "subspace", "competitive",
        .. SpikingNames,
    ];

    /// <summary>True for the rules run on the spiking neuron (<see cref="SpikingNames"/>).</summary>
    public static bool IsSpiking(string rule) => SpikingNames.Contains(rule);

    /// <summary>g_max of the spiking points (<see cref="SongMillerAbbottParameters.MaxWeight"/>, the classic 0.01).</summary>
    public static double SpikingMaxWeight => new SongMillerAbbottParameters().MaxWeight;

    /// <summary>
    /// The pair window of a spiking point: A₊ = η·g_max (η is the grid's learning-rate axis), A₋ = 1.05 A₊,
    /// τ₊ = τ₋ = 20 ms (Song, Miller &amp; Abbott 2000; the defaults of <c>plasticity stdp competition</c>).
    /// </summary>
    public static StdpWindow SpikingWindow(StabilityPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var aPlus = point.Eta * SpikingMaxWeight;
        return new StdpWindow(aPlus, 1.05 * aPlus, 20.0, 20.0);
    }

    /// <summary>
    /// The toolkit's own rule for <paramref name="point"/>. <c>taylor</c> is Oja's rule written in the Taylor form
    /// (a2corr = η, weight slope of a2post = −η α), so its theory is Oja's.
    /// </summary>
    public static IPlasticityRule Create(StabilityPoint point, double[] inputMeans)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(inputMeans);
        var g = point.Grid;
        return point.Rule switch
        {
            "stdp-additive" => new PairStdpRule(SpikingWindow(point), StdpPairing.AllToAll, StdpWeightDependence.Additive),
            "stdp-multiplicative" => new PairStdpRule(SpikingWindow(point), StdpPairing.AllToAll, StdpWeightDependence.Multiplicative(SpikingMaxWeight)),
            _ when !Names.Contains(point.Rule) => throw new ArgumentException($"unknown rule '{point.Rule}'; known: {string.Join('|', Names)}.", nameof(point)),
            // taylor: a2corr = 1 and the slope of a2post = −α, in units of η (RuleFactory multiplies by η).
            _ => RuleFactory.Create(point.Rule, new RuleParameters(point.Eta, g.Alpha, g.Theta, g.EtaTheta, g.Target, g.Decay, [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 0, -g.Alpha]), inputMeans),
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
    public static StabilityRunOutcome Run(
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
            weights, LinearTransfer.Instance, data, rule, settings, order, (step, w) => checkpoint(step, WeightRows.Of(w)));
        return new StabilityRunOutcome(weights.ToRows(), result.DivergedAtStep, result.UpdatesApplied);
    }

    /// <summary>
    /// One Song–Miller–Abbott run of a spiking point: N = d Poisson inputs at the point's rate onto the LIF neuron,
    /// dt = 0.1 ms, the grid's duration, initial weights U·g_max and inputs drawn from the point's seed, the store
    /// bounded to [0, g_max], the rule from <paramref name="factory"/>.
    /// </summary>
    /// <returns>The final weights (absolute), the output rate (Hz) and the steps run.</returns>
    public static (double[] Weights, double OutputRateHz, long Steps) RunSpiking(StabilityPoint point, StabilityRuleFactory factory)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(factory);
        var parameters = new SongMillerAbbottParameters
        {
            Inputs = point.Dimension,
            InputRateHz = point.InputRateHz,
            Duration = point.Grid.DurationMs,
            TimeStep = 0.1,
        };
        var rule = factory(point, new double[point.Dimension]);
        var result = new SongMillerAbbottRunner(parameters, rule, StabilityInputs.Spiking(point)).Run();
        return (result.FinalWeights, result.OutputRate, parameters.Steps);
    }
}
