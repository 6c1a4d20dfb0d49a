namespace Plasticity.Core.Plasticity;

/// <summary>
/// Marks a rule whose learner carries state of its own (sliding thresholds, running means) that advances
/// sample by sample. Such rules run in the sample-based training modes; the continuous-time averaged form,
/// which has no samples to advance on, rejects them rather than silently freezing their state.
/// </summary>
public interface IStatefulRule : ILearningRule
{
}
