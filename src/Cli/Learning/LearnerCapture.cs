namespace Plasticity.Cli.Learning;

/// <summary>
/// Passes a rule through unchanged but keeps the rule state the trainer creates, so the command can report the rule's
/// own state after the run (BCM's final θ).
/// </summary>
/// <param name="Inner">The rule being trained.</param>
public sealed record LearnerCapture(IPlasticityRule Inner) : IPlasticityRule
{
    /// <summary>The state of the last <see cref="CreateState"/> call, or null before training.</summary>
    public IRuleState? Learner { get; private set; }

    /// <inheritdoc/>
    public string Name => Inner.Name;

    /// <inheritdoc/>
    public bool HasState => Inner.HasState;

    /// <inheritdoc/>
    public IRuleState CreateState(int outputs, int inputs)
    {
        Learner = Inner.CreateState(outputs, inputs);
        return Learner;
    }
}
