namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>Small vector helpers the check oracles use (written here, not taken from the model code).</summary>
internal static class VectorMath
{
    public static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            s += a[j] * b[j];
        }

        return s;
    }

    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

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
