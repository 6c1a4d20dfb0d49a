namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The pair STDP window, Δt = t_post − t_pre in ms (science sheet §3):
/// <code>
/// W(Δt) = +A₊·e^{−Δt/τ₊}   for Δt ≥ 0   (LTP; Δt = 0 counts as potentiation, see <see cref="StdpPairing"/>)
/// W(Δt) = −A₋·e^{+Δt/τ₋}   for Δt &lt; 0   (LTD)
/// ∫W = A₊τ₊ − A₋τ₋ (weight units · ms)
/// </code>
/// A± in weight units (e.g. units of g_max), τ± in ms.
/// </summary>
/// <param name="APlus">Potentiation amplitude A₊ ≥ 0.</param>
/// <param name="AMinus">Depression amplitude A₋ ≥ 0 (a magnitude; the sign is in the rule).</param>
/// <param name="TauPlus">Potentiation time constant τ₊ &gt; 0 (ms).</param>
/// <param name="TauMinus">Depression time constant τ₋ &gt; 0 (ms).</param>
public sealed record StdpWindow(double APlus, double AMinus, double TauPlus, double TauMinus)
{
    /// <summary>
    /// The classic Song–Miller–Abbott window as in Brian2's documented STDP example: τ₊ = τ₋ = 20 ms,
    /// A₊ = 0.01·g_max, A₋ = 1.05·A₊·τ₊/τ₋ (so A₋τ₋ = 1.05·A₊τ₊, depression-dominated).
    /// </summary>
    /// <param name="gMax">The weight unit g_max &gt; 0, finite (1 for weights in units of g_max).</param>
    public static StdpWindow Classic(double gMax = 1.0)
    {
        if (!(gMax > 0 && double.IsFinite(gMax)))
        {
            throw new ArgumentOutOfRangeException(nameof(gMax), gMax, "g_max must be finite and > 0.");
        }

        var aPlus = 0.01 * gMax;
        return new StdpWindow(aPlus, aPlus * 20.0 / 20.0 * 1.05, 20.0, 20.0).Validated();
    }

    /// <summary>W(Δt) for one pair (Δt = t_post − t_pre, ms).</summary>
    public double Evaluate(double deltaT) =>
        deltaT >= 0 ? APlus * Math.Exp(-deltaT / TauPlus) : -AMinus * Math.Exp(deltaT / TauMinus);

    /// <summary>∫W(s) ds = A₊τ₊ − A₋τ₋ (weight units · ms).</summary>
    public double Integral => APlus * TauPlus - AMinus * TauMinus;

    /// <summary>Validates the parameters (ArgumentOutOfRangeException naming the parameter).</summary>
    public StdpWindow Validated() =>
        !(APlus >= 0 && double.IsFinite(APlus)) ? throw new ArgumentOutOfRangeException(nameof(APlus), APlus, "A+ must be finite and >= 0.")
        : !(AMinus >= 0 && double.IsFinite(AMinus)) ? throw new ArgumentOutOfRangeException(nameof(AMinus), AMinus, "A- must be finite and >= 0.")
        : !(TauPlus > 0 && double.IsFinite(TauPlus)) ? throw new ArgumentOutOfRangeException(nameof(TauPlus), TauPlus, "tau+ must be finite and > 0 ms.")
        : !(TauMinus > 0 && double.IsFinite(TauMinus)) ? throw new ArgumentOutOfRangeException(nameof(TauMinus), TauMinus, "tau- must be finite and > 0 ms.")
        : this;
}
