using BenchmarkDotNet.Attributes;
using Plasticity.Core.Numerics;

namespace Plasticity.Benchmarks;

/// <summary>
/// <see cref="SignedKernels"/> on ±1 vectors of length N, the SIMD path against its scalar reference. Bytes model: Dot
/// and CountDifferences read 2N bytes, MultiplyAdd reads N bytes and reads and writes 4N.
/// </summary>
[MemoryDiagnoser]
public class SignedKernelBenchmarks
{
    private sbyte[] _a = [];
    private sbyte[] _b = [];
    private int[] _acc = [];

    /// <summary>Vector length N.</summary>
    [Params(1_000, 100_000)]
    public int N { get; set; }

    /// <summary>Draws the vectors from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = SeedSequence.CreateRandom(11, N);
        _a = Signs(N, random);
        _b = Signs(N, random);
        _acc = new int[N];
    }

    /// <summary>The SIMD dot product.</summary>
    [Benchmark(Baseline = true)]
    public int Dot() => SignedKernels.Dot(_a, _b);

    /// <summary>The scalar reference dot product.</summary>
    [Benchmark]
    public int DotReference() => SignedKernels.DotReference(_a, _b);

    /// <summary>acc += 3·a, SIMD.</summary>
    [Benchmark]
    public void MultiplyAdd() => SignedKernels.MultiplyAdd(_a, 3, _acc);

    /// <summary>Hamming distance of two ±1 vectors.</summary>
    [Benchmark]
    public int CountDifferences() => SignedKernels.CountDifferences(_a, _b);

    internal static sbyte[] Signs(int n, Random random)
    {
        var s = new sbyte[n];
        for (var i = 0; i < n; i++)
        {
            s[i] = random.Next(2) == 0 ? (sbyte)-1 : (sbyte)1;
        }

        return s;
    }
}
