using System.Numerics.Tensors;

namespace Plasticity.Core.Synapses;

/// <summary>
/// Dense row-major feed-forward weights in double precision: the exact (ideal-device) implementation of
/// <see cref="IWeightMatrix"/>.
/// </summary>
/// <remarks>
/// <see cref="Multiply"/> uses TensorPrimitives.Dot,
/// whose SIMD summation order differs from a left-to-right loop by a few units of roundoff;
/// <see cref="MultiplyReference"/> is the left-to-right scalar reference. <see cref="AddToRow"/> is an exact
/// element-wise add, so updates are reproducible bit for bit.
/// </remarks>
public sealed class DenseWeightMatrix : IWeightMatrix
{
    private readonly double[] _w;

    /// <summary>Creates an all-zero unbounded matrix.</summary>
    public DenseWeightMatrix(int outputs, int inputs)
        : this(outputs, inputs, WeightBounds.None)
    {
    }

    /// <summary>Creates an all-zero matrix whose writes are clamped to <paramref name="bounds"/> (0 must lie within them).</summary>
    public DenseWeightMatrix(int outputs, int inputs, WeightBounds bounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        Bounds = bounds.Validated(nameof(bounds));
        Outputs = outputs;
        Inputs = inputs;
        _w = new double[checked(outputs * inputs)];
    }

    /// <summary>Creates a matrix from rows of equal length.</summary>
    public static DenseWeightMatrix FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("at least one row is required.", nameof(rows));
        }

        var m = new DenseWeightMatrix(rows.Count, rows[0].Length);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != m.Inputs)
            {
                throw new ArgumentException($"row {i} has {rows[i].Length} entries; expected {m.Inputs}.", nameof(rows));
            }

            rows[i].CopyTo(m.Row(i));
        }

        return m;
    }

    /// <summary>
    /// Independent Gaussian entries N(0, scale²), drawn row by row from <paramref name="random"/>
    /// (Box–Muller via MathNet's standard normal).
    /// </summary>
    public static DenseWeightMatrix RandomGaussian(int outputs, int inputs, double scale, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var m = new DenseWeightMatrix(outputs, inputs);
        MathNet.Numerics.Distributions.Normal.Samples(random, m._w, 0.0, scale);
        return m;
    }

    /// <inheritdoc/>
    public WeightBounds Bounds { get; }

    /// <inheritdoc/>
    public int Outputs { get; }

    /// <inheritdoc/>
    public int Inputs { get; }

    /// <summary>All weights, row-major (w_ij at i·Inputs + j).</summary>
    public Span<double> Data => _w;

    /// <inheritdoc/>
    public double this[int output, int input]
    {
        get => _w[output * Inputs + input];
        set => _w[output * Inputs + input] = value;
    }

    /// <summary>Row i as a writable span.</summary>
    public Span<double> Row(int output) => _w.AsSpan(output * Inputs, Inputs);

    /// <inheritdoc/>
    public void CopyRow(int output, Span<double> destination) => Row(output).CopyTo(destination);

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> pre, Span<double> drive)
    {
        for (var i = 0; i < Outputs; i++)
        {
            drive[i] = TensorPrimitives.Dot(Row(i), pre);
        }
    }

    /// <summary>Scalar reference for <see cref="Multiply"/>: left-to-right sums.</summary>
    public void MultiplyReference(ReadOnlySpan<double> pre, Span<double> drive)
    {
        for (var i = 0; i < Outputs; i++)
        {
            var row = Row(i);
            var sum = 0.0;
            for (var j = 0; j < Inputs; j++)
            {
                sum += row[j] * pre[j];
            }

            drive[i] = sum;
        }
    }

    /// <inheritdoc/>
    public void MultiplyTransposed(ReadOnlySpan<double> post, Span<double> result)
    {
        result[..Inputs].Clear();
        for (var i = 0; i < Outputs; i++)
        {
            // result ← result + δ_i·w_i, rows in order: the same sums as the left-to-right reference below.
            TensorPrimitives.MultiplyAdd(Row(i), post[i], result[..Inputs], result[..Inputs]);
        }
    }

    /// <summary>Scalar reference for <see cref="MultiplyTransposed"/>: r_j = Σ_i w_ij δ_i summed over i in order.</summary>
    public void MultiplyTransposedReference(ReadOnlySpan<double> post, Span<double> result)
    {
        for (var j = 0; j < Inputs; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < Outputs; i++)
            {
                sum += _w[i * Inputs + j] * post[i];
            }

            result[j] = sum;
        }
    }

    /// <inheritdoc/>
    public void AddToRow(int output, ReadOnlySpan<double> delta)
    {
        var row = Row(output);
        TensorPrimitives.Add(row, delta, row);
        ClampInPlace(row);
    }

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<double> delta)
    {
        TensorPrimitives.Add(_w, delta[.._w.Length], _w);
        ClampInPlace(_w);
    }

    /// <inheritdoc/>
    public void AddOuterProduct(double scale, ReadOnlySpan<double> post, ReadOnlySpan<double> pre)
    {
        for (var i = 0; i < Outputs; i++)
        {
            var row = Row(i);
            TensorPrimitives.MultiplyAdd(pre[..Inputs], scale * post[i], row, row);
            ClampInPlace(row);
        }
    }

    /// <inheritdoc/>
    public void SetRow(int output, ReadOnlySpan<double> values)
    {
        var row = Row(output);
        values[..Inputs].CopyTo(row);
        ClampInPlace(row);
    }

    private void ClampInPlace(Span<double> values)
    {
        if (Bounds.IsUnbounded)
        {
            return;
        }

        for (var k = 0; k < values.Length; k++)
        {
            values[k] = Bounds.Clamp(values[k]);
        }
    }

    /// <summary>Euclidean norm of row i.</summary>
    public double RowNorm(int output) => TensorPrimitives.Norm((ReadOnlySpan<double>)Row(output));

    /// <summary>An independent copy.</summary>
    public DenseWeightMatrix Copy()
    {
        var m = new DenseWeightMatrix(Outputs, Inputs);
        _w.CopyTo(m._w, 0);
        return m;
    }

    /// <summary>The rows as jagged arrays (for output and theory).</summary>
    public double[][] ToRows()
    {
        var rows = new double[Outputs][];
        for (var i = 0; i < Outputs; i++)
        {
            rows[i] = Row(i).ToArray();
        }

        return rows;
    }
}
