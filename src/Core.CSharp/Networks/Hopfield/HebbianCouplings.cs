using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.Hopfield;

/// <summary>
/// Hebbian couplings w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ held as the patterns themselves, never as an N×N matrix.
/// </summary>
/// <remarks>
/// Fields come from overlaps: N·u = Ξᵀ(Ξ s) − P s with a zero diagonal (the −P s term removes
/// w_ii = P/N; ξ_i² = 1), or Ξᵀ(Ξ s) when the diagonal is kept. Memory is 2·N·P bytes (the patterns and
/// their transpose) instead of 8N² and one field evaluation costs 2NP. All sums are exact integers; the
/// only rounding is the final division by N, identical to the <see cref="DenseWeightMatrix"/> built with
/// <see cref="HopfieldStorage.HebbianDense"/> (S = Σ_μ ξ^μ ξ^μᵀ, divisor N), so both give bit-identical fields.
/// <para>As an <see cref="IWeightView"/> the matrix is never materialised either: an entry
/// w_ij = (Σ_μ ξ_i^μ ξ_j^μ)/N (0 on the diagonal under the zero convention, P/N when it is kept) costs O(P) and a
/// row costs O(N·P); each is the same double the dense Hebbian matrix holds. Reading all N² entries this way costs
/// O(N²P): use <see cref="HopfieldStorage.HebbianDense"/> when the whole matrix is needed.</para>
/// </remarks>
public sealed class HebbianCouplings : ICouplings
{
    private readonly PatternSet _patterns;
    private readonly sbyte[] _transposed; // unit-major: ξ_i^μ at [i·P + μ]
    private readonly bool _zeroDiagonal;

    /// <summary>Stores <paramref name="patterns"/> with the given diagonal convention.</summary>
    public HebbianCouplings(PatternSet patterns, DiagonalConvention diagonal = DiagonalConvention.Zero)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _patterns = patterns;
        _zeroDiagonal = diagonal == DiagonalConvention.Zero;
        Convention = diagonal;
        int n = patterns.Size, p = patterns.Count;
        _transposed = new sbyte[n * p];
        for (var mu = 0; mu < p; mu++)
        {
            var row = patterns[mu];
            for (var i = 0; i < n; i++)
            {
                _transposed[i * p + mu] = row[i];
            }
        }
    }

    /// <summary>The stored patterns.</summary>
    public PatternSet Patterns => _patterns;

    /// <summary>The diagonal convention.</summary>
    public DiagonalConvention Convention { get; }

    /// <inheritdoc/>
    public int Size => _patterns.Size;

    /// <summary>N (the couplings are square).</summary>
    public int Outputs => _patterns.Size;

    /// <summary>N (the couplings are square).</summary>
    public int Inputs => _patterns.Size;

    /// <summary>
    /// w_ij = (Σ_μ ξ_i^μ ξ_j^μ − [zero diagonal, i = j] P)/N, computed on demand from the patterns in O(P)
    /// (an exact integer sum, one division).
    /// </summary>
    public double this[int output, int input]
    {
        get
        {
            var n = Size;
            CheckUnit(output, n, nameof(output));
            CheckUnit(input, n, nameof(input));
            if (output == input)
            {
                return Diagonal(output);
            }

            var p = _patterns.Count;
            var sum = SignedKernels.Dot(_transposed.AsSpan(output * p, p), _transposed.AsSpan(input * p, p));
            return (double)sum / n;
        }
    }

    /// <summary>Writes row i, w_ij for every j, computed from the patterns in O(N·P) (exact integer sums, one division each).</summary>
    public void CopyRow(int output, Span<double> destination)
    {
        var n = Size;
        CheckUnit(output, n, nameof(output));
        if (destination.Length != n)
        {
            throw new ArgumentException($"destination has length {destination.Length}; expected N = {n}.", nameof(destination));
        }

        var p = _patterns.Count;
        var acc = new int[n];
        var column = _transposed.AsSpan(output * p, p);
        for (var mu = 0; mu < p; mu++)
        {
            SignedKernels.MultiplyAdd(_patterns[mu], column[mu], acc);
        }

        if (_zeroDiagonal)
        {
            acc[output] = 0;
        }

        for (var j = 0; j < n; j++)
        {
            destination[j] = (double)acc[j] / n;
        }
    }

    /// <inheritdoc/>
    public double Diagonal(int i)
    {
        CheckUnit(i, Size, nameof(i));
        return _zeroDiagonal ? 0.0 : (double)_patterns.Count / _patterns.Size;
    }

    private static void CheckUnit(int i, int n, string parameterName)
    {
        if ((uint)i >= (uint)n)
        {
            throw new ArgumentOutOfRangeException(parameterName, i, $"{parameterName} must be in [0, {n}).");
        }
    }

    /// <inheritdoc/>
    public void ComputeFields(ReadOnlySpan<sbyte> state, Span<double> fields)
    {
        var n = Size;
        var acc = new int[n];
        ComputeScaledFields(state, acc);
        for (var i = 0; i < n; i++)
        {
            fields[i] = (double)acc[i] / n;
        }
    }

    /// <summary>
    /// Writes the exact integer fields N·u_i = Σ_μ ξ_i^μ (ξ^μ·s) − [zero diagonal] P s_i.
    /// </summary>
    public void ComputeScaledFields(ReadOnlySpan<sbyte> state, Span<int> scaledFields)
    {
        var p = _patterns.Count;
        scaledFields.Clear();
        for (var mu = 0; mu < p; mu++)
        {
            var xi = _patterns[mu];
            var overlap = SignedKernels.Dot(xi, state);
            if (overlap != 0)
            {
                SignedKernels.MultiplyAdd(xi, overlap, scaledFields);
            }
        }

        if (_zeroDiagonal)
        {
            SignedKernels.MultiplyAdd(state, -p, scaledFields);
        }
    }

    /// <inheritdoc/>
    public IFieldTracker CreateTracker(ReadOnlySpan<sbyte> state) => new Tracker(this, state);

    /// <summary>Tracks the integer overlaps N·m_μ; a field costs P, a flip costs P.</summary>
    private sealed class Tracker : IFieldTracker
    {
        private readonly HebbianCouplings _w;
        private readonly int[] _overlaps;
        private readonly sbyte[] _state;

        public Tracker(HebbianCouplings w, ReadOnlySpan<sbyte> state)
        {
            _w = w;
            _state = state.ToArray();
            _overlaps = new int[w._patterns.Count];
            for (var mu = 0; mu < _overlaps.Length; mu++)
            {
                _overlaps[mu] = SignedKernels.Dot(w._patterns[mu], state);
            }
        }

        public double Field(int i)
        {
            var p = _overlaps.Length;
            var column = _w._transposed.AsSpan(i * p, p);
            var sum = 0;
            for (var mu = 0; mu < p; mu++)
            {
                sum += column[mu] * _overlaps[mu];
            }

            if (_w._zeroDiagonal)
            {
                sum -= p * _state[i];
            }

            return (double)sum / _w.Size;
        }

        public void Flip(int j)
        {
            var p = _overlaps.Length;
            // ξ^μ·s changes by ξ_j^μ (s_j' − s_j) = −2 s_j ξ_j^μ.
            SignedKernels.MultiplyAdd(_w._transposed.AsSpan(j * p, p), -2 * _state[j], _overlaps);
            _state[j] = (sbyte)-_state[j];
        }
    }
}
