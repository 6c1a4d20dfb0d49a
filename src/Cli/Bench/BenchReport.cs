using System.Text.Json;
using Plasticity.Cli.Output;
using Spectre.Console;

namespace Plasticity.Cli.Bench;

/// <summary>
/// Writes benchmark results: bench.json, a Spectre table on a terminal, plain fixed-width lines otherwise.
/// </summary>
public static class BenchReport
{
    /// <summary>Name of the result file in the output directory.</summary>
    public const string FileName = "bench.json";

    /// <summary>Writes bench.json (schema 1): arguments, machine facts and one object per benchmark.</summary>
    public static void WriteJson(
        string path, MachineFacts machine, IReadOnlyList<BenchMeasurement> results, bool quick, int repetitions, ulong seed,
        IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(arguments);
        JsonValues.WriteFile(path, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", 1);
            json.WriteString("command", "bench");
            JsonValues.Strings(json, "arguments", arguments);
            json.WriteBoolean("quick", quick);
            json.WriteNumber("repetitions", repetitions);
            json.WriteNumber("seed", seed);
            json.WriteString("timing", "Stopwatch wall time of each repetition after one untimed warm-up; set-up and a forced GC outside the clock; throughput = work / median");
            WriteMachine(json, machine);
            json.WriteStartArray("benchmarks");
            foreach (var r in results)
            {
                WriteResult(json, r);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>Writes a Spectre table of the results.</summary>
    public static void WriteTable(IAnsiConsole console, MachineFacts machine, IReadOnlyList<BenchMeasurement> results, string file)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(results);
        console.MarkupLine(Markup.Escape(MachineLine(machine)));
        var table = new Table().RoundedBorder();
        var headers = Headers();
        for (var c = 0; c < headers.Length; c++)
        {
            var column = new TableColumn(headers[c]);
            table.AddColumn(c < 2 ? column.LeftAligned() : column.RightAligned());
        }

        foreach (var r in results)
        {
            table.AddRow(Cells(r).Select(cell => Markup.Escape(cell)).ToArray());
        }

        console.Write(table);
        console.MarkupLine($"[green]wrote[/] {Markup.Escape(file)}");
    }

    /// <summary>Writes the same results as plain fixed-width lines.</summary>
    public static void WritePlain(TextWriter writer, MachineFacts machine, IReadOnlyList<BenchMeasurement> results, string file)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(results);
        writer.WriteLine(MachineLine(machine));
        var lines = new List<string[]> { Headers() };
        lines.AddRange(results.Select(Cells));
        var widths = Enumerable.Range(0, lines[0].Length).Select(c => lines.Max(line => line[c].Length)).ToArray();
        foreach (var line in lines)
        {
            writer.WriteLine(string.Join("  ", line.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        writer.WriteLine($"wrote {file}");
    }

    /// <summary>The size parameters as <c>name=value</c> pairs.</summary>
    public static string SizeText(BenchCase benchCase)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        return string.Join(' ', benchCase.Sizes.Select(s => $"{s.Key}={SizeValue(s.Value)}"));
    }

    // Counts as plain integers (steps=1000000, not 1E+06); other values short.
    private static string SizeValue(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Round(value)
            ? NumberFormat.Integer((long)value)
            : NumberFormat.Short(value, "G6");

    private static string MachineLine(MachineFacts m) =>
        $"{m.ProcessorCount} cores, {m.OperatingSystem}, {m.Architecture}, {m.Runtime}; Vector512 {YesNo(m.Vector512)}, Vector256 {YesNo(m.Vector256)}"
        + (m.Optimized ? string.Empty : "; DEBUG BUILD: numbers are not representative, use -c Release");

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string[] Headers() => ["benchmark", "sizes", "reps", "median s", "min s", "throughput", "checksum"];

    private static string[] Cells(BenchMeasurement r) =>
    [
        r.Case.Name,
        SizeText(r.Case),
        NumberFormat.Integer(r.Seconds.Count),
        NumberFormat.Short(r.MedianSeconds),
        NumberFormat.Short(r.MinSeconds),
        $"{NumberFormat.Short(r.Throughput)} {r.Case.WorkUnit}/s",
        NumberFormat.Short(r.Checksum, "G10"),
    ];

    private static void WriteMachine(Utf8JsonWriter json, MachineFacts m)
    {
        json.WriteStartObject("machine");
        json.WriteNumber("processor_count", m.ProcessorCount);
        json.WriteString("os", m.OperatingSystem);
        json.WriteString("architecture", m.Architecture);
        json.WriteString("dotnet", m.Runtime);
        json.WriteBoolean("vector128_hardware_accelerated", m.Vector128);
        json.WriteBoolean("vector256_hardware_accelerated", m.Vector256);
        json.WriteBoolean("vector512_hardware_accelerated", m.Vector512);
        json.WriteBoolean("server_gc", m.ServerGc);
        json.WriteBoolean("optimized_build", m.Optimized);
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, BenchMeasurement r)
    {
        json.WriteStartObject();
        json.WriteString("name", r.Case.Name);
        json.WriteString("description", r.Case.Description);
        json.WriteStartObject("sizes");
        foreach (var size in r.Case.Sizes)
        {
            JsonValues.Real(json, size.Key, size.Value);
        }

        json.WriteEndObject();
        json.WriteNumber("repetitions", r.Seconds.Count);
        JsonValues.Vector(json, "seconds", r.Seconds);
        JsonValues.Real(json, "median_seconds", r.MedianSeconds);
        JsonValues.Real(json, "min_seconds", r.MinSeconds);
        JsonValues.Real(json, "work", r.Case.Work);
        json.WriteString("work_unit", r.Case.WorkUnit);
        JsonValues.Real(json, "throughput", r.Throughput);
        json.WriteString("throughput_unit", $"{r.Case.WorkUnit}/s");
        JsonValues.Real(json, "median_seconds_per_unit", r.SecondsPerUnit);
        JsonValues.Real(json, "checksum", r.Checksum);
        json.WriteString("checksum_of", r.Case.ChecksumOf);
        json.WriteEndObject();
    }
}
