using Plasticity.Core.Numerics;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.Hopfield;

/// <summary>
/// Hebbian couplings w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ held as the patterns themselves, never as an N×N matrix.
/// </summary>
/// <remarks>
/// Fields come from overlaps: N·u = Ξᵀ(Ξ s) − P s with a zero diagonal (the −P s term removes
/// w_ii = P/N; ξ_i² = 1), or Ξᵀ(Ξ s) when the diagonal is kept. Memory is 2·N·P bytes (the patterns and
/// their transpose) instead of 8N² and one field evaluation costs 2NP. All sums are exact integers; the
/// only rounding is the final division by N, identical to <see cref="DenseCouplings"/> built with
/// <see cref="HopfieldStorage.HebbianDense"/>, so both give bit-identical fields.
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

    /// <inheritdoc/>
    public double Diagonal(int i) => _zeroDiagonal ? 0.0 : (double)_patterns.Count / _patterns.Size;

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
