using BenchmarkDotNet.Attributes;
using Plasticity.Core.Networks.Hopfield;
using Plasticity.Core.Numerics;

namespace Plasticity.Benchmarks;

/// <summary>
/// Hopfield fields u = W s at N units, P = N/10 patterns: Hebbian (2·N·P integer multiply–adds from the patterns,
/// <see cref="HebbianCouplings.ComputeFields"/>) against the dense N×N matrix of doubles (N² multiply–adds, 8·N² bytes
/// read, <see cref="HopfieldNetwork.ComputeInputs"/> over <see cref="HopfieldStorage.HebbianDense"/>).
/// </summary>
[MemoryDiagnoser]
public class HopfieldFieldBenchmarks
{
    private HebbianCouplings _hebbian = null!;
    private HopfieldNetwork _dense = null!;
    private sbyte[] _state = [];
    private double[] _fields = [];

    /// <summary>Units N.</summary>
    [Params(1_000, 4_000)]
    public int N { get; set; }

    /// <summary>Draws the patterns and the state from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = SeedSequence.CreateRandom(12, N);
        var patterns = PatternSet.Dense(N, N / 10, random);
        _hebbian = new HebbianCouplings(patterns);
        _dense = new HopfieldNetwork(HopfieldStorage.HebbianDense(patterns));
        _state = PatternSet.Dense(N, 1, random)[0].ToArray();
        _fields = new double[N];
    }

    /// <summary>Fields from the patterns (Hebbian storage never builds W).</summary>
    [Benchmark(Baseline = true)]
    public void HebbianFields() => _hebbian.ComputeFields(_state, _fields);

    /// <summary>Fields from the dense matrix.</summary>
    [Benchmark]
    public void DenseFields() => _dense.ComputeInputs(_state, _fields);
}
