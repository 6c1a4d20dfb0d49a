using Spectre.Console;

namespace Plasticity.Cli.Output;

/// <summary>
/// The one console-table writer: every line fits <see cref="Width"/> = 80 columns, on a terminal (a Spectre table no
/// wider than 80) and in plain text (fixed-width columns two spaces apart).
/// </summary>
/// <remarks>
/// <para>How a command uses it:</para>
/// <code>
/// var table = new TextTable(
///     [new TextColumn("benchmark", RightAligned: false), new TextColumn("median s")],
///     rows.Select(r =&gt; (IReadOnlyList&lt;string&gt;)[r.Name, NumberFormat.Short(r.Median)]).ToArray());
/// TableWriter.Write(context, table);
/// </code>
/// <para>Plain layout (<see cref="Lines"/>): when the columns do not fit side by side, the table is split into blocks of
/// columns, one after the other with a blank line between, each block repeating the first column so every row stays
/// identifiable; numbers are never cut. Only a single cell wider than a whole line is shortened, with "…" at its end.
/// Cells are escaped (<see cref="ErrorText.Escape"/>), so a newline or an escape sequence in a name cannot break or
/// recolour the table. Widths count UTF-16 code units (Greek letters and sub/superscripts are one column each).</para>
/// </remarks>
public static class TableWriter
{
    /// <summary>Largest line width.</summary>
    public const int Width = 80;

    /// <summary>Spaces between two columns in plain text.</summary>
    public const int Gap = 2;

    /// <summary>Writes <paramref name="table"/> to the context: a Spectre table on a terminal, plain lines otherwise.</summary>
    public static void Write(CommandContext context, TextTable table)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Interactive)
        {
            Write(TerminalConsole.Create(context), table);
        }
        else
        {
            Write(context.Out, table);
        }
    }

    /// <summary>Writes the plain lines of <paramref name="table"/> (<see cref="Lines"/>).</summary>
    public static void Write(TextWriter writer, TextTable table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in Lines(table))
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>Writes <paramref name="table"/> as a Spectre table no wider than <see cref="Width"/> (cells wrap to fit).</summary>
    public static void Write(IAnsiConsole console, TextTable table)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(table);
        console.Profile.Width = Math.Min(console.Profile.Width, Width);
        var spectre = new Table().RoundedBorder();
        foreach (var column in table.Columns)
        {
            var c = new Spectre.Console.TableColumn(Markup.Escape(ErrorText.Escape(column.Header)));
            spectre.AddColumn(column.RightAligned ? c.RightAligned() : c.LeftAligned());
        }

        foreach (var row in table.Rows)
        {
            spectre.AddRow(row.Select(cell => Markup.Escape(ErrorText.Escape(cell))).ToArray());
        }

        console.Write(spectre);
    }

    /// <summary>The plain-text lines of <paramref name="table"/>, none longer than <paramref name="width"/>.</summary>
    /// <exception cref="ArgumentException">A row's cell count differs from the column count, or the width is below 20.</exception>
    public static IReadOnlyList<string> Lines(TextTable table, int width = Width)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 20);
        var columns = table.Columns.Count;
        if (columns == 0)
        {
            return [];
        }

        var cells = new List<string[]> { table.Columns.Select(c => ErrorText.Escape(c.Header)).ToArray() };
        foreach (var row in table.Rows)
        {
            if (row.Count != columns)
            {
                throw new ArgumentException($"a row has {row.Count} cells, the table {columns} columns.", nameof(table));
            }

            cells.Add(row.Select(ErrorText.Escape).ToArray());
        }

        // The key column takes at most half a line, so every block has room for at least one more column.
        var widths = Enumerable.Range(0, columns).Select(c => cells.Max(line => line[c].Length)).ToArray();
        widths[0] = Math.Min(widths[0], columns == 1 ? width : (width - Gap) / 2);
        var rest = columns == 1 ? width : width - widths[0] - Gap;
        for (var c = 1; c < columns; c++)
        {
            widths[c] = Math.Min(widths[c], rest);
        }

        var blocks = new List<List<int>>();
        var current = new List<int>();
        var used = widths[0];
        for (var c = 1; c < columns; c++)
        {
            if (current.Count > 0 && used + Gap + widths[c] > width)
            {
                blocks.Add(current);
                current = [];
                used = widths[0];
            }

            current.Add(c);
            used += Gap + widths[c];
        }

        blocks.Add(current);
        var lines = new List<string>();
        foreach (var block in blocks)
        {
            if (lines.Count > 0)
            {
                lines.Add(string.Empty);
            }

            foreach (var line in cells)
            {
                var parts = new List<string> { Fit(line[0], widths[0], table.Columns[0].RightAligned) };
                parts.AddRange(block.Select(c => Fit(line[c], widths[c], table.Columns[c].RightAligned)));
                lines.Add(string.Join(new string(' ', Gap), parts).TrimEnd());
            }
        }

        return lines;
    }

    private static string Fit(string cell, int width, bool right)
    {
        var text = cell.Length <= width ? cell : cell[..(width - 1)] + "…";
        return right ? text.PadLeft(width) : text.PadRight(width);
    }
}
