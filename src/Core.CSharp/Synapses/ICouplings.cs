namespace Plasticity.Core.Synapses;

/// <summary>
/// Recurrent couplings W (N×N) seen through what a network needs from them: the local fields
/// u_i = Σ_j w_ij s_j of a state s ∈ {−1, 0, +1}^N. A coupling matrix is a weight matrix like any other
/// (<see cref="IWeightView"/> with <see cref="IWeightView.Outputs"/> = <see cref="IWeightView.Inputs"/> = <see cref="Size"/>,
/// w_ij from unit j to unit i), so what reads weights reads couplings too. The dense store
/// (<see cref="DenseWeightMatrix"/>, square), pattern-based Hebbian storage (no N×N matrix; its entries are
/// computed on demand) and, later, simulated device crossbars all implement it.
/// </summary>
/// <remarks>Convention: the sum includes the diagonal term w_ii s_i; <see cref="Diagonal"/> reports w_ii.</remarks>
public interface ICouplings : IWeightView
{
    /// <summary>Number of units N (= Outputs = Inputs).</summary>
    int Size { get; }

    /// <summary>w_ii.</summary>
    double Diagonal(int i);

    /// <summary>Writes u_i = Σ_j w_ij s_j for all i.</summary>
    void ComputeFields(ReadOnlySpan<sbyte> state, Span<double> fields);

    /// <summary>
    /// Starts tracking a state for asynchronous dynamics, where one unit's field is read and one unit flips
    /// at a time; implementations choose the cheapest exact bookkeeping.
    /// </summary>
    IFieldTracker CreateTracker(ReadOnlySpan<sbyte> state);
}

/// <summary>Exact local fields of a tracked state under single-unit flips.</summary>
public interface IFieldTracker
{
    /// <summary>u_i = Σ_j w_ij s_j for the tracked state.</summary>
    double Field(int i);

    /// <summary>Records the flip s_j → −s_j in the tracked state.</summary>
    void Flip(int j);
}
