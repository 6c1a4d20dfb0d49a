using Plasticity.Experiments.Capacity;
using Spectre.Console;

namespace Plasticity.Cli.Output;

/// <summary>
/// The end-of-run summary on the terminal: per point n, α, P, measured error rate, theory, z-score, and where the
/// files went.
/// </summary>
/// <remarks>
/// A terminal gets a Spectre table; a redirected stream (CI log, pipe, test) gets fixed-width plain text without
/// escape codes, which stays readable in a log file and greppable.
/// </remarks>
public static class ConsoleSummary
{
    /// <summary>Writes a Spectre table to <paramref name="console"/>.</summary>
    public static void WriteTable(
        IAnsiConsole console, IReadOnlyList<CapacityRow> rows, CapacityMeasure measure, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(files);
        var fixedPoint = measure == CapacityMeasure.FixedPoint;
        var table = new Table().RoundedBorder();
        foreach (var header in Headers(fixedPoint))
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(Cells(row, fixedPoint).Select(cell => Markup.Escape(cell)).ToArray());
        }

        console.Write(table);
        foreach (var file in files)
        {
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(file)}");
        }
    }

    /// <summary>Writes the same summary as plain fixed-width text.</summary>
    public static void WritePlain(
        TextWriter writer, IReadOnlyList<CapacityRow> rows, CapacityMeasure measure, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(files);
        var fixedPoint = measure == CapacityMeasure.FixedPoint;
        var lines = new List<string[]> { Headers(fixedPoint) };
        lines.AddRange(rows.Select(row => Cells(row, fixedPoint)));
        var widths = Enumerable.Range(0, lines[0].Length)
            .Select(c => lines.Max(line => line[c].Length))
            .ToArray();
        foreach (var line in lines)
        {
            writer.WriteLine(string.Join("  ", line.Select((cell, c) => cell.PadLeft(widths[c]))).TrimEnd());
        }

        foreach (var file in files)
        {
            writer.WriteLine($"wrote {file}");
        }
    }

    private static string[] Headers(bool fixedPoint) =>
        fixedPoint
            ? ["n", "alpha", "P", "error", "SE", "theory", "z", "overlap", "theory m", "nonconv"]
            : ["n", "alpha", "P", "error", "SE", "theory", "z"];

    private static string[] Cells(CapacityRow row, bool fixedPoint)
    {
        string[] common =
        [
            NumberFormat.Integer(row.N),
            NumberFormat.Short(row.Alpha, "G6"),
            NumberFormat.Integer(row.P),
            NumberFormat.Short(row.ErrorRate),
            NumberFormat.Short(row.ErrorSe, "G2"),
            NumberFormat.Short(row.TheoryError),
            NumberFormat.Short(row.ZScore, "F2"),
        ];
        return fixedPoint
            ?
            [
                .. common,
                NumberFormat.Short(row.OverlapMean),
                NumberFormat.Short(row.TheoryOverlap),
                NumberFormat.Integer(row.NonConverged),
            ]
            : common;
    }
}
