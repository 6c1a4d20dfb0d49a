namespace Plasticity.Core.Numerics;

/// <summary>
/// The classic fourth-order Runge–Kutta increment for dx/dt = f(t, x) on a flat state of <c>size</c> values, shared by
/// the rate-network integrator and the continuous-time trainer. With k1 = f(t, x) from the caller and step h:
/// <code>
/// k2 = f(t + h/2, x + (h/2)·k1),  k3 = f(t + h/2, x + (h/2)·k2),  k4 = f(t + h, x + h·k3)
/// Δx = (h/6)·(k1 + 2·k2 + 2·k3 + k4)
/// </code>
/// element by element in exactly that order (so x + Δx is the textbook x + h/6 (…) to the bit). Local error O(h⁵).
/// </summary>
/// <remarks>The caller owns k1 (it may come from elsewhere than the stages, e.g. a weight store) and the stage buffer
/// (it may be the storage of the matrix f reads). Buffers make an instance single-threaded.</remarks>
internal sealed class RungeKutta4(int size)
{
    private readonly double[] _k2 = new double[size];
    private readonly double[] _k3 = new double[size];
    private readonly double[] _k4 = new double[size];

    /// <summary>Δx into <paramref name="increment"/>, evaluating <paramref name="f"/> on the stages written into <paramref name="stage"/>.</summary>
    public void Increment<TSlope>(ref TSlope f, ReadOnlySpan<double> x, ReadOnlySpan<double> k1, double h, Span<double> stage, Span<double> increment)
        where TSlope : struct, IRungeKuttaSlope
    {
        var half = 0.5 * h;
        Stage(x, k1, half, stage);
        f.Evaluate(stage, 0.5, _k2);
        Stage(x, _k2, half, stage);
        f.Evaluate(stage, 0.5, _k3);
        Stage(x, _k3, h, stage);
        f.Evaluate(stage, 1.0, _k4);
        var sixth = h / 6.0;
        for (var i = 0; i < x.Length; i++)
        {
            increment[i] = sixth * (k1[i] + 2.0 * _k2[i] + 2.0 * _k3[i] + _k4[i]);
        }
    }

    private static void Stage(ReadOnlySpan<double> x, ReadOnlySpan<double> k, double c, Span<double> stage)
    {
        for (var i = 0; i < x.Length; i++)
        {
            stage[i] = x[i] + c * k[i];
        }
    }
}
