namespace Plasticity.Cli.Arguments;

/// <summary>
/// Expands <c>start:stop:step</c> into the inclusive grid start, start + step, …, stop.
/// </summary>
/// <remarks>
/// Decimal steps are not exact in binary floating point, so a naive loop <c>for (x = start; x &lt;= stop; x += step)</c>
/// drops or adds the end point depending on rounding (0.10:0.12:0.02 would give only 0.10). Instead the number of
/// steps is computed once and snapped to the nearest integer when it is within a relative 1e-9 of one, and each value is
/// computed as start + k·step (no accumulated error) and rounded to 12 decimals, so the grid prints as typed.
/// </remarks>
public static class InclusiveRange
{
    /// <summary>Largest number of values one range may expand to; guards against typos such as a step of 1e-9.</summary>
    public const int MaxValues = 100_000;

    /// <summary>Relative tolerance for treating (stop − start)/step as an integer.</summary>
    public const double IntegerTolerance = 1e-9;

    /// <summary>Decimals kept in each expanded value.</summary>
    public const int Decimals = 12;

    /// <summary>Number of steps between start and stop (values = steps + 1), robust to decimal rounding.</summary>
    /// <exception cref="ArgumentException">step ≤ 0, stop &lt; start, or a non-finite bound.</exception>
    public static long StepCount(double start, double stop, double step)
    {
        if (!double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step))
        {
            throw new ArgumentException("range bounds and step must be finite numbers");
        }

        if (step <= 0)
        {
            throw new ArgumentException("range step must be > 0");
        }

        if (stop < start)
        {
            throw new ArgumentException("range stop must be >= start");
        }

        var ratio = (stop - start) / step;
        if (ratio > MaxValues)
        {
            throw new ArgumentException($"range expands to more than {MaxValues} values");
        }

        var nearest = Math.Round(ratio, MidpointRounding.AwayFromZero);
        var snapped = Math.Abs(ratio - nearest) <= IntegerTolerance * Math.Max(1.0, Math.Abs(nearest));
        return (long)(snapped ? nearest : Math.Floor(ratio));
    }

    /// <summary>Expands the range into its values, each rounded to <see cref="Decimals"/> decimals.</summary>
    /// <exception cref="ArgumentException">Invalid bounds or step; see <see cref="StepCount"/>.</exception>
    public static IReadOnlyList<double> Expand(double start, double stop, double step)
    {
        var steps = StepCount(start, stop, step);
        var values = new double[steps + 1];
        for (var k = 0; k <= steps; k++)
        {
            values[k] = Math.Round(start + k * step, Decimals, MidpointRounding.AwayFromZero);
        }

        return values;
    }

    /// <summary>Parses and expands the text <c>start:stop:step</c> (invariant culture).</summary>
    /// <exception cref="FormatException">Not three numbers separated by colons.</exception>
    /// <exception cref="ArgumentException">Invalid bounds or step.</exception>
    public static IReadOnlyList<double> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{text}' is not a range start:stop:step");
        }

        return Expand(ParseNumber(parts[0]), ParseNumber(parts[1]), ParseNumber(parts[2]));
    }

    internal static double ParseNumber(string text)
    {
        var trimmed = text.Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw new FormatException($"'{trimmed}' is not a finite number");
        }

        return value;
    }
}
