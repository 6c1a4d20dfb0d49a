using System.Net;
using Comparison = Plasticity.Experiments.Checks.Comparison;

namespace Plasticity.Cli.Verify;

/// <summary>A finished verify run: what was asked and every evaluated check.</summary>
/// <param name="Level">The level.</param>
/// <param name="Seed">The base seed.</param>
/// <param name="Only">The --only names (empty: all).</param>
/// <param name="Results">The evaluated checks in catalogue order.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
/// <param name="CommandLine">The arguments as typed.</param>
public sealed record VerifyRun(CheckLevel Level, ulong Seed, IReadOnlyList<string> Only, IReadOnlyList<CheckResult> Results, double Seconds, IReadOnlyList<string> CommandLine)
{
    /// <summary>Checks that passed.</summary>
    public int Passed => Results.Count(r => r.Verdict == Verdict.Pass);

    /// <summary>Checks that failed.</summary>
    public int Failed => Results.Count(r => r.Verdict == Verdict.Fail);

    /// <summary>Comparisons shown but not tests.</summary>
    public int NotATest => Results.Count(r => r.Verdict == Verdict.NotATest);
}

/// <summary>Writes report.md, report.json and a self-contained report.html (figures inline as base64 PNG), each atomically.</summary>
public static class VerifyReport
{
    /// <summary>Markdown report file name.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>JSON report file name.</summary>
    public const string JsonFile = "report.json";

    /// <summary>HTML report file name.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>Writes the three files into <paramref name="directory"/>.</summary>
    public static void Write(string directory, VerifyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        AtomicFile.WriteText(Path.Combine(directory, MarkdownFile), Markdown(run));
        AtomicFile.WriteText(Path.Combine(directory, JsonFile), Json(run));
        AtomicFile.WriteText(Path.Combine(directory, HtmlFile), Html(run));
    }

    /// <summary>A number for the reports: G6, or "—" when not finite.</summary>
    public static string Number(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// The one-line console summary of a check: <see cref="Comparison.Line"/> of <see cref="Comparison.Of"/> (the
    /// form every command prints: PASS, FAIL or "not a test"), then the check's wall time.
    /// </summary>
    public static string Line(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return $"{Comparison.Of(result).Line()}, {Seconds(result.Seconds)}";
    }

    /// <summary>The verdict in the reports' words (<see cref="Comparison.VerdictText"/>): PASS, FAIL or "not a test".</summary>
    public static string VerdictText(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Comparison.VerdictText(result.Verdict);
    }

    /// <summary>The console summary line of a run.</summary>
    public static string Summary(VerifyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"verify {Name(run.Level)}: {run.Results.Count} checks, {run.Passed} passed, {run.Failed} failed, {run.NotATest} not a test, {Seconds(run.Seconds)}";
    }

    /// <summary>"quick" or "full".</summary>
    public static string Name(CheckLevel level) => level == CheckLevel.Quick ? "quick" : "full";

    private static string Seconds(double s) => s.ToString("F1", CultureInfo.InvariantCulture) + " s";

    private static string FalseAlarm(double? rate) => rate is double r ? (r == 0 ? "0" : r.ToString("G2", CultureInfo.InvariantCulture)) : "not bounded";

    private static string Markdown(VerifyRun run)
    {
        var b = new StringBuilder();
        b.AppendLine($"# plasticity verify — {Name(run.Level)}");
        b.AppendLine();
        b.AppendLine(Summary(run) + $"; base seed {run.Seed}" + (run.Only.Count > 0 ? $"; only {string.Join(",", run.Only)}" : string.Empty) + ".");
        b.AppendLine();
        b.AppendLine("| # | id | measured | predicted | tolerance | kind | false alarm | verdict |");
        b.AppendLine("|---|---|---|---|---|---|---|---|");
        var i = 0;
        foreach (var r in run.Results)
        {
            b.AppendLine($"| {++i} | `{r.Definition.Id}` | {Number(r.Measurement.Value)} | {Number(r.Predicted)} | {Number(r.Tolerance.Width)} | {r.Tolerance.KindText} | {FalseAlarm(r.Tolerance.FalseAlarmRate)} | {VerdictText(r)} |");
        }

        b.AppendLine();
        b.AppendLine("## Checks");
        foreach (var r in run.Results)
        {
            var d = r.Definition;
            b.AppendLine();
            b.AppendLine($"### `{d.Id}` — {VerdictText(r)}");
            b.AppendLine();
            b.AppendLine($"- model: {d.Model}");
            b.AppendLine($"- measured: {d.Quantity} = {Number(r.Measurement.Value)}" + (r.Measurement.StandardError is double se ? $" (SE {Number(se)})" : string.Empty) + (r.Measurement.Details.Length > 0 ? $"; {r.Measurement.Details}" : string.Empty));
            b.AppendLine($"- predicted: {Number(r.Predicted)} — {d.OracleText} ({d.Oracle}); source: {d.Source}");
            b.AppendLine($"- tolerance: {Number(r.Tolerance.Width)}, {r.Tolerance.KindText}, {d.Sense}: {r.Tolerance.Derivation}; false-alarm rate {FalseAlarm(r.Tolerance.FalseAlarmRate)}");
            b.AppendLine($"- seed {r.Seed}, {Seconds(r.Seconds)}");
        }

        return b.ToString();
    }

    private static string Json(VerifyRun run)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("command", "verify");
            w.WriteStringArray("command_line", run.CommandLine);
            w.WriteString("level", Name(run.Level));
            w.WriteNumber("seed", run.Seed);
            w.WriteStringArray("only", run.Only);
            w.WriteStartObject("summary");
            w.WriteNumber("checks", run.Results.Count);
            w.WriteNumber("passed", run.Passed);
            w.WriteNumber("failed", run.Failed);
            w.WriteNumber("not_a_test", run.NotATest);
            w.WriteFiniteOrNull("seconds", run.Seconds);
            w.WriteEndObject();
            w.WriteObjectArray("checks", run.Results, static (o, r) =>
            {
                var d = r.Definition;
                o.WriteString("id", d.Id);
                o.WriteString("family", d.Family);
                o.WriteString("model", d.Model);
                o.WriteString("quantity", d.Quantity);
                o.WriteString("oracle", d.OracleText);
                o.WriteString("oracle_kind", d.Oracle.ToString());
                o.WriteString("source", d.Source);
                o.WriteString("level", Name(d.Level));
                o.WriteString("sense", d.Sense.ToString());
                o.WriteNumber("seed", r.Seed);
                o.WriteFiniteOrNull("predicted", r.Predicted);
                o.WriteFiniteOrNull("measured", r.Measurement.Value);
                o.WriteFiniteOrNull("standard_error", r.Measurement.StandardError);
                if (r.Measurement.Units is int units)
                {
                    o.WriteNumber("units", units);
                }
                else
                {
                    o.WriteNull("units");
                }

                o.WriteStartObject("tolerance");
                o.WriteString("kind", r.Tolerance.KindText);
                o.WriteFiniteOrNull("width", r.Tolerance.Width);
                o.WriteString("derivation", r.Tolerance.Derivation);
                o.WriteFiniteOrNull("false_alarm_rate", r.Tolerance.FalseAlarmRate);
                o.WriteEndObject();
                o.WriteString("verdict", r.Verdict.ToString());
                o.WriteFiniteOrNull("seconds", r.Seconds);
                o.WriteString("details", r.Measurement.Details);
            });
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Html(VerifyRun run)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        static string Img(byte[] png, string alt) => $"<img alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">";
        var b = new StringBuilder();
        b.AppendLine("<!DOCTYPE html>");
        b.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>plasticity verify</title>");
        b.AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}.Pass{color:#1a7f37}.Fail{color:#c62828;font-weight:bold}.NotATest{color:#666}img{max-width:100%}code{font-size:95%}</style>");
        b.AppendLine("</head><body>");
        b.AppendLine($"<h1>plasticity verify — {Name(run.Level)}</h1>");
        b.AppendLine($"<p>{E(Summary(run))}; base seed {run.Seed}.</p>");
        b.AppendLine(Img(VerifyFigures.OverviewPng(run.Results), "score of every check"));
        b.AppendLine("<table><tr><th>#</th><th>id</th><th>measured</th><th>predicted</th><th>tolerance</th><th>kind</th><th>derivation</th><th>false alarm</th><th>verdict</th></tr>");
        var i = 0;
        foreach (var r in run.Results)
        {
            b.AppendLine($"<tr><td>{++i}</td><td><code>{E(r.Definition.Id)}</code></td><td>{Number(r.Measurement.Value)}</td><td>{Number(r.Predicted)}</td><td>{Number(r.Tolerance.Width)}</td><td>{E(r.Tolerance.KindText)}</td><td>{E(r.Tolerance.Derivation)}</td><td>{FalseAlarm(r.Tolerance.FalseAlarmRate)}</td><td class=\"{r.Verdict}\">{E(VerdictText(r))}</td></tr>");
        }

        b.AppendLine("</table>");
        foreach (var r in run.Results)
        {
            var d = r.Definition;
            b.AppendLine($"<h3><code>{E(d.Id)}</code> — <span class=\"{r.Verdict}\">{E(VerdictText(r))}</span></h3>");
            b.AppendLine($"<p>Model: {E(d.Model)}.<br>Measured: {E(d.Quantity)} = {Number(r.Measurement.Value)} {E(r.Measurement.Details)}<br>Predicted: {Number(r.Predicted)} — {E(d.OracleText)} ({d.Oracle}); source: {E(d.Source)}.<br>Tolerance: {Number(r.Tolerance.Width)} ({E(r.Tolerance.KindText)}, {d.Sense}): {E(r.Tolerance.Derivation)}.</p>");
            if (r.Measurement.Figure is { } figure)
            {
                b.AppendLine(Img(VerifyFigures.Render(figure), figure.Title));
            }
        }

        b.AppendLine("</body></html>");
        return b.ToString();
    }
}
