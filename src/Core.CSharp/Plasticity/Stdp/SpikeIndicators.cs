namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// Finds the spikes in a step's 0/1 indicator vector (the activity convention of <see cref="IPlasticityRule"/> for
/// spiking rules): an entry ≠ 0 is a spike. The scan skips runs of +0.0 with the vectorised search on the bit
/// patterns (a step of 1000 inputs usually holds one or two spikes), then confirms each candidate as a number
/// (−0.0 has non-zero bits but is no spike).
/// </summary>
internal static class SpikeIndicators
{
    /// <summary>The first index j ≥ <paramref name="start"/> with indicators[j] ≠ 0, or −1.</summary>
    public static int Next(ReadOnlySpan<double> indicators, int start)
    {
        var bits = MemoryMarshal.Cast<double, long>(indicators);
        while (start < bits.Length)
        {
            var k = bits[start..].IndexOfAnyExcept(0L);
            if (k < 0)
            {
                return -1;
            }

            var j = start + k;
            if (indicators[j] != 0)
            {
                return j;
            }

            start = j + 1;
        }

        return -1;
    }
}
