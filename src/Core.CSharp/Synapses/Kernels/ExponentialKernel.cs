using Plasticity.Core.Neurons.Spiking;

namespace Plasticity.Core.Synapses.Kernels;

/// <summary>
/// Single-exponential kernel s(t) = e^{−t/τ_s} for t ≥ 0 (jump s → s + 1 at each spike; science sheet §1).
/// Peak 1 at t = 0, integral τ_s. State update: s ← s·e^{−dt/τ_s}.
/// </summary>
/// <param name="TimeConstant">τ_s &gt; 0 (ms), finite; validated at construction (ArgumentOutOfRangeException).</param>
public sealed record ExponentialKernel(double TimeConstant) : ISynapseKernel
{
    /// <summary>τ_s (ms). Get-only so that a <c>with</c> expression cannot bypass the constructor's check.</summary>
    public double TimeConstant { get; } = ParameterChecks.Positive(TimeConstant, nameof(TimeConstant));

    /// <inheritdoc/>
    public string Name => "exponential";

    /// <inheritdoc/>
    public double Value(double time) => time < 0 ? 0.0 : Math.Exp(-time / TimeConstant);

    /// <inheritdoc/>
    public double PeakTime => 0.0;

    /// <inheritdoc/>
    public double PeakValue => 1.0;

    /// <inheritdoc/>
    public double Integral => TimeConstant;

    /// <inheritdoc/>
    public IKernelState CreateState(double timeStep)
    {
        return new State(TimeConstant, ParameterChecks.Positive(timeStep, nameof(timeStep)));
    }

    /// <summary>s with its exact decay factor E = e^{−dt/τ}; mean over a step s·τ(1 − E)/dt.</summary>
    public sealed class State : IKernelState
    {
        private readonly double _decay;
        private readonly double _meanFactor;

        internal State(double tau, double dt)
        {
            TimeStep = dt;
            _decay = Math.Exp(-dt / tau);
            _meanFactor = tau * (1.0 - _decay) / dt;
        }

        /// <inheritdoc/>
        public double TimeStep { get; }

        /// <inheritdoc/>
        public double Value { get; private set; }

        /// <inheritdoc/>
        public double MeanOverStep => Value * _meanFactor;

        /// <inheritdoc/>
        public void Spike(double weight = 1.0) => Value += weight;

        /// <inheritdoc/>
        public void Advance() => Value *= _decay;

        /// <inheritdoc/>
        public void Reset() => Value = 0.0;
    }
}
