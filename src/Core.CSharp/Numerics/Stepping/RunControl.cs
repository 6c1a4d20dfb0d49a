namespace Plasticity.Core.Numerics.Stepping;

/// <summary>
/// How a caller steers one time loop (training, integration, network dynamics, spiking runs): cancellation,
/// progress reports and how often they are made. One convention for every loop in the toolkit.
/// </summary>
/// <remarks>
/// Cancellation is checked before every step and surfaces as <see cref="OperationCanceledException"/> (the .NET
/// convention), so a cancelled loop never returns a half-finished result that looks complete. Progress is reported
/// after every <see cref="ProgressEvery"/> steps and after the last step, on the loop's own thread.
/// </remarks>
/// <param name="Cancellation">Stops the loop between steps.</param>
/// <param name="Progress">Receives progress reports; null for none.</param>
/// <param name="ProgressEvery">Steps between progress reports (≥ 1).</param>
public sealed record RunControl(
    CancellationToken Cancellation = default,
    IProgress<StepProgress>? Progress = null,
    long ProgressEvery = 1000)
{
    /// <summary>No cancellation, no progress.</summary>
    public static RunControl None { get; } = new();

    /// <summary>Throws unless <see cref="ProgressEvery"/> ≥ 1.</summary>
    public RunControl Validated() =>
        ProgressEvery >= 1 ? this
        : throw new ArgumentOutOfRangeException(nameof(ProgressEvery), ProgressEvery, "ProgressEvery must be at least 1.");
}
