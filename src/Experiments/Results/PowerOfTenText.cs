namespace Plasticity.Experiments.Results;

/// <summary>
/// Numbers for people without E notation: "1.935E-13" becomes "1.935×10⁻¹³", with the exponent in Unicode superscripts
/// (DejaVu Sans has them). One implementation for the console lines (<see cref="Checks.Comparison"/>, the CLI's short
/// numbers) and the figure tick labels; files keep the round-trip form.
/// </summary>
public static class PowerOfTenText
{
    private const string Digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>An integer in Unicode superscript digits (⁻ for the sign).</summary>
    public static string Superscript(int value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c == '-' ? '⁻' : Digits[c - '0']);
        }

        return result.ToString();
    }

    /// <summary>
    /// <paramref name="value"/> formatted with <paramref name="format"/> (invariant culture), its E notation, if any,
    /// rewritten as mantissa × 10ⁿ ("1.23457×10⁶"); a value printed without an exponent is returned as it is.
    /// </summary>
    public static string Format(double value, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0 || !double.IsFinite(value))
        {
            return text;
        }

        var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text[..e] + "×10" + Superscript(exponent);
    }
}
