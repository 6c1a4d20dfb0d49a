namespace Plasticity.Core.Networks.RateDynamics;

/// <summary>
/// A leaky dynamical system τ dx/dt = −x + G(x) with one time constant τ (ms): the common form of the rate
/// network (x = v, G(v) = F(h + M v)) and the continuous Hopfield network in potential form
/// (x = u, G(u) = h + M F(u)), so one <see cref="LeakyIntegrator"/> integrates both.
/// </summary>
public interface ILeakySystem
{
    /// <summary>Number of state variables N.</summary>
    int Size { get; }

    /// <summary>τ, in ms.</summary>
    double TimeConstant { get; }

    /// <summary>
    /// Writes the target G(x) the state relaxes towards. <paramref name="target"/> must not overlap
    /// <paramref name="state"/>; both have length <see cref="Size"/> (an inner kernel: not checked).
    /// </summary>
    void Target(ReadOnlySpan<double> state, Span<double> target);
}
