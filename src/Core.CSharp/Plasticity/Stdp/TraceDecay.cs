namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Exact exponential decay of a trace over an interval: x ← x·e^{−Δt/τ} (Δt, τ in ms). The factor e^{−Δt/τ}
/// is cached for the last interval, so a fixed-step loop (the same dt every step) computes one exponential
/// once and then decays all N traces with one SIMD multiply per step; an event-driven caller with varying
/// intervals pays one <see cref="Math.Exp"/> per call. Decaying in k steps of dt gives x·(e^{−dt/τ})^k, which
/// differs from x·e^{−k·dt/τ} by at most about 2k unit roundoffs (relative).
/// </summary>
public struct TraceDecay
{
    private readonly double _tau;
    private double _interval;
    private double _factor;

    /// <summary>A decay with time constant τ.</summary>
    /// <param name="tau">τ &gt; 0 (ms).</param>
    public TraceDecay(double tau)
    {
        if (!(tau > 0 && double.IsFinite(tau)))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be finite and > 0 ms.");
        }

        _tau = tau;
        _interval = 0;
        _factor = 1;
    }

    /// <summary>Time constant τ (ms).</summary>
    public readonly double Tau => _tau;

    /// <summary>The factor e^{−Δt/τ} for an interval (cached for a repeated interval).</summary>
    public double Factor(double interval)
    {
        if (interval != _interval)
        {
            _interval = interval;
            _factor = Math.Exp(-interval / _tau);
        }

        return _factor;
    }

    /// <summary>Scalar: x·e^{−Δt/τ}.</summary>
    public double Apply(double x, double interval) => x * Factor(interval);

    /// <summary>Vector: x_i ← x_i·e^{−Δt/τ} for all i (equals <see cref="Apply"/> element-wise, bit for bit).</summary>
    public void ApplyAll(Span<double> x, double interval) => TensorPrimitives.Multiply(x, Factor(interval), x);

    /// <summary>Throws unless the interval is finite and ≥ 0 (ms).</summary>
    public static void RequireInterval(double interval)
    {
        if (!(interval >= 0 && double.IsFinite(interval)))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be finite and >= 0 ms.");
        }
    }
}
