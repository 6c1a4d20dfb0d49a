namespace Plasticity.Core.Plasticity.ThreeFactor;

/// <summary>
/// A three-factor rule built on any rule (rate, multi-output or STDP): the inner rule's changes feed an eligibility
/// trace e_ij, and the weights move by the trace times the third factor,
/// <code>
/// τ_e de_ij/dt = −e_ij + Δ_inner,ij(t),     ΔW_ij = η · M(t) · e_ij   (per step)
/// </code>
/// (Izhikevich 2007; Frémaux &amp; Gerstner 2016, eq. 2). Discretisation, per step of length dt: the inner change of
/// the step, Δ_k, is an event of area τ_e·Δ_k, so the trace decays exactly and then jumps,
/// e ← e·a + Δ_k with a = e^{−dt/τ_e}; then ΔW = (η·M)·e.
/// </summary>
/// <remarks>
/// <para>The seam's proof: with M ≡ 1, η = 1 and τ_e → 0 (a = 0: the trace is the last step's change) the wrapper
/// writes exactly the inner rule's ΔW, bit for bit, for every rule (τ_e = 0 is taken as that limit: e ← Δ_k, copied,
/// so even a −0 survives). The inner rule reads the same context (dt, weights) as the wrapper; its own state advances
/// on its own change.</para>
/// <para>Units: τ_e in the loop's time unit (ms for spiking runs, samples for training); η dimensionless; e has the
/// units of a weight change per step.</para>
/// </remarks>
public sealed record EligibilityTrace : IPlasticityRule
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The rule whose changes drive the trace.</param>
    /// <param name="timeConstant">τ_e ≥ 0 (0: the one-step limit, no memory).</param>
    /// <param name="learningRate">η (finite).</param>
    public EligibilityTrace(IPlasticityRule inner, double timeConstant, double learningRate = 1.0)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        TimeConstant = ParameterChecks.NonNegative(timeConstant, nameof(timeConstant));
        LearningRate = ParameterChecks.Finite(learningRate, nameof(learningRate));
    }

    /// <summary>The wrapped rule.</summary>
    public IPlasticityRule Inner { get; }

    /// <summary>τ_e (loop time unit).</summary>
    public double TimeConstant { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <inheritdoc/>
    public string Name => $"eligibility({Inner.Name})";

    /// <inheritdoc/>
    public bool HasState => TimeConstant > 0 || Inner.HasState;

    /// <inheritdoc/>
    public IRuleState CreateState(int outputs, int inputs) =>
        new State(Inner.CreateState(outputs, inputs), TimeConstant, LearningRate, checked(outputs * inputs));

    private sealed class State(IRuleState inner, double tau, double eta, int size) : IRuleState
    {
        private readonly double[] _trace = new double[size];
        private readonly double[] _next = new double[size];
        private readonly double[] _innerDelta = new double[size];

        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
        {
            inner.ComputeDelta(pre, post, context, _innerDelta);
            var decay = tau == 0 ? 0.0 : Math.Exp(-context.Dt / tau);
            if (decay == 0)
            {
                _innerDelta.CopyTo(_next, 0);
            }
            else
            {
                // e·a + Δ, evaluated as (e·a) + Δ (no fused multiply-add).
                TensorPrimitives.MultiplyAdd(_trace, decay, _innerDelta, _next);
            }

            TensorPrimitives.Multiply(_next, eta * context.Modulator, delta[..size]);
        }

        public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta)
        {
            _next.CopyTo(_trace, 0);
            inner.Advance(pre, post, context, _innerDelta);
        }
    }
}
