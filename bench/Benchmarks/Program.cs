using BenchmarkDotNet.Running;

namespace Plasticity.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher (pick benchmarks with --filter, e.g. <c>--filter '*Signed*'</c>).</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
