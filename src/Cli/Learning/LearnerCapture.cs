using Plasticity.Core.Plasticity;

namespace Plasticity.Cli.Learning;

/// <summary>
/// Passes a rule through unchanged but keeps the learner the trainer creates, so the command can report the rule's
/// own state after the run (BCM's final θ).
/// </summary>
/// <param name="Inner">The rule being trained.</param>
public sealed record LearnerCapture(ILearningRule Inner) : IStatefulRule
{
    /// <summary>The learner of the last <see cref="CreateLearner"/> call, or null before training.</summary>
    public ILearner? Learner { get; private set; }

    /// <inheritdoc/>
    public string Name => Inner.Name;

    /// <inheritdoc/>
    public ILearner CreateLearner(int outputs, int inputs)
    {
        Learner = Inner.CreateLearner(outputs, inputs);
        return Learner;
    }
}
