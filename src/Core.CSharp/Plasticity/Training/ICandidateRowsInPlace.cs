namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// A rule state that can hand the trainer a whole online step on a dense row-major store (divisor 1, unbounded) as
/// candidate rows written in place: each row w_i becomes w_i + Δw_i, with Δw_i exactly what
/// <see cref="IRuleState.ComputeDelta"/> would write at the weights before the step, and the rows as they were are
/// copied out so the trainer can undo the step exactly. GHA (<see cref="MultiOutput.SangerRule"/>) implements it: row
/// i's change needs only rows k ≤ i, so each row can be overwritten as soon as it has been read.
/// </summary>
/// <remarks>
/// <para>The rule still only computes the change: the trainer decides where the candidate goes (the memory it passes
/// is the store's own rows only on its fast path, for the unbounded dense store whose Apply would write exactly
/// w + Δw), checks the candidate norms from the candidate squares it returns (summed in TensorPrimitives' order, so every
/// norm equals the reference check bit for bit) and, if the step diverged, copies the old rows back before anything
/// else sees them. Implementers have no state to advance (their <see cref="IRuleState.Advance"/> does nothing), so
/// the trainer does not call Advance on this path (it has no separate Δw to pass).</para>
/// <para>Why: the general step reads W three times and writes Δw and W; this one reads and writes W once (issue 11,
/// target 4).</para>
/// </remarks>
internal interface ICandidateRowsInPlace
{
    /// <summary>
    /// Overwrites the <paramref name="outputs"/> rows of <paramref name="rows"/> (row-major, rows of pre.Length) with
    /// w_i + Δw_i, copies the old rows to <paramref name="previous"/> (same layout) and each candidate row's Σ_j c_ij²
    /// to <paramref name="squares"/>; returns false, having written nothing, when this state cannot (the trainer then
    /// takes the general path).
    /// </summary>
    /// <remarks>
    /// <paramref name="previous"/> may be empty: then the old rows are not kept (the trainer has proved with
    /// <see cref="CandidateNormBound"/> that the step cannot diverge). When <paramref name="next"/> (the next step's
    /// input) is not empty — only for rows of at least <see cref="CandidateNormKernels.FusedMinimumLength"/> —
    /// <paramref name="nextDrive"/>[i] receives TensorPrimitives.Dot(candidate row i, next) bit for bit, which is the
    /// drive the trainer would compute at the next step from the committed rows.
    /// </remarks>
    bool TryWriteCandidates(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, Span<double> rows, int outputs, Span<double> previous, Span<double> squares, ReadOnlySpan<double> next, Span<double> nextDrive);

    /// <summary>
    /// A bound B such that, if B is finite, every candidate row <see cref="TryWriteCandidates"/> would write at rates
    /// <paramref name="post"/> (finite) and input <paramref name="pre"/> is finite, every intermediate it computes is
    /// finite, and every candidate row norm ‖w_i + Δw_i‖ — of the doubles actually written, rounding included — is at
    /// most B, given rows whose norms ‖w_k‖ are <paramref name="rowNorms"/> (as the trainer's check computed them);
    /// +∞ when no such bound is available.
    /// </summary>
    double CandidateNormBound(ReadOnlySpan<double> pre, ReadOnlySpan<double> post, ReadOnlySpan<double> rowNorms);
}
