using System.Reflection;
using System.Text.Encodings.Web;

namespace Plasticity.Experiments.Stability;

/// <summary>A baseline read back: its settings, versions and the metric values and tolerances it holds.</summary>
/// <param name="FormatVersion">The file's format version (always <see cref="StabilityBaseline.FormatVersion"/> once read).</param>
/// <param name="ToolkitVersion">The toolkit version that wrote it.</param>
/// <param name="SettingsHash">The settings hash it declares (checked against its grid).</param>
/// <param name="Grid">The grid it was run on; <c>--compare</c> re-runs exactly this.</param>
/// <param name="Tolerances">Metric name → the tolerance stated in the file.</param>
/// <param name="Points">(rule, point id) → metric name → value, in file order.</param>
public sealed record BaselineFile(
    int FormatVersion,
    string ToolkitVersion,
    string SettingsHash,
    StabilityGrid Grid,
    IReadOnlyDictionary<string, Tolerance> Tolerances,
    IReadOnlyList<KeyValuePair<(string Rule, string Point), IReadOnlyDictionary<string, double?>>> Points);

/// <summary>
/// The versioned, self-documenting baseline (and report) file of <c>plasticity stability</c>, and the comparison.
/// </summary>
/// <remarks>
/// The file is JSON: <c>format</c>, <c>format_version</c>, <c>toolkit_version</c>, <c>settings_hash</c> (SHA-256 of
/// the grid, <see cref="GridFile.Hash"/>), the full grid (a valid grid file), each rule's theory, each metric's
/// meaning, tolerance and derivation, and one entry per point. Numbers are written in shortest round-trip form, so a
/// value read back is the value written; a non-finite or inapplicable value is <c>null</c>.
/// </remarks>
public static class StabilityBaseline
{
    /// <summary>The <c>format</c> field of every baseline.</summary>
    public const string Format = "plasticity-stability-baseline";

    /// <summary>The format version this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The toolkit's version (the assembly's informational version without a source-revision suffix).</summary>
    public static string ToolkitVersion { get; } =
        (typeof(StabilityBaseline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
         ?? typeof(StabilityBaseline).Assembly.GetName().Version?.ToString() ?? "0").Split('+')[0];

    /// <summary>The file's bytes (UTF-8, indented, ending with a line break) for <paramref name="report"/>.</summary>
    /// <param name="report">The results.</param>
    /// <param name="kind">"baseline" or "report" (the same content; the field only says what it was written as).</param>
    public static byte[] Write(StabilityReport report, string kind = "baseline")
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("format_version", FormatVersion);
            json.WriteString("kind", kind);
            json.WriteString("toolkit_version", ToolkitVersion);
            json.WriteString("settings_hash", GridFile.Hash(report.Grid));
            json.WriteString(
                "description",
                "Stability baseline of plasticity learning rules. 'plasticity stability --compare FILE' re-runs 'grid' and reports every metric "
                + "that moved beyond its tolerance (exit 1). Each point is one value of each grid axis; its data, initial weights and order derive "
                + "from its seed. See docs/stability.md.");
            json.WritePropertyName("grid");
            GridFile.Write(json, report.Grid);
            json.WriteObjectArray("theory", report.Grid.Rules.Select(g => RuleTheory.Of(g.Rule)), static (w, t) =>
            {
                w.WriteString("rule", t.Rule);
                w.WriteString("matrix", t.Matrix.ToString());
                w.WriteString("fixed_point", t.FixedPoint.ToString());
                w.WriteString("energy", t.Energy.ToString());
                w.WriteString("statement", t.Statement);
            });
            json.WriteObjectArray("metrics", StabilityMetrics.All, static (w, m) =>
            {
                w.WriteString("name", m.Name);
                w.WriteString("meaning", m.Meaning);
                w.WriteStartObject("tolerance");
                w.WriteBoolean("exact", m.Tolerance.Exact);
                w.WriteNumber("relative", m.Tolerance.Relative);
                w.WriteNumber("absolute", m.Tolerance.Absolute);
                w.WriteEndObject();
                w.WriteString("derivation", m.Derivation);
            });
            json.WriteObjectArray("points", report.Results, static (w, r) =>
            {
                w.WriteString("rule", r.Point.Rule);
                w.WriteString("point", r.Point.Id);
                w.WriteStartObject("metrics");
                foreach (var (name, value) in r.Metrics)
                {
                    w.WriteFiniteOrNull(name, value);
                }

                w.WriteEndObject();
            });
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a baseline; every problem is one <see cref="StabilityFileException"/> line.</summary>
    public static BaselineFile Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new StabilityFileException(string.Empty, $"not a stability baseline: not valid JSON ({e.Message.ReplaceLineEndings(" ")})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != Format)
            {
                throw new StabilityFileException("format", $"not a stability baseline (its 'format' field is not '{Format}').");
            }

            if (!root.TryGetProperty("format_version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v) || v != FormatVersion)
            {
                var shown = root.TryGetProperty("format_version", out var f) ? f.GetRawText() : "missing";
                throw new StabilityFileException(
                    "format_version", $"baseline format version {shown} is not supported (this build reads version {FormatVersion}; re-create the baseline with --write-baseline).");
            }

            var toolkit = Text(root, "toolkit_version");
            var hash = Text(root, "settings_hash");
            if (!root.TryGetProperty("grid", out var gridElement))
            {
                throw new StabilityFileException("grid", "the baseline has no 'grid'.");
            }

            StabilityGrid grid;
            try
            {
                grid = GridFile.Interpret(GridNode.ParseJson(gridElement.GetRawText()));
            }
            catch (StabilityFileException e)
            {
                throw new StabilityFileException("grid." + e.Field, $"grid: {e.Message}", e);
            }

            var actual = GridFile.Hash(grid);
            if (actual != hash)
            {
                throw new StabilityFileException(
                    "settings_hash", $"settings_hash {hash} does not match the baseline's grid ({actual}): the grid was edited; re-create the baseline with --write-baseline.");
            }

            var tolerances = new Dictionary<string, Tolerance>();
            foreach (var m in Array(root, "metrics"))
            {
                var name = Text(m, "name");
                var t = m.TryGetProperty("tolerance", out var te) && te.ValueKind == JsonValueKind.Object
                    ? te
                    : throw new StabilityFileException($"metrics.{name}.tolerance", $"metric {name} has no tolerance.");
                var exact = t.TryGetProperty("exact", out var ex) && ex.ValueKind == JsonValueKind.True;
                tolerances[name] = exact ? Tolerance.ExactMatch : Tolerance.Within(Number(t, "relative", name), Number(t, "absolute", name));
            }

            var points = new List<KeyValuePair<(string, string), IReadOnlyDictionary<string, double?>>>();
            foreach (var p in Array(root, "points"))
            {
                var values = new Dictionary<string, double?>();
                if (!p.TryGetProperty("metrics", out var ms) || ms.ValueKind != JsonValueKind.Object)
                {
                    throw new StabilityFileException("points", "a point has no 'metrics' object.");
                }

                foreach (var m in ms.EnumerateObject())
                {
                    values[m.Name] = m.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.Number => m.Value.GetDouble(),
                        _ => throw new StabilityFileException($"points.{m.Name}", $"metric {m.Name} of point {Text(p, "point")} is not a number or null."),
                    };
                }

                points.Add(KeyValuePair.Create((Text(p, "rule"), Text(p, "point")), (IReadOnlyDictionary<string, double?>)values));
            }

            return new BaselineFile(v, toolkit, hash, grid, tolerances, points);
        }
    }

    /// <summary>
    /// Every metric of <paramref name="baseline"/>'s points (restricted to the rules in <paramref name="now"/>'s grid)
    /// that moved beyond its tolerance in <paramref name="now"/>, in baseline order; a point present on one side only
    /// is reported as metric <c>present</c> (1/0). The tolerance is the one stated in the baseline.
    /// </summary>
    public static IReadOnlyList<MetricChange> Compare(BaselineFile baseline, StabilityReport now)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(now);
        var rules = now.Grid.Rules.Select(r => r.Rule).ToHashSet();
        var fresh = now.Results.ToDictionary(r => (r.Point.Rule, r.Point.Id));
        var changes = new List<MetricChange>();
        var seen = new HashSet<(string, string)>();
        foreach (var (key, old) in baseline.Points)
        {
            if (!rules.Contains(key.Rule))
            {
                continue;
            }

            seen.Add(key);
            if (!fresh.TryGetValue(key, out var result))
            {
                changes.Add(new MetricChange(key.Rule, key.Point, "present", 1, 0, Tolerance.ExactMatch));
                continue;
            }

            foreach (var name in old.Keys.Union(result.Metrics.Keys))
            {
                var tolerance = baseline.Tolerances.TryGetValue(name, out var t) ? t : StabilityMetrics.Find(name)?.Tolerance ?? Tolerance.ExactMatch;
                var o = old.TryGetValue(name, out var ov) ? ov : null;
                var n = result[name];
                if (!tolerance.Accepts(o, n))
                {
                    changes.Add(new MetricChange(key.Rule, key.Point, name, o, n, tolerance));
                }
            }
        }

        foreach (var r in now.Results.Where(r => !seen.Contains((r.Point.Rule, r.Point.Id))))
        {
            changes.Add(new MetricChange(r.Point.Rule, r.Point.Id, "present", 0, 1, Tolerance.ExactMatch));
        }

        return changes;
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
        : throw new StabilityFileException(name, $"the baseline's '{name}' is missing or not a string.");

    private static double Number(JsonElement e, string name, string metric) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() >= 0 ? v.GetDouble()
        : throw new StabilityFileException($"metrics.{metric}.tolerance.{name}", $"metric {metric}: tolerance.{name} is missing or not a number >= 0.");

    private static JsonElement.ArrayEnumerator Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray()
        : throw new StabilityFileException(name, $"the baseline's '{name}' is missing or not an array.");
}
