namespace Plasticity.Core.Networks.Spiking;

/// <summary>A scalar recorded at chosen times (e.g. the membrane potential in mV): parallel time (ms) and value lists.</summary>
public sealed class SampledTrace
{
    private readonly List<double> _times;
    private readonly List<double> _values;

    /// <summary>An empty trace with room for <paramref name="capacity"/> samples.</summary>
    public SampledTrace(int capacity = 0)
    {
        _times = new List<double>(Math.Max(0, capacity));
        _values = new List<double>(Math.Max(0, capacity));
    }

    /// <summary>Sample times (ms).</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>Sample values.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Appends a sample.</summary>
    public void Add(double time, double value)
    {
        _times.Add(time);
        _values.Add(value);
    }
}
