using Plasticity.Core.Plasticity.Training;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.MultiOutput;

/// <summary>
/// Sanger's generalised Hebbian algorithm (GHA, Sanger 1989) and Oja's subspace rule (Oja 1989), for a
/// linear layer y = W x (science sheet §2):
/// GHA Δw_i = η·y_i·(x − Σ_{k≤i} y_k w_k): rows converge to ±e_1 … ±e_k of C, in order, and W Wᵀ → I.
/// Subspace Δw_i = η·y_i·(x − Σ_{k} y_k w_k): rows converge to an orthonormal basis of the top-k subspace
/// (in no particular order or rotation).
/// </summary>
/// <remarks>
/// The residual r = x − Σ y_k w_k is accumulated by sequential subtraction in k = 0, 1, …, the order the
/// scalar reference <see cref="Delta"/> uses, so the row path equals it bit for bit. The row path runs on
/// <see cref="DeflationKernels"/> (one fused SIMD pass per output, reading a dense store's rows in place); for GHA on
/// the dense store that pass also sums the candidate row's squares for the trainer's divergence check
/// (<see cref="DeflationKernels.DeflateScaleAndSquare"/>, the same r and Δw bit for bit). On the trainer's online fast
/// path (unbounded dense store) GHA writes the candidate rows w_i + Δw_i in place instead
/// (<see cref="ICandidateRowsInPlace"/>, <see cref="DeflationKernels.DeflateApplyAndSquare"/>): the same doubles, one
/// pass per row.
/// </remarks>
/// <param name="Eta">Learning rate η &gt; 0.</param>
/// <param name="Subspace">false: GHA (lower-triangular sum); true: Oja's subspace rule (full sum).</param>
public sealed record SangerRule(double Eta, bool Subspace = false) : IPlasticityRule
{
    /// <summary>Learning rate η &gt; 0.</summary>
    public double Eta { get; } = ParameterChecks.Positive(Eta, nameof(Eta));

    /// <inheritdoc/>
    public string Name => Subspace ? "subspace" : "gha";

    /// <inheritdoc/>
    public bool HasState => false;

    /// <summary>Scalar reference: Δw_ij = (η y_i)·(x_j − y_0 w_0j − y_1 w_1j − … ), up to k = i (GHA) or all k (subspace).</summary>
    public double Delta(int i, int j, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, IWeightView weights)
    {
        var last = Subspace ? weights.Outputs - 1 : i;
        var r = pre[j];
        for (var k = 0; k <= last; k++)
        {
            r -= post[k] * weights[k, j];
        }

        return r * (Eta * post[i]);
    }

    /// <inheritdoc/>
    public IRuleState CreateState(int outputs, int inputs) => new State(this, inputs);

    private sealed class State(SangerRule rule, int inputs) : IRuleState, ICandidateSquares, ICandidateRowsInPlace
    {
        private readonly double[] _residual = new double[inputs];
        private readonly double[] _row = new double[inputs];
        private double[] _squares = [];
        private int _squaresCount;

        public ReadOnlySpan<double> CandidateSquares => _squares.AsSpan(0, _squaresCount);

        public void ComputeDelta(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, Span<double> delta)
        {
            var weights = context.Weights;
            var n = weights.Inputs;
            var m = weights.Outputs;
            _squaresCount = 0;
            pre.CopyTo(_residual);
            // The ideal dense store exposes its rows: deflate in place without copying them (same arithmetic).
            var dense = weights is DenseWeightMatrix { Divisor: 1.0 } d ? d : null;
            if (rule.Subspace)
            {
                for (var k = 0; k < m; k++)
                {
                    DeflationKernels.Deflate(RowOf(dense, weights, k), post[k], _residual);
                }

                for (var i = 0; i < m; i++)
                {
                    TensorPrimitives.Multiply(_residual, rule.Eta * post[i], delta.Slice(i * n, n));
                }

                return;
            }

            if (dense is not null && CandidateNormKernels.IsFusedExact && n >= 4)
            {
                // GHA on the ideal store: the candidate squares for the trainer's check come with the change.
                if (_squares.Length < m)
                {
                    _squares = new double[m];
                }

                for (var i = 0; i < m; i++)
                {
                    _squares[i] = DeflationKernels.DeflateScaleAndSquare(dense.Row(i), post[i], _residual, rule.Eta * post[i], delta.Slice(i * n, n));
                }

                _squaresCount = m;
                return;
            }

            for (var i = 0; i < m; i++)
            {
                DeflationKernels.DeflateAndScale(RowOf(dense, weights, i), post[i], _residual, rule.Eta * post[i], delta.Slice(i * n, n));
            }
        }

        public void Advance(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, in StepContext context, ReadOnlySpan<double> delta)
        {
        }

        // GHA only (the subspace rule needs every row before it may change one): row i is deflated, changed and
        // overwritten in one pass, the same doubles as ComputeDelta's Δw followed by w + Δw.
        public bool TryWriteCandidates(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, Span<double> rows, int outputs, Span<double> previous, Span<double> squares, ReadOnlySpan<double> next, Span<double> nextDrive)
        {
            var n = pre.Length;
            if (rule.Subspace || !CandidateNormKernels.IsFusedExact || n < 4)
            {
                return false;
            }

            _squaresCount = 0;
            pre.CopyTo(_residual);
            for (var i = 0; i < outputs; i++)
            {
                var row = rows.Slice(i * n, n);
                var old = previous.IsEmpty ? previous : previous.Slice(i * n, n);
                squares[i] = next.IsEmpty
                    ? DeflationKernels.DeflateApplyAndSquare(row, post[i], _residual, rule.Eta * post[i], old)
                    : DeflationKernels.DeflateApplySquareAndDot(row, post[i], _residual, rule.Eta * post[i], old, next, out nextDrive[i]);
            }

            return true;
        }

        public double CandidateNormBound(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, ReadOnlySpan<double> rowNorms) =>
            rule.Subspace ? double.PositiveInfinity : DeflationKernels.GhaCandidateNormBound(rule.Eta, pre, post, rowNorms);

        // Row k: the dense store's own row, or a copy through the view for any other store.
        private ReadOnlySpan<double> RowOf(DenseWeightMatrix? dense, IWeightView weights, int k)
        {
            if (dense is not null)
            {
                return dense.Row(k);
            }

            weights.CopyRow(k, _row);
            return _row;
        }
    }
}
