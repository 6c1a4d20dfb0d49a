namespace Plasticity.Experiments.Stdp;

/// <summary>
/// The uncorrelated drift of all-to-all pair STDP under a weight dependence and its fixed point: the theory the
/// Song–Miller–Abbott competition is read against (the command's summary, <c>verify</c> and <c>stability</c>).
/// For independent Poisson trains at ν_pre and ν_post (Hz) the expected change per second of a weight w is
/// <code>
/// ⟨dw/dt⟩ = ν_pre·ν_post·10⁻³·(A₊τ₊·f₊(w) − A₋τ₋·f₋(w))     (weight units per s; A± in weight units, τ± in ms)
/// </code>
/// (Kempter, Gerstner &amp; van Hemmen 1999; the f ≡ 1 case is <c>StdpTheory.driftAllToAll</c>; Gütig et al. 2003
/// Eq. 4 for the μ family). Inputs whose spikes help cause output spikes gain potentiation beyond it (the causal
/// correlation): that excess is the competition.
/// </summary>
public static class StdpCompetitionTheory
{
    /// <summary>⟨dw/dt⟩ at weight <paramref name="weight"/> (weight units per second), as in the class summary.</summary>
    /// <param name="window">The pair window.</param>
    /// <param name="dependence">The weight dependence (f₊, f₋).</param>
    /// <param name="preRateHz">ν_pre ≥ 0 (Hz).</param>
    /// <param name="postRateHz">ν_post ≥ 0 (Hz).</param>
    /// <param name="weight">w (weight units, finite).</param>
    public static double UncorrelatedDrift(StdpWindow window, StdpWeightDependence dependence, double preRateHz, double postRateHz, double weight)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(dependence);
        Require(preRateHz >= 0 && double.IsFinite(preRateHz), nameof(preRateHz), preRateHz, "preRateHz must be finite and >= 0.");
        Require(postRateHz >= 0 && double.IsFinite(postRateHz), nameof(postRateHz), postRateHz, "postRateHz must be finite and >= 0.");
        Require(double.IsFinite(weight), nameof(weight), weight, "weight must be finite.");
        return preRateHz * postRateHz * 1e-3
            * ((window.APlus * window.TauPlus * dependence.PotentiationFactor(weight)) - (window.AMinus * window.TauMinus * dependence.DepressionFactor(weight)));
    }

    /// <summary>
    /// The zero u* = w*/w_max of the uncorrelated drift, or null when there is none inside the bounds' interior that
    /// the weight dependence defines (additive and Gütig μ = 0: the drift has one sign for every w).
    /// With q = A₋τ₋/(A₊τ₊), A₊τ₊ f₊(u) = A₋τ₋ f₋(u) gives:
    /// <list type="bullet">
    /// <item>Gütig μ &gt; 0: (1 − u)^μ = q·u^μ ⇒ u* = 1/(1 + q^{1/μ}) (μ = 1, multiplicative: A₊τ₊/(A₊τ₊ + A₋τ₋));</item>
    /// <item>van Rossum: 1 = q·u ⇒ u* = 1/q = A₊τ₊/(A₋τ₋), capped at 1 (for q &lt; 1 the drift is positive up to the upper bound).</item>
    /// </list>
    /// Stable: the drift decreases through u* in every case (f₊ falls and f₋ rises with u).
    /// </summary>
    /// <param name="window">The pair window (A₊τ₊ and A₋τ₋ not both 0).</param>
    /// <param name="dependence">The weight dependence.</param>
    public static double? UncorrelatedFixedPoint(StdpWindow window, StdpWeightDependence dependence)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(dependence);
        var q = window.AMinus * window.TauMinus / (window.APlus * window.TauPlus);
        if (double.IsNaN(q))
        {
            return null;
        }

        return dependence.Kind switch
        {
            StdpWeightDependenceKind.VanRossum => Math.Min(1.0, 1.0 / q),
            StdpWeightDependenceKind.Gutig when dependence.Mu > 0 => 1.0 / (1.0 + Math.Pow(q, 1.0 / dependence.Mu)),
            _ => null,
        };
    }

    private static void Require(bool ok, string name, double value, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, message);
        }
    }
}
