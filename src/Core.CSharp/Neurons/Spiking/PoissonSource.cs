using Plasticity.Core.Neurons.Spiking;

namespace Plasticity.Core.Neurons.Spiking;

/// <summary>
/// N independent Poisson spike trains on the grid: input j spikes in each step independently with probability
/// p_j = 1 − e^{−λ_j}, λ_j = (r_j·10⁻³)·dt (r in Hz, dt in ms) — the probability that a Poisson process of rate r has
/// at least one event in the step. The binned train's mean rate is p/dt = r·(1 − λ/2 + …) (for 15 Hz at dt = 0.1 ms
/// a 0.075 % deficit); Brian2's PoissonGroup uses p = r·dt instead.
/// </summary>
/// <remarks>
/// Drawn event by event, not step by step: the number of steps G from one spike to the next is geometric,
/// P(G = m) = (1 − p)^{m−1} p, sampled as G = 1 + ⌊−ln(1 − U)/λ⌋ with U = random.NextDouble() ∈ [0, 1) (exact,
/// because ln(1 − p) = −λ); the first spike is at step G − 1. Pending spikes sit in a priority queue keyed by
/// k·N + j, so each step costs O(1 + spikes·log N), and spikes of one step come out in ascending j. Random draws
/// happen in this order: one per input (j = 0..N−1) at construction, then one per emitted spike, in (step, j) order.
/// Inputs whose next spike lies beyond ≈ 2⁶²/N steps (rate 0 or vanishingly small) never spike.
/// </remarks>
public sealed class PoissonSource : ISpikeSource
{
    private readonly double[] _lambda;
    private readonly Random _random;
    private readonly PriorityQueue<int, long> _queue;
    private readonly long _horizon;

    /// <summary>N inputs with one rate.</summary>
    /// <param name="count">N ≥ 1.</param>
    /// <param name="rateHz">r ≥ 0 (Hz).</param>
    /// <param name="timeStep">dt &gt; 0 (ms).</param>
    /// <param name="random">The random source (consumed as documented in the remarks).</param>
    public PoissonSource(int count, double rateHz, double timeStep, Random random)
        : this(Filled(count, rateHz), timeStep, random)
    {
    }

    /// <summary>One input per rate.</summary>
    /// <param name="ratesHz">r_j ≥ 0 (Hz), at least one.</param>
    /// <param name="timeStep">dt &gt; 0 (ms).</param>
    /// <param name="random">The random source (consumed as documented in the remarks).</param>
    public PoissonSource(ReadOnlySpan<double> ratesHz, double timeStep, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (ratesHz.Length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ratesHz), ratesHz.Length, "at least one input is required.");
        }

        TimeStep = ParameterChecks.Positive(timeStep, nameof(timeStep));
        _random = random;
        _lambda = new double[ratesHz.Length];
        for (var j = 0; j < _lambda.Length; j++)
        {
            _lambda[j] = ParameterChecks.NonNegative(ratesHz[j], nameof(ratesHz)) * 1e-3 * timeStep;
        }

        _horizon = long.MaxValue / 2 / ratesHz.Length;
        _queue = new PriorityQueue<int, long>(ratesHz.Length);
        for (var j = 0; j < _lambda.Length; j++)
        {
            Schedule(j, -1);
        }
    }

    /// <inheritdoc/>
    public int Count => _lambda.Length;

    /// <inheritdoc/>
    public double TimeStep { get; }

    /// <inheritdoc/>
    public long Step { get; private set; }

    /// <summary>Per-step spike probability p = 1 − e^{−(r·10⁻³)·dt} of a rate r (Hz) at step dt (ms).</summary>
    public static double StepProbability(double rateHz, double timeStep) => 1.0 - Math.Exp(-(rateHz * 1e-3 * timeStep));

    /// <inheritdoc/>
    public int Advance(Span<int> spiking)
    {
        var n = (long)_lambda.Length;
        var limit = (Step + 1) * n;
        var count = 0;
        while (_queue.TryPeek(out var j, out var key) && key < limit)
        {
            _queue.Dequeue();
            spiking[count++] = j;
            Schedule(j, Step);
        }

        Step++;
        return count;
    }

    private void Schedule(int j, long current)
    {
        // Draw even for λ = 0 so that the stream's consumption does not depend on the rates.
        var u = _random.NextDouble();
        var lambda = _lambda[j];
        if (lambda <= 0)
        {
            return;
        }

        var empty = Math.Floor(-Math.Log(1.0 - u) / lambda);
        if (empty >= _horizon - current - 1)
        {
            return;
        }

        var next = current + 1 + (long)empty;
        _queue.Enqueue(j, (next * _lambda.Length) + j);
    }

    private static double[] Filled(int count, double rate)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 1.");
        }

        var rates = new double[count];
        Array.Fill(rates, rate);
        return rates;
    }
}
