namespace Plasticity.Core.Plasticity;

/// <summary>
/// A third factor M(t) for three-factor learning (science sheet: Δw = η M(t) e_ij): a reward, a surprise or a
/// neuromodulator signal, evaluated once per step by the loop and handed to the rule in <see cref="StepContext.Modulator"/>.
/// </summary>
public interface IModulator
{
    /// <summary>M at step <paramref name="step"/> (1-based), model time <paramref name="time"/>, given the step's activity.</summary>
    double Value(long step, double time, ReadOnlySpan<double> pre, ReadOnlySpan<double> post);
}

/// <summary>M(t) ≡ <paramref name="Level"/> (1 for a two-factor run).</summary>
public sealed record ConstantModulator(double Level = 1.0) : IModulator
{
    /// <inheritdoc/>
    public double Value(long step, double time, ReadOnlySpan<double> pre, ReadOnlySpan<double> post) => Level;
}
