namespace Plasticity.Core.Neurons;

/// <summary>
/// Sign (threshold) neuron g(h) = sgn(h) ∈ {−1, +1} (science sheet §1), with a chosen value at h = 0.
/// </summary>
/// <remarks>
/// g(h) = +1 for h &gt; 0, −1 for h &lt; 0, <see cref="ValueAtZero"/> for h = ±0; NaN propagates. The
/// derivative is 0 everywhere (the delta at 0 is not represented), so gradient methods see no signal.
/// The binary Hopfield network (<see cref="Networks.Hopfield.HopfieldDynamics"/>) instead keeps the current
/// state on a tie, which a memoryless transfer function cannot express.
/// </remarks>
public sealed class SignTransfer : ITransferFunction
{
    /// <summary>sgn with sgn(0) = +1.</summary>
    public static SignTransfer Instance { get; } = new(1.0);

    /// <summary>Creates sgn with the given value at 0, one of −1, 0 or +1.</summary>
    public SignTransfer(double valueAtZero)
    {
        if (valueAtZero is not (-1.0 or 0.0 or 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(valueAtZero), valueAtZero, "valueAtZero must be −1, 0 or +1.");
        }

        // 0.0 also matches −0.0; store +0 so the output is a canonical sign value.
        ValueAtZero = valueAtZero == 0.0 ? 0.0 : valueAtZero;
    }

    /// <summary>g(0).</summary>
    public double ValueAtZero { get; }

    /// <inheritdoc/>
    public double Apply(double drive) => drive > 0.0 ? 1.0 : drive < 0.0 ? -1.0 : drive == 0.0 ? ValueAtZero : drive;

    /// <inheritdoc/>
    public double Derivative(double drive) => 0.0;

    /// <inheritdoc/>
    /// <remarks>A loop over the scalar <see cref="Apply(double)"/>, so it is bit-identical by construction.</remarks>
    public void Apply(ReadOnlySpan<double> drive, Span<double> rate)
    {
        for (var i = 0; i < drive.Length; i++)
        {
            rate[i] = Apply(drive[i]);
        }
    }
}
