namespace Plasticity.Cli.Theory;

/// <summary>The theory block of a learning run: what the rule should converge to, and the comparisons.</summary>
/// <param name="Target">The predicted end state in words (for example "±e1 of C").</param>
/// <param name="Note">Caveats of the prediction for these settings, or null.</param>
/// <param name="Comparisons">Predictions next to measurements.</param>
public sealed record LearnPrediction(string Target, string? Note, IReadOnlyList<Comparison> Comparisons);

/// <summary>
/// Puts the registered theory of a rule (<see cref="RuleTheories"/> in the experiments layer, next to the rule's
/// verify checks) next to a finished learn run. This class only translates the run into a <see cref="RuleRun"/> and
/// the prediction back into the learn command's records; which theory applies is data, not a switch here.
/// </summary>
public static class LearnTheory
{
    /// <summary>Builds the comparisons for <paramref name="rule"/> after a run.</summary>
    /// <param name="rule">Catalog entry.</param>
    /// <param name="parameters">Rule parameters.</param>
    /// <param name="rows">The data as fed to the rule.</param>
    /// <param name="pairs">Eigenpairs of the rule's reference matrix.</param>
    /// <param name="initial">Initial weights (rows).</param>
    /// <param name="outcome">The run.</param>
    /// <param name="matrixName">"C" or "C⁰", for the descriptions.</param>
    public static LearnPrediction Predict(
        RuleEntry rule,
        RuleParameters parameters,
        double[][] rows,
        Eigenpairs pairs,
        double[][] initial,
        LearnOutcome outcome,
        string matrixName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(outcome);
        var w = outcome.Weights;
        var run = new RuleRun(
            rule.Name,
            parameters.Eta,
            parameters.Alpha,
            parameters.Decay,
            parameters.Theta,
            parameters.Target,
            rows,
            pairs,
            matrixName,
            initial,
            Enumerable.Range(0, w.Outputs).Select(i => w.Row(i).ToArray()).ToArray(),
            outcome.Trajectory.Select(t => t.Step).ToArray(),
            outcome.Trajectory.Select(t => t.Norms).ToArray(),
            outcome.Trajectory[^1].Alignment,
            outcome.FirstCrossing,
            outcome.Learner is BcmRule.Learner learner ? learner.Theta.ToArray() : null);
        var prediction = RuleTheories.Predict(run);
        return new LearnPrediction(
            prediction.Target,
            prediction.Note,
            prediction.Comparisons.Select(c => new Comparison(c.Name, c.Output, c.Description, c.Theory, c.Measured)).ToArray());
    }
}
