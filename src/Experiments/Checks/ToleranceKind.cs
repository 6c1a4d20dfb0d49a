namespace Plasticity.Experiments.Checks;

/// <summary>How a tolerance was derived.</summary>
public enum ToleranceKind
{
    /// <summary>k standard errors of a normal statistic whose SE is known from the model (binomial, exact variance).</summary>
    StandardErrors,

    /// <summary>A Student-t quantile times an SE estimated from few independent repetitions.</summary>
    StudentT,

    /// <summary>A rigorous bound: floating-point rounding, integrator or contraction bounds.</summary>
    RoundingBound,

    /// <summary>A rigorous interval (for example the time grid of a spiking neuron).</summary>
    Interval,

    /// <summary>A band set from measurements of this code; its tail probability is not bounded by theory.</summary>
    Empirical,
}
