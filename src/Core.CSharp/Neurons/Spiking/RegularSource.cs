using Plasticity.Core.Neurons.Spiking;

namespace Plasticity.Core.Neurons.Spiking;

/// <summary>
/// N regular (periodic) spike trains: input j fires at t_n = φ_j + n·T_j, T_j = 1000/r_j ms (r in Hz), n = 0, 1, …
/// A spike at time t falls in step k = ⌈t/dt⌉ − 1 (interval (k·dt, (k+1)·dt], reported at (k+1)·dt), computed as
/// ⌈t/dt − 10⁻⁹⌉ − 1 so that a time on the grid up to rounding stays on its own grid point.
/// Deterministic; each step costs O(N) (meant for tests and small protocols).
/// </summary>
public sealed class RegularSource : ISpikeSource
{
    private readonly double[] _period;
    private readonly double[] _phase;
    private readonly long[] _emitted;
    private readonly long[] _nextStep;

    /// <summary>N identical trains with period 1000/r ms and first spike at <paramref name="firstSpike"/> ms.</summary>
    /// <param name="count">N ≥ 1.</param>
    /// <param name="rateHz">r &gt; 0 (Hz), period T = 1000/r ≥ dt.</param>
    /// <param name="timeStep">dt &gt; 0 (ms).</param>
    /// <param name="firstSpike">φ &gt; 0 (ms).</param>
    public RegularSource(int count, double rateHz, double timeStep, double firstSpike)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 1.");
        }

        TimeStep = ParameterChecks.Positive(timeStep, nameof(timeStep));
        var period = 1000.0 / ParameterChecks.Positive(rateHz, nameof(rateHz));
        if (!(period >= timeStep))
        {
            throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, "the period 1000/rate must be >= dt.");
        }

        ParameterChecks.Positive(firstSpike, nameof(firstSpike));
        _period = new double[count];
        _phase = new double[count];
        Array.Fill(_period, period);
        Array.Fill(_phase, firstSpike);
        _emitted = new long[count];
        _nextStep = new long[count];
        for (var j = 0; j < count; j++)
        {
            _nextStep[j] = StepOf(firstSpike);
        }
    }

    /// <inheritdoc/>
    public int Count => _period.Length;

    /// <inheritdoc/>
    public double TimeStep { get; }

    /// <inheritdoc/>
    public long Step { get; private set; }

    /// <inheritdoc/>
    public int Advance(Span<int> spiking)
    {
        var count = 0;
        for (var j = 0; j < _period.Length; j++)
        {
            if (_nextStep[j] != Step)
            {
                continue;
            }

            spiking[count++] = j;
            do
            {
                _emitted[j]++;
                _nextStep[j] = StepOf(_phase[j] + (_emitted[j] * _period[j]));
            }
            while (_nextStep[j] <= Step);
        }

        Step++;
        return count;
    }

    private long StepOf(double time) => (long)Math.Ceiling((time / TimeStep) - 1e-9) - 1;
}
