namespace Plasticity.Core.Neurons;

/// <summary>Linear rate neuron g(h) = h, the neuron of every averaged-dynamics result in science sheet §2.</summary>
public sealed class LinearTransfer : ITransferFunction
{
    /// <summary>The single instance.</summary>
    public static LinearTransfer Instance { get; } = new();

    private LinearTransfer()
    {
    }

    /// <inheritdoc/>
    public double Apply(double drive) => drive;

    /// <inheritdoc/>
    public double Derivative(double drive) => 1.0;

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<double> drive, Span<double> rate) => drive.CopyTo(rate);
}
