namespace Plasticity.Core.Plasticity.TwoFactor;

/// <summary>
/// A local two-factor rule Δw_ij = F(w_ij; x_j, y_i) (science sheet §2): it computes weight changes from the
/// presynaptic rate x_j, the postsynaptic rate y_i and the current weight, and never owns the weights, so a
/// three-factor rule can wrap any of them (Δw = η M(t) e_ij with e_ij driven by F).
/// </summary>
/// <remarks>
/// <see cref="Delta"/> is the scalar reference kernel. <see cref="DeltaRow"/> is the vectorised path for one
/// postsynaptic row; it evaluates the same expression with the same operation order (no fused multiply-add),
/// so it equals the reference bit for bit. Inner kernels do not validate; constructors do.
/// </remarks>
public interface ILocalRule
{
    /// <summary>Δw for one synapse with presynaptic rate <paramref name="pre"/>, postsynaptic rate <paramref name="post"/> and weight <paramref name="weight"/>.</summary>
    double Delta(double pre, double post, double weight);

    /// <summary>delta_j = Δ(pre_j, post, weights_j) for every presynaptic index j of one postsynaptic neuron.</summary>
    void DeltaRow(ReadOnlySpan<double> pre, double post, ReadOnlySpan<double> weights, Span<double> delta);
}
