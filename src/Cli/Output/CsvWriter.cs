namespace Plasticity.Cli.Output;

/// <summary>
/// Writes <c>capacity.csv</c>: one row per (n, α), fixed column order (<see cref="CapacityColumn.All"/>), invariant round-trip numbers, empty cells
/// where no theory applies.
/// </summary>
/// <remarks>
/// The column list is public so tests and downstream scripts can check it; changing it is a breaking change for
/// anyone reading the files.
/// </remarks>
public static class CsvWriter
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = CapacityColumn.All.Select(c => c.Name).ToArray();

    /// <summary>The header line (no line break).</summary>
    public static string Header { get; } = string.Join(',', Columns);

    /// <summary>The CSV text of one row (no line break).</summary>
    public static string FormatRow(CapacityRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.Join(',', CapacityColumn.All.Select(c => c.Csv(row)));
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
