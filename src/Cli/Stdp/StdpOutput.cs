namespace Plasticity.Cli.Stdp;

/// <summary>
/// How the <c>plasticity stdp</c> subcommands write their files: number tables (CSV), figures (PNG and SVG) and the
/// JSON summary, each recorded in the list of written files that the summary and the last line of stdout name.
/// </summary>
/// <remarks>
/// The summary is <c>{"schema_version": 1, "command": "stdp …", "arguments": [as typed], …the command's fields…,
/// "files": [...]}</c>; tables are a header and rows of round-trip numbers (UTF-8 without BOM, LF).
/// </remarks>
internal static class StdpOutput
{
    /// <summary>Format version of the summaries.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes a header and rows of round-trip numbers (UTF-8 without BOM, LF).</summary>
    public static void WriteTable(string path, string header, IEnumerable<double[]> rows)
    {
        var text = new StringBuilder();
        text.Append(header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row.Select(NumberFormat.Real))).Append('\n');
        }

        AtomicFile.WriteText(path, text.ToString());
    }

    /// <summary>Builds and saves a styled figure (<see cref="PlotOutput.TryFigure"/>); on success adds its files to <paramref name="files"/>.</summary>
    public static void TryFigure(CommandContext context, string directory, FigureFiles figure, Func<Figure> build, List<string> files)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(files);
        if (PlotOutput.TryFigure(context, directory, figure, build))
        {
            files.AddRange(figure.Names);
        }
    }

    /// <summary>Writes the JSON summary: the envelope, then <paramref name="body"/>'s fields, then the file list.</summary>
    public static void WriteSummary(string path, string command, CommandContext context, IEnumerable<string> files, Action<Utf8JsonWriter> body)
    {
        JsonValues.WriteFile(path, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteString("command", command);
            JsonValues.Strings(json, "arguments", context.CommandLine);
            body(json);
            JsonValues.Strings(json, "files", files);
            json.WriteEndObject();
        });
    }

    /// <summary>The last line of stdout: the written files, under the output directory as typed.</summary>
    public static void WriteWrote(CommandContext context, string outText, IEnumerable<string> files) =>
        context.Out.WriteLine("wrote " + string.Join(", ", files.Select(f => Path.Combine(outText, f))));
}
