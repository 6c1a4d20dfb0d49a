using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.Hopfield.Packed;

/// <summary>
/// Hebbian couplings w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ held as bit-packed neuron-major patterns (<see cref="PackedPatterns"/>),
/// equal entry for entry and field for field (bit-identical doubles) to <see cref="HebbianCouplings"/> on the same patterns.
/// </summary>
/// <remarks>
/// With bits b_i^μ (ξ = 2b − 1) and integer overlaps M_μ = Σ_j ξ_j^μ s_j:
/// N·u_i = Σ_μ ξ_i^μ M_μ − [zero diagonal] P s_i = 2·Σ_{μ: b_i^μ = 1} M_μ − Σ_μ M_μ − [zero diagonal] P s_i, and
/// N·w_ij = P − 2·popcount(row_i XOR row_j) for i ≠ j (P on the diagonal, or 0 under <see cref="DiagonalConvention.Zero"/>).
/// All sums are exact integers (int64 where N·P may exceed 2³¹); the only rounding is the final division by N, as
/// in the reference. Memory is N·⌈P/64⌉ words; a field costs P/8 vector operations.
/// </remarks>
public sealed class PackedHebbianCouplings : ICouplings
{
    private readonly bool _zeroDiagonal;

    /// <summary>Stores <paramref name="patterns"/> with the given diagonal convention.</summary>
    public PackedHebbianCouplings(PackedPatterns patterns, DiagonalConvention diagonal = DiagonalConvention.Zero)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        Patterns = patterns;
        Convention = diagonal;
        _zeroDiagonal = diagonal == DiagonalConvention.Zero;
    }

    /// <summary>The stored patterns.</summary>
    public PackedPatterns Patterns { get; }

    /// <summary>The diagonal convention.</summary>
    public DiagonalConvention Convention { get; }

    /// <summary>True under <see cref="DiagonalConvention.Zero"/> (the −P s_i term is part of every field).</summary>
    public bool ZeroDiagonal => _zeroDiagonal;

    /// <inheritdoc/>
    public int Size => Patterns.Size;

    /// <summary>N (the couplings are square).</summary>
    public int Outputs => Patterns.Size;

    /// <summary>N (the couplings are square).</summary>
    public int Inputs => Patterns.Size;

    /// <summary>w_ij = (P − 2·popcount(row_i XOR row_j))/N off the diagonal, <see cref="Diagonal"/> on it; O(P/64).</summary>
    public double this[int output, int input]
    {
        get
        {
            var n = Size;
            CheckUnit(output, n, nameof(output));
            CheckUnit(input, n, nameof(input));
            return output == input
                ? Diagonal(output)
                : (double)PackedKernels.CouplingNumerator(Patterns.RowUnchecked(output), Patterns.RowUnchecked(input), Patterns.Count) / n;
        }
    }

    /// <summary>Writes row i, w_ij for every j, in O(N·P/64).</summary>
    public void CopyRow(int output, Span<double> destination)
    {
        var n = Size;
        CheckUnit(output, n, nameof(output));
        if (destination.Length != n)
        {
            throw new ArgumentException($"destination has length {destination.Length}; expected N = {n}.", nameof(destination));
        }

        var row = Patterns.RowUnchecked(output);
        for (var j = 0; j < n; j++)
        {
            destination[j] = j == output
                ? Diagonal(output)
                : (double)PackedKernels.CouplingNumerator(row, Patterns.RowUnchecked(j), Patterns.Count) / n;
        }
    }

    /// <inheritdoc/>
    public double Diagonal(int i)
    {
        CheckUnit(i, Size, nameof(i));
        return _zeroDiagonal ? 0.0 : (double)Patterns.Count / Patterns.Size;
    }

    /// <inheritdoc/>
    public void ComputeFields(ReadOnlySpan<sbyte> state, Span<double> fields)
    {
        var n = Size;
        if (fields.Length != n)
        {
            throw new ArgumentException($"fields has length {fields.Length}; expected N = {n}.", nameof(fields));
        }

        var scaled = new long[n];
        ComputeScaledFields(state, scaled);
        for (var i = 0; i < n; i++)
        {
            fields[i] = (double)scaled[i] / n;
        }
    }

    /// <summary>Writes the exact integer fields N·u_i = Σ_μ ξ_i^μ M_μ − [zero diagonal] P s_i of a state in {−1, 0, +1}^N.</summary>
    public void ComputeScaledFields(ReadOnlySpan<sbyte> state, Span<long> scaledFields)
    {
        var n = Size;
        RequireState(state, allowZero: true);
        if (scaledFields.Length != n)
        {
            throw new ArgumentException($"scaledFields has length {scaledFields.Length}; expected N = {n}.", nameof(scaledFields));
        }

        var overlaps = new int[Patterns.Words << 6];
        ComputeOverlaps(state, overlaps, 1);
        var total = SumOverlaps(overlaps);
        for (var i = 0; i < n; i++)
        {
            scaledFields[i] = ScaledField(i, overlaps, total, state[i]);
        }
    }

    /// <inheritdoc/>
    public IFieldTracker CreateTracker(ReadOnlySpan<sbyte> state)
    {
        // Zero entries are accepted as by the reference tracker (their flips change nothing: −2·0 = 0).
        RequireState(state, allowZero: true);
        return new Tracker(this, state);
    }

    /// <summary>N·u_i from the overlaps: 2·Σ_{b_i^μ = 1} M_μ − Σ_μ M_μ − [zero diagonal] P s_i.</summary>
    internal long ScaledField(int i, ReadOnlySpan<int> overlaps, long total, int s)
    {
        var sum = 2 * PackedKernels.MaskedSum(Patterns.RowUnchecked(i), overlaps, Size) - total;
        return _zeroDiagonal ? sum - (long)Patterns.Count * s : sum;
    }

    /// <summary>Σ_{μ &lt; P} M_μ (the padding entries are 0).</summary>
    internal long SumOverlaps(ReadOnlySpan<int> overlaps)
    {
        long total = 0;
        for (var mu = 0; mu < Patterns.Count; mu++)
        {
            total += overlaps[mu];
        }

        return total;
    }

    /// <summary>
    /// M_μ = Σ_j ξ_j^μ s_j = 2·Σ_j s_j b_j^μ − Σ_j s_j for μ &lt; P (padding entries 0), accumulated neuron-major in
    /// parallel over ranges of pattern words (each range sums all rows in order, so the result is exact and schedule-free).
    /// </summary>
    internal void ComputeOverlaps(ReadOnlySpan<sbyte> state, int[] overlaps, int maxDegreeOfParallelism)
    {
        var n = Size;
        var words = Patterns.Words;
        long stateSum = 0;
        foreach (var s in state)
        {
            stateSum += s;
        }

        var sArray = state.ToArray();
        var workers = Math.Max(1, Math.Min(maxDegreeOfParallelism, words));
        void Range(int worker)
        {
            var w0 = (int)((long)words * worker / workers);
            var w1 = (int)((long)words * (worker + 1) / workers);
            var slice = overlaps.AsSpan(w0 << 6, (w1 - w0) << 6);
            slice.Clear();
            for (var j = 0; j < n; j++)
            {
                if (sArray[j] != 0)
                {
                    PackedKernels.AddBits(Patterns.RowUnchecked(j)[w0..w1], sArray[j], slice);
                }
            }
        }

        if (workers == 1)
        {
            Range(0);
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, Range);
        }

        // |Σ_j s_j b_j^μ| ≤ N and |Σ_j s_j| ≤ N, but 2·N − (−N) may exceed int for N near 2³¹: compute in long.
        var p = Patterns.Count;
        for (var mu = 0; mu < p; mu++)
        {
            overlaps[mu] = checked((int)(2L * overlaps[mu] - stateSum));
        }

        overlaps.AsSpan(p).Clear();
    }

    internal void RequireState(ReadOnlySpan<sbyte> state, bool allowZero)
    {
        if (state.Length != Size)
        {
            throw new ArgumentException($"state has length {state.Length}; the couplings have N = {Size} units.", nameof(state));
        }

        foreach (var s in state)
        {
            if (s is not (1 or -1) && !(allowZero && s == 0))
            {
                throw new ArgumentException($"state entries must be {(allowZero ? "−1, 0 or +1" : "+1 or −1")} (found {s}).", nameof(state));
            }
        }
    }

    private static void CheckUnit(int i, int n, string parameterName)
    {
        if ((uint)i >= (uint)n)
        {
            throw new ArgumentOutOfRangeException(parameterName, i, $"{parameterName} must be in [0, {n}).");
        }
    }

    /// <summary>Tracks the integer overlaps M_μ and their sum; a field costs P/8 vector operations, a flip the same.</summary>
    private sealed class Tracker : IFieldTracker
    {
        private readonly PackedHebbianCouplings _w;
        private readonly int[] _overlaps;
        private readonly sbyte[] _state;
        private long _total;

        public Tracker(PackedHebbianCouplings w, ReadOnlySpan<sbyte> state)
        {
            _w = w;
            _state = state.ToArray();
            _overlaps = new int[w.Patterns.Words << 6];
            w.ComputeOverlaps(state, _overlaps, 1);
            _total = w.SumOverlaps(_overlaps);
        }

        public double Field(int i) => (double)_w.ScaledField(i, _overlaps, _total, _state[i]) / _w.Size;

        public void Flip(int j)
        {
            var row = _w.Patterns.RowUnchecked(j);
            var c = -2 * _state[j];
            // ΔM_μ = −2 s_j ξ_j^μ; Σ_μ ΔM_μ = −2 s_j (2·popcount(row_j) − P).
            PackedKernels.AddSigned(row, c, _overlaps, _w.Patterns.Count);
            _total += (long)c * (2L * PackedKernels.PopCount(row) - _w.Patterns.Count);
            _state[j] = (sbyte)-_state[j];
        }
    }
}
