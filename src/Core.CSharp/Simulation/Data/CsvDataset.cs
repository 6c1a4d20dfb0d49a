using System.Globalization;
using System.Text;

namespace Plasticity.Core.Simulation.Data;

/// <summary>
/// Reads and writes samples and weight rows as comma-separated text: one row per line, cells separated by
/// ',', numbers in the invariant culture, written with the round-trip format "R" so that reading a written
/// file gives back the same doubles bit for bit.
/// </summary>
/// <remarks>
/// <para>Header: the first line is a header iff none of its cells parses as a number
/// (<see cref="NumberStyles.Float"/>, invariant culture), so a typo in a first data row ("1,2x") is reported
/// as a bad cell rather than silently dropped as a header; a header must have as many cells as the data rows
/// and is otherwise ignored. "NaN" and "Infinity" parse as numbers, so a first row holding them is a data
/// row and is rejected as non-finite.</para>
/// <para>Cells are not quoted or escaped; surrounding spaces are allowed. Blank (empty or white-space) lines
/// are allowed only after the last data row. Rows are counted from 1 as lines of the file, header included.</para>
/// <para>Every error is a <see cref="DataFileException"/> with a one-line message naming the file and the row
/// (and column): missing or unreadable file, empty file, no data rows, interior blank line, ragged row,
/// non-numeric cell (quoted in the message), NaN or infinite cell, and too few rows.</para>
/// </remarks>
public static class CsvDataset
{
    /// <summary>
    /// Reads a dataset: one sample per row. At least 2 samples are required (a single sample has no
    /// spread to learn from).
    /// </summary>
    /// <exception cref="DataFileException">The file is missing, unreadable or malformed.</exception>
    public static Dataset Read(string path) => Dataset.FromRows(ReadRows(path, minimumRows: 2, what: "sample"));

    /// <summary>Reads rows of numbers of equal length (for example initial weights, one row per neuron); at least 1 row.</summary>
    /// <exception cref="DataFileException">The file is missing, unreadable or malformed.</exception>
    public static double[][] ReadRows(string path) => ReadRows(path, minimumRows: 1, what: "row");

    /// <summary>Writes a dataset, one sample per row, with an optional header line.</summary>
    public static void Write(string path, Dataset data, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = new double[data.Count][];
        for (var k = 0; k < data.Count; k++)
        {
            rows[k] = data.Sample(k).ToArray();
        }

        WriteRows(path, rows, header);
    }

    /// <summary>
    /// Writes rows of equal length, cells in the round-trip format "R" (invariant culture), lines ended
    /// by '\n', UTF-8 without byte-order mark; the header, if any, is written first as given.
    /// </summary>
    /// <param name="path">Target file (overwritten).</param>
    /// <param name="rows">At least one row; every row the same non-zero length; every value finite.</param>
    /// <param name="header">One line (no line breaks) with the same number of cells, none of them numeric,
    /// so that <see cref="Read"/> recognises it; or null for none.</param>
    public static void WriteRows(string path, IReadOnlyList<double[]> rows, string? header = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("at least one row is required.", nameof(rows));
        }

        var width = rows[0]?.Length ?? 0;
        if (width == 0)
        {
            throw new ArgumentException("rows must have at least one column.", nameof(rows));
        }

        for (var k = 0; k < rows.Count; k++)
        {
            if (rows[k] is null || rows[k].Length != width)
            {
                throw new ArgumentException($"row {k} has {rows[k]?.Length ?? 0} values; expected {width}.", nameof(rows));
            }

            for (var j = 0; j < width; j++)
            {
                if (!double.IsFinite(rows[k][j]))
                {
                    throw new ArgumentException($"row {k}, column {j} is {rows[k][j]}; every value must be finite.", nameof(rows));
                }
            }
        }

        if (header is not null)
        {
            if (header.Contains('\n') || header.Contains('\r'))
            {
                throw new ArgumentException("header must be one line.", nameof(header));
            }

            var cells = header.Split(',');
            if (cells.Length != width || !Array.TrueForAll(cells, c => !TryParse(c, out _)))
            {
                throw new ArgumentException($"header must have {width} cells, none of them a number; it has {cells.Length}.", nameof(header));
            }
        }

        var text = new StringBuilder();
        if (header is not null)
        {
            text.Append(header).Append('\n');
        }

        foreach (var row in rows)
        {
            for (var j = 0; j < width; j++)
            {
                if (j > 0)
                {
                    text.Append(',');
                }

                text.Append(row[j].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static bool TryParse(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static double[][] ReadRows(string path, int minimumRows, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, null, null, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DataFileException(path, null, null, $"cannot read the file ({e.Message})", e);
        }

        // Blank lines at the end are ignored; elsewhere they are an error.
        var end = lines.Length;
        while (end > 0 && string.IsNullOrWhiteSpace(lines[end - 1]))
        {
            end--;
        }

        if (end == 0)
        {
            throw new DataFileException(path, null, null, lines.Length == 0 ? "the file is empty" : "the file has only blank lines");
        }

        var first = 0;
        if (string.IsNullOrWhiteSpace(lines[0]))
        {
            throw new DataFileException(path, 1, null, "row 1 is blank; blank lines are allowed only at the end");
        }

        var firstCells = lines[0].Split(',');
        var width = firstCells.Length;
        var hasHeader = Array.TrueForAll(firstCells, c => !TryParse(c, out _));
        if (hasHeader)
        {
            first = 1;
        }

        var rows = new List<double[]>(end - first);
        for (var k = first; k < end; k++)
        {
            var row = k + 1;
            var line = lines[k];
            if (string.IsNullOrWhiteSpace(line))
            {
                throw new DataFileException(path, row, null, $"row {row} is blank; blank lines are allowed only at the end");
            }

            var cells = line.Split(',');
            if (cells.Length != width)
            {
                var reference = hasHeader ? "as the header in row 1" : "as row 1";
                throw new DataFileException(path, row, null, $"row {row} has {cells.Length} columns; expected {width} ({reference})");
            }

            var values = new double[width];
            for (var j = 0; j < width; j++)
            {
                if (!TryParse(cells[j], out var v))
                {
                    throw new DataFileException(path, row, j + 1, $"row {row}, column {j + 1}: \"{cells[j]}\" is not a number");
                }

                if (!double.IsFinite(v))
                {
                    throw new DataFileException(path, row, j + 1, $"row {row}, column {j + 1}: \"{cells[j]}\" is not finite");
                }

                values[j] = v;
            }

            rows.Add(values);
        }

        if (rows.Count < minimumRows)
        {
            var found = rows.Count == 0 ? "no data rows after the header in row 1" : $"{rows.Count} data row{(rows.Count == 1 ? "" : "s")}";
            throw new DataFileException(path, null, null, $"{found}; at least {minimumRows} {what}{(minimumRows == 1 ? " is" : "s are")} required");
        }

        return rows.ToArray();
    }
}
