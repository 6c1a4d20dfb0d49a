namespace Plasticity.Core.Networks.RateDynamics;

/// <summary>Time-stepping scheme of a <see cref="LeakyIntegrator"/> for τ dx/dt = −x + G(x).</summary>
public enum IntegrationScheme
{
    /// <summary>
    /// Exponential Euler x ← G + e^{−dt/τ}(x − G(x)) (= e^{−dt/τ} x + (1 − e^{−dt/τ}) G(x)): exact when G is
    /// constant over the step, unconditionally stable in the leak, first order in dt otherwise.
    /// </summary>
    ExponentialEuler,

    /// <summary>Classical fourth-order Runge–Kutta on f(x) = (G(x) − x)/τ: global error O(dt⁴).</summary>
    RungeKutta4,
}
