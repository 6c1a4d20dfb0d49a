namespace Plasticity.Experiments.Capacity;

/// <summary>
/// A rough estimate of how long a capacity sweep takes, printed before it starts: an operation-count model of one trial
/// times seconds per operation measured on this machine with a short reference trial.
/// </summary>
/// <remarks>
/// Operations per trial (N units, P patterns, R = min(retrievals, P) retrievals, S sweeps to a fixed point, taken as
/// <see cref="AssumedSweeps"/> because it is not known in advance):
/// <list type="bullet">
/// <item>storage: hebb N·P (a pattern-major copy); storkey N²·P; pseudo-inverse N²·P + N·P² + P³;</item>
/// <item>one-step: P retrievals of one field evaluation each, hebb 2·N·P (overlaps then fields), dense N²;</item>
/// <item>fixed point: R·S sweeps, hebb 2·N·P per sweep, dense N² per sweep.</item>
/// </list>
/// Trials of a point run in parallel on min(trials, processors) cores. The calibration times a Hebbian one-step
/// trial at N = 400, P = 40 (2·400·40² ≈ 1.3·10⁶ operations, about a millisecond), best of three; dense kernels and
/// memory-bound large N run at other speeds, so this is a guide to the order of magnitude, not a promise.
/// </remarks>
public static class CapacityCost
{
    /// <summary>Sweeps assumed per fixed-point retrieval (random patterns below capacity converge in a few).</summary>
    public const int AssumedSweeps = 5;

    /// <summary>Operations one trial of <paramref name="point"/> takes under <paramref name="settings"/>.</summary>
    public static double TrialOperations(CapacityPoint point, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        double n = point.N, p = point.P;
        var storage = settings.Rule switch
        {
            StorageRule.Hebbian => n * p,
            StorageRule.Storkey => n * n * p,
            _ => (n * n * p) + (n * p * p) + (p * p * p),
        };
        var field = settings.Rule == StorageRule.Hebbian ? 2 * n * p : n * n;
        var retrievals = settings.Measure == CapacityMeasure.OneStep
            ? p
            : Math.Min(settings.RetrievalsPerTrial, point.P) * (double)Math.Min(AssumedSweeps, settings.MaxSweeps);
        return storage + (retrievals * field);
    }

    /// <summary>Seconds per operation on this machine (a short reference trial, best of three).</summary>
    public static double SecondsPerOperation()
    {
        var point = new CapacityPoint(400, 0.1);
        var settings = new CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 1);
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            CapacityExperiment.RunTrial(point, settings, 0, i);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best / TrialOperations(point, settings);
    }

    /// <summary>Estimated wall-clock seconds for <paramref name="points"/>.</summary>
    public static double Seconds(IEnumerable<CapacityPoint> points, CapacitySettings settings, double secondsPerOperation)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(settings);
        var cores = Math.Max(1, Math.Min(settings.Trials, Environment.ProcessorCount));
        var rounds = Math.Ceiling((double)settings.Trials / cores);
        return points.Sum(p => TrialOperations(p, settings)) * rounds * secondsPerOperation;
    }
}
