using Plasticity.Core.Numerics.Stepping;

namespace Plasticity.Core.Networks.Hopfield.Packed;

/// <summary>
/// Deterministic-threshold dynamics s_i ← sgn(u_i), ties keep s_i, on <see cref="PackedHebbianCouplings"/>, giving
/// exactly what <see cref="HopfieldDynamics.Run"/> gives on a <see cref="HopfieldNetwork"/> of the same patterns
/// (<see cref="HebbianCouplings"/>, no bias, no threshold): the same outcome, sweeps, flips and final state, with
/// the same <see cref="HopfieldDynamics.Shuffle"/> draws from the same generator, for every update order.
/// </summary>
/// <remarks>
/// State: the integer overlaps M_μ = Σ_j ξ_j^μ s_j and their sum T = Σ_μ M_μ; N·u_i = 2·Σ_{b_i^μ = 1} M_μ − T −
/// [zero diagonal] P s_i. The sign of u_i = (N·u_i)/N is the sign of the integer, so no field is ever rounded.
/// <para>Asynchronous sweeps are parallel inside one run and still exact: the sweep order is cut into blocks of B
/// consecutive units; the fields of a block's units are computed in parallel from the M at the block's start, then
/// the block is walked in order, each unit's field corrected for the units of the block that flipped before it
/// (a flip of j changes N·u_k by −2 s_j^{old}·N·w_kj, N·w_kj = P − 2·popcount(row_k XOR row_j), k ≠ j since a unit
/// occurs once per sweep), and finally the block's flips are applied to M (in parallel over ranges of μ). Every
/// unit so sees exactly the field the one-at-a-time reference sees. Synchronous steps compute all fields in
/// parallel. Any block size and any degree of parallelism give the same result.</para>
/// </remarks>
public static class PackedDynamics
{
    /// <summary>The block size B used by <see cref="Run(PackedHebbianCouplings, Span{sbyte}, UpdateOrder, int, Random?, RunControl?, int)"/>.</summary>
    public const int DefaultBlockSize = 256;

    /// <summary>
    /// Runs the dynamics on <paramref name="state"/> (entries ±1, updated in place) until a fixed point, a 2-cycle
    /// (synchronous only) or <paramref name="maxSweeps"/> sweeps; <paramref name="random"/> is required for
    /// <see cref="UpdateOrder.AsyncRandomPermutation"/> and unused otherwise. Cancellation and progress as in
    /// <see cref="HopfieldDynamics.Run"/> (one <see cref="StepLoop"/> step per sweep).
    /// </summary>
    /// <param name="couplings">The packed Hebbian couplings.</param>
    /// <param name="state">The initial state (entries ±1), replaced by the final one.</param>
    /// <param name="order">Update order.</param>
    /// <param name="maxSweeps">Sweep cap (≥ 1).</param>
    /// <param name="random">Permutation source for <see cref="UpdateOrder.AsyncRandomPermutation"/>.</param>
    /// <param name="control">Cancellation and progress.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads inside the run; −1 for one per processor.</param>
    public static RunResult Run(
        PackedHebbianCouplings couplings, Span<sbyte> state, UpdateOrder order, int maxSweeps, Random? random,
        RunControl? control = null, int maxDegreeOfParallelism = -1) =>
        Run(couplings, state, order, maxSweeps, random, control, maxDegreeOfParallelism, DefaultBlockSize);

    /// <summary>
    /// <see cref="Run(PackedHebbianCouplings, Span{sbyte}, UpdateOrder, int, Random?, RunControl?, int)"/> with an
    /// explicit asynchronous block size B ≥ 1 (a tuning knob: the result is the same for every B).
    /// </summary>
    public static RunResult Run(
        PackedHebbianCouplings couplings, Span<sbyte> state, UpdateOrder order, int maxSweeps, Random? random,
        RunControl? control, int maxDegreeOfParallelism, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(couplings);
        couplings.RequireState(state, allowZero: false);
        if (maxSweeps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSweeps), maxSweeps, "maxSweeps must be at least 1.");
        }

        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "maxDegreeOfParallelism must be −1 or at least 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        control = (control ?? RunControl.None).Validated();
        var workers = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        var work = state.ToArray();
        var engine = new Engine(couplings, work, workers);
        Stepper stepper = order switch
        {
            UpdateOrder.Synchronous => new SynchronousSweeps(engine),
            UpdateOrder.AsyncFixed => new AsynchronousSweeps(engine, null, blockSize),
            UpdateOrder.AsyncRandomPermutation => new AsynchronousSweeps(
                engine, random ?? throw new ArgumentNullException(nameof(random), "random-permutation order needs a random source."), blockSize),
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, "unknown update order."),
        };

        try
        {
            var run = StepLoop.Run(stepper, maxSweeps, control);
            return run.Status == StepStatus.Finished
                ? new RunResult(stepper.Ending, (int)run.Steps, stepper.Flips)
                : new RunResult(RunOutcome.SweepLimit, (int)run.Steps, stepper.Flips);
        }
        finally
        {
            work.CopyTo(state);
        }
    }

    private static sbyte Sign(long scaledField, sbyte current) =>
        scaledField > 0 ? (sbyte)1 : scaledField < 0 ? (sbyte)-1 : current;

    /// <summary>Overlaps, their sum and the parallel primitives shared by both orders (buffers allocated once per run).</summary>
    private sealed class Engine
    {
        private readonly ParallelOptions _options;
        private readonly Action<int> _fieldsBody;
        private readonly Action<int> _flipsBody;
        private int[] _units = [];
        private long[] _fields = [];
        private int _unitCount;
        private int[] _flipped = [];
        private sbyte[] _oldSigns = [];
        private int _flipCount;

        public Engine(PackedHebbianCouplings w, sbyte[] state, int workers)
        {
            W = w;
            State = state;
            Workers = workers;
            Overlaps = new int[w.Patterns.Words << 6];
            w.ComputeOverlaps(state, Overlaps, workers);
            Total = w.SumOverlaps(Overlaps);
            _options = new ParallelOptions { MaxDegreeOfParallelism = workers };
            _fieldsBody = FieldsRange;
            _flipsBody = FlipsRange;
        }

        public PackedHebbianCouplings W { get; }

        public sbyte[] State { get; }

        public int Workers { get; }

        public int[] Overlaps { get; }

        public long Total { get; private set; }

        /// <summary>fields[k] = N·u of units[k] from the current M (state entries of those units as they are now).</summary>
        public void ComputeFields(int[] units, long[] fields, int count)
        {
            (_units, _fields, _unitCount) = (units, fields, count);
            var workers = Math.Min(Workers, count);
            if (workers <= 1 || (long)count * W.Patterns.Words < 512)
            {
                FieldsSlice(0, count);
            }
            else
            {
                Parallel.For(0, workers, _options, _fieldsBody);
            }
        }

        /// <summary>Applies the flips of units[k] (whose states before the flip were oldSigns[k]) to M and T.</summary>
        public void ApplyFlips(int[] flipped, sbyte[] oldSigns, int count)
        {
            if (count == 0)
            {
                return;
            }

            (_flipped, _oldSigns, _flipCount) = (flipped, oldSigns, count);
            var words = W.Patterns.Words;
            var workers = Math.Min(Workers, words);
            if (workers <= 1 || (long)count * words < 4096)
            {
                FlipsSlice(0, words);
            }
            else
            {
                Parallel.For(0, workers, _options, _flipsBody);
            }

            var p = W.Patterns.Count;
            for (var f = 0; f < count; f++)
            {
                // Σ_μ ΔM_μ = −2 s_j (2·popcount(row_j) − P).
                Total += -2L * oldSigns[f] * (2L * PackedKernels.PopCount(W.Patterns.RowUnchecked(flipped[f])) - p);
            }
        }

        private void FieldsRange(int worker)
        {
            var workers = Math.Min(Workers, _unitCount);
            var k0 = (int)((long)_unitCount * worker / workers);
            var k1 = (int)((long)_unitCount * (worker + 1) / workers);
            FieldsSlice(k0, k1);
        }

        private void FieldsSlice(int k0, int k1)
        {
            for (var k = k0; k < k1; k++)
            {
                var i = _units[k];
                _fields[k] = W.ScaledField(i, Overlaps, Total, State[i]);
            }
        }

        private void FlipsRange(int worker)
        {
            var words = W.Patterns.Words;
            var workers = Math.Min(Workers, words);
            FlipsSlice((int)((long)words * worker / workers), (int)((long)words * (worker + 1) / workers));
        }

        private void FlipsSlice(int w0, int w1)
        {
            if (w0 >= w1)
            {
                return;
            }

            var valid = Math.Min(W.Patterns.Count - (w0 << 6), (w1 - w0) << 6);
            var slice = Overlaps.AsSpan(w0 << 6, (w1 - w0) << 6);
            for (var f = 0; f < _flipCount; f++)
            {
                PackedKernels.AddSigned(W.Patterns.RowUnchecked(_flipped[f])[w0..w1], -2 * _oldSigns[f], slice, valid);
            }
        }
    }

    private abstract class Stepper : IStepper
    {
        public RunOutcome Ending { get; protected set; } = RunOutcome.SweepLimit;

        public long Flips { get; protected set; }

        public double TimeAfter(long stepsDone) => stepsDone;

        public abstract StepStatus Step(long step);
    }

    /// <summary>s(t+1) = sgn(u(s(t))); fixed point or s(t+1) = s(t−1) end the run, as in the reference.</summary>
    private sealed class SynchronousSweeps : Stepper
    {
        private readonly Engine _engine;
        private readonly int[] _all;
        private readonly long[] _fields;
        private readonly sbyte[] _previous;
        private readonly sbyte[] _next;
        private readonly int[] _changed;
        private readonly sbyte[] _changedOld;
        private bool _havePrevious;

        public SynchronousSweeps(Engine engine)
        {
            _engine = engine;
            var n = engine.State.Length;
            _all = Enumerable.Range(0, n).ToArray();
            _fields = new long[n];
            _previous = new sbyte[n];
            _next = new sbyte[n];
            _changed = new int[n];
            _changedOld = new sbyte[n];
        }

        public override StepStatus Step(long step)
        {
            var state = _engine.State;
            _engine.ComputeFields(_all, _fields, _all.Length);
            var changed = 0;
            for (var i = 0; i < state.Length; i++)
            {
                _next[i] = Sign(_fields[i], state[i]);
                if (_next[i] != state[i])
                {
                    _changed[changed] = i;
                    _changedOld[changed] = state[i];
                    changed++;
                }
            }

            Flips += changed;
            if (changed == 0)
            {
                Ending = RunOutcome.FixedPoint;
                return StepStatus.Finished;
            }

            if (_havePrevious && _next.AsSpan().SequenceEqual(_previous))
            {
                _next.CopyTo(state, 0);
                Ending = RunOutcome.TwoCycle;
                return StepStatus.Finished;
            }

            state.CopyTo(_previous, 0);
            _havePrevious = true;
            _engine.ApplyFlips(_changed, _changedOld, changed);
            _next.CopyTo(state, 0);
            return StepStatus.Continue;
        }
    }

    /// <summary>N single-unit updates per sweep in index order or a fresh Fisher–Yates permutation, in blocks of B.</summary>
    private sealed class AsynchronousSweeps : Stepper
    {
        private readonly Engine _engine;
        private readonly Random? _random;
        private readonly int _blockSize;
        private readonly int[] _order;
        private readonly int[] _block;
        private readonly long[] _fields;
        private readonly int[] _flipped;
        private readonly sbyte[] _oldSigns;

        public AsynchronousSweeps(Engine engine, Random? random, int blockSize)
        {
            _engine = engine;
            _random = random;
            var n = engine.State.Length;
            _blockSize = Math.Min(blockSize, n);
            _order = Enumerable.Range(0, n).ToArray();
            _block = new int[_blockSize];
            _fields = new long[_blockSize];
            _flipped = new int[_blockSize];
            _oldSigns = new sbyte[_blockSize];
        }

        public override StepStatus Step(long step)
        {
            if (_random is not null)
            {
                HopfieldDynamics.Shuffle(_order, _random);
            }

            var state = _engine.State;
            var patterns = _engine.W.Patterns;
            var p = patterns.Count;
            var n = state.Length;
            long changed = 0;
            for (var start = 0; start < n; start += _blockSize)
            {
                var length = Math.Min(_blockSize, n - start);
                Array.Copy(_order, start, _block, 0, length);
                _engine.ComputeFields(_block, _fields, length);
                var flips = 0;
                for (var k = 0; k < length; k++)
                {
                    var i = _block[k];
                    var field = _fields[k];
                    if (flips > 0)
                    {
                        var row = patterns.RowUnchecked(i);
                        for (var f = 0; f < flips; f++)
                        {
                            field += -2L * _oldSigns[f] * PackedKernels.CouplingNumerator(row, patterns.RowUnchecked(_flipped[f]), p);
                        }
                    }

                    var s = Sign(field, state[i]);
                    if (s != state[i])
                    {
                        _flipped[flips] = i;
                        _oldSigns[flips] = state[i];
                        flips++;
                        state[i] = s;
                    }
                }

                _engine.ApplyFlips(_flipped, _oldSigns, flips);
                changed += flips;
            }

            Flips += changed;
            if (changed == 0)
            {
                Ending = RunOutcome.FixedPoint;
                return StepStatus.Finished;
            }

            return StepStatus.Continue;
        }
    }
}
