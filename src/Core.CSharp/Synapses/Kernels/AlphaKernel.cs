using Plasticity.Core.Neurons.Spiking;

namespace Plasticity.Core.Synapses.Kernels;

/// <summary>
/// Alpha kernel normalised to peak 1: s(t) = (t/τ)·e^{1 − t/τ} for t ≥ 0 (science sheet §1). Peak 1 at t = τ,
/// integral e·τ.
/// </summary>
/// <remarks>
/// State-space form: x' = −x/τ (x jumps by w at a spike), s' = −s/τ + (e/τ)·x. With E = e^{−dt/τ} the exact
/// propagator is s ← (s + (e·dt/τ)·x)·E, x ← x·E (x(t) = w e^{−t/τ}, s(t) = w (e/τ) t e^{−t/τ}).
/// </remarks>
/// <param name="TimeConstant">τ &gt; 0 (ms), finite, the time of the peak; validated at construction (ArgumentOutOfRangeException).</param>
public sealed record AlphaKernel(double TimeConstant) : ISynapseKernel
{
    /// <summary>τ (ms). Get-only so that a <c>with</c> expression cannot bypass the constructor's check.</summary>
    public double TimeConstant { get; } = ParameterChecks.Positive(TimeConstant, nameof(TimeConstant));

    /// <inheritdoc/>
    public string Name => "alpha";

    /// <inheritdoc/>
    public double Value(double time) => time < 0 ? 0.0 : time / TimeConstant * Math.Exp(1.0 - (time / TimeConstant));

    /// <inheritdoc/>
    public double PeakTime => TimeConstant;

    /// <inheritdoc/>
    public double PeakValue => 1.0;

    /// <inheritdoc/>
    public double Integral => Math.E * TimeConstant;

    /// <inheritdoc/>
    public IKernelState CreateState(double timeStep)
    {
        return new State(TimeConstant, ParameterChecks.Positive(timeStep, nameof(timeStep)));
    }

    /// <summary>The two coupled exponential states (x, s) and their exact propagator.</summary>
    public sealed class State : IKernelState
    {
        private readonly double _tau;
        private readonly double _decay;
        private readonly double _coupling;
        private double _x;

        internal State(double tau, double dt)
        {
            _tau = tau;
            TimeStep = dt;
            _decay = Math.Exp(-dt / tau);
            _coupling = Math.E * dt / tau;
        }

        /// <inheritdoc/>
        public double TimeStep { get; }

        /// <inheritdoc/>
        public double Value { get; private set; }

        /// <summary>
        /// (1/dt)∫₀^dt (s + (e/τ)·u·x)·e^{−u/τ} du = [s·τ(1 − E) + (e/τ)·x·(τ²(1 − E) − τ·dt·E)]/dt.
        /// </summary>
        public double MeanOverStep
        {
            get
            {
                var oneMinus = 1.0 - _decay;
                return ((Value * _tau * oneMinus) + (Math.E / _tau * _x * ((_tau * _tau * oneMinus) - (_tau * TimeStep * _decay)))) / TimeStep;
            }
        }

        /// <inheritdoc/>
        public void Spike(double weight = 1.0) => _x += weight;

        /// <inheritdoc/>
        public void Advance()
        {
            Value = (Value + (_coupling * _x)) * _decay;
            _x *= _decay;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            Value = 0.0;
            _x = 0.0;
        }
    }
}
