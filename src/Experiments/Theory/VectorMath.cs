namespace Plasticity.Experiments.Theory;

/// <summary>
/// Small vector helpers the check oracles and the stability metrics use (written here, not taken from the model code:
/// plain left-to-right sums, so every metric and oracle is bit-reproducible).
/// </summary>
internal static class VectorMath
{
    /// <summary>a·b = Σ_j a_j b_j over a's length, summed left to right.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            s += a[j] * b[j];
        }

        return s;
    }

    /// <summary>‖a‖ = √(a·a).</summary>
    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    /// <summary>|a·b| / (‖a‖‖b‖) unscaled, and 0 when either vector is zero (a metric, not an oracle: no overflow guard).</summary>
    public static double AbsCosOrZero(double[] a, double[] b)
    {
        var na = Norm(a);
        var nb = Norm(b);
        return na > 0 && nb > 0 ? Math.Abs(Dot(a, b)) / (na * nb) : 0.0;
    }

    /// <summary>|cos(a, b)|, each vector first scaled by its largest |entry| so growing weights cannot overflow.</summary>
    public static double AbsCos(double[] a, double[] b)
    {
        static double[] Scaled(double[] v)
        {
            var m = v.Max(Math.Abs);
            return v.Select(x => x / m).ToArray();
        }

        var (x, y) = (Scaled(a), Scaled(b));
        return Math.Abs(Dot(x, y)) / (Norm(x) * Norm(y));
    }

    /// <summary>tan of the angle between w0 and e1.</summary>
    public static double InitialTan(double[] e1, double[] w0)
    {
        var a1 = Dot(w0, e1);
        return Math.Sqrt(Math.Max(0.0, Dot(w0, w0) - (a1 * a1))) / Math.Abs(a1);
    }
}
