using System.Numerics.Tensors;
using Plasticity.Core.Data;
using Plasticity.Core.Neurons;
using Plasticity.Core.Numerics;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// The continuous-time averaged form of a learning rule: τ dW/dt = E_x[ΔW(x, g(W x), W)], the expectation over
/// the dataset of one sample's change (science sheet §2, "averaged dynamics"). Time t and τ share any unit
/// (steps for the discrete rules: one averaged step is Euler with dt = τ). For plain Hebb with a linear neuron
/// this is τ dw/dt = η C w with the exact solution w(t) = e^{η C t/τ} w(0).
/// </summary>
/// <remarks>Only stateless rules: an <see cref="IStatefulRule"/> is rejected, since there are no samples to advance its state on.</remarks>
public static class ContinuousTimeTrainer
{
    /// <summary>Integrates from t = 0 to <paramref name="duration"/> in steps of <paramref name="dt"/>; returns the steps taken.</summary>
    /// <param name="weights">W(0) on entry, W(duration) on return.</param>
    /// <param name="transfer">Neuron transfer g.</param>
    /// <param name="data">The samples defining E_x.</param>
    /// <param name="rule">A stateless rule.</param>
    /// <param name="tau">Time constant τ &gt; 0.</param>
    /// <param name="dt">Time step, 0 &lt; dt ≤ duration; duration/dt must be an integer to within 1e-9.</param>
    /// <param name="duration">Integration time &gt; 0.</param>
    /// <param name="integrator">Euler or RK4.</param>
    /// <param name="divergenceLimit">Stops and reports the step that would make a row norm exceed this (or a weight
    /// non-finite); that step is not applied, so <paramref name="weights"/> stay finite (see <see cref="Trainer"/>).</param>
    public static TrainingResult Run(
        DenseWeightMatrix weights,
        ITransferFunction transfer,
        Dataset data,
        ILearningRule rule,
        double tau,
        double dt,
        double duration,
        ContinuousIntegrator integrator = ContinuousIntegrator.RungeKutta4,
        double divergenceLimit = 1e6)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule is IStatefulRule)
        {
            throw new ArgumentException($"rule '{rule.Name}' carries per-sample state; the continuous-time form supports stateless rules only.", nameof(rule));
        }

        if (!(tau > 0 && double.IsFinite(tau)))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be finite and > 0.");
        }

        if (!(duration > 0 && double.IsFinite(duration)))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "duration must be finite and > 0.");
        }

        if (!(dt > 0 && dt <= duration))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "dt must be in (0, duration].");
        }

        var exactSteps = duration / dt;
        var steps = (long)Math.Round(exactSteps);
        if (Math.Abs(exactSteps - steps) > 1e-9 * Math.Max(1.0, exactSteps))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"duration/dt = {exactSteps} must be an integer.");
        }

        if (data.Dimension != weights.Inputs)
        {
            throw new ArgumentException($"data has dimension {data.Dimension}; the weights have {weights.Inputs} inputs.", nameof(data));
        }

        var field = new AveragedField(transfer, data, rule.CreateLearner(weights.Outputs, weights.Inputs), weights.Outputs, weights.Inputs);
        var w = weights.Data;
        var size = w.Length;
        var k1 = new double[size];
        var k2 = new double[size];
        var k3 = new double[size];
        var k4 = new double[size];
        var stage = weights.Copy();
        var next = new double[size];
        var scale = dt / tau;
        for (long s = 1; s <= steps; s++)
        {
            field.Evaluate(weights, k1);
            w.CopyTo(next);
            if (integrator == ContinuousIntegrator.Euler)
            {
                TensorPrimitives.MultiplyAdd(k1, scale, next, next);
            }
            else
            {
                StageInput(w, k1, 0.5 * scale, stage.Data);
                field.Evaluate(stage, k2);
                StageInput(w, k2, 0.5 * scale, stage.Data);
                field.Evaluate(stage, k3);
                StageInput(w, k3, scale, stage.Data);
                field.Evaluate(stage, k4);

                // W += (dt/τ)/6 · (k1 + 2 k2 + 2 k3 + k4)
                for (var q = 0; q < size; q++)
                {
                    next[q] += scale / 6.0 * (k1[q] + 2.0 * k2[q] + 2.0 * k3[q] + k4[q]);
                }
            }

            // Check the candidate before committing it: W(t) stays the last finite state within the limit.
            var largest = 0.0;
            var inputs = weights.Inputs;
            for (var i = 0; i < weights.Outputs; i++)
            {
                var norm = SafeNorm.Of(next.AsSpan(i * inputs, inputs));
                largest = double.IsNaN(norm) || double.IsNaN(largest) ? double.NaN : Math.Max(largest, norm);
            }

            if (!(largest <= divergenceLimit))
            {
                return new TrainingResult(s, s, largest);
            }

            next.CopyTo(w);
        }

        return new TrainingResult(steps, null, null);
    }

    private static void StageInput(ReadOnlySpan<double> w, ReadOnlySpan<double> k, double h, Span<double> destination)
    {
        for (var q = 0; q < w.Length; q++)
        {
            destination[q] = w[q] + h * k[q];
        }
    }

    /// <summary>E_x[ΔW]: left-to-right sum over samples in dataset order, divided by the count.</summary>
    private sealed class AveragedField(ITransferFunction transfer, Dataset data, ILearner learner, int outputs, int inputs)
    {
        private readonly double[] _drive = new double[outputs];
        private readonly double[] _post = new double[outputs];
        private readonly double[] _delta = new double[outputs * inputs];

        public void Evaluate(IWeightMatrix weights, Span<double> result)
        {
            result.Clear();
            for (var k = 0; k < data.Count; k++)
            {
                var x = data.Sample(k);
                weights.Multiply(x, _drive);
                transfer.Apply(_drive, _post);
                learner.ComputeDelta(x, _post, weights, _delta);
                TensorPrimitives.Add(result, _delta, result);
            }

            TensorPrimitives.Divide(result, (double)data.Count, result);
        }
    }
}
