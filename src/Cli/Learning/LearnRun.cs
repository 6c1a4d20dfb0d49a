namespace Plasticity.Cli.Learning;

/// <summary>What a learning run produced.</summary>
/// <param name="Result">How training ended (steps, divergence).</param>
/// <param name="Weights">The final weights: the trained matrix itself when it was dense, else a dense copy of what the store holds.</param>
/// <param name="Trajectory">Recorded states: step 0, every record interval, and the last step.</param>
/// <param name="FirstCrossing">Per output, the first step at which its alignment reached <see cref="LearnRun.CosineThreshold"/> (null if never).</param>
/// <param name="Learner">The rule's state after the run (to read, for example, BCM's θ through <see cref="Core.Plasticity.TwoFactor.BcmRule.Learner"/>).</param>
public sealed record LearnOutcome(
    TrainingResult Result,
    DenseWeightMatrix Weights,
    IReadOnlyList<TrajectoryPoint> Trajectory,
    long?[] FirstCrossing,
    Core.Plasticity.IRuleState? Learner);

/// <summary>
/// Runs a rule with <see cref="Trainer"/> and records the trajectory against the reference eigenvectors.
/// </summary>
/// <remarks>
/// The observer is called at every step (the trainer's record interval is 1) so the first step at which an output's
/// alignment reaches <see cref="CosineThreshold"/> is exact, not rounded up to the record interval; it costs one dot
/// product of length d per output and step. Full rows (all K cosines) are stored only every
/// <c>recordEvery</c> steps, plus the first and the last.
/// </remarks>
public static class LearnRun
{
    /// <summary>Alignment at which an output counts as converged (|cos| ≥ 0.99).</summary>
    public const double CosineThreshold = 0.99;

    /// <summary>Runs the training and records the trajectory.</summary>
    /// <param name="weights">Initial weights (any store), updated in place.</param>
    /// <param name="data">The data as fed to the rule.</param>
    /// <param name="capture">The rule, wrapped to keep its state.</param>
    /// <param name="settings">Training settings (their record interval is ignored; see remarks).</param>
    /// <param name="random">Generator of the shuffled order.</param>
    /// <param name="reference">Reference eigenpairs (descending).</param>
    /// <param name="k">Number K of reference eigenvectors recorded per output.</param>
    /// <param name="target">What each output's alignment is measured against.</param>
    /// <param name="recordEvery">Record interval in steps.</param>
    /// <param name="progress">Called with the step count at each record.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <param name="keepRows">Whether each record keeps the signed weight rows (<see cref="TrajectoryPoint.Rows"/>).</param>
    public static LearnOutcome Run(
        IWeightMatrix weights,
        Dataset data,
        LearnerCapture capture,
        TrainingSettings settings,
        Random random,
        Eigenpairs reference,
        int k,
        TargetKind target,
        int recordEvery,
        Action<long>? progress = null,
        CancellationToken cancellationToken = default,
        bool keepRows = false)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reference);
        var outputs = weights.Outputs;
        var trajectory = new List<TrajectoryPoint>();
        var crossing = new long?[outputs];
        var lastRecorded = -1L;

        void Observe(long step, IWeightMatrix _)
        {
            var alignment = Alignment(weights, reference, target);
            for (var i = 0; i < outputs; i++)
            {
                if (crossing[i] is null && alignment[i] >= CosineThreshold)
                {
                    crossing[i] = step;
                }
            }

            if (step % recordEvery == 0)
            {
                trajectory.Add(Record(step, weights, reference, k, alignment, keepRows, capture));
                lastRecorded = step;
                progress?.Invoke(step);
            }
        }

        var result = Trainer.Run(
            weights, LinearTransfer.Instance, data, capture, settings with { RecordEvery = 1 }, random, Observe,
            control: new RunControl(cancellationToken));
        // After a divergence the rejected step was not applied: the last state is that of the step before it.
        var lastStep = result.UpdatesApplied;
        if (lastRecorded != lastStep)
        {
            trajectory.Add(Record(lastStep, weights, reference, k, Alignment(weights, reference, target), keepRows, capture));
            progress?.Invoke(lastStep);
        }

        var final = weights as DenseWeightMatrix ?? DenseWeightMatrix.FromRows(WeightRows.Of(weights));
        return new LearnOutcome(result, final, trajectory, crossing, capture.Learner);
    }

    /// <summary>‖P w‖/‖w‖ with P the projection onto span(e_1..e_m).</summary>
    public static double SubspaceFraction(ReadOnlySpan<double> w, Eigenpairs pairs, int m)
    {
        var sum = 0.0;
        for (var q = 0; q < m; q++)
        {
            var c = RuleMeasures.AbsCosine(w, pairs.Vectors[q]);
            sum += c * c;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Each output's alignment with its target.</summary>
    public static double[] Alignment(IWeightView weights, Eigenpairs pairs, TargetKind target)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(pairs);
        var outputs = weights.Outputs;
        var alignment = new double[outputs];
        var row = new double[weights.Inputs];
        for (var i = 0; i < outputs; i++)
        {
            weights.CopyRow(i, row);
            alignment[i] = target switch
            {
                TargetKind.Ordered => RuleMeasures.AbsCosine(row, pairs.Vectors[Math.Min(i, pairs.Vectors.Length - 1)]),
                TargetKind.Subspace => SubspaceFraction(row, pairs, Math.Min(outputs, pairs.Vectors.Length)),
                _ => RuleMeasures.AbsCosine(row, pairs.Vectors[0]),
            };
        }

        return alignment;
    }

    private static TrajectoryPoint Record(long step, IWeightView weights, Eigenpairs pairs, int k, double[] alignment, bool keepRows, LearnerCapture capture)
    {
        var outputs = weights.Outputs;
        var norms = new double[outputs];
        var cosines = new double[outputs][];
        var row = new double[weights.Inputs];
        var rows = keepRows ? new double[outputs][] : null;
        for (var i = 0; i < outputs; i++)
        {
            weights.CopyRow(i, row);
            if (rows is not null)
            {
                rows[i] = (double[])row.Clone();
            }

            norms[i] = SafeNorm.Of(row);
            cosines[i] = new double[k];
            for (var q = 0; q < k; q++)
            {
                cosines[i][q] = RuleMeasures.AbsCosine(row, pairs.Vectors[q]);
            }
        }

        var theta = capture.Learner is Core.Plasticity.TwoFactor.BcmRule.Learner bcm ? bcm.Theta.ToArray() : null;
        return new TrajectoryPoint(step, norms, cosines, alignment, rows, theta);
    }
}
