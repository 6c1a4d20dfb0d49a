namespace Plasticity.Experiments.Capacity;

/// <summary>
/// Runs capacity trials: store freshly drawn random patterns, start from stored patterns (or cues), measure
/// bit errors and overlaps.
/// </summary>
/// <remarks>
/// Reproducibility: trial t of point (N, P) draws its patterns from <c>Derive(seed, N, P, t)</c> and each
/// retrieval ν its cue and update order from <c>Derive(seed, N, P, t, ν, …)</c>. The capacity command and <see cref="CapacitySweep"/> pass
/// <see cref="CapacitySweepSpec.ExperimentSeed"/> = Prefix(user seed, [1]), so these are Derive(user seed, [1, N, P, t, …]). Results are therefore
/// bit-identical for any thread count, independent of which other points a sweep contains, and the same
/// pattern sets are used by every rule and measure (paired comparisons).
/// </remarks>
public static class CapacityExperiment
{
    /// <summary>Runs all trials of one point in parallel and aggregates them in trial order.</summary>
    public static CapacityResult Run(
        CapacityPoint point, CapacitySettings settings, ulong seed, Action? onTrialDone = null, CancellationToken cancellationToken = default)
    {
        Validate(point, settings);
        var trials = new CapacityTrial[settings.Trials];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, settings.Trials, options, t =>
        {
            trials[t] = RunTrial(point, settings, seed, t);
            onTrialDone?.Invoke();
        });
        return new CapacityResult(point, settings, trials);
    }

    /// <summary>Runs trial <paramref name="trial"/> of a point (deterministic in its arguments).</summary>
    public static CapacityTrial RunTrial(CapacityPoint point, CapacitySettings settings, ulong seed, int trial)
    {
        Validate(point, settings);
        var flips = PatternOps.FlipCount(point.N, settings.CueFlip);
        return settings.Measure == CapacityMeasure.OneStep
            ? OneStep(point, settings, flips, seed, trial)
            : FixedPoint(point, settings, flips, seed, trial);
    }

    /// <summary>The pattern set of trial <paramref name="trial"/> of (N, P): <c>PatternSet.Dense(N, P, CreateRandom(seed, N, P, trial))</c>.</summary>
    public static PatternSet TrialPatterns(CapacityPoint point, ulong seed, int trial) =>
        PatternSet.Dense(point.N, point.P, SeedSequence.CreateRandom(seed, point.N, point.P, trial));

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> whose ParamName is the core's own name of the offending value:
    /// "N" or "Alpha" (<see cref="CapacityPoint"/>), "Trials", "CueFlip", "RetrievalsPerTrial", "MaxSweeps" or
    /// "Diagonal" (<see cref="CapacitySettings"/>). A front end maps these names to its own spellings.
    /// </summary>
    public static void Validate(CapacityPoint point, CapacitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (point.N < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(point.N), point.N, $"N must be at least 2 (got {point.N}).");
        }

        if (!(point.Alpha > 0) || !double.IsFinite(point.Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(point.Alpha), point.Alpha, "α must be a finite number > 0.");
        }

        if (point.P < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(point.Alpha), point.Alpha, $"α = {point.Alpha:G6} with N = {point.N} stores P = round(αN) = 0 patterns; need α ≥ {0.5 / point.N:G3}.");
        }

        // Hebbian fixed-point trials run on bit-packed patterns (PackedPatterns) and need no N·P-byte PatternSet;
        // every other rule and the one-step measure still build one.
        var packedFixedPoint = settings.Rule == StorageRule.Hebbian && settings.Measure == CapacityMeasure.FixedPoint;
        if (!packedFixedPoint && (long)point.N * point.P > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(point.Alpha), point.Alpha, $"α = {point.Alpha:G6} with N = {point.N} stores P = {point.P} patterns; need N·P < 2^31.");
        }

        if (settings.Rule == StorageRule.PseudoInverse && point.P >= point.N)
        {
            throw new ArgumentOutOfRangeException(nameof(point.Alpha), point.Alpha, $"α = {point.Alpha:G6} with N = {point.N} stores P = {point.P} patterns; pseudo-inverse storage needs P < N (α < 1).");
        }

        if (settings.Trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings.Trials), settings.Trials, "the number of trials must be at least 1.");
        }

        if (!(settings.CueFlip >= 0 && settings.CueFlip < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(settings.CueFlip), settings.CueFlip, "the cue flip fraction f must be in [0, 0.5).");
        }

        if (settings.RetrievalsPerTrial < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings.RetrievalsPerTrial), settings.RetrievalsPerTrial, "the retrievals per trial must be at least 1.");
        }

        if (settings.MaxSweeps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings.MaxSweeps), settings.MaxSweeps, "the sweep limit must be at least 1.");
        }

        if (settings.Rule == StorageRule.Storkey && settings.Diagonal != DiagonalConvention.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(settings.Diagonal), settings.Diagonal, "Storkey storage supports only a zero diagonal.");
        }
    }

    /// <remarks>
    /// Hebbian storage (either diagonal) runs on <see cref="HebbianOneStep"/>: the patterns drawn straight into bits
    /// (<see cref="SignBits.Dense"/>, the same bits as <see cref="TrialPatterns"/>), the cues with the same flips as
    /// <see cref="PatternOps.CueWithFlips"/>, and the integer Gram-matrix kernel, so errors, overlaps and bit counts are
    /// bit-identical to the step of <see cref="HopfieldDynamics.SynchronousStep"/> on <see cref="HebbianCouplings"/>,
    /// which the other rules (and shapes beyond the kernel's int32 bound) still take.
    /// </remarks>
    private static CapacityTrial OneStep(CapacityPoint point, CapacitySettings settings, int flips, ulong seed, int trial)
    {
        int n = point.N, p = point.P;
        var overlaps = new double[p];
        long errors = 0;
        if (settings.Rule == StorageRule.Hebbian && HebbianOneStep.IsExact(n, p))
        {
            var bits = SignBits.Dense(n, p, SeedSequence.CreateRandom(seed, n, p, trial));
            var cues = bits;
            if (flips > 0)
            {
                cues = new SignBits(p, n);
                var pattern = new sbyte[n];
                for (var nu = 0; nu < p; nu++)
                {
                    bits.CopyRowTo(nu, pattern);
                    cues.SetRow(nu, PatternOps.CueWithFlips(pattern, flips, SeedSequence.CreateRandom(seed, n, p, trial, nu, 1)));
                }
            }

            var wrong = new int[p];
            HebbianOneStep.CountErrors(bits, cues, settings.Diagonal, wrong);
            for (var nu = 0; nu < p; nu++)
            {
                errors += wrong[nu];
                overlaps[nu] = 1.0 - 2.0 * wrong[nu] / n;
            }

            return new CapacityTrial(trial, errors, (long)n * p, overlaps, 0);
        }

        var patterns = TrialPatterns(point, seed, trial);
        var network = new HopfieldNetwork(HopfieldStorage.Store(patterns, settings.Rule, settings.Diagonal));
        var next = new sbyte[n];
        for (var nu = 0; nu < p; nu++)
        {
            var cue = flips == 0
                ? null
                : PatternOps.CueWithFlips(patterns[nu], flips, SeedSequence.CreateRandom(seed, n, p, trial, nu, 1));
            HopfieldDynamics.SynchronousStep(network, cue is null ? patterns[nu] : cue, next);
            var wrong = SignedKernels.CountDifferences(next, patterns[nu]);
            errors += wrong;
            overlaps[nu] = 1.0 - 2.0 * wrong / n;
        }

        return new CapacityTrial(trial, errors, (long)n * p, overlaps, 0);
    }

    /// <remarks>
    /// Hebbian storage runs on the packed engine: <see cref="PackedPatterns.Dense"/> with
    /// the generator <see cref="TrialPatterns"/> uses (the same bits), cues by <see cref="PatternOps.CueWithFlips"/> from
    /// the same cue generators and <see cref="PackedDynamics.Run(PackedHebbianCouplings, Span{sbyte}, UpdateOrder, int, Random?, RunControl?, int)"/>,
    /// which equals <see cref="HopfieldDynamics.Run"/> on <see cref="HebbianCouplings"/> exactly, so the trial is
    /// bit-identical to the byte-pattern path the other rules take. Inside a trial the engine uses
    /// max(1, cores / concurrent trials) threads; its result does not depend on that number.
    /// </remarks>
    private static CapacityTrial FixedPoint(CapacityPoint point, CapacitySettings settings, int flips, ulong seed, int trial)
    {
        int n = point.N, p = point.P;
        var retrievals = Math.Min(settings.RetrievalsPerTrial, p);
        var overlaps = new double[retrievals];
        long errors = 0;
        var nonConverged = 0;
        if (settings.Rule == StorageRule.Hebbian)
        {
            var cores = Environment.ProcessorCount;
            var innerThreads = Math.Max(1, cores / Math.Min(settings.Trials, cores));
            var packed = PackedPatterns.Dense(
                n, p, SeedSequence.CreateRandom(seed, n, p, trial), innerThreads);
            var couplings = new PackedHebbianCouplings(packed, settings.Diagonal);
            var pattern = new sbyte[n];
            for (var nu = 0; nu < retrievals; nu++)
            {
                packed.CopyPattern(nu, pattern);
                var state = flips == 0
                    ? (sbyte[])pattern.Clone()
                    : PatternOps.CueWithFlips(pattern, flips, SeedSequence.CreateRandom(seed, n, p, trial, nu, 1));
                var result = PackedDynamics.Run(
                    couplings, state, settings.Order, settings.MaxSweeps, SeedSequence.CreateRandom(seed, n, p, trial, nu, 2),
                    null, innerThreads);
                if (result.Outcome != RunOutcome.FixedPoint)
                {
                    nonConverged++;
                }

                var wrong = SignedKernels.CountDifferences(state, pattern);
                errors += wrong;
                overlaps[nu] = 1.0 - 2.0 * wrong / n;
            }

            return new CapacityTrial(trial, errors, (long)n * retrievals, overlaps, nonConverged);
        }

        var patterns = TrialPatterns(point, seed, trial);
        var network = new HopfieldNetwork(HopfieldStorage.Store(patterns, settings.Rule, settings.Diagonal));
        for (var nu = 0; nu < retrievals; nu++)
        {
            var state = flips == 0
                ? patterns.Copy(nu)
                : PatternOps.CueWithFlips(patterns[nu], flips, SeedSequence.CreateRandom(seed, n, p, trial, nu, 1));
            var result = HopfieldDynamics.Run(network, state, settings.Order, settings.MaxSweeps, SeedSequence.CreateRandom(seed, n, p, trial, nu, 2));
            if (result.Outcome != RunOutcome.FixedPoint)
            {
                nonConverged++;
            }

            var wrong = SignedKernels.CountDifferences(state, patterns[nu]);
            errors += wrong;
            overlaps[nu] = 1.0 - 2.0 * wrong / n;
        }

        return new CapacityTrial(trial, errors, (long)n * retrievals, overlaps, nonConverged);
    }
}
