namespace Plasticity.Core.Synapses;

/// <summary>
/// Read-only view of a weight matrix W (outputs × inputs; w_ij from presynaptic input j to postsynaptic output i):
/// what a learning rule may read during a step. Rules read the weights through the step context and never write them.
/// </summary>
public interface IWeightView
{
    /// <summary>Number of postsynaptic outputs (rows).</summary>
    int Outputs { get; }

    /// <summary>Number of presynaptic inputs (columns).</summary>
    int Inputs { get; }

    /// <summary>w_ij.</summary>
    double this[int output, int input] { get; }

    /// <summary>Copies row i (the weights onto output i) into <paramref name="destination"/> (length <see cref="Inputs"/>).</summary>
    void CopyRow(int output, Span<double> destination);
}
