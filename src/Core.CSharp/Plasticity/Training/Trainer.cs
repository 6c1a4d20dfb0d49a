using Plasticity.Core.Data;
using Plasticity.Core.Neurons;
using Plasticity.Core.Numerics.Stepping;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// Trains a rate layer y = g(W x) with a plasticity rule on a dataset, in online, mini-batch or averaged mode, on any
/// weight store.
/// </summary>
/// <remarks>
/// <para>Conventions, per step: the postsynaptic rates y = g(W x) and the rule's ΔW use W and the rule state before
/// the step (the rule reads W through <see cref="StepContext.Weights"/>, with <see cref="StepContext.Dt"/> = 1 per
/// step); then divergence is checked on the candidate; then W ← W + ΔW through the store
/// (<see cref="IWeightMatrix.Apply"/>, once per step, so a device array applies its own update physics and its own
/// <see cref="IWeightMatrix.Bounds"/>); then the rule state advances (<see cref="IRuleState.Advance"/>) on each sample of
/// the step in presentation order, with the context holding the updated weights and the step's applied ΔW (in online
/// mode the sample's own change; in mini-batch and averaged mode the batch mean). Randomness enters only through the
/// shuffled or sampled order, drawn from the given generator.</para>
/// <para>Third factor: with a modulator, M = <see cref="IModulator.Value"/>(step, t, x, y) is evaluated once per
/// sample (once per step online) with t = step − 1 (model time at the start of the step, in steps) and handed to the
/// rule in <see cref="StepContext.Modulator"/>; without one M = 1. Two-factor rules ignore it.</para>
/// <para>Divergence is caught before it is committed: a step whose rates y are not finite, or whose candidate rows
/// w_i + Δw_i hold a non-finite value or have ‖w_i + Δw_i‖ above the limit (<see cref="SafeNorm"/>, so finite
/// weights up to 1.7e308 never overflow the check; an infinite norm is divergence even with an infinite limit), is not
/// applied. The run stops there; the weights, the rule state
/// and everything the observer saw stay finite and within the limit, so no result file can hold NaN or ∞. The
/// applied rows are checked once more after every update, whatever the store: a store may quantise, clip or add
/// noise, so what it holds can differ from the checked w + Δw. For the unbounded dense store the two are the same
/// numbers (Apply is the same element-wise w + Δw, no clamp), so that check would return the candidate norm again:
/// it is skipped there, with no effect on any result.</para>
/// <para>Fast path, dense store with divisor 1 (issue 11 target 4): y = W x and the candidate norms read the rows in
/// place, four rows per pass (<see cref="RowDots"/>, <see cref="CandidateNormKernels"/>), in TensorPrimitives'
/// summation order, so every rate, norm and weight is bit for bit what DenseWeightMatrix.Multiply, the copy and
/// <see cref="SafeNorm"/> gave (properties in tests/Properties, TrainerFastPathTests, compare whole runs with the
/// general store path). Any other store takes the general path. In online mode a rule state that already summed the
/// candidate squares while writing Δw (<see cref="ICandidateSquares"/>: GHA on the dense store) hands them over, and
/// the check is a square root per row.</para>
/// <para>In-place fast path, online, unbounded dense store, a rule state that offers it
/// (<see cref="ICandidateRowsInPlace"/>: GHA): the state writes each candidate row w_i + Δw_i straight over the store's
/// row (the same doubles Apply would write), with its sum of squares, so the check is the same square root per row; a
/// diverged step is undone from a copy of the old rows, which is skipped when the rule's bound
/// (<see cref="ICandidateRowsInPlace.CandidateNormBound"/>, from the last step's row norms) proves that no candidate can
/// exceed the limit or be non-finite (the exact check still runs on every step). When the next sample is already known
/// (within an epoch, or cyclic order), the same pass sums its drive W x in TensorPrimitives' order, and the next step
/// uses it instead of a pass of its own. The observer invalidates both (it holds the store). Properties in
/// tests/Properties (GhaInPlaceTests) compare whole runs with the general store path, divergence step and norm
/// included.</para>
/// <para>The loop runs on <see cref="StepLoop"/>: cancellation is checked before each step
/// (<see cref="OperationCanceledException"/>) and progress is reported every <see cref="RunControl.ProgressEvery"/>
/// steps, with time in steps.</para>
/// </remarks>
public static class Trainer
{
    /// <summary>Runs <paramref name="settings"/>.Epochs epochs and returns how the run ended.</summary>
    /// <param name="weights">The weights (any store), updated in place.</param>
    /// <param name="transfer">The neurons' transfer function g.</param>
    /// <param name="data">Samples; their dimension must equal <paramref name="weights"/>.Inputs.</param>
    /// <param name="rule">The plasticity rule.</param>
    /// <param name="settings">Epochs, order, mode and limits.</param>
    /// <param name="random">The generator for <see cref="PresentationOrder.Shuffled"/> and <see cref="PresentationOrder.Sampled"/> (required then, unused otherwise).</param>
    /// <param name="observer">Optional observer of the weights.</param>
    /// <param name="modulator">Optional third factor M (null: M ≡ 1).</param>
    /// <param name="control">Optional cancellation and progress (null: none).</param>
    public static TrainingResult Run(
        IWeightMatrix weights,
        ITransferFunction transfer,
        Dataset data,
        IPlasticityRule rule,
        TrainingSettings settings,
        Random? random = null,
        TrainingObserver? observer = null,
        IModulator? modulator = null,
        RunControl? control = null)
    {
        TrainingChecks.Layer(weights, transfer, data, rule);
        settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validated();
        control = (control ?? RunControl.None).Validated();

        if (settings.Mode == TrainingMode.Averaged && settings.Order == PresentationOrder.Sampled)
        {
            throw new ArgumentException("averaged mode uses every sample exactly once (E_x over the dataset); order Sampled would average a resample instead. Use Cyclic or Shuffled.", nameof(settings));
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

        var batch = settings.Mode switch
        {
            TrainingMode.Online => 1,
            TrainingMode.MiniBatch => settings.BatchSize,
            _ => data.Count,
        };
        var stepsPerEpoch = (data.Count + (long)batch - 1) / batch;
        var total = checked(settings.Epochs * stepsPerEpoch);
        var stepper = new Stepper(weights, transfer, data, rule.CreateState(weights.Outputs, weights.Inputs), settings, batch, total, random, observer, modulator);
        observer?.Invoke(0, weights);
        return TrainingResult.Of(StepLoop.Run(stepper, total, control), stepper.DivergenceNorm);
    }

    /// <summary>Fisher–Yates shuffle in place, drawing j uniformly from [0, i] with <paramref name="random"/>.</summary>
    public static void Shuffle(Span<int> order, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>
    /// One run: the presentation order, the buffers and the one-step logic shared by all modes (propose a step, check
    /// it, commit it, advance the rule state, show the observer).
    /// </summary>
    private sealed class Stepper(
        IWeightMatrix weights,
        ITransferFunction transfer,
        Dataset data,
        IRuleState state,
        TrainingSettings settings,
        int batch,
        long total,
        Random? random,
        TrainingObserver? observer,
        IModulator? modulator) : IStepper
    {
        /// <summary>Step length of the sample-based modes: one step per sample or batch.</summary>
        private const double Dt = 1.0;

        private readonly int[] _order = [.. Enumerable.Range(0, data.Count)];
        private readonly double[] _drive = new double[weights.Outputs];
        private readonly double[] _post = new double[weights.Outputs * Math.Min(batch, data.Count)];
        private readonly double[] _modulation = new double[Math.Min(batch, data.Count)];
        private readonly double[] _delta = new double[weights.Outputs * weights.Inputs];
        private readonly double[] _sum = new double[weights.Outputs * weights.Inputs];
        private readonly double[] _row = new double[weights.Inputs];

        /// <summary>The store when it is dense and unbounded, so what it holds after a step is exactly the checked candidate.</summary>
        private readonly DenseWeightMatrix? _exactStore = weights is DenseWeightMatrix { Bounds.IsUnbounded: true } d ? d : null;
        /// <summary>The rule state when it can write GHA's candidate rows in place (used only on the unbounded dense store, online).</summary>
        private readonly ICandidateRowsInPlace? _inPlace = state as ICandidateRowsInPlace;
        private readonly double[] _squares = new double[weights.Outputs];

        /// <summary>‖w_i‖ of the rows the store holds, as the last in-place step's check computed them (valid while <see cref="_normsKnown"/>).</summary>
        private readonly double[] _rowNorms = new double[weights.Outputs];
        private bool _normsKnown;

        /// <summary>The drive W x of sample <see cref="_nextDriveSample"/> at the weights the store holds, computed by the last in-place step (−1: none).</summary>
        private readonly double[] _nextDrive = new double[weights.Outputs];
        private int _nextDriveSample = -1;
        private double[] _change = [];
        private int _start;
        private long _observed;
        private bool _committed;

        /// <summary>True when this step's candidate rows are already in the store (the in-place path): Commit only advances.</summary>
        private bool _written;

        /// <summary>The largest candidate (or applied) row norm at the step that diverged.</summary>
        public double DivergenceNorm { get; private set; }

        public double TimeAfter(long stepsDone) => stepsDone * Dt;

        public StepStatus Step(long step)
        {
            if (_start == 0)
            {
                NewEpoch();
            }

            var members = _order.AsSpan(_start, Math.Min(batch, _order.Length - _start));
            var norm = Propose(members, step);
            if (Within(norm))
            {
                norm = Commit(members, norm);
            }

            if (!Within(norm))
            {
                // The observer's last view is the last committed state (step − 1), if it has not seen it yet.
                if (observer is not null && _observed != step - 1 && !_committed)
                {
                    observer(step - 1, weights);
                }

                DivergenceNorm = norm;
                return StepStatus.Diverged;
            }

            _start += batch;
            if (_start >= _order.Length)
            {
                _start = 0;
            }

            if (observer is not null && (step % settings.RecordEvery == 0 || step == total))
            {
                observer(step, weights);
                _observed = step;
                _normsKnown = false; // the observer holds the store and could change it
                _nextDriveSample = -1;
            }

            return StepStatus.Continue;
        }

        /// <summary>
        /// Whether a step with this largest row norm may be committed: at most the limit, and never +∞ (a non-finite
        /// rate or weight is divergence even when the limit itself is +∞), never NaN.
        /// </summary>
        private bool Within(double norm) => norm <= settings.DivergenceLimit && !double.IsPositiveInfinity(norm);

        private void NewEpoch()
        {
            if (settings.Order == PresentationOrder.Shuffled)
            {
                Shuffle(_order, random!);
            }
            else if (settings.Order == PresentationOrder.Sampled)
            {
                for (var k = 0; k < _order.Length; k++)
                {
                    _order[k] = random!.Next(_order.Length);
                }
            }
        }

        /// <summary>
        /// Computes the change of one step from the samples <paramref name="members"/> (a batch of one in online mode)
        /// without applying it; returns the largest candidate row norm ‖w_i + Δw_i‖, +∞ when a rate is not finite,
        /// NaN or +∞ when a candidate weight is not finite.
        /// </summary>
        private double Propose(ReadOnlySpan<int> members, long step)
        {
            _committed = false;
            var m = weights.Outputs;
            if (members.Length == 1)
            {
                var x = data.Sample(members[0]);
                var y = _post.AsSpan(0, m);
                if (_nextDriveSample == members[0])
                {
                    // The previous step summed W x for this sample while writing the rows (same order, same doubles).
                    transfer.Apply(_nextDrive, y);
                }
                else
                {
                    Rates(x, y);
                }

                _nextDriveSample = -1;
                if (!Finite(y))
                {
                    return double.PositiveInfinity;
                }

                _modulation[0] = Modulation(step, x, y);
                if (_inPlace is not null && _exactStore is { Divisor: 1.0 } store)
                {
                    // The old rows are kept (in _delta) unless the rule's bound proves that no candidate can exceed
                    // the limit or be non-finite.
                    var bound = _normsKnown ? _inPlace.CandidateNormBound(x, y, _rowNorms) : double.PositiveInfinity;
                    var keep = !(double.IsFinite(bound) && bound <= settings.DivergenceLimit);
                    var rows = store.Data;
                    var following = weights.Inputs >= CandidateNormKernels.FusedMinimumLength ? FollowingSample(step) : -1;
                    var next = following >= 0 ? data.Sample(following) : default;
                    if (_inPlace.TryWriteCandidates(x, y, rows, m, keep ? _delta : Span<double>.Empty, _squares, next, _nextDrive))
                    {
                        // The candidates w + Δw are in the store (the same doubles Apply would write). Same check, same
                        // numbers; a diverged step is undone before anyone sees it.
                        var candidateNorm = CandidateNormKernels.LargestFromCandidateSquares(_squares, rows, weights.Inputs, _rowNorms);
                        _normsKnown = Within(candidateNorm);
                        if (_normsKnown)
                        {
                            _written = true;
                            _nextDriveSample = following;
                        }
                        else if (keep)
                        {
                            _delta.CopyTo(rows);
                        }
                        else
                        {
                            throw new InvalidOperationException($"internal error: step {step} diverged (candidate norm {candidateNorm}) although the rule's bound {bound} is within the limit.");
                        }

                        return candidateNorm;
                    }
                }

                _normsKnown = false;
                state.ComputeDelta(x, y, new StepContext(Dt, weights, _modulation[0]), _delta);
                _change = _delta;
                if (state is ICandidateSquares { CandidateSquares.Length: > 0 } fused && weights is DenseWeightMatrix { Divisor: 1.0 } dense)
                {
                    // The rule summed the candidate squares while writing Δw (same order, same numbers).
                    return CandidateNormKernels.LargestFromSquares(fused.CandidateSquares, dense.Data, _delta, _row);
                }

                return LargestCandidateNorm(_delta);
            }

            // Batch: all changes at the same W and state; mean = left-to-right sum in presentation order / count.
            _normsKnown = false;
            _nextDriveSample = -1;
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

                _modulation[b] = Modulation(step, x, y);
                state.ComputeDelta(x, y, new StepContext(Dt, weights, _modulation[b]), _delta);
                TensorPrimitives.Add(_sum, _delta, _sum);
            }

            TensorPrimitives.Divide(_sum, (double)members.Length, _sum);
            _change = _sum;
            return LargestCandidateNorm(_sum);
        }

        /// <summary>Applies the proposed change through the store and advances the rule state; returns the largest row norm the store holds after it.</summary>
        private double Commit(ReadOnlySpan<int> members, double candidateNorm)
        {
            var m = weights.Outputs;
            _committed = true;
            if (_written)
            {
                // In-place path: the store already holds the checked candidates; the rule state has nothing to
                // advance (ICandidateRowsInPlace), and the store is the unbounded dense one.
                _written = false;
                return candidateNorm;
            }

            weights.Apply(_change);
            for (var b = 0; b < members.Length; b++)
            {
                state.Advance(data.Sample(members[b]), _post.AsSpan(b * m, m), new StepContext(Dt, weights, _modulation[b]), _change);
            }

            // The unbounded dense store holds exactly the checked candidates: Apply is the same element-wise w + Δw
            // (after S ← S/d, the same division CopyRow did), with no clamp, so LargestRowNorm would recompute the same
            // rows with the same function and return candidateNorm bit for bit. Skipping it changes nothing.
            return _exactStore is not null ? candidateNorm : LargestRowNorm();
        }

        /// <summary>The sample the step after <paramref name="step"/> will present, when it is already known (−1: last step, or a new epoch that reorders).</summary>
        private int FollowingSample(long step)
        {
            if (step >= total || batch != 1)
            {
                return -1;
            }

            var start = _start + 1;
            return start < _order.Length ? _order[start] : settings.Order == PresentationOrder.Cyclic ? _order[0] : -1;
        }

        private double Modulation(long step, ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
            modulator is null ? 1.0 : modulator.Value(step, (step - 1) * Dt, x, y);

        private double LargestCandidateNorm(double[] change)
        {
            // A dense store with d = 1 is read in place (CopyRow would copy the same doubles); any other store is copied.
            if (weights is DenseWeightMatrix { Divisor: 1.0 } dense)
            {
                return CandidateNormKernels.LargestFused(dense.Data, change, weights.Outputs, _row);
            }

            var n = weights.Inputs;
            var largest = 0.0;
            for (var i = 0; i < weights.Outputs; i++)
            {
                weights.CopyRow(i, _row);
                var norm = CandidateNormKernels.Reference(_row, change.AsSpan(i * n, n), _row);
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
            if (weights is DenseWeightMatrix { Divisor: 1.0 } dense)
            {
                // The dense store's Multiply is TensorPrimitives.Dot per row; RowDots is the same sums, four rows a pass.
                RowDots.Multiply(dense.Data, weights.Outputs, x, _drive);
            }
            else
            {
                weights.Multiply(x, _drive);
            }

            transfer.Apply(_drive, y);
        }
    }
}
