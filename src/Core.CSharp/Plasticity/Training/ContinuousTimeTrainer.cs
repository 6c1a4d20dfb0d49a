using Plasticity.Core.Data;
using Plasticity.Core.Neurons;
using Plasticity.Core.Numerics.Stepping;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// The continuous-time averaged form of a learning rule: τ dW/dt = E_x[ΔW(x, g(W x), W)], the expectation over
/// the dataset of one sample's change (science sheet §2, "averaged dynamics"). Time t and τ share any unit
/// (steps for the discrete rules: one averaged step is Euler with dt = τ). For plain Hebb with a linear neuron
/// this is τ dw/dt = η C w with the exact solution w(t) = e^{η C t/τ} w(0).
/// </summary>
/// <remarks>
/// <para>Only rules without state of their own: a rule with <see cref="IPlasticityRule.HasState"/> is rejected, since
/// there are no samples to advance its state on. The rule reads W through <see cref="StepContext.Weights"/> with
/// <see cref="StepContext.Dt"/> = dt (the integrator step).</para>
/// <para>Any weight store: W(t) is read from the store, ΔW is applied through <see cref="IWeightMatrix.Apply"/> once
/// per step, and the store's result is checked again (see <see cref="Trainer"/>). Runs on <see cref="StepLoop"/>
/// (cancellation before each step, progress with time t).</para>
/// </remarks>
public static class ContinuousTimeTrainer
{
    /// <summary>Integrates from t = 0 to <paramref name="duration"/> in steps of <paramref name="dt"/>; returns the steps taken.</summary>
    /// <param name="weights">W(0) on entry (any store), W(duration) on return.</param>
    /// <param name="transfer">Neuron transfer g.</param>
    /// <param name="data">The samples defining E_x.</param>
    /// <param name="rule">A rule without state of its own (<see cref="IPlasticityRule.HasState"/> false).</param>
    /// <param name="tau">Time constant τ &gt; 0.</param>
    /// <param name="dt">Time step, 0 &lt; dt ≤ duration; duration/dt must be an integer to within 1e-9.</param>
    /// <param name="duration">Integration time &gt; 0.</param>
    /// <param name="integrator">Euler or RK4.</param>
    /// <param name="divergenceLimit">Stops and reports the step that would make a row norm exceed this (&gt; 0) or a
    /// weight non-finite; that step is not applied, so <paramref name="weights"/> stay finite (see <see cref="Trainer"/>).</param>
    /// <param name="modulator">Optional third factor M (null: M ≡ 1), evaluated per sample in every field evaluation
    /// at the stage time (t, t + dt/2 or t + dt).</param>
    /// <param name="control">Optional cancellation and progress (null: none); progress time is t.</param>
    public static TrainingResult Run(
        IWeightMatrix weights,
        ITransferFunction transfer,
        Dataset data,
        IPlasticityRule rule,
        double tau,
        double dt,
        double duration,
        ContinuousIntegrator integrator = ContinuousIntegrator.RungeKutta4,
        double divergenceLimit = 1e6,
        IModulator? modulator = null,
        RunControl? control = null)
    {
        TrainingChecks.Layer(weights, transfer, data, rule);
        if (rule.HasState)
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

        if (!(divergenceLimit > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(divergenceLimit), divergenceLimit, "divergenceLimit must be > 0.");
        }

        var exactSteps = duration / dt;
        var steps = (long)Math.Round(exactSteps);
        if (Math.Abs(exactSteps - steps) > 1e-9 * Math.Max(1.0, exactSteps))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"duration/dt = {exactSteps} must be an integer.");
        }

        control = (control ?? RunControl.None).Validated();
        var field = new AveragedField(transfer, data, rule.CreateState(weights.Outputs, weights.Inputs), modulator, weights.Outputs, weights.Inputs);
        var stepper = new Stepper(weights, field, integrator, tau, dt, divergenceLimit);
        return TrainingResult.Of(StepLoop.Run(stepper, steps, control), stepper.DivergenceNorm);
    }

    /// <summary>
    /// One integration step: read W(t) from the store, evaluate the field (once for Euler, four times for RK4, the
    /// stages on an exact dense scratch matrix), check the candidate W(t) + ΔW before committing it, apply ΔW through
    /// the store, and check what the store holds (a device may quantise or clip; for the ideal store it is the
    /// candidate itself).
    /// </summary>
    private sealed class Stepper : IStepper
    {
        private readonly IWeightMatrix _weights;
        private readonly AveragedField _field;
        private readonly ContinuousIntegrator _integrator;
        private readonly double _dt;
        private readonly double _scale;
        private readonly double _limit;
        private readonly double[] _w;
        private readonly double[] _k1;
        private readonly double[] _increment;
        private readonly double[] _next;
        private readonly DenseWeightMatrix _stage;
        private readonly RungeKutta4 _rungeKutta;

        public Stepper(IWeightMatrix weights, AveragedField field, ContinuousIntegrator integrator, double tau, double dt, double limit)
        {
            _weights = weights;
            _field = field;
            _integrator = integrator;
            _dt = dt;
            _scale = dt / tau;
            _limit = limit;
            var size = weights.Outputs * weights.Inputs;
            _w = new double[size];
            _k1 = new double[size];
            _increment = new double[size];
            _next = new double[size];
            _stage = new DenseWeightMatrix(weights.Outputs, weights.Inputs);
            _rungeKutta = new RungeKutta4(size);
        }

        /// <summary>The largest candidate (or applied) row norm at the step that diverged.</summary>
        public double DivergenceNorm { get; private set; }

        public double TimeAfter(long stepsDone) => stepsDone * _dt;

        public StepStatus Step(long step)
        {
            var inputs = _weights.Inputs;
            Read(_w);
            var t = (step - 1) * _dt;
            var ctx = new FieldTime(step, t, _dt);
            _field.Evaluate(_weights, ctx, _k1);
            if (_integrator == ContinuousIntegrator.Euler)
            {
                // ΔW = (dt/τ) k1
                TensorPrimitives.Multiply(_k1, _scale, _increment);
            }
            else
            {
                // ΔW = (dt/τ)/6 · (k1 + 2 k2 + 2 k3 + k4), the stages W + c·k on the exact dense scratch matrix.
                var slope = new StageField(_field, _stage, ctx);
                _rungeKutta.Increment(ref slope, _w, _k1, _scale, _stage.Data, _increment);
            }

            // Check the candidate before committing it: W(t) stays the last finite state within the limit.
            TensorPrimitives.Add(_w, _increment, _next);
            var largest = LargestRowNorm(_next, inputs);
            if (!(largest <= _limit))
            {
                DivergenceNorm = largest;
                return StepStatus.Diverged;
            }

            _weights.Apply(_increment);
            Read(_next);
            largest = LargestRowNorm(_next, inputs);
            if (!(largest <= _limit))
            {
                DivergenceNorm = largest;
                return StepStatus.Diverged;
            }

            return StepStatus.Continue;
        }

        private void Read(double[] destination)
        {
            var n = _weights.Inputs;
            for (var i = 0; i < _weights.Outputs; i++)
            {
                _weights.CopyRow(i, destination.AsSpan(i * n, n));
            }
        }

        private static double LargestRowNorm(double[] w, int inputs)
        {
            var largest = 0.0;
            for (var i = 0; i * inputs < w.Length; i++)
            {
                var norm = SafeNorm.Of(w.AsSpan(i * inputs, inputs));
                largest = double.IsNaN(norm) || double.IsNaN(largest) ? double.NaN : Math.Max(largest, norm);
            }

            return largest;
        }
    }

    /// <summary>The field at an RK4 stage: E_x[ΔW] on the stage matrix (whose storage holds the stage) at t + c·dt.</summary>
    private readonly struct StageField(AveragedField field, DenseWeightMatrix stage, FieldTime time) : IRungeKuttaSlope
    {
        public void Evaluate(ReadOnlySpan<double> values, double fraction, Span<double> slope) =>
            field.Evaluate(stage, time with { Time = time.Time + fraction * time.Dt }, slope);
    }

    /// <summary>Where a field evaluation sits: the step (1-based), the stage time and the integrator step.</summary>
    private readonly record struct FieldTime(long Step, double Time, double Dt);

    /// <summary>E_x[ΔW]: left-to-right sum over samples in dataset order, divided by the count.</summary>
    private sealed class AveragedField(ITransferFunction transfer, Dataset data, IRuleState state, IModulator? modulator, int outputs, int inputs)
    {
        private readonly double[] _drive = new double[outputs];
        private readonly double[] _post = new double[outputs];
        private readonly double[] _delta = new double[outputs * inputs];

        public void Evaluate(IWeightMatrix weights, FieldTime time, Span<double> result)
        {
            result.Clear();
            for (var k = 0; k < data.Count; k++)
            {
                var x = data.Sample(k);
                weights.Multiply(x, _drive);
                transfer.Apply(_drive, _post);
                var m = modulator is null ? 1.0 : modulator.Value(time.Step, time.Time, x, _post);
                state.ComputeDelta(x, _post, new StepContext(time.Dt, weights, m), _delta);
                TensorPrimitives.Add(result, _delta, result);
            }

            TensorPrimitives.Divide(result, (double)data.Count, result);
        }
    }
}
