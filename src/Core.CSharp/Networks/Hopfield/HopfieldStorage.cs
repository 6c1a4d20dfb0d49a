using MathNet.Numerics.LinearAlgebra;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.Hopfield;

/// <summary>Storage rules that turn a pattern set into couplings.</summary>
public static class HopfieldStorage
{
    /// <summary>
    /// Stores <paramref name="patterns"/> with <paramref name="rule"/>. Hebbian storage returns the
    /// pattern-based <see cref="HebbianCouplings"/> (no N×N matrix); the others return dense matrices.
    /// </summary>
    public static ICouplings Store(PatternSet patterns, StorageRule rule, DiagonalConvention diagonal = DiagonalConvention.Zero) =>
        rule switch
        {
            StorageRule.Hebbian => new HebbianCouplings(patterns, diagonal),
            StorageRule.Storkey => Storkey(patterns, diagonal),
            StorageRule.PseudoInverse => PseudoInverse(patterns, diagonal),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "rule must be Hebbian, Storkey or PseudoInverse."),
        };

    /// <summary>
    /// Hebbian storage as an explicit matrix: J_ij = Σ_μ ξ_i^μ ξ_j^μ (integers), w = J/N; diagonal J_ii = P or 0.
    /// </summary>
    /// <remarks>An independent reference for <see cref="HebbianCouplings"/>: the fields agree bit for bit.</remarks>
    public static DenseWeightMatrix HebbianDense(PatternSet patterns, DiagonalConvention diagonal = DiagonalConvention.Zero)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var x = PatternMatrix(patterns);
        var j = x.TransposeThisAndMultiply(x); // N×N, exact integer entries
        var n = patterns.Size;
        var data = new double[n * n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                data[r * n + c] = j[r, c];
            }

            if (diagonal == DiagonalConvention.Zero)
            {
                data[r * n + r] = 0.0;
            }
        }

        return new DenseWeightMatrix(n, data, divisor: n);
    }

    /// <summary>
    /// Storkey's rule (Storkey 1997), applied pattern by pattern:
    /// w_ij ← w_ij + (1/N)[ξ_i ξ_j − ξ_i h_ji − h_ij ξ_j] for i ≠ j, with h_ij = Σ_{k≠i,j} w_ik ξ_k,
    /// starting from W = 0. Local and incremental; the diagonal stays zero.
    /// </summary>
    /// <remarks>
    /// With h_i = Σ_k w_ik ξ_k (w_ii = 0) and ξ_i² = 1, h_ij = h_i − w_ij ξ_j, so the update is
    /// ΔW = (1/N)[ξξᵀ − (ξhᵀ + hξᵀ) + 2W] off the diagonal. The sum ξ_i h_j + h_i ξ_j is formed the same way for
    /// (i, j) and (j, i), so W stays exactly symmetric.
    /// </remarks>
    public static DenseWeightMatrix Storkey(PatternSet patterns, DiagonalConvention diagonal = DiagonalConvention.Zero)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (diagonal != DiagonalConvention.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(diagonal), diagonal, "Storkey storage is defined with a zero diagonal only.");
        }

        var n = patterns.Size;
        var w = new double[n * n];
        var xi = new double[n];
        var h = new double[n];
        var cross = new double[n];
        var scratch = new double[n];
        var invN = 1.0 / n;
        var keep = 1.0 + 2.0 * invN;
        for (var mu = 0; mu < patterns.Count; mu++)
        {
            var pattern = patterns[mu];
            for (var i = 0; i < n; i++)
            {
                xi[i] = pattern[i];
            }

            for (var i = 0; i < n; i++)
            {
                h[i] = TensorPrimitives.Dot(w.AsSpan(i * n, n), xi);
            }

            for (var i = 0; i < n; i++)
            {
                var row = w.AsSpan(i * n, n);
                // cross_j = ξ_i h_j + h_i ξ_j (same bits for (i, j) and (j, i)).
                TensorPrimitives.Multiply(h, xi[i], cross);
                TensorPrimitives.Multiply(xi, h[i], scratch);
                TensorPrimitives.Add(cross, scratch, cross);
                // scratch_j = ξ_i ξ_j − cross_j
                TensorPrimitives.Multiply(xi, xi[i], scratch);
                TensorPrimitives.Subtract(scratch, cross, scratch);
                // w_ij ← w_ij (1 + 2/N) + scratch_j / N
                TensorPrimitives.Multiply(row, keep, row);
                TensorPrimitives.MultiplyAdd(scratch, invN, row, row);
                row[i] = 0.0;
            }
        }

        return new DenseWeightMatrix(n, w);
    }

    /// <summary>Reference kernel for <see cref="Storkey"/>: the rule exactly as published, element by element.</summary>
    public static double[,] StorkeyReference(PatternSet patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var n = patterns.Size;
        var w = new double[n, n];
        for (var mu = 0; mu < patterns.Count; mu++)
        {
            var xi = patterns[mu];
            var next = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    double hij = 0, hji = 0;
                    for (var k = 0; k < n; k++)
                    {
                        if (k != i && k != j)
                        {
                            hij += w[i, k] * xi[k];
                            hji += w[j, k] * xi[k];
                        }
                    }

                    next[i, j] = w[i, j] + (xi[i] * xi[j] - xi[i] * hji - hij * xi[j]) / n;
                }
            }

            w = next;
        }

        return w;
    }

    /// <summary>
    /// Pseudo-inverse (projection) storage: W = Ξᵀ(ΞΞᵀ)⁺Ξ, the orthogonal projector onto the span of the
    /// patterns, so W ξ^μ = ξ^μ for every μ (also for linearly dependent patterns, via the Moore–Penrose
    /// inverse). With a zero diagonal the field of a stored pattern is (1 − w_ii) ξ_i, so every pattern
    /// remains a fixed point while w_ii &lt; 1 (typically w_ii ≈ P/N).
    /// </summary>
    public static DenseWeightMatrix PseudoInverse(PatternSet patterns, DiagonalConvention diagonal = DiagonalConvention.Zero)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var x = PatternMatrix(patterns);          // P×N
        var gram = x.TransposeAndMultiply(x);     // P×P = ΞΞᵀ
        var w = x.TransposeThisAndMultiply(gram.PseudoInverse() * x); // N×N
        var n = patterns.Size;
        var data = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                // Symmetrise exactly: the projector is symmetric, the product only up to rounding.
                var v = 0.5 * (w[i, j] + w[j, i]);
                data[i * n + j] = v;
                data[j * n + i] = v;
            }

            if (diagonal == DiagonalConvention.Zero)
            {
                data[i * n + i] = 0.0;
            }
        }

        return new DenseWeightMatrix(n, data);
    }

    private static Matrix<double> PatternMatrix(PatternSet patterns)
    {
        var x = Matrix<double>.Build.Dense(patterns.Count, patterns.Size);
        for (var mu = 0; mu < patterns.Count; mu++)
        {
            var row = patterns[mu];
            for (var i = 0; i < row.Length; i++)
            {
                x[mu, i] = row[i];
            }
        }

        return x;
    }
}
