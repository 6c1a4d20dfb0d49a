using Plasticity.Core.Data;
using Plasticity.Core.Neurons;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>The argument checks shared by <see cref="Trainer"/> and <see cref="ContinuousTimeTrainer"/> (O(1)).</summary>
internal static class TrainingChecks
{
    /// <summary>Throws unless the layer's parts are given and the samples' dimension is the weights' inputs.</summary>
    public static void Layer(IWeightMatrix weights, ITransferFunction transfer, Dataset data, IPlasticityRule rule)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rule);
        if (data.Dimension != weights.Inputs)
        {
            throw new ArgumentException($"data has dimension {data.Dimension}; the weights have {weights.Inputs} inputs.", nameof(data));
        }
    }
}
