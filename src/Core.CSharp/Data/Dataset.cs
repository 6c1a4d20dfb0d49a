namespace Plasticity.Core.Data;

/// <summary>
/// An immutable set of input samples x ∈ ℝ^d (one row per sample, row-major), the data a rate rule learns
/// from. Every value is finite (checked on construction).
/// </summary>
public sealed class Dataset
{
    private readonly double[] _samples;

    /// <summary>Wraps <paramref name="samples"/> (row-major, <paramref name="count"/> × <paramref name="dimension"/>); the array is not copied.</summary>
    public Dataset(int count, int dimension, double[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (samples.Length != checked(count * dimension))
        {
            throw new ArgumentException($"samples has {samples.Length} values; expected count × dimension = {count * dimension}.", nameof(samples));
        }

        for (var k = 0; k < samples.Length; k++)
        {
            if (!double.IsFinite(samples[k]))
            {
                throw new ArgumentException($"sample {k / dimension}, component {k % dimension} is {samples[k]}; every value must be finite.", nameof(samples));
            }
        }

        Count = count;
        Dimension = dimension;
        _samples = samples;
    }

    /// <summary>Builds a dataset from rows of equal length.</summary>
    public static Dataset FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("at least one sample is required.", nameof(rows));
        }

        var d = rows[0].Length;
        var data = new double[checked(rows.Count * d)];
        for (var k = 0; k < rows.Count; k++)
        {
            if (rows[k].Length != d)
            {
                throw new ArgumentException($"sample {k} has {rows[k].Length} components; expected {d}.", nameof(rows));
            }

            rows[k].CopyTo(data, k * d);
        }

        return new Dataset(rows.Count, d, data);
    }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Input dimension d.</summary>
    public int Dimension { get; }

    /// <summary>All samples, row-major.</summary>
    public ReadOnlySpan<double> Samples => _samples;

    /// <summary>Sample k.</summary>
    public ReadOnlySpan<double> Sample(int k) => _samples.AsSpan(k * Dimension, Dimension);

    /// <summary>The sample mean ⟨x⟩ (left-to-right sums divided by the count).</summary>
    public double[] Mean()
    {
        var mean = new double[Dimension];
        for (var k = 0; k < Count; k++)
        {
            var x = Sample(k);
            for (var j = 0; j < Dimension; j++)
            {
                mean[j] += x[j];
            }
        }

        for (var j = 0; j < Dimension; j++)
        {
            mean[j] /= Count;
        }

        return mean;
    }

    /// <summary>The dataset with its sample mean subtracted from every sample.</summary>
    public Dataset Centered()
    {
        var mean = Mean();
        var data = new double[_samples.Length];
        for (var k = 0; k < Count; k++)
        {
            for (var j = 0; j < Dimension; j++)
            {
                data[k * Dimension + j] = _samples[k * Dimension + j] - mean[j];
            }
        }

        return new Dataset(Count, Dimension, data);
    }
}
