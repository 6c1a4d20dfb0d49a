namespace Plasticity.Cli.Arguments;

/// <summary>
/// Conversions shared by the <c>learn</c>, <c>eigen</c> and <c>generate</c> binders: each turns one option's text
/// into a value or throws a <see cref="UsageException"/> whose one-line message names the option and its allowed range.
/// </summary>
/// <remarks>
/// Numbers use the invariant culture (a German locale must not read "0,5" as five tenths or as a list).
/// </remarks>
public static class OptionValues
{
    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int Integer(string parameter, string? text, int min, int max)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new UsageException(parameter, $"{parameter} must be an integer in [{min}, {max}] (got '{trimmed}')");
        }

        return value;
    }

    /// <summary>A finite real number accepted by <paramref name="accept"/>; <paramref name="allowed"/> describes the range.</summary>
    public static double Real(string parameter, string? text, Func<double, bool> accept, string allowed)
    {
        ArgumentNullException.ThrowIfNull(accept);
        var trimmed = (text ?? string.Empty).Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || !accept(value))
        {
            throw new UsageException(parameter, $"{parameter} must be {allowed} (got '{trimmed}')");
        }

        return value;
    }

    /// <summary>A finite real number &gt; 0.</summary>
    public static double Positive(string parameter, string? text) =>
        Real(parameter, text, v => v > 0, "a finite number > 0");

    /// <summary>Any finite real number.</summary>
    public static double Finite(string parameter, string? text) =>
        Real(parameter, text, _ => true, "a finite number");

    /// <summary>An unsigned 64-bit seed.</summary>
    public static ulong Seed(string parameter, string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (!ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            throw new UsageException(parameter, $"{parameter} must be an integer in [0, {ulong.MaxValue}] (got '{trimmed}')");
        }

        return seed;
    }

    /// <summary>A path that is not empty and has no invalid characters.</summary>
    public static string Path(string parameter, string? text, string what)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            throw new UsageException(parameter, $"{parameter} must be {what} (got '{trimmed}')");
        }

        return trimmed;
    }

    /// <summary>A comma-separated list of finite numbers, each accepted by <paramref name="accept"/>.</summary>
    public static double[] RealList(string parameter, string? text, Func<double, bool> accept, string allowed)
    {
        ArgumentNullException.ThrowIfNull(accept);
        var trimmed = (text ?? string.Empty).Trim();
        var cells = trimmed.Split(',');
        var values = new double[cells.Length];
        for (var k = 0; k < cells.Length; k++)
        {
            if (!double.TryParse(cells[k].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[k])
                || !double.IsFinite(values[k]) || !accept(values[k]))
            {
                throw new UsageException(
                    parameter,
                    $"{parameter} must be a comma-separated list of {allowed} (got '{trimmed}')");
            }
        }

        return values;
    }

    /// <summary>A path to write (a file or a directory): see <see cref="OutputPath.Check"/>.</summary>
    public static string OutputPath(string parameter, string? text, string what) =>
        Arguments.OutputPath.Check(parameter, text, what);

    /// <summary>Invariant round-trip text of a number, for messages.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
