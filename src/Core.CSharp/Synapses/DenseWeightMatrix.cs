using System.Numerics;

namespace Plasticity.Core.Synapses;

/// <summary>
/// Dense row-major weights in double precision: the exact (ideal-device) implementation of
/// <see cref="IWeightMatrix"/> and, when square, of the recurrent couplings <see cref="ICouplings"/> (the one dense
/// store for feed-forward layers, rate networks and Hopfield networks).
/// </summary>
/// <remarks>
/// <para><b>Stored values and divisor.</b> The entries are held as S with an explicit divisor d &gt; 0:
/// w_ij = S_ij / d. Every matrix built from weights has d = 1 (S = W). Integer-valued storage rules keep d ≠ 1 so
/// their products stay exact: Hebbian storage holds S = Σ_μ ξ^μ ξ^μᵀ (integers) and d = N, so Σ_j S_ij s_j is an
/// exact integer in double precision and the only rounding is the final division — bit for bit what the
/// pattern-based Hebbian couplings compute. The first write (or the first request for a writable span) turns a
/// d ≠ 1 matrix into plain weights, S ← S/d (each entry the same double the indexer reported), d ← 1; from then on
/// products are those of the plain matrix.</para>
/// <para><b>Fast paths and references.</b> <see cref="Multiply"/> and <see cref="ComputeFields"/> use
/// TensorPrimitives.Dot, whose SIMD summation order differs from a left-to-right loop by a few units of roundoff;
/// <see cref="MultiplyReference"/> and <see cref="ComputeFieldsReference"/> are the left-to-right scalar
/// references (identical for integer S). <see cref="MultiplyTransposed"/> accumulates rows in order with
/// element-wise multiply and add, so it equals <see cref="MultiplyTransposedReference"/> bit for bit. Writes
/// (<see cref="AddToRow"/>, <see cref="Apply"/>, <see cref="AddOuterProduct"/>, <see cref="SetRow"/>) are
/// element-wise and exactly rounded, then clamped to <see cref="Bounds"/> (NaN stays NaN), so updates are
/// reproducible bit for bit.</para>
/// <para>Not thread-safe for writes; the couplings members allocate their own buffers and may be read concurrently
/// once the matrix is no longer written.</para>
/// </remarks>
public sealed class DenseWeightMatrix : IWeightMatrix, ICouplings
{
    private readonly double[] _w;
    private double _divisor = 1.0;

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
        if (!(Bounds.Lower <= 0.0 && Bounds.Upper >= 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(bounds), $"the matrix starts at w = 0, so the bounds must contain 0; got [{Bounds.Lower}, {Bounds.Upper}].");
        }

        Outputs = outputs;
        Inputs = inputs;
        _w = new double[checked(outputs * inputs)];
    }

    /// <summary>
    /// Wraps a row-major N×N matrix S (not copied) with divisor d &gt; 0 as the unbounded square matrix
    /// w_ij = S_ij / d (see the remarks on the divisor).
    /// </summary>
    public DenseWeightMatrix(int size, double[] matrix, double divisor = 1.0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "N must be at least 1.");
        }

        if (matrix.Length != (long)size * size)
        {
            throw new ArgumentException($"matrix has {matrix.Length} entries, expected N² = {(long)size * size}.", nameof(matrix));
        }

        if (!(divisor > 0.0) || double.IsInfinity(divisor))
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "divisor must be finite and > 0.");
        }

        Bounds = WeightBounds.None;
        Outputs = size;
        Inputs = size;
        _w = matrix;
        _divisor = divisor;
    }

    /// <summary>Creates a matrix from rows of equal length (copied; unbounded).</summary>
    public static DenseWeightMatrix FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows[0] is null)
        {
            throw new ArgumentException("at least one row is required, and rows must not be null.", nameof(rows));
        }

        var m = new DenseWeightMatrix(rows.Count, rows[0].Length);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null || rows[i].Length != m.Inputs)
            {
                throw new ArgumentException($"row {i} has {rows[i]?.Length ?? 0} entries; expected {m.Inputs}.", nameof(rows));
            }

            rows[i].CopyTo(m._w, i * m.Inputs);
        }

        return m;
    }

    /// <summary>Builds a square matrix from explicit finite weights w (copied; divisor 1; unbounded).</summary>
    public static DenseWeightMatrix FromWeights(double[,] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = weights.GetLength(0);
        if (weights.GetLength(1) != n)
        {
            throw new ArgumentException("the weight matrix must be square.", nameof(weights));
        }

        var data = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var w = weights[i, j];
                if (!double.IsFinite(w))
                {
                    throw new ArgumentException($"weight ({i}, {j}) is {w}; weights must be finite.", nameof(weights));
                }

                data[i * n + j] = w;
            }
        }

        return new DenseWeightMatrix(n, data);
    }

    /// <summary>
    /// Independent Gaussian entries N(0, scale²), drawn row by row from <paramref name="random"/>
    /// (Box–Muller via MathNet's standard normal).
    /// </summary>
    public static DenseWeightMatrix RandomGaussian(int outputs, int inputs, double scale, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(scale >= 0.0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be finite and >= 0.");
        }

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

    /// <summary>The divisor d in w = S/d (1 unless built by an integer-exact storage rule; see the remarks).</summary>
    public double Divisor => _divisor;

    /// <summary>
    /// All weights, row-major (w_ij at i·Inputs + j), writable. Writes through the span bypass <see cref="Bounds"/>
    /// (raw access for the ideal store). A matrix with d ≠ 1 is first turned into plain weights (d = 1).
    /// </summary>
    public Span<double> Data
    {
        get
        {
            Materialise();
            return _w;
        }
    }

    /// <inheritdoc/>
    /// <remarks>The setter clamps to <see cref="Bounds"/> and, for d ≠ 1, first turns the matrix into plain weights.</remarks>
    public double this[int output, int input]
    {
        get => _w[Index(output, input)] / _divisor;
        set
        {
            var k = Index(output, input);
            Materialise();
            _w[k] = Bounds.Clamp(value);
        }
    }

    /// <summary>
    /// Row i as a writable span (writes bypass <see cref="Bounds"/>). A matrix with d ≠ 1 is first turned into plain
    /// weights (d = 1).
    /// </summary>
    public Span<double> Row(int output)
    {
        CheckOutput(output);
        Materialise();
        return RawRow(output);
    }

    /// <inheritdoc/>
    public void CopyRow(int output, Span<double> destination)
    {
        CheckOutput(output);
        CheckLength(destination.Length, Inputs, nameof(destination));
        var row = RawRow(output);
        if (_divisor == 1.0)
        {
            row.CopyTo(destination);
        }
        else
        {
            TensorPrimitives.Divide(row, _divisor, destination);
        }
    }

    /// <inheritdoc/>
    /// <remarks><paramref name="pre"/> has length <see cref="Inputs"/>; <paramref name="drive"/> at least <see cref="Outputs"/>.</remarks>
    public void Multiply(ReadOnlySpan<double> pre, Span<double> drive)
    {
        for (var i = 0; i < Outputs; i++)
        {
            var dot = TensorPrimitives.Dot(RawRow(i), pre);
            drive[i] = _divisor == 1.0 ? dot : dot / _divisor;
        }
    }

    /// <summary>Scalar reference for <see cref="Multiply"/>: left-to-right sums (divided by d once at the end).</summary>
    public void MultiplyReference(ReadOnlySpan<double> pre, Span<double> drive)
    {
        for (var i = 0; i < Outputs; i++)
        {
            var row = RawRow(i);
            var sum = 0.0;
            for (var j = 0; j < Inputs; j++)
            {
                sum += row[j] * pre[j];
            }

            drive[i] = _divisor == 1.0 ? sum : sum / _divisor;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// r ← 0, then r ← r + δ_i·s_i for i = 0, 1, … (element-wise, each product and sum rounded once), then r ← r/d
    /// when d ≠ 1: the same operations in the same order as <see cref="MultiplyTransposedReference"/>.
    /// Lengths: <paramref name="post"/> = <see cref="Outputs"/>, <paramref name="result"/> = <see cref="Inputs"/>.
    /// </remarks>
    public void MultiplyTransposed(ReadOnlySpan<double> post, Span<double> result)
    {
        CheckLength(post.Length, Outputs, nameof(post));
        CheckLength(result.Length, Inputs, nameof(result));
        result.Clear();
        for (var i = 0; i < Outputs; i++)
        {
            // Not fused: TensorPrimitives.MultiplyAdd rounds the product and the sum separately, like the scalar loop.
            TensorPrimitives.MultiplyAdd(RawRow(i), post[i], result, result);
        }

        if (_divisor != 1.0)
        {
            TensorPrimitives.Divide(result, _divisor, result);
        }
    }

    /// <summary>Scalar reference for <see cref="MultiplyTransposed"/>: r_j = (Σ_i s_ij δ_i)/d summed over i in order.</summary>
    public void MultiplyTransposedReference(ReadOnlySpan<double> post, Span<double> result)
    {
        CheckLength(post.Length, Outputs, nameof(post));
        CheckLength(result.Length, Inputs, nameof(result));
        for (var j = 0; j < Inputs; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < Outputs; i++)
            {
                sum += _w[i * Inputs + j] * post[i];
            }

            result[j] = _divisor == 1.0 ? sum : sum / _divisor;
        }
    }

    /// <inheritdoc/>
    /// <remarks><paramref name="delta"/> has length <see cref="Inputs"/>.</remarks>
    public void AddToRow(int output, ReadOnlySpan<double> delta)
    {
        CheckOutput(output);
        CheckLength(delta.Length, Inputs, nameof(delta));
        Materialise();
        var row = RawRow(output);
        TensorPrimitives.Add(row, delta, row);
        ClampInPlace(row);
    }

    /// <inheritdoc/>
    /// <remarks><paramref name="delta"/> has length Outputs·Inputs.</remarks>
    public void Apply(ReadOnlySpan<double> delta)
    {
        CheckLength(delta.Length, _w.Length, nameof(delta));
        Materialise();
        TensorPrimitives.Add(_w, delta, _w);
        ClampInPlace(_w);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// O(count): each touched entry is w ← clamp(w + Δ) with the scalar <see cref="WeightBounds.Clamp"/> (the same
    /// double as <see cref="Apply"/> gives that entry). Validates lengths, range and strict ascent (O(count)).
    /// </remarks>
    public void AddAt(ReadOnlySpan<int> flatIndices, ReadOnlySpan<double> values)
    {
        CheckLength(values.Length, flatIndices.Length, nameof(values));
        var previous = -1;
        foreach (var k in flatIndices)
        {
            if (k <= previous || k >= _w.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(flatIndices), k, $"flatIndices must be strictly ascending in [0, {_w.Length}).");
            }

            previous = k;
        }

        Materialise();
        var bounds = Bounds;
        for (var m = 0; m < flatIndices.Length; m++)
        {
            ref var w = ref _w[flatIndices[m]];
            w = bounds.Clamp(w + values[m]);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Lengths: <paramref name="post"/> = <see cref="Outputs"/>, <paramref name="pre"/> = <see cref="Inputs"/>.</remarks>
    public void AddOuterProduct(double scale, ReadOnlySpan<double> post, ReadOnlySpan<double> pre)
    {
        CheckLength(post.Length, Outputs, nameof(post));
        CheckLength(pre.Length, Inputs, nameof(pre));
        Materialise();
        for (var i = 0; i < Outputs; i++)
        {
            var row = RawRow(i);
            // w_ij + pre_j·(scale·post_i): two roundings (not fused), commutative with the documented (scale·post_i)·pre_j.
            TensorPrimitives.MultiplyAdd(pre, scale * post[i], row, row);
            ClampInPlace(row);
        }
    }

    /// <inheritdoc/>
    /// <remarks><paramref name="values"/> has length <see cref="Inputs"/>.</remarks>
    public void SetRow(int output, ReadOnlySpan<double> values)
    {
        CheckOutput(output);
        CheckLength(values.Length, Inputs, nameof(values));
        Materialise();
        var row = RawRow(output);
        values.CopyTo(row);
        ClampInPlace(row);
    }

    /// <summary>Euclidean norm of row i (‖s_i‖/d when d ≠ 1: equal to ‖w_i‖ to rounding).</summary>
    public double RowNorm(int output)
    {
        CheckOutput(output);
        var norm = TensorPrimitives.Norm((ReadOnlySpan<double>)RawRow(output));
        return _divisor == 1.0 ? norm : norm / _divisor;
    }

    /// <summary>An independent copy (same bounds, same stored values and divisor, so every product is bit-identical).</summary>
    public DenseWeightMatrix Copy()
    {
        if (_divisor != 1.0)
        {
            // Only the square (size, S, d) constructor makes d ≠ 1, and it is unbounded.
            return new DenseWeightMatrix(Outputs, (double[])_w.Clone(), _divisor);
        }

        var m = new DenseWeightMatrix(Outputs, Inputs, Bounds);
        _w.CopyTo(m._w, 0);
        return m;
    }

    /// <summary>The rows w_i· as jagged arrays (for output and theory).</summary>
    public double[][] ToRows()
    {
        var rows = new double[Outputs][];
        for (var i = 0; i < Outputs; i++)
        {
            rows[i] = new double[Inputs];
            CopyRow(i, rows[i]);
        }

        return rows;
    }

    /// <summary>True when the matrix is square and w_ij = w_ji exactly for all pairs.</summary>
    public bool IsSymmetric()
    {
        if (Outputs != Inputs)
        {
            return false;
        }

        var n = Outputs;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (_w[i * n + j] != _w[j * n + i])
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Number of units N of a square matrix (the couplings view); throws for a rectangular one.</summary>
    public int Size => Outputs == Inputs ? Outputs
        : throw new InvalidOperationException($"a {Outputs}×{Inputs} matrix is not square, so it is not a coupling matrix.");

    /// <inheritdoc/>
    public double Diagonal(int i)
    {
        var n = Size;
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, n);
        return _w[i * n + i] / _divisor;
    }

    /// <inheritdoc/>
    /// <remarks>u_i = (Σ_j s_ij s_j)/d with TensorPrimitives.Dot (exact for integer S; see the remarks on the type).</remarks>
    public void ComputeFields(ReadOnlySpan<sbyte> state, Span<double> fields)
    {
        var n = Size;
        var s = ToDouble(state);
        for (var i = 0; i < n; i++)
        {
            fields[i] = TensorPrimitives.Dot(RawRow(i), s) / _divisor;
        }
    }

    /// <summary>Reference kernel for <see cref="ComputeFields"/>: u_i = (Σ_j s_ij s_j)/d with a plain loop, summed in index order.</summary>
    public void ComputeFieldsReference(ReadOnlySpan<sbyte> state, Span<double> fields)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            var row = RawRow(i);
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += row[j] * state[j];
            }

            fields[i] = sum / _divisor;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The tracker reads the matrix as it is when a field is asked for; do not write the matrix while a tracker is in
    /// use.
    /// </remarks>
    public IFieldTracker CreateTracker(ReadOnlySpan<sbyte> state)
    {
        _ = Size;
        return new Tracker(this, state);
    }

    private Span<double> RawRow(int output) => _w.AsSpan(output * Inputs, Inputs);

    private int Index(int output, int input)
    {
        if ((uint)output >= (uint)Outputs)
        {
            throw new ArgumentOutOfRangeException(nameof(output), output, $"output must be in [0, {Outputs}).");
        }

        if ((uint)input >= (uint)Inputs)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, $"input must be in [0, {Inputs}).");
        }

        return output * Inputs + input;
    }

    private void CheckOutput(int output)
    {
        if ((uint)output >= (uint)Outputs)
        {
            throw new ArgumentOutOfRangeException(nameof(output), output, $"output must be in [0, {Outputs}).");
        }
    }

    private static void CheckLength(int length, int expected, string parameterName)
    {
        if (length != expected)
        {
            throw new ArgumentException($"{parameterName} has length {length}; expected {expected}.", parameterName);
        }
    }

    /// <summary>S ← S/d, d ← 1: every entry becomes the double the indexer reported (a no-op for d = 1).</summary>
    private void Materialise()
    {
        if (_divisor == 1.0)
        {
            return;
        }

        TensorPrimitives.Divide(_w, _divisor, _w);
        _divisor = 1.0;
    }

    private void ClampInPlace(Span<double> values)
    {
        if (Bounds.IsUnbounded)
        {
            return;
        }

        // Vectorised clamp with the comparisons of WeightBounds.Clamp (w < L ? L : w > U ? U : w), so it is the same
        // double bit for bit: NaN compares false and stays NaN, and −0.0 against a bound of +0.0 stays −0.0
        // (TensorPrimitives.Max/Min would turn it into +0.0: IEEE maximum orders −0 below +0).
        var lower = Bounds.Lower;
        var upper = Bounds.Upper;
        var k = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var lo = new Vector<double>(lower);
            var hi = new Vector<double>(upper);
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(values);
            for (var v = 0; v < lanes.Length; v++)
            {
                var x = lanes[v];
                x = Vector.ConditionalSelect(Vector.LessThan(x, lo), lo, x);
                lanes[v] = Vector.ConditionalSelect(Vector.GreaterThan(x, hi), hi, x);
            }

            k = lanes.Length * Vector<double>.Count;
        }

        for (; k < values.Length; k++)
        {
            values[k] = Bounds.Clamp(values[k]);
        }
    }

    private static double[] ToDouble(ReadOnlySpan<sbyte> state)
    {
        var s = new double[state.Length];
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = state[i];
        }

        return s;
    }

    /// <summary>
    /// Recomputes each requested field from its row (cost N) instead of updating all fields on every flip:
    /// no rounding error accumulates along long asynchronous runs, and a field read equals a fresh
    /// <see cref="ComputeFields"/> exactly.
    /// </summary>
    private sealed class Tracker : IFieldTracker
    {
        private readonly DenseWeightMatrix _w;
        private readonly double[] _state;

        public Tracker(DenseWeightMatrix w, ReadOnlySpan<sbyte> state)
        {
            _w = w;
            _state = ToDouble(state);
        }

        public double Field(int i) => TensorPrimitives.Dot(_w.RawRow(i), _state) / _w._divisor;

        public void Flip(int j) => _state[j] = -_state[j];
    }
}
