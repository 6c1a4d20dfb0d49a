using System.Numerics.Tensors;
using Plasticity.Core.Neurons;
using Plasticity.Core.Simulation.Data;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// Trains a rate layer y = g(W x) with a learning rule on a dataset, in online, mini-batch or averaged mode.
/// </summary>
/// <remarks>
/// Conventions, per step: the postsynaptic rates y = g(W x) and the rule's ΔW use W and the rule state before
/// the step; then W ← W + ΔW (through <see cref="IWeightMatrix.AddToRow"/>, so a device array applies its own
/// update physics); then the rule state advances on each sample of the step in presentation order; then
/// divergence is checked. Randomness enters only through the shuffled order, drawn from the given generator.
/// </remarks>
public static class Trainer
{
    /// <summary>Runs <paramref name="settings"/>.Epochs epochs and returns how the run ended.</summary>
    /// <param name="weights">The weights, updated in place.</param>
    /// <param name="transfer">The neurons' transfer function g.</param>
    /// <param name="data">Samples; their dimension must equal <paramref name="weights"/>.Inputs.</param>
    /// <param name="rule">The learning rule.</param>
    /// <param name="settings">Epochs, order, mode and limits.</param>
    /// <param name="random">The generator for <see cref="PresentationOrder.Shuffled"/> (required then, unused otherwise).</param>
    /// <param name="observer">Optional observer of the weights.</param>
    public static TrainingResult Run(
        IWeightMatrix weights,
        ITransferFunction transfer,
        Dataset data,
        ILearningRule rule,
        TrainingSettings settings,
        Random? random = null,
        TrainingObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rule);
        settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validated();
        if (data.Dimension != weights.Inputs)
        {
            throw new ArgumentException($"data has dimension {data.Dimension}; the weights have {weights.Inputs} inputs.", nameof(data));
        }

        if (settings.Mode == TrainingMode.Averaged && settings.Order == PresentationOrder.Sampled)
        {
            throw new ArgumentException("averaged mode uses every sample exactly once (E_x over the dataset); order 'sampled' would average a resample instead. Use cyclic or shuffled.", nameof(settings));
        }

        if (settings.Order != PresentationOrder.Cyclic && random is null)
        {
            throw new ArgumentNullException(nameof(random), "shuffled and sampled orders need a seeded generator.");
        }

        var state = new RunState(weights, transfer, data, rule.CreateLearner(weights.Outputs, weights.Inputs));
        var batch = settings.Mode switch
        {
            TrainingMode.Online => 1,
            TrainingMode.MiniBatch => settings.BatchSize,
            _ => data.Count,
        };
        var order = new int[data.Count];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        observer?.Invoke(0, weights);
        long step = 0;
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            if (settings.Order == PresentationOrder.Shuffled)
            {
                Shuffle(order, random!);
            }
            else if (settings.Order == PresentationOrder.Sampled)
            {
                for (var k = 0; k < order.Length; k++)
                {
                    order[k] = random!.Next(order.Length);
                }
            }

            for (var start = 0; start < order.Length; start += batch)
            {
                var members = order.AsSpan(start, Math.Min(batch, order.Length - start));
                state.Step(members);
                step++;
                var norm = state.LargestRowNorm();
                if (!(norm <= settings.DivergenceLimit))
                {
                    observer?.Invoke(step, weights);
                    return new TrainingResult(step, step, norm);
                }

                var last = epoch == settings.Epochs - 1 && start + batch >= order.Length;
                if (observer is not null && (step % settings.RecordEvery == 0 || last))
                {
                    observer(step, weights);
                }
            }
        }

        return new TrainingResult(step, null, null);
    }

    /// <summary>Fisher–Yates shuffle in place, drawing j uniformly from [0, i] with <paramref name="random"/>.</summary>
    public static void Shuffle(Span<int> order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>Buffers and the one-step logic shared by all modes.</summary>
    private sealed class RunState(IWeightMatrix weights, ITransferFunction transfer, Dataset data, ILearner learner)
    {
        private readonly double[] _drive = new double[weights.Outputs];
        private readonly double[] _post = new double[weights.Outputs * data.Count];
        private readonly double[] _delta = new double[weights.Outputs * weights.Inputs];
        private readonly double[] _sum = new double[weights.Outputs * weights.Inputs];
        private readonly double[] _row = new double[weights.Inputs];

        /// <summary>One update from the samples <paramref name="members"/> (a batch of one in online mode).</summary>
        public void Step(ReadOnlySpan<int> members)
        {
            var m = weights.Outputs;
            if (members.Length == 1)
            {
                var x = data.Sample(members[0]);
                var y = _post.AsSpan(0, m);
                Rates(x, y);
                learner.ComputeDelta(x, y, weights, _delta);
                Apply(_delta);
                learner.Observe(x, y);
                return;
            }

            // Batch: all changes at the same W and state; mean = left-to-right sum in presentation order / count.
            Array.Clear(_sum);
            for (var b = 0; b < members.Length; b++)
            {
                var x = data.Sample(members[b]);
                var y = _post.AsSpan(b * m, m);
                Rates(x, y);
                learner.ComputeDelta(x, y, weights, _delta);
                TensorPrimitives.Add(_sum, _delta, _sum);
            }

            TensorPrimitives.Divide(_sum, (double)members.Length, _sum);
            Apply(_sum);
            for (var b = 0; b < members.Length; b++)
            {
                learner.Observe(data.Sample(members[b]), _post.AsSpan(b * m, m));
            }
        }

        public double LargestRowNorm()
        {
            var largest = 0.0;
            for (var i = 0; i < weights.Outputs; i++)
            {
                weights.CopyRow(i, _row);
                var norm = TensorPrimitives.Norm((ReadOnlySpan<double>)_row);
                if (double.IsNaN(norm))
                {
                    return norm; // a NaN row is divergence whatever the other rows hold
                }

                largest = Math.Max(largest, norm);
            }

            return largest;
        }

        private void Rates(ReadOnlySpan<double> x, Span<double> y)
        {
            weights.Multiply(x, _drive);
            transfer.Apply(_drive, y);
        }

        private void Apply(ReadOnlySpan<double> delta)
        {
            var n = weights.Inputs;
            for (var i = 0; i < weights.Outputs; i++)
            {
                weights.AddToRow(i, delta.Slice(i * n, n));
            }
        }
    }
}
