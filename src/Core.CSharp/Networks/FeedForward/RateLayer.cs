using Plasticity.Core.Neurons;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.FeedForward;

/// <summary>
/// A feed-forward layer of rate neurons, y_i = g(Σ_j w_ij x_j) = g((W x)_i) (science sheet §1). A single
/// neuron is a layer with one output.
/// </summary>
/// <remarks>
/// The layer references (does not copy) its weights, so a learning rule's updates to them are seen at once.
/// It keeps one drive buffer, so one instance must not be used from two threads at the same time.
/// </remarks>
public sealed class RateLayer
{
    private readonly double[] _drive;

    /// <summary>Creates the layer y = g(W x).</summary>
    public RateLayer(IWeightMatrix weights, ITransferFunction transfer)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(transfer);
        Weights = weights;
        Transfer = transfer;
        _drive = new double[weights.Outputs];
    }

    /// <summary>W (outputs × inputs).</summary>
    public IWeightMatrix Weights { get; }

    /// <summary>g.</summary>
    public ITransferFunction Transfer { get; }

    /// <summary>Writes the drive h = W x (length <see cref="IWeightView.Outputs"/>).</summary>
    public void Drive(ReadOnlySpan<double> pre, Span<double> drive)
    {
        Check(pre, drive, nameof(drive));
        Weights.Multiply(pre, drive);
    }

    /// <summary>Writes the rates y = g(W x) of every output for the presynaptic rates x.</summary>
    public void Compute(ReadOnlySpan<double> pre, Span<double> post)
    {
        Check(pre, post, nameof(post));
        Weights.Multiply(pre, _drive);
        Transfer.Apply(_drive, post);
    }

    private void Check(ReadOnlySpan<double> pre, Span<double> output, string outputName)
    {
        if (pre.Length != Weights.Inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(pre), pre.Length, $"pre must have length {Weights.Inputs} (the number of inputs).");
        }

        if (output.Length != Weights.Outputs)
        {
            throw new ArgumentOutOfRangeException(outputName, output.Length, $"{outputName} must have length {Weights.Outputs} (the number of outputs).");
        }
    }
}
