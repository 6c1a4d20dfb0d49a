namespace Plasticity.Cli.Theory;

/// <summary>
/// Theoretical predictions for one sweep point; <c>null</c> where no theory applies (the CSV leaves those cells
/// empty rather than printing a number that would invite a meaningless comparison).
/// </summary>
/// <param name="Error">Predicted per-bit error rate (the column the z-score compares against).</param>
/// <param name="Overlap">Predicted overlap with the stored pattern.</param>
/// <param name="ErrorGaussian">One-step error with Gaussian crosstalk of exact variance (uncued one-step only).</param>
/// <param name="ErrorLargeN">Large-N limit of the error (one-step only).</param>
public sealed record TheoryValues(double? Error, double? Overlap, double? ErrorGaussian, double? ErrorLargeN)
{
    /// <summary>No theory for this point.</summary>
    public static TheoryValues None { get; } = new(null, null, null, null);
}
