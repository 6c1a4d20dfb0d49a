using Plasticity.Core.Simulation.Data;

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

    /// <summary>Throws if any value of <paramref name="data"/> exceeds <see cref="MaxMagnitude"/> in magnitude.</summary>
    public static Dataset Checked(Dataset data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        for (var k = 0; k < data.Count; k++)
        {
            var x = data.Sample(k);
            for (var j = 0; j < x.Length; j++)
            {
                if (Math.Abs(x[j]) > MaxMagnitude)
                {
                    throw new DataFileException(path, null, null, $"sample {k + 1}, column {j + 1}: |{x[j]:R}| > {MaxMagnitude:R}; products of such values overflow double precision");
                }
            }
        }

        return data;
    }
}
