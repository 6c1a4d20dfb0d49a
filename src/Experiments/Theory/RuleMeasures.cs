namespace Plasticity.Experiments.Theory;

/// <summary>Measurements of a finished run that the rule theories compare with their predictions.</summary>
public static class RuleMeasures
{
    /// <summary>Presentation frequencies p_j if every sample is a unit vector e_j (one-hot data), else null.</summary>
    public static double[]? OneHotProbabilities(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var d = rows[0].Length;
        var counts = new double[d];
        foreach (var x in rows)
        {
            var hot = -1;
            for (var j = 0; j < d; j++)
            {
                if (x[j] == 1.0 && hot < 0)
                {
                    hot = j;
                }
                else if (x[j] != 0.0)
                {
                    return null;
                }
            }

            if (hot < 0)
            {
                return null;
            }

            counts[hot]++;
        }

        return counts.Any(c => c == 0) ? null : counts.Select(c => c / rows.Length).ToArray();
    }

    /// <summary>Least-squares slope of ln‖w_i‖ against the step over the second half of the finite records.</summary>
    public static double?[] GrowthSlopes(IReadOnlyList<long> steps, IReadOnlyList<double[]> norms, int outputs)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(norms);
        var slopes = new double?[outputs];
        for (var i = 0; i < outputs; i++)
        {
            var points = Enumerable.Range(0, steps.Count).Where(k => double.IsFinite(norms[k][i]) && norms[k][i] > 0).Select(k => (Step: steps[k], Norm: norms[k][i])).ToArray();
            points = points[(points.Length / 2)..];
            if (points.Length < 2)
            {
                continue;
            }

            var mx = points.Average(t => (double)t.Step);
            var my = points.Average(t => Math.Log(t.Norm));
            double sxy = 0, sxx = 0;
            foreach (var t in points)
            {
                sxy += (t.Step - mx) * (Math.Log(t.Norm) - my);
                sxx += (t.Step - mx) * (t.Step - mx);
            }

            slopes[i] = sxx > 0 ? sxy / sxx : null;
        }

        return slopes;
    }

    /// <summary>max_{ij} |(W Wᵀ − I)_ij| of the rows.</summary>
    public static double MaxOrthonormalityDefect(double[][] w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var max = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            for (var j = 0; j < w.Length; j++)
            {
                var v = Dot(w[i], w[j]) - (i == j ? 1.0 : 0.0);
                max = double.IsNaN(v) ? double.NaN : Math.Max(max, Math.Abs(v));
            }
        }

        return max;
    }

    /// <summary>
    /// |cos(w, e)| for unit e, NaN for a zero or non-finite w (undefined; the learn command writes it as an empty cell).
    /// </summary>
    /// <remarks>
    /// The plain sums overflow once an entry passes about 1e154; then w is first divided by its largest magnitude
    /// (the cosine does not depend on the scale), so every finite w the trainer can commit has a finite cosine.
    /// </remarks>
    public static double AbsCosine(ReadOnlySpan<double> w, double[] e)
    {
        ArgumentNullException.ThrowIfNull(e);
        double dot = 0, norm2 = 0;
        for (var j = 0; j < w.Length; j++)
        {
            dot += w[j] * e[j];
            norm2 += w[j] * w[j];
        }

        if (!double.IsFinite(norm2) || !double.IsFinite(dot))
        {
            var largest = 0.0;
            foreach (var v in w)
            {
                largest = double.IsFinite(v) ? Math.Max(largest, Math.Abs(v)) : double.NaN;
                if (double.IsNaN(largest))
                {
                    return double.NaN;
                }
            }

            (dot, norm2) = (0, 0);
            for (var j = 0; j < w.Length; j++)
            {
                var scaled = w[j] / largest;
                dot += scaled * e[j];
                norm2 += scaled * scaled;
            }
        }

        return norm2 > 0 && double.IsFinite(norm2) ? Math.Min(1.0, Math.Abs(dot) / Math.Sqrt(norm2)) : double.NaN;
    }

    /// <summary>|cos(a, b)| for any non-zero b (b normalised first); NaN when b is zero.</summary>
    public static double AbsCosineBetween(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var norm = Math.Sqrt(b.Sum(v => v * v));
        return norm > 0 && double.IsFinite(norm) ? AbsCosine(a, b.Select(v => v / norm).ToArray()) : double.NaN;
    }

    /// <summary>The competitive winner of x under rows w (largest w_i·x, lowest index on ties).</summary>
    public static int Winner(double[][] w, double[] x)
    {
        ArgumentNullException.ThrowIfNull(w);
        var y = new double[w.Length];
        for (var i = 0; i < w.Length; i++)
        {
            y[i] = Dot(w[i], x);
        }

        return CompetitiveRule.Winner(y);
    }

    /// <summary>Σ_j a_j b_j in index order.</summary>
    public static double Dot(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return VectorMath.Dot(a.AsSpan(0, b.Length), b);
    }

    /// <summary>‖a − b‖.</summary>
    public static double Distance(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var s = 0.0;
        for (var j = 0; j < b.Length; j++)
        {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }

        return Math.Sqrt(s);
    }

    /// <summary>The value, or null when it throws ArgumentException or is not finite.</summary>
    public static double? Try(Func<double> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        try
        {
            return Finite(compute());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The value when finite, else null.</summary>
    public static double? Finite(double? value) => value is double v && double.IsFinite(v) ? v : null;
}
