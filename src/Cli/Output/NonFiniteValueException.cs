namespace Plasticity.Cli.Output;

/// <summary>
/// A result record held NaN or ±∞ where a result file needs a number: the file is not written, and the message names
/// the JSON field (e.g. <c>results.rows[3].error_rate</c>).
/// </summary>
/// <remarks>
/// Result files never hold NaN or Infinity (JSON has no such numbers, and a reader that accepts them silently turns a
/// failed measurement into data). A value that can be missing is a <c>double?</c> set to null on purpose; a non-finite
/// <c>double</c> is a bug in the command, reported as a failure (exit code 1).
/// </remarks>
public sealed class NonFiniteValueException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public NonFiniteValueException(string field, string value)
        : base($"result field {field} is {value}: result files never hold NaN or infinity (a missing value is null)")
    {
        Field = field;
    }

    /// <summary>Path of the field, e.g. <c>results.rows[3].error_rate</c>.</summary>
    public string Field { get; }
}
