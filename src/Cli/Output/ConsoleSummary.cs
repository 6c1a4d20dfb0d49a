using Spectre.Console;

namespace Plasticity.Cli.Output;

/// <summary>
/// The end-of-run summary of <c>capacity</c> on the terminal: per point n, α, P, measured error rate, theory, z-score,
/// and where the files went, through <see cref="TableWriter"/> (80 columns at most).
/// </summary>
/// <remarks>
/// A terminal gets a Spectre table; a redirected stream (CI log, pipe, test) gets fixed-width plain text without
/// escape codes, which stays readable in a log file and greppable.
/// </remarks>
public static class ConsoleSummary
{
    /// <summary>
    /// Writes the summary table and the files written to <see cref="CommandContext.Out"/>: a Spectre table on a terminal,
    /// fixed-width plain text otherwise.
    /// </summary>
    public static void Write(CommandContext context, IReadOnlyList<CapacityRow> rows, CapacityMeasure measure, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(files);
        var table = Table(rows, measure);
        if (!context.Interactive)
        {
            TableWriter.Write(context.Out, table);
            foreach (var file in files)
            {
                context.Out.WriteLine($"wrote {file}");
            }

            return;
        }

        var console = TerminalConsole.Create(context);
        TableWriter.Write(console, table);
        foreach (var file in files)
        {
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(file)}");
        }
    }

    /// <summary>The summary table of <paramref name="rows"/>.</summary>
    public static TextTable Table(IReadOnlyList<CapacityRow> rows, CapacityMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var fixedPoint = measure == CapacityMeasure.FixedPoint;
        return new TextTable([.. Headers(fixedPoint).Select(h => new TextColumn(h))], [.. rows.Select(row => Cells(row, fixedPoint))]);
    }

    private static string[] Headers(bool fixedPoint) =>
        fixedPoint
            ? ["n", "alpha", "P", "error", "SE", "theory", "z", "overlap", "theory m", "nonconv"]
            : ["n", "alpha", "P", "error", "SE", "theory", "z"];

    private static IReadOnlyList<string> Cells(CapacityRow row, bool fixedPoint)
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
