namespace Plasticity.Core.Networks.Spiking;

/// <summary>The outcome of a Song–Miller–Abbott run. Times in ms, rates in Hz.</summary>
public sealed class SongMillerAbbottResult
{
    internal SongMillerAbbottResult(
        SongMillerAbbottParameters parameters,
        double[] initialWeights,
        double[] finalWeights,
        double[] outputSpikeTimes,
        double[] binRates,
        double binWidth,
        long inputSpikes,
        double meanConductance,
        SampledTrace? potential,
        SampledTrace? conductance,
        IReadOnlyList<WeightSnapshot> snapshots,
        SpikeRecorder? inputSpikeTimes)
    {
        Parameters = parameters;
        InitialWeights = initialWeights;
        FinalWeights = finalWeights;
        OutputSpikeTimes = outputSpikeTimes;
        OutputRateBins = binRates;
        RateBinWidth = binWidth;
        InputSpikeCount = inputSpikes;
        MeanConductance = meanConductance;
        PotentialTrace = potential;
        ConductanceTrace = conductance;
        WeightSnapshots = snapshots;
        InputSpikeTimes = inputSpikeTimes;
    }

    /// <summary>The parameters used.</summary>
    public SongMillerAbbottParameters Parameters { get; }

    /// <summary>Simulated time steps·dt (ms).</summary>
    public double SimulatedTime => Parameters.Steps * Parameters.TimeStep;

    /// <summary>Weights at the start.</summary>
    public double[] InitialWeights { get; }

    /// <summary>Weights at the end.</summary>
    public double[] FinalWeights { get; }

    /// <summary>Output spike times (ms, grid times (k+1)·dt).</summary>
    public double[] OutputSpikeTimes { get; }

    /// <summary>Mean output rate over the run: spikes/(steps·dt) (Hz).</summary>
    public double OutputRate => OutputSpikeTimes.Length / (SimulatedTime * 1e-3);

    /// <summary>Output rate per bin (Hz): bin b covers steps [b·m, (b+1)·m), m = round(bin/dt); the last bin may be shorter.</summary>
    public double[] OutputRateBins { get; }

    /// <summary>Bin width m·dt (ms).</summary>
    public double RateBinWidth { get; }

    /// <summary>Total number of input spikes.</summary>
    public long InputSpikeCount { get; }

    /// <summary>Time average of g_e over the run, (1/T)∫₀^T g_e(t) dt (exact for the piecewise-exponential g_e).</summary>
    public double MeanConductance { get; }

    /// <summary>Sampled V (mV), if requested.</summary>
    public SampledTrace? PotentialTrace { get; }

    /// <summary>Sampled g_e (end of step, after that step's input spikes), if requested.</summary>
    public SampledTrace? ConductanceTrace { get; }

    /// <summary>Weight snapshots, if requested.</summary>
    public IReadOnlyList<WeightSnapshot> WeightSnapshots { get; }

    /// <summary>Input spike times, if requested.</summary>
    public SpikeRecorder? InputSpikeTimes { get; }
}
