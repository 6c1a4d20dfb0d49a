using System.Runtime.Intrinsics;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// The drive u = W x of a dense row-major W with divisor 1, u_i = TensorPrimitives.Dot(w_i, x) bit for bit, four rows
/// per pass over x (<see cref="RowSums"/>) where that order is exact, TensorPrimitives.Dot otherwise.
/// </summary>
/// <remarks>
/// <see cref="DenseWeightMatrix.Multiply"/> takes one Dot per row: each is a single chain of dependent vector adds
/// (latency-bound, about 200 chained adds at d = 784). Four rows at once run four chains side by side with the same
/// operations per chain, so the drive is unchanged to the last bit (property in tests/Properties,
/// TrainerFastPathTests). Inner kernel: no validation (x has the row length, drive at least as long as the rows).
/// </remarks>
public static class RowDots
{
    /// <summary>u_i = Dot(w_i, x) for i &lt; <paramref name="rows"/>, W = <paramref name="matrix"/> row-major with rows of length x.Length.</summary>
    public static void Multiply(ReadOnlySpan<double> matrix, int rows, ReadOnlySpan<double> x, Span<double> drive)
    {
        var n = x.Length;
        var i = 0;
        if (CandidateNormKernels.IsFusedExact && n >= CandidateNormKernels.FusedMinimumLength)
        {
            var wide = CandidateNormKernels.IsWide;
            for (; i + 4 <= rows; i += 4)
            {
                ref var w = ref MemoryMarshal.GetReference(matrix.Slice(i * n));
                if (wide)
                {
                    RowSums.Four<Vector512<double>, VectorOps, Product>(ref w, n, ref MemoryMarshal.GetReference(x), 0, n, drive.Slice(i, 4));
                }
                else
                {
                    RowSums.Four<Vector256<double>, VectorOps, Product>(ref w, n, ref MemoryMarshal.GetReference(x), 0, n, drive.Slice(i, 4));
                }
            }
        }

        for (; i < rows; i++)
        {
            drive[i] = TensorPrimitives.Dot(matrix.Slice(i * n, n), x);
        }
    }

    /// <summary>Reference: u_i = TensorPrimitives.Dot(w_i, x), row by row (what <see cref="DenseWeightMatrix.Multiply"/> computes at d = 1).</summary>
    public static void MultiplyReference(ReadOnlySpan<double> matrix, int rows, ReadOnlySpan<double> x, Span<double> drive)
    {
        var n = x.Length;
        for (var i = 0; i < rows; i++)
        {
            drive[i] = TensorPrimitives.Dot(matrix.Slice(i * n, n), x);
        }
    }

    private readonly struct Product : RowSums.IPairTerm
    {
        static TVector RowSums.IPairTerm.Invoke<TVector, TOps>(TVector a, TVector b) => TOps.Multiply(a, b);
    }
}
