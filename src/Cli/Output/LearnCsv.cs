namespace Plasticity.Cli.Output;

/// <summary>
/// Writes <c>weights.csv</c> (one row per output neuron, no header, round-trip numbers: readable by <c>--init</c>) and
/// <c>trajectory.csv</c> (step, then per output i: norm_i, cos_i_e1..cos_i_eK).
/// </summary>
/// <remarks>
/// Neither file ever holds NaN or ∞: the trainer rejects a step before it makes a weight non-finite, so a non-finite
/// weight here is a bug and the write fails (leaving no file, see <see cref="AtomicFile"/>); an undefined cosine (a
/// zero row has no direction) is an empty cell, as a missing value is everywhere in the CSV files.
/// </remarks>
public static class LearnCsv
{
    /// <summary>The trajectory header for <paramref name="outputs"/> outputs and <paramref name="k"/> eigenvectors.</summary>
    public static string TrajectoryHeader(int outputs, int k)
    {
        var cells = new List<string> { "step" };
        for (var i = 1; i <= outputs; i++)
        {
            cells.Add($"norm_{i}");
            for (var q = 1; q <= k; q++)
            {
                cells.Add($"cos_{i}_e{q}");
            }
        }

        return string.Join(',', cells);
    }

    /// <summary>Writes the weights, one row per output neuron, cells in the round-trip format.</summary>
    public static void WriteWeights(string path, double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            if (row.Any(v => !double.IsFinite(v)))
            {
                throw new InvalidOperationException("weights.csv: a final weight is not finite; the trainer should have stopped before it.");
            }

            text.AppendJoin(',', row.Select(NumberFormat.Real)).Append('\n');
        }

        Save(path, text);
    }

    /// <summary>Writes the trajectory.</summary>
    public static void WriteTrajectory(string path, IReadOnlyList<TrajectoryPoint> trajectory, int outputs, int k)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var text = new StringBuilder();
        text.Append(TrajectoryHeader(outputs, k)).Append('\n');
        foreach (var point in trajectory)
        {
            text.Append(NumberFormat.Integer(point.Step));
            for (var i = 0; i < outputs; i++)
            {
                text.Append(',').Append(Cell(point.Norms[i]));
                foreach (var c in point.Cosines[i])
                {
                    text.Append(',').Append(Cell(c));
                }
            }

            text.Append('\n');
        }

        Save(path, text);
    }

    /// <summary>A finite value in round-trip form; an undefined one (NaN) as an empty cell, never "NaN" or "Infinity".</summary>
    private static string Cell(double value) => double.IsFinite(value) ? NumberFormat.Real(value) : string.Empty;

    private static void Save(string path, StringBuilder text) => AtomicFile.WriteText(path, text.ToString());
}
