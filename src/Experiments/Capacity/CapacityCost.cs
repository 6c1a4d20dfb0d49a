namespace Plasticity.Experiments.Capacity;

/// <summary>
/// A rough estimate of how long a capacity sweep takes, printed before it starts: an operation-count model of one trial
/// times seconds per operation measured on this machine with a short reference trial.
/// </summary>
/// <remarks>
/// Operations per trial (N units, P patterns, R = min(retrievals, P) retrievals, S sweeps to a fixed point, taken as
/// <see cref="AssumedSweeps"/> below the critical load and as the sweep cap above it (<see cref="Sweeps"/>) because it
/// is not known in advance):
/// <list type="bullet">
/// <item>storage: hebb N·P (a pattern-major copy); storkey N²·P; pseudo-inverse N²·P + N·P² + P³;</item>
/// <item>one-step: P retrievals of one field evaluation each, hebb 2·N·P (overlaps then fields), dense N²;</item>
/// <item>fixed point, dense rules: R·S sweeps of N² each.</item>
/// <item>fixed point, hebb (the bit-packed neuron-major engine, N·P bits): per retrieval the initial overlaps
/// M_μ = Σ_j ξ_j^μ s_j, N·P/8 (one 8-lane int32 SIMD step per 8 (neuron, pattern) pairs), then S sweeps of
/// 2·N·P/8 each: every field N·h_i = Σ_μ ξ_i^μ M_μ − P s_i reads P bits and P overlaps (N·P/8 lane steps), and the
/// overlap updates M_μ ± 2ξ_i^μ of the flipped units, at most N·P/8 more (far fewer near a fixed point, so this is
/// an upper bound per sweep); storage draws and lays out the N·P bits, counted as N·P/8.</item>
/// </list>
/// Trials of a point run in parallel on min(trials, processors) cores; the trials, and with them this count, may
/// differ by N (<see cref="CapacitySettings.At"/>). The seconds per operation come from a reference trial on the same
/// engine as the sweep, best of three (<see cref="SecondsPerOperation(CapacitySettings)"/>): for Hebbian fixed-point
/// sweeps a packed fixed-point trial at N = 2000, α = 0.1 (10 retrievals, about 5·10⁶ lane steps, a few
/// milliseconds), for every other sweep a Hebbian one-step trial at N = 400, P = 40 (2·400·40² ≈ 1.3·10⁶ operations,
/// about a millisecond). Both count their own operations with this model, so a reference retrieval that converges in
/// fewer than <see cref="AssumedSweeps"/> sweeps biases every sub-critical estimate the same way.
/// Measured against the committed finite-size sweep (docs/hopfield.md: 28 points, N = 10³ … 10⁶, fixed point, 63 min
/// in its store, on the 2-core machine): the one-step calibration this model used before put the sweep at about
/// 4.5 min (the last point, N = 10⁶, α = 0.16, 885 s, at 89 s), because a packed lane step costs tens of one-step SIMD
/// operations; the packed calibration puts it at 2.7 h, and the N = 10⁴ and 10⁵ rows (13.8 s and 71 s) at 40 s and
/// 3 min. It errs high because above α_c the overlap updates of a sweep are far fewer than the upper bound counted
/// here. Dense kernels and memory-bound sizes run at other speeds again: this is a guide to the order of magnitude,
/// not a promise.
/// </remarks>
public static class CapacityCost
{
    /// <summary>Sweeps assumed per fixed-point retrieval (random patterns below capacity converge in a few).</summary>
    public const int AssumedSweeps = 5;

    /// <summary>int32 lanes of one 256-bit SIMD step: the (neuron, pattern) pairs the packed engine handles per step.</summary>
    public const int PackedLanes = 8;

    /// <summary>Operations one trial of <paramref name="point"/> takes under <paramref name="settings"/>.</summary>
    public static double TrialOperations(CapacityPoint point, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings.At(point.N);
        double n = point.N, p = point.P;
        if (settings.Rule == StorageRule.Hebbian && settings.Measure == CapacityMeasure.FixedPoint)
        {
            var lanes = n * p / PackedLanes;
            var sweeps = (double)Sweeps(point, settings);
            return lanes + (Math.Min(settings.RetrievalsPerTrial, point.P) * (lanes + (2 * lanes * sweeps)));
        }

        var storage = settings.Rule switch
        {
            StorageRule.Hebbian => n * p,
            StorageRule.Storkey => n * n * p,
            _ => (n * n * p) + (n * p * p) + (p * p * p),
        };
        var field = settings.Rule == StorageRule.Hebbian ? 2 * n * p : n * n;
        var retrievals = settings.Measure == CapacityMeasure.OneStep
            ? p
            : Math.Min(settings.RetrievalsPerTrial, point.P) * (double)Sweeps(point, settings);
        return storage + (retrievals * field);
    }

    /// <summary>
    /// Sweeps assumed per retrieval: <see cref="AssumedSweeps"/> at loads up to the AGS critical load α_c ≈ 0.138, the
    /// sweep cap above it, where a retrieval leaves the pattern and wanders (at N = 10⁴, α = 0.14 some runs already
    /// reach 100 sweeps, and the wandering lasts longer as N grows).
    /// </summary>
    public static int Sweeps(CapacityPoint point, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return point.Alpha > HopfieldTheory.agsCriticalLoad().AlphaC ? settings.MaxSweeps : Math.Min(AssumedSweeps, settings.MaxSweeps);
    }

    /// <summary>
    /// Seconds per operation on this machine for the engine <paramref name="settings"/> runs on: a short reference trial,
    /// best of three (see the remarks for the two references).
    /// </summary>
    public static double SecondsPerOperation(CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (point, reference) = settings.Rule == StorageRule.Hebbian && settings.Measure == CapacityMeasure.FixedPoint
            ? (new CapacityPoint(2000, 0.1), new CapacitySettings(StorageRule.Hebbian, CapacityMeasure.FixedPoint, 1, RetrievalsPerTrial: 10))
            : (new CapacityPoint(400, 0.1), new CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 1));
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            CapacityExperiment.RunTrial(point, reference, 0, i);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best / TrialOperations(point, reference);
    }

    /// <summary>Estimated wall-clock seconds for <paramref name="points"/>.</summary>
    public static double Seconds(IEnumerable<CapacityPoint> points, CapacitySettings settings, double secondsPerOperation)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(settings);
        return points.Sum(p =>
        {
            var trials = settings.TrialsAt(p.N);
            var cores = Math.Max(1, Math.Min(trials, Environment.ProcessorCount));
            return TrialOperations(p, settings) * Math.Ceiling((double)trials / cores);
        }) * secondsPerOperation;
    }
}
