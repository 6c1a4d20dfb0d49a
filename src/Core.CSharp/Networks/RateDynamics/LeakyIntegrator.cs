using Plasticity.Core.Numerics.Stepping;

namespace Plasticity.Core.Networks.RateDynamics;

/// <summary>
/// Fixed-step integrator of τ dx/dt = −x + G(x) (<see cref="ILeakySystem"/>) with time step dt (ms).
/// </summary>
/// <remarks>
/// <para>Exponential Euler: x ← G + a (x − G), a = e^{−dt/τ}, G = G(x) — the exact flow when G is constant
/// over the step (so with M = 0 it is exact to rounding for any dt) and stable for any dt.</para>
/// <para>RK4: k1 = f(x), k2 = f(x + dt/2 k1), k3 = f(x + dt/2 k2), k4 = f(x + dt k3),
/// x ← x + dt/6 (k1 + 2k2 + 2k3 + k4), f(x) = (G(x) − x)/τ. Local error O(dt⁵), global O(dt⁴). For the linear
/// scalar mode f = λx (z = λ dt, −1 ≤ z ≤ 0) the step multiplies by R(z) = 1 + z + z²/2 + z³/6 + z⁴/24 and
/// |e^z − R(z)| ≤ |z|⁵/120.</para>
/// <para>Each step is computed into a buffer and checked before it is written back: a non-finite value throws
/// <see cref="RateDynamicsDivergedException"/> with the step and leaves the state at its last finite value.
/// Buffers make an instance single-threaded.</para>
/// </remarks>
public sealed class LeakyIntegrator
{
    private readonly double[] _target;
    private readonly double[] _next;
    private readonly double[] _k1;
    private readonly double[] _stage;
    private readonly RungeKutta4 _rungeKutta;
    private readonly double _decay;

    /// <summary>Creates the integrator; 0 &lt; dt &lt; ∞ (ms).</summary>
    public LeakyIntegrator(ILeakySystem system, IntegrationScheme scheme, double timeStep)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (!(timeStep > 0.0) || double.IsPositiveInfinity(timeStep))
        {
            throw new ArgumentOutOfRangeException(nameof(timeStep), timeStep, "the time step dt must be positive and finite (ms).");
        }

        if (scheme is not (IntegrationScheme.ExponentialEuler or IntegrationScheme.RungeKutta4))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "unknown integration scheme.");
        }

        System = system;
        Scheme = scheme;
        TimeStep = timeStep;
        _decay = Math.Exp(-timeStep / system.TimeConstant);
        var n = system.Size;
        _target = new double[n];
        _next = new double[n];
        _k1 = new double[n];
        _stage = new double[n];
        _rungeKutta = new RungeKutta4(n);
    }

    /// <summary>The system integrated.</summary>
    public ILeakySystem System { get; }

    /// <summary>The scheme.</summary>
    public IntegrationScheme Scheme { get; }

    /// <summary>dt, ms.</summary>
    public double TimeStep { get; }

    /// <summary>Steps taken since creation or <see cref="Reset"/>.</summary>
    public long StepsTaken { get; private set; }

    /// <summary>Time since creation or <see cref="Reset"/>, StepsTaken·dt (ms).</summary>
    public double Time => StepsTaken * TimeStep;

    /// <summary>Sets the step count (and time) back to 0.</summary>
    public void Reset() => StepsTaken = 0;

    /// <summary>Advances <paramref name="state"/> (length N) by <paramref name="steps"/> steps (≥ 0).</summary>
    /// <remarks>
    /// Runs on <see cref="StepLoop"/>: one step is one integration step dt; progress reports carry the integrator's
    /// <see cref="Time"/> (ms). A step whose result is not finite ends the loop as <see cref="StepStatus.Diverged"/>
    /// and is reported as <see cref="RateDynamicsDivergedException"/>. <paramref name="control"/> cancels between
    /// steps (<see cref="OperationCanceledException"/>). After an exception the state holds the last finite state
    /// before it (the completed steps are kept, and counted in <see cref="StepsTaken"/>).
    /// </remarks>
    /// <exception cref="RateDynamicsDivergedException">A step produced a non-finite value.</exception>
    public void Run(Span<double> state, int steps, RunControl? control = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        SystemChecks.Length(state.Length, System.Size, nameof(state));
        control = (control ?? RunControl.None).Validated();
        var stepper = new Stepper(this, state.ToArray());
        try
        {
            StepLoop.Run(stepper, steps, control);
        }
        finally
        {
            stepper.State.CopyTo(state);
        }

        if (stepper.Divergence is { } diverged)
        {
            throw diverged;
        }
    }

    /// <summary>Advances <paramref name="state"/> (length N) by one step dt.</summary>
    /// <exception cref="RateDynamicsDivergedException">The step produced a non-finite value.</exception>
    public void Step(Span<double> state)
    {
        SystemChecks.Length(state.Length, System.Size, nameof(state));
        StepKernel(state);
    }

    private void StepKernel(Span<double> state)
    {
        if (TryStepKernel(state) is { } diverged)
        {
            throw diverged;
        }
    }

    /// <summary>
    /// One step into the candidate buffer; writes it back when finite, otherwise leaves <paramref name="state"/> as it
    /// was and returns the divergence (the step is counted either way, as the exception's step number).
    /// </summary>
    private RateDynamicsDivergedException? TryStepKernel(Span<double> state)
    {
        if (Scheme == IntegrationScheme.ExponentialEuler)
        {
            ExponentialEulerStep(state);
        }
        else
        {
            RungeKutta4Step(state);
        }

        StepsTaken++;
        for (var i = 0; i < _next.Length; i++)
        {
            if (!double.IsFinite(_next[i]))
            {
                return new RateDynamicsDivergedException(StepsTaken, Time, i, _next[i]);
            }
        }

        _next.CopyTo(state);
        return null;
    }

    private void ExponentialEulerStep(ReadOnlySpan<double> x)
    {
        System.Target(x, _target);
        for (var i = 0; i < x.Length; i++)
        {
            // G + a(x − G): no cancellation in 1 − a when dt ≪ τ, and exactly G + aⁿ(x0 − G) for constant G.
            _next[i] = _target[i] + _decay * (x[i] - _target[i]);
        }
    }

    private void RungeKutta4Step(ReadOnlySpan<double> x)
    {
        Slope(x, _k1);
        var slope = new StageSlope(this);
        _rungeKutta.Increment(ref slope, x, _k1, TimeStep, _stage, _next);
        for (var i = 0; i < x.Length; i++)
        {
            _next[i] = x[i] + _next[i];
        }
    }

    /// <summary>One integration step per loop step, on a private copy of the caller's state.</summary>
    private sealed class Stepper(LeakyIntegrator integrator, double[] state) : IStepper
    {
        private readonly long _startSteps = integrator.StepsTaken;

        public double[] State => state;

        public RateDynamicsDivergedException? Divergence { get; private set; }

        /// <summary>The integrator's time after this run's <paramref name="stepsDone"/> steps, ms.</summary>
        public double TimeAfter(long stepsDone) => (_startSteps + stepsDone) * integrator.TimeStep;

        public StepStatus Step(long step)
        {
            Divergence = integrator.TryStepKernel(state);
            return Divergence is null ? StepStatus.Continue : StepStatus.Diverged;
        }
    }

    /// <summary>f at an RK4 stage: the same f(x) = (G(x) − x)/τ (the system is autonomous).</summary>
    private readonly struct StageSlope(LeakyIntegrator integrator) : IRungeKuttaSlope
    {
        public void Evaluate(ReadOnlySpan<double> stage, double fraction, Span<double> slope) => integrator.Slope(stage, slope);
    }

    /// <summary>f(x) = (G(x) − x)/τ.</summary>
    private void Slope(ReadOnlySpan<double> x, Span<double> slope)
    {
        System.Target(x, _target);
        var tau = System.TimeConstant;
        for (var i = 0; i < x.Length; i++)
        {
            slope[i] = (_target[i] - x[i]) / tau;
        }
    }
}
