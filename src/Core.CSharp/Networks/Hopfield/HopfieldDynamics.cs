using Plasticity.Core.Numerics.Stepping;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.Hopfield;

/// <summary>
/// Deterministic-threshold dynamics of a <see cref="HopfieldNetwork"/>: s_i ← sgn(Σ_j w_ij s_j + h_i − θ_i),
/// ties keep the current value.
/// </summary>
public static class HopfieldDynamics
{
    /// <summary>
    /// Runs the dynamics on <paramref name="state"/> (updated in place) until a fixed point, a 2-cycle
    /// (synchronous only) or <paramref name="maxSweeps"/> sweeps. <paramref name="random"/> is required for
    /// <see cref="UpdateOrder.AsyncRandomPermutation"/> and unused otherwise.
    /// </summary>
    /// <remarks>
    /// Runs on <see cref="StepLoop"/>: one step is one sweep (a synchronous step, or N asynchronous unit updates), so
    /// model time is counted in sweeps. A fixed point or a 2-cycle ends the loop as <see cref="StepStatus.Finished"/>.
    /// <paramref name="control"/> cancels between sweeps (<see cref="OperationCanceledException"/>; the state then
    /// holds the last completed sweep) and reports progress every <see cref="RunControl.ProgressEvery"/> sweeps.
    /// </remarks>
    public static RunResult Run(HopfieldNetwork network, Span<sbyte> state, UpdateOrder order, int maxSweeps, Random? random = null, RunControl? control = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.RequireState(state);
        if (maxSweeps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSweeps), maxSweeps, "maxSweeps must be at least 1.");
        }

        control = (control ?? RunControl.None).Validated();
        var work = state.ToArray();
        SweepStepper stepper = order switch
        {
            UpdateOrder.Synchronous => new SynchronousSweeps(network, work),
            UpdateOrder.AsyncFixed => new AsynchronousSweeps(network, work, null),
            UpdateOrder.AsyncRandomPermutation => new AsynchronousSweeps(
                network, work, random ?? throw new ArgumentNullException(nameof(random), "random-permutation order needs a random source.")),
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
            // Also on cancellation: the caller's state is the last completed sweep, never a copy left behind.
            work.CopyTo(state);
        }
    }

    /// <summary>
    /// One synchronous step: next_i = sgn(a_i(state)), ties keep state_i. Returns the number of changed units.
    /// </summary>
    public static int SynchronousStep(HopfieldNetwork network, ReadOnlySpan<sbyte> state, Span<sbyte> next)
    {
        ArgumentNullException.ThrowIfNull(network);
        return SynchronousStepKernel(network, state, next, new double[network.Size]);
    }

    /// <summary><see cref="SynchronousStep"/> with a caller-supplied input buffer (length N).</summary>
    private static int SynchronousStepKernel(HopfieldNetwork network, ReadOnlySpan<sbyte> state, Span<sbyte> next, double[] inputs)
    {
        network.ComputeInputs(state, inputs);
        var changed = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            next[i] = HopfieldNetwork.Sign(inputs[i], state[i]);
            if (next[i] != state[i])
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>
    /// Asynchronous update of unit i against a tracker of <paramref name="state"/>; flips the unit (in the
    /// state and the tracker) if its input has the opposite sign. Returns true on a flip.
    /// </summary>
    public static bool UpdateUnit(HopfieldNetwork network, IFieldTracker tracker, Span<sbyte> state, int i)
    {
        var input = tracker.Field(i) + network.Bias[i];
        var s = HopfieldNetwork.Sign(input, state[i]);
        if (s == state[i])
        {
            return false;
        }

        state[i] = s;
        tracker.Flip(i);
        return true;
    }

    /// <summary>One sweep per step; remembers how the run ended and the flips made.</summary>
    private abstract class SweepStepper : IStepper
    {
        /// <summary>Fixed point or 2-cycle, once a step has returned <see cref="StepStatus.Finished"/>.</summary>
        public RunOutcome Ending { get; protected set; } = RunOutcome.SweepLimit;

        /// <summary>Total unit flips so far.</summary>
        public long Flips { get; protected set; }

        /// <summary>Model time in sweeps.</summary>
        public double TimeAfter(long stepsDone) => stepsDone;

        public abstract StepStatus Step(long step);
    }

    /// <summary>
    /// s(t+1) = sgn(a(s(t))) for all units at once. Stops at a fixed point (no unit changed) or when
    /// s(t+1) = s(t−1) (period 2; the state is left at s(t+1)).
    /// </summary>
    private sealed class SynchronousSweeps(HopfieldNetwork network, sbyte[] state) : SweepStepper
    {
        private readonly sbyte[] _previous = new sbyte[state.Length]; // state one step back
        private readonly sbyte[] _next = new sbyte[state.Length];
        private readonly double[] _inputs = new double[state.Length];
        private bool _havePrevious;

        public override StepStatus Step(long step)
        {
            var changed = SynchronousStepKernel(network, state, _next, _inputs);
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
            _next.CopyTo(state, 0);
            return StepStatus.Continue;
        }
    }

    /// <summary>
    /// N single-unit updates per sweep, in index order or in a fresh uniform permutation drawn from
    /// <paramref name="random"/> every sweep; stops after a sweep that flipped no unit.
    /// </summary>
    private sealed class AsynchronousSweeps(HopfieldNetwork network, sbyte[] state, Random? random) : SweepStepper
    {
        private readonly IFieldTracker _tracker = network.Couplings.CreateTracker(state);
        private readonly int[] _order = Enumerable.Range(0, state.Length).ToArray();

        public override StepStatus Step(long step)
        {
            if (random is not null)
            {
                Shuffle(_order, random);
            }

            var changed = 0;
            foreach (var i in _order)
            {
                if (UpdateUnit(network, _tracker, state, i))
                {
                    changed++;
                }
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

    /// <summary>Fisher–Yates shuffle (uniform permutation) driven by <paramref name="random"/>.</summary>
    public static void Shuffle(Span<int> items, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
