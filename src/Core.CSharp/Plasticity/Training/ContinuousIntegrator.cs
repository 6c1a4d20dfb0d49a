namespace Plasticity.Core.Plasticity.Training;

/// <summary>Time-stepping scheme for the continuous-time averaged learning dynamics.</summary>
public enum ContinuousIntegrator
{
    /// <summary>Explicit Euler, global error O(dt). With dt = τ it is exactly the averaged discrete mode.</summary>
    Euler,

    /// <summary>Classical fourth-order Runge–Kutta, global error O(dt⁴).</summary>
    RungeKutta4,
}
