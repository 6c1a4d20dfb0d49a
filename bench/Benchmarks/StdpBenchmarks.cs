using BenchmarkDotNet.Attributes;
using Plasticity.Core.Numerics;
using Plasticity.Core.Plasticity;
using Plasticity.Core.Plasticity.Stdp;
using Plasticity.Core.Synapses;

namespace Plasticity.Benchmarks;

/// <summary>
/// One pair-STDP step with the post spike and one pre spike at N = 1000 synapses (the post-spike path of the
/// Song–Miller–Abbott run): ComputeDelta, Apply with the clamp to [0, g_max], Advance. Bytes model: the N weights,
/// the N pre traces and the N deltas, read and written once.
/// </summary>
[MemoryDiagnoser]
public class StdpBenchmarks
{
    private const int N = 1000;
    private const double GMax = 0.01;
    private readonly double[] _pre = new double[N];
    private readonly double[] _post = [1.0];
    private readonly double[] _delta = new double[N];
    private DenseWeightMatrix _weights = null!;
    private PairStdpState _state = null!;

    /// <summary>Draws the weights from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = SeedSequence.CreateRandom(14);
        _weights = new DenseWeightMatrix(1, N, new WeightBounds(0, GMax));
        for (var j = 0; j < N; j++)
        {
            _weights[0, j] = random.NextDouble() * GMax;
        }

        _state = new PairStdpRule(StdpWindow.Classic(GMax), StdpPairing.AllToAll, StdpWeightDependence.Additive).CreateState(1, N);
        _pre[17] = 1.0;
    }

    /// <summary>One post-spike step.</summary>
    [Benchmark]
    public void PostSpikeStep()
    {
        var context = new StepContext(0.5, _weights, 1.0);
        _state.ComputeDelta(_pre, _post, context, _delta);
        _weights.Apply(_delta);
        _state.Advance(_pre, _post, context, _delta);
    }
}
