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
    public static RunResult Run(HopfieldNetwork network, Span<sbyte> state, UpdateOrder order, int maxSweeps, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.RequireState(state);
        if (maxSweeps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSweeps), maxSweeps, "maxSweeps must be at least 1.");
        }

        return order switch
        {
            UpdateOrder.Synchronous => RunSynchronous(network, state, maxSweeps),
            UpdateOrder.AsyncFixed => RunAsynchronous(network, state, maxSweeps, null),
            UpdateOrder.AsyncRandomPermutation => RunAsynchronous(
                network, state, maxSweeps, random ?? throw new ArgumentNullException(nameof(random), "random-permutation order needs a random source.")),
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, "unknown update order."),
        };
    }

    /// <summary>
    /// One synchronous step: next_i = sgn(a_i(state)), ties keep state_i. Returns the number of changed units.
    /// </summary>
    public static int SynchronousStep(HopfieldNetwork network, ReadOnlySpan<sbyte> state, Span<sbyte> next)
    {
        ArgumentNullException.ThrowIfNull(network);
        var inputs = new double[network.Size];
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

    private static RunResult RunSynchronous(HopfieldNetwork network, Span<sbyte> state, int maxSweeps)
    {
        var n = network.Size;
        var previous = new sbyte[n];   // state one step back
        var next = new sbyte[n];
        var havePrevious = false;
        long flips = 0;
        for (var t = 1; t <= maxSweeps; t++)
        {
            var changed = SynchronousStep(network, state, next);
            flips += changed;
            if (changed == 0)
            {
                return new RunResult(RunOutcome.FixedPoint, t, flips);
            }

            if (havePrevious && next.AsSpan().SequenceEqual(previous))
            {
                next.CopyTo(state);
                return new RunResult(RunOutcome.TwoCycle, t, flips);
            }

            state.CopyTo(previous);
            havePrevious = true;
            next.CopyTo(state);
        }

        return new RunResult(RunOutcome.SweepLimit, maxSweeps, flips);
    }

    private static RunResult RunAsynchronous(HopfieldNetwork network, Span<sbyte> state, int maxSweeps, Random? random)
    {
        var n = network.Size;
        var tracker = network.Couplings.CreateTracker(state);
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        long flips = 0;
        for (var sweep = 1; sweep <= maxSweeps; sweep++)
        {
            if (random is not null)
            {
                Shuffle(order, random);
            }

            var changed = 0;
            foreach (var i in order)
            {
                if (UpdateUnit(network, tracker, state, i))
                {
                    changed++;
                }
            }

            flips += changed;
            if (changed == 0)
            {
                return new RunResult(RunOutcome.FixedPoint, sweep, flips);
            }
        }

        return new RunResult(RunOutcome.SweepLimit, maxSweeps, flips);
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
