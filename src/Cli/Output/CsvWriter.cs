namespace Plasticity.Cli.Output;

/// <summary>
/// Writes <c>capacity.csv</c>: one row per (n, α), fixed column order, invariant round-trip numbers, empty cells
/// where no theory applies.
/// </summary>
/// <remarks>
/// The column list is public so tests and downstream scripts can check it; changing it is a breaking change for
/// anyone reading the files.
/// </remarks>
public static class CsvWriter
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "n", "alpha", "p", "trials", "rule", "measure", "cue_flip", "error_rate", "error_se", "error_ci_low",
        "error_ci_high", "overlap_mean", "overlap_sd", "theory_error", "theory_overlap", "theory_error_gaussian",
        "theory_error_large_n", "z_score", "nonconverged",
    ];

    /// <summary>The header line (no line break).</summary>
    public static string Header { get; } = string.Join(',', Columns);

    /// <summary>The CSV text of one row (no line break).</summary>
    public static string FormatRow(CapacityRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string[] cells =
        [
            NumberFormat.Integer(row.N),
            NumberFormat.Real(row.Alpha),
            NumberFormat.Integer(row.P),
            NumberFormat.Integer(row.Trials),
            row.Rule,
            row.Measure,
            NumberFormat.Real(row.CueFlip),
            NumberFormat.Real(row.ErrorRate),
            NumberFormat.Real(row.ErrorSe),
            NumberFormat.Real(row.ErrorCiLow),
            NumberFormat.Real(row.ErrorCiHigh),
            NumberFormat.Real(row.OverlapMean),
            NumberFormat.Real(row.OverlapSd),
            NumberFormat.Real(row.TheoryError),
            NumberFormat.Real(row.TheoryOverlap),
            NumberFormat.Real(row.TheoryErrorGaussian),
            NumberFormat.Real(row.TheoryErrorLargeN),
            NumberFormat.Real(row.ZScore),
            NumberFormat.Integer(row.NonConverged),
        ];
        return string.Join(',', cells);
    }

    /// <summary>Writes the header and <paramref name="rows"/> to <paramref name="path"/> (UTF-8, no BOM, LF).</summary>
    public static void Write(string path, IEnumerable<CapacityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(FormatRow(row)).Append('\n');
        }

        AtomicFile.WriteText(path, text.ToString());
    }
}
