namespace Plasticity.Cli.Learning;

/// <summary>
/// Range checks on a read data file beyond finiteness: the theory forms sums of products x_i x_j over all
/// samples, which overflow double precision when |x| is near 1e154, so such files are rejected up front with a
/// one-line <see cref="DataFileException"/> naming the row and column instead of failing later inside the theory.
/// </summary>
/// <remarks>
/// The bound assumes at most <see cref="CsvDataset.MaxRows"/> = 10⁷ samples, which the reader enforces. Inside it the
/// eigen-decomposition still needs the data rescaled (<see cref="ScaledSpectrum"/>): the solver itself fails on
/// matrix entries beyond about 1e154.
/// </remarks>
public static class DataLimits
{
    /// <summary>Largest accepted |x|: its square times 10⁷ samples stays below 1.8e308.</summary>
    public const double MaxMagnitude = 1e150;

    /// <summary>
    /// Reads the samples of <paramref name="path"/> (<see cref="CsvDataset.Read(string, double, string)"/>) and refuses
    /// any value beyond <see cref="MaxMagnitude"/> with a one-line <see cref="DataFileException"/> naming the file row
    /// (the line of the file, header included, as every other reader error) and the column.
    /// </summary>
    public static Dataset Read(string path) =>
        CsvDataset.Read(path, MaxMagnitude, "products of such values overflow double precision");
}
