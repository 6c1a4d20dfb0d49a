namespace Plasticity.Core.Neurons;

/// <summary>
/// Rectified linear rate neuron g(h) = max(h, 0) (science sheet §1). Not invertible (every h ≤ 0 maps to 0).
/// </summary>
/// <remarks>
/// Derivative: 1 for h &gt; 0 and 0 for h ≤ 0 (the one-sided value from the left is taken at the kink h = 0).
/// max follows IEEE 754-2019 maximum in both paths: NaN propagates and max(−0, +0) = +0, so the vectorised
/// TensorPrimitives.Max equals the scalar Math.Max bit for bit.
/// </remarks>
public sealed class ReluTransfer : ITransferFunction
{
    /// <summary>The single instance.</summary>
    public static ReluTransfer Instance { get; } = new();

    private ReluTransfer()
    {
    }

    /// <inheritdoc/>
    public double Apply(double drive) => Math.Max(drive, 0.0);

    /// <inheritdoc/>
    public double Derivative(double drive) => drive > 0.0 ? 1.0 : 0.0;

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<double> drive, Span<double> rate) => TensorPrimitives.Max(drive, 0.0, rate);
}
