namespace Plasticity.Core.Plasticity.Training;

/// <summary>How a rule is trained on a dataset.</summary>
/// <param name="Epochs">Passes over the dataset, ≥ 1.</param>
/// <param name="Order">Sample order within an epoch.</param>
/// <param name="Mode">Online, mini-batch or averaged updates.</param>
/// <param name="BatchSize">Samples per mini-batch (≥ 1; only read in <see cref="TrainingMode.MiniBatch"/>).</param>
/// <param name="DivergenceLimit">
/// Training stops and reports divergence at the first step that would make some row norm ‖w_i‖ exceed this
/// limit or a weight or rate non-finite (&gt; 0); that step is not applied.
/// </param>
/// <param name="RecordEvery">The observer sees every this-many steps (≥ 1), plus the first and the last.</param>
public sealed record TrainingSettings(
    int Epochs,
    PresentationOrder Order = PresentationOrder.Cyclic,
    TrainingMode Mode = TrainingMode.Online,
    int BatchSize = 1,
    double DivergenceLimit = 1e6,
    int RecordEvery = 1)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid parameter.</summary>
    public TrainingSettings Validated() =>
        Epochs < 1 ? throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"{nameof(Epochs)} must be >= 1.")
        : BatchSize < 1 ? throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(BatchSize)} must be >= 1.")
        : !(DivergenceLimit > 0) ? throw new ArgumentOutOfRangeException(nameof(DivergenceLimit), DivergenceLimit, $"{nameof(DivergenceLimit)} must be > 0.")
        : RecordEvery < 1 ? throw new ArgumentOutOfRangeException(nameof(RecordEvery), RecordEvery, $"{nameof(RecordEvery)} must be >= 1.")
        : this;
}
