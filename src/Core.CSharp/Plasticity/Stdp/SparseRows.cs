namespace Plasticity.Core.Plasticity.Stdp;

/// <summary>
/// The sparse ΔW lists (flat index i·N + j, value) of the STDP states' <c>ComputeSparseDelta</c>: an output with a post
/// spike contributes its whole dense row, in column order, the same entries and values as the dense path.
/// </summary>
internal static class SparseRows
{
    /// <summary>Appends row i (offset = i·N) at position <paramref name="count"/>; returns the new count.</summary>
    public static int Append(ReadOnlySpan<double> row, int offset, Span<int> indices, Span<double> values, int count)
    {
        var n = row.Length;
        for (var j = 0; j < n; j++)
        {
            indices[count + j] = offset + j;
        }

        row.CopyTo(values.Slice(count, n));
        return count + n;
    }
}
