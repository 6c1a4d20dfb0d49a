namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// Covariance rule (Sejnowski 1977; science sheet §2): Δw = η·(x − θ_x)·(y − θ_y), evaluated as
/// (x − θ_x)·(η (y − θ_y)). With θ = the means, τ dw/dt = C⁰ w: principal components without a zero-mean
/// assumption. The special cases θ_x = 0 (presynaptically gated, η x (y − θ)) and θ_y = 0
/// (postsynaptically gated, η y (x − θ)) are this rule with one threshold at zero.
/// </summary>
/// <param name="Eta">Learning rate η.</param>
/// <param name="ThetaPre">Presynaptic threshold θ_x.</param>
/// <param name="ThetaPost">Postsynaptic threshold θ_y.</param>
public sealed record CovarianceRule(double Eta, double ThetaPre, double ThetaPost) : ILocalRule
{
    /// <summary>Learning rate η (finite).</summary>
    public double Eta { get; } = ParameterChecks.Finite(Eta, nameof(Eta));

    /// <summary>θ_x (finite).</summary>
    public double ThetaPre { get; } = ParameterChecks.Finite(ThetaPre, nameof(ThetaPre));

    /// <summary>θ_y (finite).</summary>
    public double ThetaPost { get; } = ParameterChecks.Finite(ThetaPost, nameof(ThetaPost));

    /// <summary>Presynaptically gated rule η·x·(y − θ): no change without presynaptic activity.</summary>
    public static CovarianceRule PresynapticallyGated(double eta, double theta) => new(eta, 0.0, theta);

    /// <summary>Postsynaptically gated rule η·y·(x − θ): no change without postsynaptic activity.</summary>
    public static CovarianceRule PostsynapticallyGated(double eta, double theta) => new(eta, theta, 0.0);

    /// <inheritdoc/>
    public double Delta(double pre, double post, double weight) => (pre - ThetaPre) * (Eta * (post - ThetaPost));

    /// <inheritdoc/>
    public void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta)
    {
        TensorPrimitives.Subtract(pre, ThetaPre, delta);
        TensorPrimitives.Multiply(delta, Eta * (post - ThetaPost), delta);
    }
}
