namespace Plasticity.Cli.Output;

/// <summary>
/// Writes <c>weights.csv</c> (one row per output neuron, no header, round-trip numbers: readable by <c>--init</c>) and
/// <c>trajectory.csv</c> (step, then per output i: norm_i, cos_i_e1..cos_i_eK; then, at the end, the theory columns
/// of <see cref="LearnCurves"/> so the figure can be redrawn from the file: cos_theory_i, norm_theory_i; for BCM on
/// one-hot patterns theta_i, response_i_p1..p_d (signed, y_k = w_k), response_theory_i_p1..p_d and theta_theory_i;
/// for scaling mean_response_i and mean_response_theory_i).
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

    /// <summary>The theory (and derived measured) columns appended after <see cref="TrajectoryHeader"/>.</summary>
    public static IReadOnlyList<string> TheoryHeader(LearnCurves? curves, int outputs)
    {
        var cells = new List<string>();
        if (curves is null)
        {
            return cells;
        }

        if (curves.CosTheory is not null)
        {
            cells.AddRange(Enumerable.Range(1, outputs).Select(i => $"cos_theory_{i}"));
        }

        if (curves.NormTheory is not null)
        {
            cells.AddRange(Enumerable.Range(1, outputs).Select(i => $"norm_theory_{i}"));
        }

        if (curves.Probabilities is { } p)
        {
            for (var i = 1; i <= outputs; i++)
            {
                cells.Add($"theta_{i}");
                cells.AddRange(Enumerable.Range(1, p.Length).Select(k => $"response_{i}_p{k}"));
                if (curves.ResponseTheory is not null)
                {
                    cells.AddRange(Enumerable.Range(1, p.Length).Select(k => $"response_theory_{i}_p{k}"));
                    cells.Add($"theta_theory_{i}");
                }
            }
        }

        if (curves.MeanInput is not null)
        {
            for (var i = 1; i <= outputs; i++)
            {
                cells.Add($"mean_response_{i}");
                cells.Add($"mean_response_theory_{i}");
            }
        }

        return cells;
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
    /// <param name="path">Destination.</param>
    /// <param name="trajectory">Recorded states.</param>
    /// <param name="outputs">Number of outputs.</param>
    /// <param name="k">Reference eigenvectors per output.</param>
    /// <param name="curves">Theory curves at the same records (their columns go at the end), or null.</param>
    public static void WriteTrajectory(string path, IReadOnlyList<TrajectoryPoint> trajectory, int outputs, int k, LearnCurves? curves = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var text = new StringBuilder();
        text.Append(TrajectoryHeader(outputs, k));
        foreach (var cell in TheoryHeader(curves, outputs))
        {
            text.Append(',').Append(cell);
        }

        text.Append('\n');
        for (var r = 0; r < trajectory.Count; r++)
        {
            var point = trajectory[r];
            text.Append(NumberFormat.Integer(point.Step));
            for (var i = 0; i < outputs; i++)
            {
                text.Append(',').Append(Cell(point.Norms[i]));
                foreach (var c in point.Cosines[i])
                {
                    text.Append(',').Append(Cell(c));
                }
            }

            if (curves is not null)
            {
                AppendTheory(text, curves, point, r, outputs);
            }

            text.Append('\n');
        }

        Save(path, text);
    }

    private static void AppendTheory(StringBuilder text, LearnCurves curves, TrajectoryPoint point, int r, int outputs)
    {
        void Add(double value) => text.Append(',').Append(Cell(value));
        if (curves.CosTheory is { } cos)
        {
            for (var i = 0; i < outputs; i++)
            {
                Add(cos[i][r]);
            }
        }

        if (curves.NormTheory is { } norm)
        {
            for (var i = 0; i < outputs; i++)
            {
                Add(norm[i][r]);
            }
        }

        if (curves.Probabilities is { } p)
        {
            for (var i = 0; i < outputs; i++)
            {
                Add(point.Theta is { } theta ? theta[i] : double.NaN);
                for (var q = 0; q < p.Length; q++)
                {
                    Add(point.Rows is { } rows ? rows[i][q] : double.NaN);
                }

                if (curves.ResponseTheory is { } response)
                {
                    foreach (var y in response[i])
                    {
                        Add(y);
                    }

                    Add(curves.ThetaTheory![i]);
                }
            }
        }

        if (curves.MeanInput is { } mean)
        {
            for (var i = 0; i < outputs; i++)
            {
                Add(point.Rows is { } rows ? RuleMeasures.Dot(rows[i], mean) : double.NaN);
                Add(curves.Target);
            }
        }
    }

    /// <summary>A finite value in round-trip form; an undefined one (NaN) as an empty cell, never "NaN" or "Infinity".</summary>
    private static string Cell(double value) => double.IsFinite(value) ? NumberFormat.Real(value) : string.Empty;

    private static void Save(string path, StringBuilder text) => AtomicFile.WriteText(path, text.ToString());
}
