using System.Numerics.Tensors;

namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Weight dependence of an STDP step. A trace-based rule hands over a potentiation "drive" d₊ = A·x (post spike)
/// or a depression drive d₋ = A·y (pre spike); the weight then moves as
/// <code>
/// w ← clip(w + (f₊(w)·x)·A₊, 0, w_max)      (potentiation)
/// w ← clip(w − (f₋(w)·y)·A₋, 0, w_max)      (depression)
/// </code>
/// with f₊, f₋ by kind (w and w_max in the same units, e.g. units of g_max; A± in weight units):
/// <list type="bullet">
/// <item>Additive (Song, Miller &amp; Abbott 2000; Gütig μ = 0): f₊ = f₋ = 1, hard bounds by the clip.</item>
/// <item>AdditiveUnbounded: f₊ = f₋ = 1 and no clip (the drift theory's idealisation).</item>
/// <item>Multiplicative (van Rossum, Bi &amp; Turrigiano 2000, J. Neurosci. 20:8812, their Δw = +c_p for
/// potentiation and Δw = −c_d·w for depression): f₊ = 1, f₋ = w/w_max. Soft lower bound (the depression step
/// vanishes at w = 0), the upper bound w_max is a hard clip because potentiation does not depend on w.</item>
/// <item>Gütig, Aharonov, Rotter &amp; Sompolinsky 2003 (J. Neurosci. 23:3697), normalised weight w/w_max:
/// f₊ = (1 − w/w_max)^μ, f₋ = (w/w_max)^μ, μ ∈ [0, 1]; μ = 0 is additive, μ = 1 multiplicative in both
/// directions. For μ &gt; 0 both steps vanish at their bound; the clip is then a guard that only acts if one
/// drive exceeds the distance to the bound (A·trace &gt; w_max for μ = 1).</item>
/// </list>
/// The vector path <see cref="PotentiateAll"/> performs the scalar reference <see cref="Potentiate"/>'s operations in
/// the same order, element by element, so the two agree bit for bit (the fractional power of the Gütig family
/// is taken with <see cref="Math.Pow"/> per element for that reason; μ ∈ {0, 1} take pure SIMD paths).
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

    /// <summary>Upper bound w_max (weight units); +∞ for <see cref="StdpWeightDependenceKind.AdditiveUnbounded"/>.</summary>
    public double WMax { get; }

    /// <summary>Gütig exponent μ (0 for additive, 1 for the van Rossum form's depression side).</summary>
    public double Mu { get; }

    /// <summary>Additive without bounds (no clipping): the form the drift theory is exact for.</summary>
    public static StdpWeightDependence Unbounded { get; } = new(StdpWeightDependenceKind.AdditiveUnbounded, double.PositiveInfinity, 0);

    /// <summary>Additive with hard bounds [0, w_max].</summary>
    /// <param name="wMax">Upper bound, finite and &gt; 0.</param>
    public static StdpWeightDependence Additive(double wMax) => new(StdpWeightDependenceKind.Additive, RequireWMax(wMax), 0);

    /// <summary>van Rossum multiplicative: Δw₊ = A₊x, Δw₋ = −A₋(w/w_max)y, clipped to [0, w_max].</summary>
    /// <param name="wMax">Upper bound, finite and &gt; 0.</param>
    public static StdpWeightDependence Multiplicative(double wMax) => new(StdpWeightDependenceKind.Multiplicative, RequireWMax(wMax), 1);

    /// <summary>Gütig μ family: Δw₊ = A₊(1 − w/w_max)^μ x, Δw₋ = −A₋(w/w_max)^μ y, clipped to [0, w_max].</summary>
    /// <param name="mu">Exponent μ in [0, 1].</param>
    /// <param name="wMax">Upper bound, finite and &gt; 0.</param>
    public static StdpWeightDependence Gutig(double mu, double wMax) =>
        !(mu >= 0 && mu <= 1)
            ? throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be in [0, 1].")
            : new(StdpWeightDependenceKind.Gutig, RequireWMax(wMax), mu);

    private static double RequireWMax(double wMax) =>
        !(wMax > 0 && double.IsFinite(wMax))
            ? throw new ArgumentOutOfRangeException(nameof(wMax), wMax, "w_max must be finite and > 0.")
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
        StdpWeightDependenceKind.Multiplicative => w * (1 / WMax),
        StdpWeightDependenceKind.Gutig => Power(w * (1 / WMax), Mu),
        _ => 1.0,
    };

    // μ = 0 and μ = 1 are exact without a power (x^0 = 1, x^1 = x); the SIMD path relies on the same identities.
    // A weight outside [0, w_max] (possible only from an out-of-range start) gives a negative base; it is clamped to 0
    // so the step vanishes there instead of turning the weight into NaN.
    private static double Power(double x, double mu) => mu == 0 ? 1.0 : mu == 1 ? Math.Max(x, 0.0) : Math.Pow(Math.Max(x, 0.0), mu);

    /// <summary>Clip to [0, w_max] (identity when unbounded).</summary>
    public double Clip(double w) => Kind == StdpWeightDependenceKind.AdditiveUnbounded ? w : Math.Min(Math.Max(w, 0.0), WMax);

    /// <summary>Scalar reference: w ← clip(w + (f₊(w)·trace)·amplitude).</summary>
    public double Potentiate(double w, double trace, double amplitude) => Clip(w + PotentiationFactor(w) * trace * amplitude);

    /// <summary>Scalar reference: w ← clip(w − (f₋(w)·trace)·amplitude).</summary>
    public double Depress(double w, double trace, double amplitude) => Clip(w - DepressionFactor(w) * trace * amplitude);

    /// <summary>Scalar reference of <see cref="PotentiateAll"/>: <see cref="Potentiate"/> on every element.</summary>
    public void PotentiateAllScalar(Span<double> weights, ReadOnlySpan<double> traces, double amplitude)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Potentiate(weights[i], traces[i], amplitude);
        }
    }

    /// <summary>
    /// Vector kernel: w_i ← clip(w_i + (f₊(w_i)·x_i)·amplitude) for all i, in the scalar reference's operation order.
    /// </summary>
    /// <param name="weights">w, length N (updated in place).</param>
    /// <param name="traces">x, length N.</param>
    /// <param name="amplitude">A (weight units).</param>
    /// <param name="scratch">Work space of length ≥ N (used by the Gütig family only).</param>
    public void PotentiateAll(Span<double> weights, ReadOnlySpan<double> traces, double amplitude, Span<double> scratch)
    {
        if (Kind == StdpWeightDependenceKind.Gutig && Mu != 0)
        {
            var s = scratch[..weights.Length];
            // s = (w_max − w)·(1/w_max), then s^μ, then s·x; w = s·A + w — the scalar order f₊·x·A + w.
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

            TensorPrimitives.Multiply(s, traces, s);
            TensorPrimitives.MultiplyAdd(s, amplitude, weights, weights);
        }
        else
        {
            // f₊ = 1: (1·x)·A = x·A exactly.
            TensorPrimitives.MultiplyAdd(traces, amplitude, weights, weights);
        }

        if (Kind != StdpWeightDependenceKind.AdditiveUnbounded)
        {
            TensorPrimitives.Max(weights, 0.0, weights);
            TensorPrimitives.Min(weights, WMax, weights);
        }
    }
}
