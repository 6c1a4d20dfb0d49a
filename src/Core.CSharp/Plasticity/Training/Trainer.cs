using System.Numerics.Tensors;
using Plasticity.Core.Data;
using Plasticity.Core.Neurons;
using Plasticity.Core.Numerics;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// Trains a rate layer y = g(W x) with a learning rule on a dataset, in online, mini-batch or averaged mode.
/// </summary>
/// <remarks>
/// <para>Conventions, per step: the postsynaptic rates y = g(W x) and the rule's ΔW use W and the rule state before
/// the step; then divergence is checked on the candidate; then W ← W + ΔW (through <see cref="IWeightMatrix.AddToRow"/>,
/// so a device array applies its own update physics); then the rule state advances on each sample of the step in
/// presentation order. Randomness enters only through the shuffled order, drawn from the given generator.</para>
/// <para>Divergence is caught before it is committed: a step whose rates y are not finite, or whose candidate rows
/// w_i + Δw_i hold a non-finite value or have ‖w_i + Δw_i‖ above the limit (<see cref="SafeNorm"/>, so finite
/// weights up to 1.7e308 never overflow the check), is not applied. The run stops there; the weights, the rule state
/// and everything the observer saw stay finite and within the limit, so no result file can hold NaN or ∞. (For a
/// device array, whose update may differ from w + Δw, the applied rows are checked once more after the update.)</para>
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

        for (var i = 0; i < weights.Outputs; i++)
        {
            for (var j = 0; j < weights.Inputs; j++)
            {
                if (!double.IsFinite(weights[i, j]))
                {
                    throw new ArgumentException($"initial weight w[{i},{j}] = {weights[i, j]} is not finite.", nameof(weights));
                }
            }
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
        long observed = 0;
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
                step++;
                var norm = state.Propose(members);
                if (norm <= settings.DivergenceLimit)
                {
                    norm = state.Commit(members);
                }

                if (!(norm <= settings.DivergenceLimit))
                {
                    // The observer's last view is the last committed state (step − 1), if it has not seen it yet.
                    if (observer is not null && observed != step - 1 && !state.Committed)
                    {
                        observer(step - 1, weights);
                    }

                    return new TrainingResult(step, step, norm);
                }

                var last = epoch == settings.Epochs - 1 && start + batch >= order.Length;
                if (observer is not null && (step % settings.RecordEvery == 0 || last))
                {
                    observer(step, weights);
                    observed = step;
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

    /// <summary>Buffers and the one-step logic shared by all modes: propose a step, check it, then commit it.</summary>
    private sealed class RunState(IWeightMatrix weights, ITransferFunction transfer, Dataset data, ILearner learner)
    {
        private readonly double[] _drive = new double[weights.Outputs];
        private readonly double[] _post = new double[weights.Outputs * data.Count];
        private readonly double[] _delta = new double[weights.Outputs * weights.Inputs];
        private readonly double[] _sum = new double[weights.Outputs * weights.Inputs];
        private readonly double[] _row = new double[weights.Inputs];
        private readonly bool _exactAdd = weights is DenseWeightMatrix;
        private double[] _change = [];

        /// <summary>Whether the last proposed step was applied to the weights (false after a rejected proposal).</summary>
        public bool Committed { get; private set; }

        /// <summary>
        /// Computes the change of one step from the samples <paramref name="members"/> (a batch of one in online mode)
        /// without applying it; returns the largest candidate row norm ‖w_i + Δw_i‖, +∞ when a rate is not finite,
        /// NaN or +∞ when a candidate weight is not finite.
        /// </summary>
        public double Propose(ReadOnlySpan<int> members)
        {
            Committed = false;
            var m = weights.Outputs;
            if (members.Length == 1)
            {
                var x = data.Sample(members[0]);
                var y = _post.AsSpan(0, m);
                Rates(x, y);
                if (!Finite(y))
                {
                    return double.PositiveInfinity;
                }

                learner.ComputeDelta(x, y, weights, _delta);
                _change = _delta;
                return LargestCandidateNorm(_delta);
            }

            // Batch: all changes at the same W and state; mean = left-to-right sum in presentation order / count.
            Array.Clear(_sum);
            for (var b = 0; b < members.Length; b++)
            {
                var x = data.Sample(members[b]);
                var y = _post.AsSpan(b * m, m);
                Rates(x, y);
                if (!Finite(y))
                {
                    return double.PositiveInfinity;
                }

                learner.ComputeDelta(x, y, weights, _delta);
                TensorPrimitives.Add(_sum, _delta, _sum);
            }

            TensorPrimitives.Divide(_sum, (double)members.Length, _sum);
            _change = _sum;
            return LargestCandidateNorm(_sum);
        }

        /// <summary>Applies the proposed change and advances the rule state; returns the largest row norm after it.</summary>
        public double Commit(ReadOnlySpan<int> members)
        {
            var m = weights.Outputs;
            var n = weights.Inputs;
            for (var i = 0; i < m; i++)
            {
                weights.AddToRow(i, _change.AsSpan(i * n, n));
            }

            Committed = true;
            for (var b = 0; b < members.Length; b++)
            {
                learner.Observe(data.Sample(members[b]), _post.AsSpan(b * m, m));
            }

            // A dense matrix adds exactly what was checked; a device may quantise, clip or add noise.
            return _exactAdd ? 0.0 : LargestRowNorm();
        }

        private double LargestCandidateNorm(double[] change)
        {
            var n = weights.Inputs;
            var largest = 0.0;
            for (var i = 0; i < weights.Outputs; i++)
            {
                weights.CopyRow(i, _row);
                TensorPrimitives.Add(_row, change.AsSpan(i * n, n), _row);
                var norm = SafeNorm.Of(_row);
                if (double.IsNaN(norm))
                {
                    return norm; // a NaN row is divergence whatever the other rows hold
                }

                largest = Math.Max(largest, norm);
            }

            return largest;
        }

        private double LargestRowNorm()
        {
            var largest = 0.0;
            for (var i = 0; i < weights.Outputs; i++)
            {
                weights.CopyRow(i, _row);
                var norm = SafeNorm.Of(_row);
                if (double.IsNaN(norm))
                {
                    return norm;
                }

                largest = Math.Max(largest, norm);
            }

            return largest;
        }

        private static bool Finite(ReadOnlySpan<double> values) =>
            values.IsEmpty || double.IsFinite(TensorPrimitives.MaxMagnitude(values));

        private void Rates(ReadOnlySpan<double> x, Span<double> y)
        {
            weights.Multiply(x, _drive);
            transfer.Apply(_drive, y);
        }
    }
}
