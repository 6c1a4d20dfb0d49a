using System.Numerics;
using System.Runtime.Intrinsics;

namespace Plasticity.Cli.Bench;

/// <summary>
/// The machine's limits, measured in the same run as the targets they judge (bench target 6): a streaming read of a
/// DRAM-sized buffer (bytes/s) and popcount over a cache-resident buffer (64-bit words/s), each on one core and on all.
/// </summary>
/// <remarks>
/// <para>Streaming read: a plain SIMD sum (<see cref="Vector256{T}"/> of <see cref="long"/>, four independent
/// accumulators) over a buffer far larger than the last-level cache (1 GiB; 64 MiB with --quick, which may then be
/// partly cache-resident and is labelled so in the table). The buffer is written once before timing so every page is
/// mapped; the best of three passes is kept (the least disturbed on a shared machine). Bytes/s = buffer bytes / time.</para>
/// <para>Popcount: <see cref="BitOperations.PopCount(ulong)"/> (the POPCNT instruction on x64) over a 16 KiB buffer
/// (L1-resident), eight independent accumulators, best of three. A bit-packed kernel that does one popcount per
/// 64-bit word of a pattern row cannot beat this rate.</para>
/// <para>All-cores figures run the same loop on <see cref="Environment.ProcessorCount"/> threads over disjoint
/// slices (read) or private buffers (popcount); on two cores the bandwidth is usually shared, not doubled.</para>
/// </remarks>
/// <param name="ReadBufferBytes">Bytes of the streaming-read buffer.</param>
/// <param name="ReadBytesPerSecond">Streaming read bandwidth on one core (bytes/s).</param>
/// <param name="ReadBytesPerSecondAllCores">Streaming read bandwidth on all cores (bytes/s).</param>
/// <param name="PopcountBufferBytes">Bytes of the popcount buffer.</param>
/// <param name="PopcountWordsPerSecond">64-bit words popcounted per second on one core.</param>
/// <param name="PopcountWordsPerSecondAllCores">64-bit words popcounted per second on all cores.</param>
/// <param name="Checksum">Sum of the read and popcount results (proves the loops ran; not compared).</param>
public sealed record MachineLimits(
    long ReadBufferBytes,
    double ReadBytesPerSecond,
    double ReadBytesPerSecondAllCores,
    long PopcountBufferBytes,
    double PopcountWordsPerSecond,
    double PopcountWordsPerSecondAllCores,
    double Checksum)
{
    /// <summary>Streaming-read buffer at full size (1 GiB: far beyond any L3 of the reference machine).</summary>
    public const long FullReadBytes = 1L << 30;

    /// <summary>Streaming-read buffer with --quick (64 MiB).</summary>
    public const long QuickReadBytes = 64L << 20;

    /// <summary>Popcount buffer (16 KiB of 64-bit words: L1-resident).</summary>
    public const int PopcountBytes = 16 << 10;

    /// <summary>Timed passes of each loop; the fastest is kept.</summary>
    public const int Passes = 3;

    /// <summary>Measures the limits; <paramref name="readBytes"/> is the streaming buffer size (a multiple of 128).</summary>
    public static MachineLimits Measure(long readBytes, long popcountWordsPerPass)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readBytes, 1L << 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(popcountWordsPerPass, PopcountBytes / 8);
        var words = readBytes / sizeof(long);
        var buffer = GC.AllocateUninitializedArray<long>(checked((int)words));
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = i;
        }

        var threads = Environment.ProcessorCount;
        double checksum = 0;
        var oneCore = Best(() => checksum += StreamSum(buffer), readBytes);
        var allCores = Best(
            () =>
            {
                var sums = new long[threads];
                var slice = buffer.Length / threads;
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                    sums[t] = StreamSum(buffer.AsSpan(t * slice, t == threads - 1 ? buffer.Length - (t * slice) : slice)));
                checksum += sums.Sum();
            },
            readBytes);
        buffer = null;
        GC.Collect();

        var passes = popcountWordsPerPass / (PopcountBytes / 8);
        var bits = new ulong[PopcountBytes / 8];
        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < bits.Length; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            bits[i] = state;
        }

        var popWords = (double)passes * bits.Length;
        var popOne = Best(() => checksum += PopcountRepeated(bits, passes), popWords);
        var popAll = Best(
            () =>
            {
                var sums = new long[threads];
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                    sums[t] = PopcountRepeated((ulong[])bits.Clone(), passes));
                checksum += sums.Sum();
            },
            popWords * threads);
        return new MachineLimits(readBytes, oneCore, allCores, PopcountBytes, popOne, popAll, checksum);
    }

    /// <summary>Plain SIMD sum of <paramref name="data"/>: four Vector256 accumulators, then the scalar tail.</summary>
    public static long StreamSum(ReadOnlySpan<long> data)
    {
        var width = Vector256<long>.Count;
        var a = Vector256<long>.Zero;
        var b = Vector256<long>.Zero;
        var c = Vector256<long>.Zero;
        var d = Vector256<long>.Zero;
        ref var start = ref MemoryMarshal.GetReference(data);
        var i = 0;
        for (; i <= data.Length - (4 * width); i += 4 * width)
        {
            a += Vector256.LoadUnsafe(ref start, (nuint)i);
            b += Vector256.LoadUnsafe(ref start, (nuint)(i + width));
            c += Vector256.LoadUnsafe(ref start, (nuint)(i + (2 * width)));
            d += Vector256.LoadUnsafe(ref start, (nuint)(i + (3 * width)));
        }

        var sum = Vector256.Sum(a + b + c + d);
        for (; i < data.Length; i++)
        {
            sum += data[i];
        }

        return sum;
    }

    /// <summary>Total popcount of <paramref name="bits"/>, <paramref name="passes"/> times over (eight accumulators).</summary>
    public static long PopcountRepeated(ulong[] bits, long passes)
    {
        ArgumentNullException.ThrowIfNull(bits);
        long total = 0;
        for (long r = 0; r < passes; r++)
        {
            long s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            var i = 0;
            for (; i <= bits.Length - 8; i += 8)
            {
                s0 += BitOperations.PopCount(bits[i]);
                s1 += BitOperations.PopCount(bits[i + 1]);
                s2 += BitOperations.PopCount(bits[i + 2]);
                s3 += BitOperations.PopCount(bits[i + 3]);
                s4 += BitOperations.PopCount(bits[i + 4]);
                s5 += BitOperations.PopCount(bits[i + 5]);
                s6 += BitOperations.PopCount(bits[i + 6]);
                s7 += BitOperations.PopCount(bits[i + 7]);
            }

            for (; i < bits.Length; i++)
            {
                s0 += BitOperations.PopCount(bits[i]);
            }

            total += s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        }

        return total;
    }

    // Units per second of the fastest of Passes timed runs (after one untimed run for the JIT and the page mapping).
    private static double Best(Action run, double units)
    {
        run();
        var best = double.MaxValue;
        for (var p = 0; p < Passes; p++)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return units / best;
    }
}
