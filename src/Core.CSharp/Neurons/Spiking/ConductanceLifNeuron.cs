namespace Plasticity.Core.Neurons.Spiking;

/// <summary>
/// Conductance-based leaky integrate-and-fire neuron: τ_m dV/dt = (E_L − V) + g_e (E_e − V) + g_i (E_i − V), with
/// the synaptic conductances g in units of the leak conductance (dimensionless), as in Brian2's STDP example
/// (<c>dv/dt = (ge*(Ee-v) + El - v)/taum</c>). Units: potentials in mV, time in ms.
/// </summary>
/// <remarks>
/// <para>
/// Step: the caller passes each conductance's MEAN over the step, ḡ = (1/dt)∫ g (for an exponentially decaying
/// conductance g(t) = g₀ e^{−t/τ_s}: ḡ = g₀ τ_s (1 − e^{−dt/τ_s})/dt, see
/// <see cref="Synapses.Kernels.IKernelState.MeanOverStep"/>). With G = 1 + ḡ_e + ḡ_i and
/// V∞ = (E_L + ḡ_e E_e + ḡ_i E_i)/G the update is V ← V∞ + (V − V∞)·e^{−G·dt/τ_m}.
/// </para>
/// <para>
/// Accuracy: this is the exponential of the step-averaged generator (first Magnus term) of the linear ODE
/// d(V,1)/dt = A(t)(V,1); it is exact when the conductances are constant over the step and otherwise has local
/// error O(dt³) (the commutator term), i.e. global error O(dt²). Freezing g at the step's start instead (V∞ = (E_L +
/// g₀E_e)/(1 + g₀), τ_eff = τ_m/(1 + g₀)) would be O(dt) globally because g decays within the step.
/// Spike/reset/refractory conventions: see <see cref="LifParameters"/>.
/// </para>
/// </remarks>
public sealed class ConductanceLifNeuron
{
    private readonly double _dtOverTau;
    private int _refractoryLeft;

    /// <summary>Creates the neuron at V = <paramref name="initialPotential"/> (default E_L).</summary>
    /// <param name="parameters">LIF parameters (validated).</param>
    /// <param name="excitatoryReversal">E_e (mV), typically 0.</param>
    /// <param name="inhibitoryReversal">E_i (mV), typically ≈ E_L.</param>
    /// <param name="timeStep">dt &gt; 0 (ms).</param>
    /// <param name="initialPotential">V(0) in mV, or null for E_L.</param>
    public ConductanceLifNeuron(LifParameters parameters, double excitatoryReversal, double inhibitoryReversal, double timeStep, double? initialPotential = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.Validated();
        ExcitatoryReversal = ParameterChecks.Finite(excitatoryReversal, nameof(excitatoryReversal));
        InhibitoryReversal = ParameterChecks.Finite(inhibitoryReversal, nameof(inhibitoryReversal));
        TimeStep = ParameterChecks.Positive(timeStep, nameof(timeStep));
        Potential = ParameterChecks.Finite(initialPotential ?? parameters.RestingPotential, nameof(initialPotential));
        _dtOverTau = timeStep / parameters.MembraneTimeConstant;
        RefractorySteps = ParameterChecks.RefractorySteps(parameters.RefractoryPeriod, timeStep);
    }

    /// <summary>The parameters.</summary>
    public LifParameters Parameters { get; }

    /// <summary>E_e (mV).</summary>
    public double ExcitatoryReversal { get; }

    /// <summary>E_i (mV).</summary>
    public double InhibitoryReversal { get; }

    /// <summary>dt (ms).</summary>
    public double TimeStep { get; }

    /// <summary>Membrane potential V (mV).</summary>
    public double Potential { get; set; }

    /// <summary>Refractory steps n_ref = round(t_ref/dt) after each spike.</summary>
    public int RefractorySteps { get; }

    /// <summary>Whether the neuron is currently held at reset.</summary>
    public bool IsRefractory => _refractoryLeft > 0;

    /// <summary>
    /// Scalar reference with one (excitatory) conductance, in exactly this operation order (the Song–Miller–Abbott
    /// runner uses it): G = 1 + ḡ; V∞ = (E_L + ḡ·E_e)/G; V ← V∞ + (V − V∞)·exp(−(G·(dt/τ_m))).
    /// </summary>
    public static double PropagateExcitatory(double potential, double restingPotential, double reversal, double meanConductance, double dtOverTau)
    {
        var total = 1.0 + meanConductance;
        var vInf = (restingPotential + (meanConductance * reversal)) / total;
        return vInf + ((potential - vInf) * Math.Exp(-(total * dtOverTau)));
    }

    /// <summary>
    /// Scalar reference with excitatory and inhibitory conductances: G = 1 + ḡ_e + ḡ_i,
    /// V∞ = (E_L + ḡ_e E_e + ḡ_i E_i)/G, V ← V∞ + (V − V∞)·exp(−G·dt/τ_m).
    /// </summary>
    public static double Propagate(double potential, double restingPotential, double dtOverTau, double meanExcitatory, double excitatoryReversal, double meanInhibitory, double inhibitoryReversal)
    {
        var total = 1.0 + meanExcitatory + meanInhibitory;
        var vInf = (restingPotential + (meanExcitatory * excitatoryReversal) + (meanInhibitory * inhibitoryReversal)) / total;
        return vInf + ((potential - vInf) * Math.Exp(-(total * dtOverTau)));
    }

    /// <summary>
    /// Advances one step with the step-mean conductances ḡ_e, ḡ_i ≥ 0 (units of the leak conductance); returns true
    /// if the neuron spiked at the end of the step (V was then reset to V_r).
    /// </summary>
    public bool Step(double meanExcitatory, double meanInhibitory = 0.0)
    {
        if (_refractoryLeft > 0)
        {
            _refractoryLeft--;
            return false;
        }

        Potential = Propagate(Potential, Parameters.RestingPotential, _dtOverTau, meanExcitatory, ExcitatoryReversal, meanInhibitory, InhibitoryReversal);
        if (Potential >= Parameters.Threshold)
        {
            Potential = Parameters.Reset;
            _refractoryLeft = RefractorySteps;
            return true;
        }

        return false;
    }
}
