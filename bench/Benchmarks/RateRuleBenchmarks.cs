using BenchmarkDotNet.Attributes;
using Plasticity.Core.Numerics;
using Plasticity.Core.Plasticity;
using Plasticity.Core.Plasticity.MultiOutput;
using Plasticity.Core.Plasticity.TwoFactor;
using Plasticity.Core.Synapses;

namespace Plasticity.Benchmarks;

/// <summary>
/// One online step's ΔW of Oja (one output, <see cref="OjaRule.DeltaRow"/>) and GHA (16 outputs,
/// <see cref="SangerRule"/>'s state) at input dimension d = 784, the sizes of issue 11 target 4 (60,000 such steps
/// per epoch). Bytes model: GHA reads the 16·d weights (in cache) and writes 16·d deltas.
/// </summary>
[MemoryDiagnoser]
public class RateRuleBenchmarks
{
    private const int D = 784;
    private const int Outputs = 16;
    private readonly double[] _x = new double[D];
    private readonly double[] _y = new double[Outputs];
    private readonly double[] _row = new double[D];
    private readonly double[] _delta = new double[Outputs * D];
    private DenseWeightMatrix _weights = null!;
    private IRuleState _gha = null!;
    private OjaRule _oja = null!;

    /// <summary>Draws the sample and the weights from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = SeedSequence.CreateRandom(13);
        _weights = DenseWeightMatrix.RandomGaussian(Outputs, D, 1.0 / Math.Sqrt(D), random);
        for (var j = 0; j < D; j++)
        {
            _x[j] = random.NextDouble() - 0.5;
        }

        for (var i = 0; i < Outputs; i++)
        {
            _y[i] = random.NextDouble() - 0.5;
        }

        _weights.CopyRow(0, _row);
        _gha = new SangerRule(0.001).CreateState(Outputs, D);
        _oja = new OjaRule(0.001);
    }

    /// <summary>Oja's ΔW for one output.</summary>
    [Benchmark]
    public void OjaDeltaRow() => _oja.DeltaRow(_x, _y[0], _row, _delta.AsSpan(0, D));

    /// <summary>GHA's ΔW for 16 outputs.</summary>
    [Benchmark]
    public void GhaDelta() => _gha.ComputeDelta(_x, _y, new StepContext(1.0, _weights), _delta);
}
