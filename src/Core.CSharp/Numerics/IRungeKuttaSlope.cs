namespace Plasticity.Core.Numerics;

/// <summary>The right-hand side f of dx/dt = f(t, x) at one stage of a <see cref="RungeKutta4"/> step.</summary>
internal interface IRungeKuttaSlope
{
    /// <summary>Writes f(t + c·h, stage) into <paramref name="slope"/>, c = <paramref name="fraction"/> of the step (½, ½, 1).</summary>
    void Evaluate(ReadOnlySpan<double> stage, double fraction, Span<double> slope);
}
