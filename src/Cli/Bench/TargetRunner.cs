namespace Plasticity.Cli.Bench;

/// <summary>Times <see cref="TargetCase"/>s: set-up and a forced GC outside the clock, then the timed run.</summary>
/// <remarks>
/// No separate warm-up: the targets run for a second or more, where JIT tiering is a small part, and the large
/// fixed-point targets are too expensive to run twice. Repetitions must return the same checksum.
/// </remarks>
public static class TargetRunner
{
    /// <summary>Runs <paramref name="target"/> <see cref="TargetCase.Repetitions"/> times, or records its refusal.</summary>
    /// <exception cref="InvalidOperationException">A repetition returned a different checksum.</exception>
    public static TargetMeasurement Measure(TargetCase target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Refusal is not null)
        {
            return new TargetMeasurement(target, [], null, []);
        }

        var seconds = new double[target.Repetitions];
        var cpu = new double[target.Repetitions];
        using var self = Process.GetCurrentProcess();
        TargetOutcome? first = null;
        TargetOutcome? last = null;
        for (var r = 0; r < target.Repetitions; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = target.Prepare();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            self.Refresh();
            var cpuStart = self.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            last = run();
            seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            self.Refresh();
            cpu[r] = (self.TotalProcessorTime - cpuStart).TotalSeconds;
            if (first is not null && !first.Checksum.Equals(last.Checksum))
            {
                throw new InvalidOperationException(
                    $"target {target.Name}: repetition {r + 1} returned checksum {last.Checksum:R}, repetition 1 returned {first.Checksum:R}; the work should be seed-deterministic");
            }

            first ??= last;
        }

        return new TargetMeasurement(target, seconds, last, cpu);
    }
}
