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
        var notes = Notes(rows);
        if (!context.Interactive)
        {
            TableWriter.Write(context.Out, table);
            foreach (var note in notes)
            {
                context.Out.WriteLine(note);
            }

            foreach (var file in files)
            {
                context.Out.WriteLine($"wrote {file}");
            }

            return;
        }

        var console = TerminalConsole.Create(context);
        TableWriter.Write(console, table);
        foreach (var note in notes)
        {
            console.WriteLine(note);
        }

        foreach (var file in files)
        {
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(file)}");
        }
    }

    /// <summary>
    /// The lines under the table: the verdict legend, the tolerance of the tested rows, the summary
    /// "k of n rows PASS, m FAIL, r not a test" with the family-wise false-alarm rate, and any FAIL in full.
    /// </summary>
    public static IReadOnlyList<string> Notes(IReadOnlyList<CapacityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var comparisons = rows.Select(r => r.Verdict).ToArray();
        var lines = new List<string>
        {
            "verdict: PASS/FAIL within the tolerance of the verify check; — not a test",
        };
        var reasons = comparisons.Where(c => c.Verdict == Verdict.NotATest && c.Reason is not null).Select(c => c.Reason!).Distinct();
        foreach (var reason in reasons)
        {
            lines.Add($"  —: {reason}");
        }

        var kinds = comparisons.Where(c => c.Verdict != Verdict.NotATest && c.Tolerance is not null).Select(c => c.Tolerance!.Kind).Distinct().ToArray();
        if (kinds.Contains(ToleranceKind.StandardErrors))
        {
            lines.Add("  tolerance: 5 × binomial SE of N·P·T bits at the exact law × √(design effect)");
        }

        if (kinds.Contains(ToleranceKind.StudentT))
        {
            lines.Add("  tolerance: Student-t (level 1e-5) × between-set SE");
        }

        var fwer = CapacityVerdicts.FamilyWiseFalseAlarm(comparisons);
        lines.Add(CapacityVerdicts.Summary(comparisons)
                  + (kinds.Length > 0 ? $" (false alarm {Figures.FigureStyle.Number(double.Parse(fwer.ToString("G2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))} in all)" : string.Empty));
        lines.AddRange(comparisons.Where(c => c.Verdict == Verdict.Fail).Select(c => c.Line()));
        return lines;
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
            ? ["n", "alpha", "P", "error", "SE", "z", "overlap", "theory m", "nonconv", "verdict"]
            : ["n", "alpha", "P", "error", "SE", "theory", "z", "verdict"];

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
                .. common.Where((_, i) => i != 5),
                NumberFormat.Short(row.OverlapMean),
                NumberFormat.Short(row.TheoryOverlap),
                NumberFormat.Integer(row.NonConverged),
                CapacityVerdicts.Short(row.Verdict),
            ]
            : [.. common, CapacityVerdicts.Short(row.Verdict)];
    }
}
