namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Weight dependence of an STDP step. A trace-based rule hands over a potentiation drive (post spike, trace x,
/// amplitude A₊) or a depression drive (pre spike, trace y, amplitude A₋); the step is
/// <code>
/// Δw₊ = (f₊(w)·x)·A₊        (potentiation)
/// Δw₋ = −(f₋(w)·y)·A₋       (depression)
/// </code>
/// with f₊, f₋ by kind (w and w_max in the same units, e.g. units of g_max; A± in weight units):
/// <list type="bullet">
/// <item><see cref="StdpWeightDependenceKind.Additive"/> (Song, Miller &amp; Abbott 2000; Gütig μ = 0): f₊ = f₋ = 1.</item>
/// <item><see cref="StdpWeightDependenceKind.VanRossum"/> (van Rossum, Bi &amp; Turrigiano 2000, J. Neurosci. 20:8812,
/// their Δw = +c_p for potentiation and Δw = −c_d·w for depression): f₊ = 1, f₋ = w/w_max. Soft lower bound (the
/// depression step vanishes at w = 0); the upper bound is the store's.</item>
/// <item><see cref="StdpWeightDependenceKind.Gutig"/> (Gütig, Aharonov, Rotter &amp; Sompolinsky 2003, J. Neurosci.
/// 23:3697), normalised weight w/w_max: f₊ = (1 − w/w_max)^μ, f₋ = (w/w_max)^μ, μ ∈ [0, 1]; μ = 0 is additive,
/// μ = 1 is <see cref="Multiplicative"/> (both directions, Rubin, Lee &amp; Sompolinsky 2001). For μ &gt; 0 both steps
/// vanish at their bound.</item>
/// </list>
/// Hard bounds (clipping) are not part of the rule: they are the weight store's policy
/// (<see cref="Synapses.WeightBounds"/>, w ← clamp(w + Δw)), applied once per step to the step's total change.
/// The vector path <see cref="AddPotentiation"/> performs the scalar reference <see cref="PotentiationStep"/>'s
/// operations in the same order, element by element, so the two agree bit for bit (the fractional power of the Gütig
/// family is taken with <see cref="Math.Pow"/> per element for that reason; μ ∈ {0, 1} take pure SIMD paths).
/// </summary>
public sealed record StdpWeightDependence
{
    private StdpWeightDependence(StdpWeightDependenceKind kind, double wMax, double mu)
    {
        Kind = kind;
        WMax = wMax;
        Mu = mu;
    }

    /// <summary>The form.</summary>
    public StdpWeightDependenceKind Kind { get; }

    /// <summary>The weight scale w_max of the soft bounds (weight units); +∞ for <see cref="StdpWeightDependenceKind.Additive"/>.</summary>
    public double WMax { get; }

    /// <summary>Gütig exponent μ (0 for additive, 1 for the van Rossum form's depression side and for <see cref="Multiplicative"/>).</summary>
    public double Mu { get; }

    /// <summary>Additive: f₊ = f₋ = 1 (bounds, if any, are the store's).</summary>
    public static StdpWeightDependence Additive { get; } = new(StdpWeightDependenceKind.Additive, double.PositiveInfinity, 0);

    /// <summary>van Rossum: Δw₊ = A₊x, Δw₋ = −A₋(w/w_max)y.</summary>
    /// <param name="wMax">Weight scale w_max, finite and &gt; 0.</param>
    public static StdpWeightDependence VanRossum(double wMax) => new(StdpWeightDependenceKind.VanRossum, RequireWMax(wMax), 1);

    /// <summary>Multiplicative in both directions, Gütig μ = 1: Δw₊ = A₊(1 − w/w_max)x, Δw₋ = −A₋(w/w_max)y (the command line's <c>multiplicative</c>).</summary>
    /// <param name="wMax">Weight scale w_max, finite and &gt; 0.</param>
    public static StdpWeightDependence Multiplicative(double wMax) => Gutig(1.0, wMax);

    /// <summary>Gütig μ family: Δw₊ = A₊(1 − w/w_max)^μ x, Δw₋ = −A₋(w/w_max)^μ y.</summary>
    /// <param name="mu">Exponent μ in [0, 1].</param>
    /// <param name="wMax">Weight scale w_max, finite and &gt; 0.</param>
    public static StdpWeightDependence Gutig(double mu, double wMax) =>
        !(mu >= 0 && mu <= 1)
            ? throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be in [0, 1].")
            : new(StdpWeightDependenceKind.Gutig, RequireWMax(wMax), mu);

    private static double RequireWMax(double wMax) =>
        !(wMax > 0 && double.IsFinite(wMax))
            ? throw new ArgumentOutOfRangeException(nameof(wMax), wMax, "wMax must be finite and > 0.")
            : wMax;

    /// <summary>Potentiation factor f₊(w).</summary>
    public double PotentiationFactor(double w) => Kind switch
    {
        StdpWeightDependenceKind.Gutig => Power((WMax - w) * (1 / WMax), Mu),
        _ => 1.0,
    };

    /// <summary>Depression factor f₋(w).</summary>
    public double DepressionFactor(double w) => Kind switch
    {
        StdpWeightDependenceKind.VanRossum => w * (1 / WMax),
        StdpWeightDependenceKind.Gutig => Power(w * (1 / WMax), Mu),
        _ => 1.0,
    };

    // μ = 0 and μ = 1 are exact without a power (x^0 = 1, x^1 = x); the SIMD path relies on the same identities.
    // A weight outside [0, w_max] (an out-of-range start, or the step's depression overshooting before the store
    // clamps) gives a negative base; it is clamped to 0 so the step vanishes there instead of turning the weight into NaN.
    private static double Power(double x, double mu) => mu == 0 ? 1.0 : mu == 1 ? Math.Max(x, 0.0) : Math.Pow(Math.Max(x, 0.0), mu);

    /// <summary>Scalar reference of the potentiation step: Δw₊ = (f₊(w)·trace)·amplitude.</summary>
    public double PotentiationStep(double w, double trace, double amplitude) => PotentiationFactor(w) * trace * amplitude;

    /// <summary>Scalar reference of the depression magnitude: (f₋(w)·trace)·amplitude (the rule subtracts it).</summary>
    public double DepressionStep(double w, double trace, double amplitude) => DepressionFactor(w) * trace * amplitude;

    /// <summary>w + Δw₊ without bounds (one potentiation on its own; a store adds its clamp).</summary>
    public double Potentiate(double w, double trace, double amplitude) => w + PotentiationStep(w, trace, amplitude);

    /// <summary>w − |Δw₋| without bounds (one depression on its own; a store adds its clamp).</summary>
    public double Depress(double w, double trace, double amplitude) => w - DepressionStep(w, trace, amplitude);

    /// <summary>Scalar reference of <see cref="AddPotentiation"/>: delta_i ← delta_i + <see cref="PotentiationStep"/>(w_i, x_i, A).</summary>
    public void AddPotentiationScalar(ReadOnlySpan<double> weights, ReadOnlySpan<double> traces, double amplitude, Span<double> delta)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            delta[i] += PotentiationStep(weights[i], traces[i], amplitude);
        }
    }

    /// <summary>
    /// Vector kernel: delta_i ← delta_i + (f₊(w_i)·x_i)·amplitude for all i, in the scalar reference's operation order.
    /// </summary>
    /// <param name="weights">w, length N (the weights the factor reads).</param>
    /// <param name="traces">x, length N.</param>
    /// <param name="amplitude">A (weight units).</param>
    /// <param name="delta">The step's change, length N (updated in place).</param>
    /// <param name="scratch">Work space of length ≥ N (used by the Gütig family only).</param>
    public void AddPotentiation(ReadOnlySpan<double> weights, ReadOnlySpan<double> traces, double amplitude, Span<double> delta, Span<double> scratch)
    {
        var n = weights.Length;
        var d = delta[..n];
        if (Kind == StdpWeightDependenceKind.Gutig && Mu != 0)
        {
            var s = scratch[..n];
            // s = (w_max − w)·(1/w_max), then s^μ, then s·x; delta = s·A + delta — the scalar order delta + (f₊·x)·A.
            TensorPrimitives.Subtract(WMax, weights, s);
            TensorPrimitives.Multiply(s, 1 / WMax, s);
            if (Mu == 1)
            {
                // The same clamp of a negative base as the scalar Power (exact for s ≥ 0, so bit-identical).
                TensorPrimitives.Max(s, 0.0, s);
            }
            else
            {
                for (var i = 0; i < s.Length; i++)
                {
                    s[i] = Math.Pow(Math.Max(s[i], 0.0), Mu);
                }
            }

            TensorPrimitives.Multiply(s, traces[..n], s);
            TensorPrimitives.MultiplyAdd(s, amplitude, d, d);
        }
        else
        {
            // f₊ = 1: (1·x)·A = x·A exactly.
            TensorPrimitives.MultiplyAdd(traces[..n], amplitude, d, d);
        }
    }
}
