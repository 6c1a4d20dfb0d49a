namespace Plasticity.Cli.Bench;

/// <summary>
/// Writes benchmark results: bench.json (through <see cref="JsonEnvelope"/>) and the console table (through
/// <see cref="TableWriter"/>).
/// </summary>
public static class BenchReport
{
    /// <summary>Name of the result file in the output directory.</summary>
    public const string FileName = "bench.json";

    /// <summary>Format version of bench.json.</summary>
    public const int SchemaVersion = 1;

    /// <summary>How the timings were taken, recorded in bench.json.</summary>
    public const string Timing = "Stopwatch wall time of each repetition after one untimed warm-up; set-up and a forced GC outside the clock; throughput = work / median";

    /// <summary>Writes bench.json (schema 1): arguments, machine facts and one object per benchmark.</summary>
    /// <exception cref="NonFiniteValueException">A timing or checksum is not finite (nothing is written).</exception>
    public static void WriteJson(
        string path, MachineFacts machine, IReadOnlyList<BenchMeasurement> results, bool quick, int repetitions, ulong seed,
        IEnumerable<string> arguments) =>
        WriteJson(path, machine, results, quick, repetitions, seed, arguments, BenchExtras.None);

    /// <summary>
    /// Writes bench.json (schema 1, extended): arguments, machine facts, one object per benchmark, and the issue-11
    /// targets, machine limits and scaling fits of <paramref name="extras"/> (empty arrays and null limits when not run).
    /// </summary>
    /// <exception cref="NonFiniteValueException">A timing or checksum is not finite (nothing is written).</exception>
    public static void WriteJson(
        string path, MachineFacts machine, IReadOnlyList<BenchMeasurement> results, bool quick, int repetitions, ulong seed,
        IEnumerable<string> arguments, BenchExtras extras)
    {
        ArgumentNullException.ThrowIfNull(extras);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(arguments);
        var body = new BenchFile(
            quick,
            repetitions,
            seed,
            Timing,
            new MachineJson(
                machine.ProcessorCount, machine.OperatingSystem, machine.Architecture, machine.Runtime, machine.Vector128,
                machine.Vector256, machine.Vector512, machine.ServerGc, machine.Optimized),
            [.. results.Select(r => new BenchmarkJson(
                r.Case.Name,
                r.Case.Description,
                r.Case.Sizes.ToDictionary(s => s.Key, s => s.Value),
                r.Seconds.Count,
                [.. r.Seconds],
                r.MedianSeconds,
                r.MinSeconds,
                r.Case.Work,
                r.Case.WorkUnit,
                r.Throughput,
                $"{r.Case.WorkUnit}/s",
                r.SecondsPerUnit,
                r.Checksum,
                r.Case.ChecksumOf))],
            extras.Scale.ToString().ToLowerInvariant(),
            extras.Targets,
            extras.Limits,
            extras.Scaling);
        JsonEnvelope.Write(path, "bench", SchemaVersion, arguments, body);
    }

    /// <summary>The caveat <c>bench --quick</c> prints under its table (two lines of at most 80 columns).</summary>
    public static readonly IReadOnlyList<string> QuickCaveat =
    [
        "note: --quick throughputs are warm-up dominated (small sizes, 0.25 s warm-up,",
        "3 repetitions); run bench without --quick for the numbers of docs/performance.md",
    ];

    /// <summary>Writes the machine line, the results table (80 columns at most) and where the file went.</summary>
    public static void Write(CommandContext context, MachineFacts machine, IReadOnlyList<BenchMeasurement> results, string file) =>
        Write(context, machine, results, file, quick: false);

    /// <summary>
    /// Writes the machine line, the results table (80 columns at most), with <paramref name="quick"/> the
    /// <see cref="QuickCaveat"/>, and where the file went.
    /// </summary>
    public static void Write(CommandContext context, MachineFacts machine, IReadOnlyList<BenchMeasurement> results, string file, bool quick)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(results);
        context.Out.WriteLine(MachineLine(machine));
        TableWriter.Write(context, new TextTable(
            [
                new TextColumn("benchmark", RightAligned: false), new TextColumn("sizes", RightAligned: false), new TextColumn("reps"),
                new TextColumn("median s"), new TextColumn("min s"), new TextColumn("throughput"), new TextColumn("checksum"),
            ],
            [.. results.Select(Cells)]));
        if (quick)
        {
            foreach (var line in QuickCaveat)
            {
                context.Out.WriteLine(line);
            }
        }

        context.Out.WriteLine($"wrote {file}");
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

    private static IReadOnlyList<string> Cells(BenchMeasurement r) =>
    [
        r.Case.Name,
        SizeText(r.Case),
        NumberFormat.Integer(r.Seconds.Count),
        NumberFormat.Short(r.MedianSeconds),
        NumberFormat.Short(r.MinSeconds),
        $"{NumberFormat.Short(r.Throughput)} {r.Case.WorkUnit}/s",
        NumberFormat.Short(r.Checksum, "G10"),
    ];

    /// <summary>bench.json after the envelope header.</summary>
    internal sealed record BenchFile(
        bool Quick,
        int Repetitions,
        ulong Seed,
        string Timing,
        MachineJson Machine,
        IReadOnlyList<BenchmarkJson> Benchmarks,
        string Scale,
        IReadOnlyList<TargetReport.TargetJson> Targets,
        TargetReport.LimitsJson? Limits,
        IReadOnlyList<ScalingJson> Scaling);

    /// <summary>The machine facts, with the names bench.json has always used.</summary>
    internal sealed record MachineJson(
        int ProcessorCount,
        [property: System.Text.Json.Serialization.JsonPropertyName("os")] string OperatingSystem,
        string Architecture,
        [property: System.Text.Json.Serialization.JsonPropertyName("dotnet")] string Runtime,
        [property: System.Text.Json.Serialization.JsonPropertyName("vector128_hardware_accelerated")] bool Vector128,
        [property: System.Text.Json.Serialization.JsonPropertyName("vector256_hardware_accelerated")] bool Vector256,
        [property: System.Text.Json.Serialization.JsonPropertyName("vector512_hardware_accelerated")] bool Vector512,
        bool ServerGc,
        [property: System.Text.Json.Serialization.JsonPropertyName("optimized_build")] bool Optimized);

    /// <summary>One benchmark's timings.</summary>
    internal sealed record BenchmarkJson(
        string Name,
        string Description,
        IReadOnlyDictionary<string, double> Sizes,
        int Repetitions,
        IReadOnlyList<double> Seconds,
        double MedianSeconds,
        double MinSeconds,
        double Work,
        string WorkUnit,
        double Throughput,
        string ThroughputUnit,
        [property: System.Text.Json.Serialization.JsonPropertyName("median_seconds_per_unit")] double SecondsPerUnit,
        double Checksum,
        string ChecksumOf);
}
