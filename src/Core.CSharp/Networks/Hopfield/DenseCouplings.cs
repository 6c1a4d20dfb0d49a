using System.Numerics.Tensors;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.Hopfield;

/// <summary>
/// A dense coupling matrix, stored row-major as w_ij = J_ij / d with an explicit divisor d.
/// </summary>
/// <remarks>
/// The divisor exists so integer-valued rules stay exact: Hebbian storage keeps J = Σ_μ ξ^μ ξ^μᵀ (integers)
/// and d = N, so Σ_j J_ij s_j is an exact integer in double precision and the one rounding is the final
/// division, exactly as in <see cref="HebbianCouplings"/>. Real-valued rules (Storkey, pseudo-inverse) use d = 1.
/// </remarks>
public sealed class DenseCouplings : ICouplings
{
    private readonly double[] _j;
    private readonly double _divisor;

    /// <summary>Wraps a row-major N×N matrix J (not copied) with divisor d &gt; 0: w_ij = J_ij / d.</summary>
    public DenseCouplings(int size, double[] matrix, double divisor = 1.0)
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

        Size = size;
        _j = matrix;
        _divisor = divisor;
    }

    /// <summary>Builds couplings from an explicit weight matrix w (copied; divisor 1).</summary>
    public static DenseCouplings FromWeights(double[,] weights)
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

        return new DenseCouplings(n, data);
    }

    /// <inheritdoc/>
    public int Size { get; }

    /// <summary>The divisor d in w = J/d.</summary>
    public double Divisor => _divisor;

    /// <summary>Row i of J (w_i· = J_i· / d).</summary>
    public ReadOnlySpan<double> Row(int i) => _j.AsSpan(i * Size, Size);

    /// <summary>w_ij.</summary>
    public double this[int i, int j] => _j[i * Size + j] / _divisor;

    /// <summary>True when w_ij = w_ji exactly for all pairs.</summary>
    public bool IsSymmetric()
    {
        for (var i = 0; i < Size; i++)
        {
            for (var j = i + 1; j < Size; j++)
            {
                if (_j[i * Size + j] != _j[j * Size + i])
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public double Diagonal(int i) => _j[i * Size + i] / _divisor;

    /// <inheritdoc/>
    public void ComputeFields(ReadOnlySpan<sbyte> state, Span<double> fields)
    {
        var s = ToDouble(state);
        for (var i = 0; i < Size; i++)
        {
            fields[i] = TensorPrimitives.Dot(Row(i), s) / _divisor;
        }
    }

    /// <summary>Reference kernel: u_i = (Σ_j J_ij s_j)/d with a plain loop, summed in index order.</summary>
    public void ComputeFieldsReference(ReadOnlySpan<sbyte> state, Span<double> fields)
    {
        for (var i = 0; i < Size; i++)
        {
            var row = Row(i);
            var sum = 0.0;
            for (var j = 0; j < Size; j++)
            {
                sum += row[j] * state[j];
            }

            fields[i] = sum / _divisor;
        }
    }

    /// <inheritdoc/>
    public IFieldTracker CreateTracker(ReadOnlySpan<sbyte> state) => new Tracker(this, state);

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
        private readonly DenseCouplings _w;
        private readonly double[] _state;

        public Tracker(DenseCouplings w, ReadOnlySpan<sbyte> state)
        {
            _w = w;
            _state = ToDouble(state);
        }

        public double Field(int i) => TensorPrimitives.Dot(_w.Row(i), _state) / _w._divisor;

        public void Flip(int j) => _state[j] = -_state[j];
    }
}
