using MathNet.Numerics.LinearAlgebra;
using static Plasticity.Experiments.Theory.VectorMath;

namespace Plasticity.Experiments.Stability;

/// <summary>
/// Runs one point and measures it: the run through <see cref="RuleRunner"/>, the theory fixed point and the energy
/// from <see cref="RuleTheory"/> and <see cref="DataMatrices"/>, the metrics of <see cref="StabilityMetrics"/>.
/// </summary>
public static class PointEvaluation
{
    /// <summary>Runs and measures <paramref name="point"/> with the rule from <paramref name="factory"/>.</summary>
    public static PointResult Evaluate(StabilityPoint point, StabilityRuleFactory factory)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(factory);
        if (RuleRunner.IsSpiking(point.Rule))
        {
            return EvaluateSpiking(point, factory);
        }

        var data = StabilityInputs.Data(point);
        var initial = StabilityInputs.InitialWeights(point, data);
        var theory = RuleTheory.Of(point.Rule);
        var drift = DataMatrices.Drift(data, theory.Matrix);
        var steps = (long)point.Grid.Samples * point.Grid.Epochs;
        var every = (int)Math.Clamp(steps / Math.Max(1, point.Grid.Checkpoints - 1), 1, int.MaxValue);
        var checkpoints = new List<double[][]>();
        var outcome = RuleRunner.Run(point, data, initial, factory, StabilityInputs.Order(point), every, (_, w) => checkpoints.Add(w));

        var w = outcome.Weights;
        var metrics = new Dictionary<string, double?>
        {
            [StabilityMetrics.Diverged] = outcome.DivergedAtStep is null ? 0 : 1,
            [StabilityMetrics.DivergenceStep] = outcome.DivergedAtStep,
            [StabilityMetrics.UpdatesApplied] = outcome.UpdatesApplied,
            [StabilityMetrics.FinalNorm] = w.Max(Norm),
        };
        var (cos, ratio) = FixedPoint(point, theory, data, drift, initial, w);
        metrics[StabilityMetrics.TheoryCos] = cos;
        metrics[StabilityMetrics.TheoryNormRatio] = ratio;
        metrics[StabilityMetrics.Selectivity] = Selectivity(w, data);
        var (mean, sd, skew) = Moments(w);
        metrics[StabilityMetrics.WeightMean] = mean;
        metrics[StabilityMetrics.WeightSd] = sd;
        metrics[StabilityMetrics.WeightSkew] = skew;
        var energies = checkpoints.Select(c => Energy(theory.Energy, c, drift, data, point.Grid.Target)).ToList();
        var (final, fraction, reverse) = Monotonicity(theory.Energy, energies);
        metrics[StabilityMetrics.EnergyFinal] = final;
        metrics[StabilityMetrics.EnergyMonotoneFraction] = fraction;
        metrics[StabilityMetrics.EnergyLargestReverse] = reverse;

        return new PointResult(point, Ordered(metrics));
    }

    /// <summary>
    /// A spiking point: one Song–Miller–Abbott run (<see cref="RuleRunner.RunSpiking"/>), measured by the weight
    /// distribution in units of g_max, the output rate and, for the multiplicative rule, the distance of ⟨w⟩/g_max from
    /// the uncorrelated fixed point. The store clamps, so the run cannot diverge: diverged = 0 and every step applies.
    /// </summary>
    private static PointResult EvaluateSpiking(StabilityPoint point, StabilityRuleFactory factory)
    {
        var (w, rate, steps) = RuleRunner.RunSpiking(point, factory);
        var gMax = RuleRunner.SpikingMaxWeight;
        var u = w.Select(x => x / gMax).ToArray();
        var (mean, sd, skew) = Moments([w]);
        var metrics = new Dictionary<string, double?>
        {
            [StabilityMetrics.Diverged] = 0,
            [StabilityMetrics.DivergenceStep] = null,
            [StabilityMetrics.UpdatesApplied] = steps,
            [StabilityMetrics.FinalNorm] = Norm(w),
            [StabilityMetrics.WeightMean] = mean,
            [StabilityMetrics.WeightSd] = sd,
            [StabilityMetrics.WeightSkew] = skew,
            [StabilityMetrics.WithinBounds] = u.All(x => x >= 0 && x <= 1) ? 1 : 0,
            [StabilityMetrics.MeanOverGMax] = u.Average(),
            [StabilityMetrics.NearBoundsFraction] = u.Count(x => x < StabilityMetrics.NearBound || x > 1 - StabilityMetrics.NearBound) / (double)u.Length,
            [StabilityMetrics.OutputRate] = rate,
        };
        if (RuleTheory.Of(point.Rule).FixedPoint == FixedPointKind.UncorrelatedStdp
            && StdpCompetitionTheory.UncorrelatedFixedPoint(RuleRunner.SpikingWindow(point), StdpWeightDependence.Multiplicative(gMax)) is double star)
        {
            metrics[StabilityMetrics.FixedPointDistance] = u.Average() - star;
        }

        return new PointResult(point, Ordered(metrics));
    }

    /// <summary>Every metric of <see cref="StabilityMetrics.All"/> in order; missing or non-finite values are null.</summary>
    private static Dictionary<string, double?> Ordered(Dictionary<string, double?> metrics)
    {
        var ordered = new Dictionary<string, double?>();
        foreach (var m in StabilityMetrics.All)
        {
            ordered[m.Name] = metrics.TryGetValue(m.Name, out var v) && v is double x && double.IsFinite(x) ? x : null;
        }

        return ordered;
    }

    /// <summary>|cos| with the theory fixed point and ‖w‖/‖w*‖ (see <see cref="FixedPointKind"/>).</summary>
    private static (double? Cos, double? Ratio) FixedPoint(
        StabilityPoint point, RuleTheory theory, Dataset data, Matrix<double> drift, double[][] initial, double[][] w)
    {
        var m = w.Length;
        switch (theory.FixedPoint)
        {
            case FixedPointKind.Principal:
                {
                    var e1 = DataMatrices.Eigen(drift).Vectors[0];
                    var cos = w.Min(row => AbsCosOrZero(row, e1));
                    double? ratio = point.Rule is "oja" or "taylor" ? w.Max(Norm) * Math.Sqrt(point.Grid.Alpha) : null;
                    return (cos, ratio);
                }

            case FixedPointKind.Ordered:
                {
                    var e = DataMatrices.Eigen(drift).Vectors;
                    return (Enumerable.Range(0, m).Min(i => AbsCosOrZero(w[i], e[i])), w.Average(Norm));
                }

            case FixedPointKind.Subspace:
                {
                    var e = DataMatrices.Eigen(drift).Vectors;
                    var cos = w.Min(row =>
                    {
                        var inSpan = 0.0;
                        for (var k = 0; k < m; k++)
                        {
                            var c = Dot(row, e[k]);
                            inSpan += c * c;
                        }

                        return Math.Sqrt(inSpan) / Norm(row);
                    });
                    return (cos, w.Average(Norm));
                }

            case FixedPointKind.Selective:
                {
                    var means = data.Mean();
                    var row = w[0];
                    var j = Array.IndexOf(row, row.Max());
                    var p = means[j] - point.Grid.Mean; // empirical frequency of stimulus j
                    var unit = new double[row.Length];
                    unit[j] = 1.0;
                    return (AbsCosOrZero(row, unit), p > 0 ? Norm(row) * p : null);
                }

            case FixedPointKind.Instar:
                {
                    var (values, vectors) = DataMatrices.Eigen(drift);
                    var mu = data.Mean();
                    var along = Dot(mu, vectors[0]);
                    if (along == 0)
                    {
                        return (null, null);
                    }

                    var target = vectors[0].Select(v => values[0] * v / along).ToArray();
                    return (w.Min(row => AbsCosOrZero(row, target)), w.Average(row => Norm(row) / Norm(target)));
                }

            case FixedPointKind.Scaling:
                {
                    var mu = data.Mean();
                    var cos = Enumerable.Range(0, m).Min(i => AbsCosOrZero(w[i], initial[i]));
                    var ratio = Enumerable.Range(0, m).Average(i =>
                    {
                        var drive = Dot(initial[i], mu);
                        return Norm(w[i]) / (Norm(initial[i]) * Math.Abs(point.Grid.Target / drive));
                    });
                    return (cos, ratio);
                }

            case FixedPointKind.CellMean:
                return CellMeans(w, data);

            default:
                return (null, null);
        }
    }

    /// <summary>Each winning row against the mean of the samples it wins (argmax y, lowest index on ties).</summary>
    private static (double? Cos, double? Ratio) CellMeans(double[][] w, Dataset data)
    {
        var m = w.Length;
        var d = data.Dimension;
        var sums = new double[m][];
        var counts = new int[m];
        for (var i = 0; i < m; i++)
        {
            sums[i] = new double[d];
        }

        for (var k = 0; k < data.Count; k++)
        {
            var x = data.Sample(k);
            var best = 0;
            var bestY = Dot(w[0], x);
            for (var i = 1; i < m; i++)
            {
                var y = Dot(w[i], x);
                if (y > bestY)
                {
                    (best, bestY) = (i, y);
                }
            }

            counts[best]++;
            for (var j = 0; j < d; j++)
            {
                sums[best][j] += x[j];
            }
        }

        var cos = double.PositiveInfinity;
        var ratio = 0.0;
        var winners = 0;
        for (var i = 0; i < m; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            var centre = sums[i].Select(s => s / counts[i]).ToArray();
            cos = Math.Min(cos, AbsCosOrZero(w[i], centre));
            ratio += Norm(w[i]) / Norm(centre);
            winners++;
        }

        return (cos, ratio / winners);
    }

    /// <summary>1 − mean_k |y_k| / max_k |y_k| per output over the dataset, averaged over outputs.</summary>
    private static double Selectivity(double[][] w, Dataset data)
    {
        var total = 0.0;
        foreach (var row in w)
        {
            var sum = 0.0;
            var max = 0.0;
            for (var k = 0; k < data.Count; k++)
            {
                var y = Math.Abs(Dot(row, data.Sample(k)));
                sum += y;
                max = Math.Max(max, y);
            }

            total += max > 0 ? 1.0 - sum / data.Count / max : 0.0;
        }

        return total / w.Length;
    }

    private static (double Mean, double Sd, double Skew) Moments(double[][] w)
    {
        var all = w.SelectMany(r => r).ToArray();
        var mean = all.Sum() / all.Length;
        double m2 = 0, m3 = 0;
        foreach (var v in all)
        {
            var c = v - mean;
            m2 += c * c;
            m3 += c * c * c;
        }

        m2 /= all.Length;
        m3 /= all.Length;
        return (mean, Math.Sqrt(m2), m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0.0);
    }

    /// <summary>The Lyapunov function of <paramref name="kind"/> at weights <paramref name="w"/> (null if undefined).</summary>
    public static double? Energy(EnergyKind kind, double[][] w, Matrix<double> drift, Dataset data, double target)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(drift);
        ArgumentNullException.ThrowIfNull(data);
        switch (kind)
        {
            case EnergyKind.RayleighAscending:
                {
                    // L = tr((W Wᵀ)⁻¹ W M Wᵀ) = tr(P_W M).
                    var matrix = Matrix<double>.Build.DenseOfRowArrays(w);
                    var gram = matrix * matrix.Transpose();
                    var projected = matrix * drift * matrix.Transpose();
                    if (gram.Determinant() == 0)
                    {
                        return null;
                    }

                    return gram.Solve(projected).Trace();
                }

            case EnergyKind.BcmAscending:
                {
                    double m2 = 0, m3 = 0;
                    for (var k = 0; k < data.Count; k++)
                    {
                        var y = Dot(w[0], data.Sample(k));
                        m2 += y * y;
                        m3 += y * y * y;
                    }

                    m2 /= data.Count;
                    m3 /= data.Count;
                    return m3 / 3 - m2 * m2 / 4;
                }

            case EnergyKind.ScalingDescending:
                {
                    var mu = data.Mean();
                    return w.Sum(row => Math.Pow(Dot(row, mu) - target, 2));
                }

            default:
                return null;
        }
    }

    /// <summary>The last energy, the fraction of intervals without a reverse move above the slack, the largest reverse move.</summary>
    private static (double? Final, double? Fraction, double? Reverse) Monotonicity(EnergyKind kind, List<double?> energies)
    {
        if (kind == EnergyKind.None || energies.Count < 2 || energies.Any(e => e is not double v || !double.IsFinite(v)))
        {
            return (null, null, null);
        }

        var values = energies.Select(e => e!.Value).ToArray();
        var sign = kind == EnergyKind.ScalingDescending ? -1.0 : 1.0;
        var scale = values.Max(Math.Abs);
        var good = 0;
        var reverse = 0.0;
        for (var k = 1; k < values.Length; k++)
        {
            var against = -sign * (values[k] - values[k - 1]);
            if (against <= StabilityMetrics.EnergySlack * scale)
            {
                good++;
            }

            reverse = Math.Max(reverse, against);
        }

        return (values[^1], (double)good / (values.Length - 1), scale > 0 ? reverse / scale : 0.0);
    }
}
