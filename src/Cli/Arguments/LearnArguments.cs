namespace Plasticity.Cli.Arguments;

/// <summary>The validated options of <c>plasticity learn</c> (the data file is read later, by the command).</summary>
/// <param name="Rule">The rule's catalog entry.</param>
/// <param name="Parameters">Rule parameters.</param>
/// <param name="DataPath">The samples file, as typed.</param>
/// <param name="Outputs">Number of output neurons.</param>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="Order">Presentation order.</param>
/// <param name="Mode">Online, mini-batch or averaged.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="DivergenceLimit">Row-norm limit beyond which the run stops and reports divergence.</param>
/// <param name="RecordEvery">Trajectory record interval in steps, or null for automatic.</param>
/// <param name="Center">Whether the data mean is subtracted before training.</param>
/// <param name="InitPath">Initial weights file, or null for seeded random weights.</param>
/// <param name="Seed">The seed.</param>
/// <param name="OutputDirectory">The output directory, as typed.</param>
public sealed record LearnArguments(
    RuleEntry Rule,
    RuleParameters Parameters,
    string DataPath,
    int Outputs,
    int Epochs,
    PresentationOrder Order,
    TrainingMode Mode,
    int BatchSize,
    double DivergenceLimit,
    int? RecordEvery,
    bool Center,
    string? InitPath,
    ulong Seed,
    string OutputDirectory)
{
    /// <summary>Notes for stderr: options typed but not used by this rule or mode (one line each).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Command-line name of <see cref="Order"/>.</summary>
    public string OrderName => Choices.PresentationOrders.NameOf(Order);

    /// <summary>Command-line name of <see cref="Mode"/>.</summary>
    public string ModeName => Choices.TrainingModes.NameOf(Mode);
}
