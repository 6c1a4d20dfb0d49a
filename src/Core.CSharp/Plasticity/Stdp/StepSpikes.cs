namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The inputs that spiked in one step, ascending, shared by the pair and triplet STDP states: found once by
/// <c>ComputeSparseDelta</c> (one scan of the indicators, or the caller's list) and reused by <c>AdvanceSparse</c> of
/// the same step, whose pre must be the same (each reused spike is confirmed, O(spikes)); found afresh otherwise.
/// </summary>
internal sealed class StepSpikes
{
    private readonly int[] _spikes;
    private int _count;
    private bool _found;

    /// <summary>Room for every one of <paramref name="inputs"/> inputs.</summary>
    public StepSpikes(int inputs) => _spikes = new int[inputs];

    /// <summary>Drops the kept list: the next <see cref="Find"/> scans the indicators.</summary>
    public void Forget() => _found = false;

    /// <summary>Keeps the caller's (already checked) spike list for this step.</summary>
    public ReadOnlySpan<int> Keep(ReadOnlySpan<int> preSpikes)
    {
        preSpikes.CopyTo(_spikes);
        _count = preSpikes.Length;
        _found = true;
        return _spikes.AsSpan(0, _count);
    }

    /// <summary>The kept list (each spike confirmed against <paramref name="pre"/>), else one scan of the indicators.</summary>
    public ReadOnlySpan<int> Find(ReadOnlySpan<double> pre)
    {
        if (_found)
        {
            var cached = _spikes.AsSpan(0, _count);
            foreach (var j in cached)
            {
                if (pre[j] == 0)
                {
                    throw new ArgumentException("AdvanceSparse must get the pre indicators of the preceding ComputeSparseDelta.", nameof(pre));
                }
            }

            return cached;
        }

        var count = 0;
        for (var j = SpikeIndicators.Next(pre, 0); j >= 0; j = SpikeIndicators.Next(pre, j + 1))
        {
            _spikes[count++] = j;
        }

        _count = count;
        _found = true;
        return _spikes.AsSpan(0, count);
    }
}
