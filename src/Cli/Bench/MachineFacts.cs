using System.Reflection;
using System.Runtime;
using System.Runtime.Intrinsics;

namespace Plasticity.Cli.Bench;

/// <summary>The facts about the machine and runtime that a benchmark number depends on.</summary>
/// <param name="ProcessorCount">Logical processors visible to the process.</param>
/// <param name="OperatingSystem">OS description.</param>
/// <param name="Architecture">Process architecture (X64, Arm64, …).</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="Vector128">Whether 128-bit SIMD is hardware accelerated.</param>
/// <param name="Vector256">Whether 256-bit SIMD (AVX2 on x64) is hardware accelerated.</param>
/// <param name="Vector512">Whether 512-bit SIMD (AVX-512 on x64) is hardware accelerated.</param>
/// <param name="ServerGc">Whether the server garbage collector is on.</param>
/// <param name="Optimized">Whether the toolkit was compiled with optimisations (a Release build); Debug numbers are not comparable.</param>
public sealed record MachineFacts(
    int ProcessorCount,
    string OperatingSystem,
    string Architecture,
    string Runtime,
    bool Vector128,
    bool Vector256,
    bool Vector512,
    bool ServerGc,
    bool Optimized)
{
    /// <summary>The facts of the current process.</summary>
    public static MachineFacts Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated,
        System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated,
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
        GCSettings.IsServerGC,
        IsOptimized(typeof(Plasticity.Core.Numerics.SeedSequence).Assembly));

    // A Debug build carries DebuggableAttribute with the JIT optimiser disabled.
    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };
}
