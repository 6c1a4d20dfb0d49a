namespace Plasticity.Core.Networks.Spiking;

/// <summary>What a spiking run records besides output spikes, output rate bins and final weights.</summary>
public sealed record SpikingRecordingOptions
{
    /// <summary>Record every input spike time (1.5·10⁶ spikes for the default 100 s run). Default false.</summary>
    public bool InputSpikes { get; init; }

    /// <summary>Sample V and g_e every this many steps (after the step's reset); 0 = off (default).</summary>
    public int TraceEvery { get; init; }

    /// <summary>Times (ms) at which to copy the weights (taken at the end of the first step ending at or after each).</summary>
    public IReadOnlyList<double> WeightSnapshotTimes { get; init; } = [];

    /// <summary>Nothing extra.</summary>
    public static SpikingRecordingOptions None { get; } = new();
}
