using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>Called with the step count (0 = before training) and the current weights.</summary>
public delegate void TrainingObserver(long step, IWeightMatrix weights);
