using System.Text.Encodings.Web;

namespace Plasticity.Cli.Output;

/// <summary>
/// Writes <c>capacity.json</c>: the settings that produced the run, the seed, the theory constants and the rows, so a
/// result file is self-describing and the run can be repeated exactly.
/// </summary>
/// <remarks>
/// Written with <see cref="Utf8JsonWriter"/> rather than reflection so that the property names are stable
/// (snake_case, matching the CSV columns), missing theory values become <c>null</c>, and a non-finite double can
/// never make the writer throw after an hour of simulation. No timestamps or absolute paths: the same command gives
/// the same file.
/// </remarks>
public static class JsonWriter
{
    /// <summary>Format version of the file; bump when fields change meaning.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the file.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="arguments">The validated settings.</param>
    /// <param name="commandLine">The arguments as typed (after the command name).</param>
    /// <param name="rows">The result rows in output order.</param>
    /// <param name="files">Output file names (relative to the output directory) by kind.</param>
    public static void Write(
        string path,
        CapacityArguments arguments,
        IReadOnlyList<string> commandLine,
        IReadOnlyList<CapacityRow> rows,
        IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(files);

        AtomicFile.Write(path, stream => WriteStream(stream, arguments, commandLine, rows, files));
    }

    private static void WriteStream(
        Stream stream,
        CapacityArguments arguments,
        IReadOnlyList<string> commandLine,
        IReadOnlyList<CapacityRow> rows,
        IReadOnlyDictionary<string, string> files)
    {
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            var settings = arguments.Settings;
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteString("command", "capacity");
            json.WriteStartArray("arguments");
            foreach (var argument in commandLine)
            {
                json.WriteStringValue(argument);
            }

            json.WriteEndArray();

            json.WriteStartObject("settings");
            json.WriteStartArray("n");
            foreach (var n in arguments.Ns)
            {
                json.WriteNumberValue(n);
            }

            json.WriteEndArray();
            json.WriteStartArray("alpha");
            foreach (var alpha in arguments.Alphas)
            {
                JsonValues.Real(json, alpha);
            }

            json.WriteEndArray();
            json.WriteNumber("trials", settings.Trials);
            json.WriteString("rule", arguments.RuleName);
            json.WriteString("measure", arguments.MeasureName);
            JsonValues.Real(json, "cue_flip", settings.CueFlip);
            json.WriteNumber("retrievals", settings.RetrievalsPerTrial);
            json.WriteNumber("max_sweeps", settings.MaxSweeps);
            json.WriteString("order", arguments.OrderName);
            json.WriteString("diagonal", arguments.DiagonalName);
            json.WriteString("out", arguments.OutputDirectory);
            json.WriteEndObject();

            json.WriteNumber("seed", arguments.Seed);

            var critical = CapacityTheory.Critical;
            json.WriteStartObject("theory");
            JsonValues.Real(json, "alpha_c", critical.AlphaC);
            JsonValues.Real(json, "overlap_at_alpha_c", critical.OverlapAtAlphaC);
            json.WriteBoolean("applies", CapacityTheory.Applies(settings));
            json.WriteEndObject();

            var comparisons = rows.Select(r => r.Verdict).ToArray();
            json.WriteStartObject("verdicts");
            json.WriteNumber("pass", comparisons.Count(c => c.Verdict == Verdict.Pass));
            json.WriteNumber("fail", comparisons.Count(c => c.Verdict == Verdict.Fail));
            json.WriteNumber("not_a_test", comparisons.Count(c => c.Verdict == Verdict.NotATest));
            JsonValues.Real(json, "family_wise_false_alarm_rate", CapacityVerdicts.FamilyWiseFalseAlarm(comparisons));
            json.WriteString("summary", CapacityVerdicts.Summary(comparisons));
            json.WriteEndObject();

            json.WriteStartObject("files");
            foreach (var (kind, name) in files)
            {
                json.WriteString(kind, name);
            }

            json.WriteEndObject();

            json.WriteStartArray("rows");
            foreach (var row in rows)
            {
                WriteRow(json, row);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteRow(Utf8JsonWriter json, CapacityRow row)
    {
        json.WriteStartObject();
        foreach (var column in CapacityColumn.All)
        {
            column.Json(json, row);
        }

        json.WriteEndObject();
    }
}
