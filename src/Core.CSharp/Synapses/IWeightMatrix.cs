namespace Plasticity.Core.Synapses;

/// <summary>
/// Feed-forward weights W (outputs × inputs), w_ij from presynaptic input j to postsynaptic output i, seen
/// only through what a rate layer and a learning rule need: the drive h = W x, a row to read, and an update
/// to apply. Dense matrices implement it now; a simulated memristor crossbar implements the same interface
/// later (its <see cref="AddToRow"/> may quantise, clip or add device noise), so every rule runs on both.
/// </summary>
/// <remarks>Rules never own the weights: they compute ΔW and the training loop applies it here.</remarks>
public interface IWeightMatrix
{
    /// <summary>Number of postsynaptic outputs (rows).</summary>
    int Outputs { get; }

    /// <summary>Number of presynaptic inputs (columns).</summary>
    int Inputs { get; }

    /// <summary>w_ij.</summary>
    double this[int output, int input] { get; }

    /// <summary>Copies row i (the weights onto output i) into <paramref name="destination"/> (length <see cref="Inputs"/>).</summary>
    void CopyRow(int output, Span<double> destination);

    /// <summary>Writes the drive h_i = Σ_j w_ij x_j for every output i.</summary>
    void Multiply(ReadOnlySpan<double> pre, Span<double> drive);

    /// <summary>w_ij ← w_ij + delta_j for every input j of output i.</summary>
    void AddToRow(int output, ReadOnlySpan<double> delta);
}
