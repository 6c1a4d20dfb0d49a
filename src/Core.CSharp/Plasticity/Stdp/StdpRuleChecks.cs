using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>The argument checks every STDP rule state makes on a step (O(1): lengths, shape and dt).</summary>
internal static class StdpRuleChecks
{
    /// <summary>Throws unless pre has length inputs, post length outputs, the weights are outputs × inputs and dt is finite and ≥ 0.</summary>
    public static void Step(int outputs, int inputs, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, int deltaLength)
    {
        if (pre.Length != inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(pre), pre.Length, $"pre must have length inputs = {inputs}.");
        }

        if (post.Length != outputs)
        {
            throw new ArgumentOutOfRangeException(nameof(post), post.Length, $"post must have length outputs = {outputs}.");
        }

        if (deltaLength != outputs * inputs)
        {
            throw new ArgumentOutOfRangeException("delta", deltaLength, $"delta must have length outputs·inputs = {outputs * inputs}.");
        }

        IWeightView? weights = context.Weights;
        if (weights is null || weights.Outputs != outputs || weights.Inputs != inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(context), $"context.Weights must be a {outputs} × {inputs} weight view.");
        }

        if (!(context.Dt >= 0 && double.IsFinite(context.Dt)))
        {
            throw new ArgumentOutOfRangeException(nameof(context), context.Dt, "context.Dt must be finite and >= 0 ms.");
        }
    }

    /// <summary>Throws unless the sparse output spans have room for every entry (length ≥ outputs·inputs).</summary>
    public static void SparseRoom(int size, int indicesLength, int valuesLength)
    {
        if (indicesLength < size)
        {
            throw new ArgumentOutOfRangeException("indices", indicesLength, $"indices must have length >= outputs·inputs = {size}.");
        }

        if (valuesLength < size)
        {
            throw new ArgumentOutOfRangeException("values", valuesLength, $"values must have length >= outputs·inputs = {size}.");
        }
    }

    /// <summary>Throws unless every listed spike is a spike (pre_j ≠ 0) and the list is strictly ascending (O(spikes)).</summary>
    public static void SpikeList(ReadOnlySpan<double> pre, ReadOnlySpan<int> spikes)
    {
        var previous = -1;
        foreach (var j in spikes)
        {
            if (j <= previous || j >= pre.Length || pre[j] == 0)
            {
                throw new ArgumentOutOfRangeException("preSpikes", j, "preSpikes must list spiking inputs (pre[j] != 0), strictly ascending.");
            }

            previous = j;
        }
    }
}
