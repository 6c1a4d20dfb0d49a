namespace Plasticity.Cli.Output;

/// <summary>
/// How numbers are written to files: invariant culture, shortest round-trip form for doubles.
/// </summary>
/// <remarks>
/// Files must read back to the identical double on any machine and in any locale ("0.1", never "0,1" or
/// "0.10000000000000001"), so every writer goes through here.
/// </remarks>
public static class NumberFormat
{
    /// <summary>Round-trip text of <paramref name="value"/>.</summary>
    public static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Round-trip text, or the empty string for a missing value.</summary>
    public static string Real(double? value) => value is double v ? Real(v) : string.Empty;

    /// <summary>Invariant text of an integer.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Short human-readable text for terminal summaries (not for files).</summary>
    /// <remarks>
    /// E notation ("1.935E-13") is rewritten as a mantissa and a power of ten in Unicode superscripts
    /// ("1.935×10⁻¹³", <see cref="PowerOfTenText"/>), the form the figures use.
    /// </remarks>
    public static string Short(double? value, string format = "G4") =>
        value is double v ? PowerOfTenText.Format(v, format) : "-";
}
