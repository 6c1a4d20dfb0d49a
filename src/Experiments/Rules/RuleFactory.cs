namespace Plasticity.Experiments.Rules;

/// <summary>
/// The rate and multi-output rules by name: the one place that turns a name and its parameters into a rule, used by
/// <c>plasticity learn</c> (its catalogue adds help text and theory metadata) and by the stability grid.
/// </summary>
public static class RuleFactory
{
    /// <summary>Every name <see cref="Create"/> knows, in help order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "hebb", "taylor", "hebb-decay", "pre-gated", "post-gated", "covariance", "covariance-running", "oja",
        "bcm", "bcm-mean", "scaling", "instar", "outstar", "gha", "subspace", "competitive",
    ];

    /// <summary>The rule <paramref name="name"/> with parameters <paramref name="p"/>.</summary>
    /// <param name="name">One of <see cref="Names"/> (exact spelling).</param>
    /// <param name="p">The parameters (each rule reads the ones its equation has).</param>
    /// <param name="inputMeans">⟨x⟩ of the data as fed: the fixed thresholds of <c>covariance</c>.</param>
    public static IPlasticityRule Create(string name, RuleParameters p, IReadOnlyList<double> inputMeans)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(inputMeans);
        return name switch
        {
            "hebb" => Local(new HebbRule(p.Eta), name),
            "taylor" => Local(new TaylorRule(Taylor(p.Taylor, p.Eta), Taylor(p.TaylorSlope, p.Eta)), name),
            "hebb-decay" => Local(new HebbRule(p.Eta, p.Decay), name),
            "pre-gated" => Local(CovarianceRule.PresynapticallyGated(p.Eta, p.Theta), name),
            "post-gated" => Local(CovarianceRule.PostsynapticallyGated(p.Eta, p.Theta), name),
            "covariance" => new RunningCovarianceRule(p.Eta, 0.0, [.. inputMeans]),
            "covariance-running" => new RunningCovarianceRule(p.Eta, p.EtaTheta),
            "oja" => Local(new OjaRule(p.Eta, p.Alpha), name),
            "bcm" => new BcmRule(p.Eta, p.EtaTheta, p.Theta, BcmThreshold.MeanSquare),
            "bcm-mean" => new BcmRule(p.Eta, p.EtaTheta, p.Theta, BcmThreshold.Mean),
            "scaling" => Local(new SynapticScalingRule(p.Eta, p.Target), name),
            "instar" => Local(new InstarRule(p.Eta), name),
            "outstar" => Local(new OutstarRule(p.Eta), name),
            "gha" => new SangerRule(p.Eta, Subspace: false),
            "subspace" => new SangerRule(p.Eta, Subspace: true),
            "competitive" => new CompetitiveRule(p.Eta),
            _ => throw new ArgumentException($"unknown rule '{name}'; known: {string.Join('|', Names)}.", nameof(name)),
        };
    }

    /// <summary>Coefficients in units of η: (η·c₀, …, η·c₅).</summary>
    private static TaylorCoefficients Taylor(double[] c, double eta) =>
        new(eta * c[0], eta * c[1], eta * c[2], eta * c[3], eta * c[4], eta * c[5]);

    private static LocalLayerRule Local(ILocalRule rule, string name) => new(rule, name);
}
