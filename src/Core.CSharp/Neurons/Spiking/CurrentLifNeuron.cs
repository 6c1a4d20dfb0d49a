namespace Plasticity.Core.Neurons.Spiking;

/// <summary>
/// Current-based leaky integrate-and-fire neuron: τ_m dV/dt = −(V − E_L) + R·I, spike and reset at threshold
/// (science sheet §1; Dayan &amp; Abbott 2001, §5.4). Units: V, E_L and the drive R·I in mV, time in ms.
/// </summary>
/// <remarks>
/// Integration is exact for a drive held constant over each step: with V∞ = E_L + R·I,
/// V(t + dt) = V∞ + (V(t) − V∞)·e^{−dt/τ_m}. Spike, reset and refractory conventions: see
/// <see cref="LifParameters"/>.
/// </remarks>
public sealed class CurrentLifNeuron
{
    private readonly double _decay;
    private int _refractoryLeft;

    /// <summary>Creates the neuron at V = <paramref name="initialPotential"/> (default E_L).</summary>
    /// <param name="parameters">LIF parameters (validated).</param>
    /// <param name="timeStep">dt &gt; 0 (ms).</param>
    /// <param name="initialPotential">V(0) in mV, or null for E_L.</param>
    public CurrentLifNeuron(LifParameters parameters, double timeStep, double? initialPotential = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.Validated();
        TimeStep = ParameterChecks.Positive(timeStep, nameof(timeStep));
        Potential = ParameterChecks.Finite(initialPotential ?? parameters.RestingPotential, nameof(initialPotential));
        _decay = Math.Exp(-timeStep / parameters.MembraneTimeConstant);
        RefractorySteps = ParameterChecks.RefractorySteps(parameters.RefractoryPeriod, timeStep);
    }

    /// <summary>The parameters.</summary>
    public LifParameters Parameters { get; }

    /// <summary>dt (ms).</summary>
    public double TimeStep { get; }

    /// <summary>Membrane potential V (mV).</summary>
    public double Potential { get; set; }

    /// <summary>Refractory steps n_ref = round(t_ref/dt) after each spike.</summary>
    public int RefractorySteps { get; }

    /// <summary>Whether the neuron is currently held at reset.</summary>
    public bool IsRefractory => _refractoryLeft > 0;

    /// <summary>
    /// Scalar reference of the exact step: V∞ + (V − V∞)·decay with V∞ = E_L + R·I and decay = e^{−dt/τ_m}.
    /// </summary>
    public static double Propagate(double potential, double restingPotential, double drive, double decay)
    {
        var vInf = restingPotential + drive;
        return vInf + ((potential - vInf) * decay);
    }

    /// <summary>
    /// Advances one step with the drive R·I (mV) constant over the step; returns true if the neuron spiked at the
    /// end of the step (V was then reset to V_r).
    /// </summary>
    public bool Step(double drive)
    {
        if (_refractoryLeft > 0)
        {
            _refractoryLeft--;
            return false;
        }

        Potential = Propagate(Potential, Parameters.RestingPotential, drive, _decay);
        if (Potential >= Parameters.Threshold)
        {
            Potential = Parameters.Reset;
            _refractoryLeft = RefractorySteps;
            return true;
        }

        return false;
    }
}
