namespace Plasticity.Experiments.Theory;

/// <summary>
/// A weight matrix's rows w_i· copied out as jagged arrays: what the observers of a training run (stability
/// checkpoints, learn's final matrix) keep, since the trainer's matrix is overwritten by the next step.
/// </summary>
public static class WeightRows
{
    /// <summary>The rows of <paramref name="weights"/>, each a fresh array of length Inputs.</summary>
    public static double[][] Of(IWeightView weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var rows = new double[weights.Outputs][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[weights.Inputs];
            weights.CopyRow(i, rows[i]);
        }

        return rows;
    }
}
