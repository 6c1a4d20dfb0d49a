namespace Plasticity.Core.Networks.Spiking;

/// <summary>Spike times (ms) per neuron or input, in the order recorded (ascending in a simulation).</summary>
public sealed class SpikeRecorder
{
    private readonly List<double>[] _times;

    /// <summary>A recorder for <paramref name="count"/> units.</summary>
    public SpikeRecorder(int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 1.");
        }

        _times = new List<double>[count];
        for (var i = 0; i < count; i++)
        {
            _times[i] = [];
        }
    }

    /// <summary>Number of units.</summary>
    public int Count => _times.Length;

    /// <summary>Total number of recorded spikes.</summary>
    public long TotalSpikes { get; private set; }

    /// <summary>Records a spike of unit <paramref name="index"/> at <paramref name="time"/> ms.</summary>
    public void Record(int index, double time)
    {
        _times[index].Add(time);
        TotalSpikes++;
    }

    /// <summary>The spike times of one unit (ms).</summary>
    public IReadOnlyList<double> Times(int index) => _times[index];
}
