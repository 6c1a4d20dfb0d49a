using System.Security.Cryptography;

namespace Plasticity.Experiments.Stability;

/// <summary>
/// Reads and writes grid files (JSON or YAML, one schema) and computes the settings hash.
/// </summary>
/// <remarks>
/// <para>Schema: <c>version</c> (optional, must be <see cref="FormatVersion"/>), <c>defaults</c> (fields applied to
/// every rule) and <c>rules</c> (rule name → fields). With <c>rules</c>, only the listed rules run; without it, every
/// rule runs. A rule's grid is its built-in default, then <c>defaults</c>, then its own fields. Fields: the axes
/// <c>eta, dimension, eigengap, input, seed</c> (a value or a list) and the scalars <c>samples, epochs, outputs,
/// mean, divergence_limit, alpha, eta_theta, theta, target, decay, checkpoints</c>; the spiking rules
/// (<see cref="RuleRunner.SpikingNames"/>) read eta as A₊/g_max and dimension as the number of inputs N, and add the
/// axis <c>input_rate_hz</c> and the scalar <c>duration_ms</c> (written only for them).</para>
/// <para>Every error is one <see cref="StabilityFileException"/> naming the field by its path
/// (<c>rules.oja.eta[1]</c>) and the allowed range.</para>
/// </remarks>
public static class GridFile
{
    /// <summary>The grid schema's version.</summary>
    public const int FormatVersion = 1;

    /// <summary>Upper bound on samples × epochs of one point (10⁷ steps, a few seconds).</summary>
    public const long MaxSteps = 10_000_000;

    /// <summary>Upper bound on a spiking point's simulated time (60 s = 6·10⁵ steps of 0.1 ms).</summary>
    public const double MaxSpikingDurationMs = 60_000;

    private static readonly string[] TopFields = ["version", "defaults", "rules"];

    private static readonly string[] Fields =
    [
        "eta", "dimension", "eigengap", "input", "seed", "samples", "epochs", "outputs", "mean", "divergence_limit",
        "alpha", "eta_theta", "theta", "target", "decay", "checkpoints", "input_rate_hz", "duration_ms",
    ];

    /// <summary>Parses a grid file's text (JSON if it starts with '{', otherwise YAML).</summary>
    public static StabilityGrid Read(string text) => Interpret(GridNode.Parse(text));

    /// <summary>Interprets a parsed grid document.</summary>
    public static StabilityGrid Interpret(GridNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root is not GridNode.Map top)
        {
            throw new StabilityFileException(string.Empty, "a grid file is a mapping with the fields 'version', 'defaults' and 'rules'.");
        }

        GridNode.Map? defaults = null;
        GridNode.Map? rules = null;
        foreach (var (key, value) in Unique(top, string.Empty))
        {
            switch (key)
            {
                case "version":
                    _ = Integer(value, "version", FormatVersion, FormatVersion);
                    break;
                case "defaults":
                    defaults = value as GridNode.Map ?? throw new StabilityFileException("defaults", "defaults must be a mapping of fields.");
                    break;
                case "rules":
                    rules = value as GridNode.Map ?? throw new StabilityFileException("rules", "rules must be a mapping of rule name → fields.");
                    break;
                default:
                    throw new StabilityFileException(key, $"unknown field '{key}' (allowed: {string.Join(", ", TopFields)}).");
            }
        }

        var own = new Dictionary<string, GridNode.Map?>();
        if (rules is not null)
        {
            foreach (var (name, value) in Unique(rules, "rules"))
            {
                if (!RuleRunner.Names.Contains(name))
                {
                    throw new StabilityFileException($"rules.{name}", $"rules.{name}: unknown rule (allowed: {string.Join('|', RuleRunner.Names)}).");
                }

                own[name] = value switch
                {
                    GridNode.Map m => m,
                    GridNode.Scalar { Text: null } => null,
                    _ => throw new StabilityFileException($"rules.{name}", $"rules.{name} must be a mapping of fields (or empty for the defaults)."),
                };
            }
        }

        var grids = new List<RuleGrid>();
        foreach (var name in RuleRunner.Names)
        {
            if (rules is not null && !own.ContainsKey(name))
            {
                continue;
            }

            var grid = StabilityGrid.DefaultFor(name);
            if (defaults is not null)
            {
                grid = ApplyAll(grid, defaults, "defaults");
            }

            if (own.TryGetValue(name, out var fields) && fields is not null)
            {
                grid = ApplyAll(grid, fields, $"rules.{name}");
            }

            grids.Add(Check(grid, rules is not null && own.ContainsKey(name) ? $"rules.{name}" : "defaults"));
        }

        if (grids.Count == 0)
        {
            throw new StabilityFileException("rules", "rules lists no rule.");
        }

        return new StabilityGrid(grids);
    }

    /// <summary>Writes <paramref name="grid"/> with every field explicit (a grid file that reproduces it exactly).</summary>
    public static void Write(Utf8JsonWriter json, StabilityGrid grid)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(grid);
        json.WriteStartObject();
        json.WriteNumber("version", FormatVersion);
        json.WriteStartObject("rules");
        foreach (var g in grid.Rules)
        {
            json.WriteStartObject(g.Rule);
            json.WriteNumberArray("eta", g.Eta);
            json.WriteNumberArray("dimension", g.Dimension);
            json.WriteNumberArray("eigengap", g.Eigengap);
            json.WriteStringArray("input", g.Input.Select(i => GridNames.Input(i)));
            json.WriteNumberArray("seed", g.Seed);
            json.WriteNumber("samples", g.Samples);
            json.WriteNumber("epochs", g.Epochs);
            json.WriteNumber("outputs", g.Outputs);
            json.WriteNumber("mean", g.Mean);
            json.WriteNumber("divergence_limit", g.DivergenceLimit);
            json.WriteNumber("alpha", g.Alpha);
            json.WriteNumber("eta_theta", g.EtaTheta);
            json.WriteNumber("theta", g.Theta);
            json.WriteNumber("target", g.Target);
            json.WriteNumber("decay", g.Decay);
            json.WriteNumber("checkpoints", g.Checkpoints);
            if (RuleRunner.IsSpiking(g.Rule))
            {
                json.WriteNumberArray("input_rate_hz", g.InputRateHz);
                json.WriteNumber("duration_ms", g.DurationMs);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The settings hash: SHA-256 (hex) of the grid written compactly by <see cref="Write"/>. It depends only on the
    /// settings (not on git, the machine or the results), so a baseline whose grid was edited is recognised.
    /// </summary>
    public static string Hash(StabilityGrid grid)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, grid);
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static IEnumerable<(string Key, GridNode Value)> Unique(GridNode.Map map, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            var field = path.Length == 0 ? key : $"{path}.{key}";
            if (!seen.Add(key))
            {
                throw new StabilityFileException(field, $"{field} is given twice.");
            }

            yield return (key, value);
        }
    }

    private static RuleGrid ApplyAll(RuleGrid grid, GridNode.Map fields, string path)
    {
        foreach (var (key, value) in Unique(fields, path))
        {
            grid = Apply(grid, key, value, $"{path}.{key}");
        }

        return grid;
    }

    private static RuleGrid Apply(RuleGrid g, string key, GridNode v, string path) => key switch
    {
        "eta" => g with { Eta = Axis(v, path, p => Real(p.Node, p.Path, x => x > 0, "a finite number > 0")) },
        "dimension" => g with { Dimension = Axis(v, path, p => Integer(p.Node, p.Path, 2, 256)) },
        "eigengap" => g with { Eigengap = Axis(v, path, p => Real(p.Node, p.Path, x => x > 0 && x < 1, "a number in (0, 1)")) },
        "input" => g with { Input = Axis(v, path, p => Input(p.Node, p.Path)) },
        "seed" => g with { Seed = Axis(v, path, p => Seed(p.Node, p.Path)) },
        "samples" => g with { Samples = Integer(v, path, 1, 1_000_000) },
        "epochs" => g with { Epochs = Integer(v, path, 1, 10_000) },
        "outputs" => g with { Outputs = Integer(v, path, 1, 256) },
        "mean" => g with { Mean = Real(v, path, _ => true, "a finite number") },
        "divergence_limit" => g with { DivergenceLimit = Real(v, path, x => x > 0, "a finite number > 0") },
        "alpha" => g with { Alpha = Real(v, path, x => x > 0, "a finite number > 0") },
        "eta_theta" => g with { EtaTheta = Real(v, path, x => x > 0 && x <= 1, "a number in (0, 1]") },
        "theta" => g with { Theta = Real(v, path, x => x >= 0, "a finite number >= 0") },
        "target" => g with { Target = Real(v, path, _ => true, "a finite number") },
        "decay" => g with { Decay = Real(v, path, _ => true, "a finite number") },
        "checkpoints" => g with { Checkpoints = Integer(v, path, 2, 1000) },
        "input_rate_hz" => g with { InputRateHz = Axis(v, path, p => Real(p.Node, p.Path, x => x > 0 && x <= 1000, "a number in (0, 1000] (Hz)")) },
        "duration_ms" => g with { DurationMs = Real(v, path, x => x > 0 && x <= MaxSpikingDurationMs, $"a number in (0, {MaxSpikingDurationMs}] (ms)") },
        _ => throw new StabilityFileException(path, $"unknown field {path} (allowed: {string.Join(", ", Fields)})."),
    };

    /// <summary>Cross-field checks of one rule's grid.</summary>
    private static RuleGrid Check(RuleGrid g, string path)
    {
        if (RuleRunner.IsSpiking(g.Rule))
        {
            if (g.Eta.Max() > 1)
            {
                throw new StabilityFileException($"{path}.eta", $"{path}.eta must be in (0, 1] for {g.Rule} (A₊/g_max; got {g.Eta.Max().ToString("R", CultureInfo.InvariantCulture)}).");
            }
        }
        else if (g.InputRateHz.Count > 0 || g.DurationMs > 0)
        {
            var field = g.InputRateHz.Count > 0 ? "input_rate_hz" : "duration_ms";
            throw new StabilityFileException($"{path}.{field}", $"{path}.{field} applies only to the spiking rules {string.Join('|', RuleRunner.SpikingNames)} (not {g.Rule}).");
        }

        if (g.Outputs > 1 && g.Rule is not ("gha" or "subspace" or "competitive"))
        {
            throw new StabilityFileException($"{path}.outputs", $"{path}.outputs must be 1 for the single-output rule {g.Rule} (got {g.Outputs}).");
        }

        if (g.Outputs > g.Dimension.Min())
        {
            throw new StabilityFileException($"{path}.outputs", $"{path}.outputs must be at most the smallest dimension {g.Dimension.Min()} (got {g.Outputs}).");
        }

        if (g.Rule == "competitive" && g.Eta.Max() > 1)
        {
            throw new StabilityFileException($"{path}.eta", $"{path}.eta must be in (0, 1] for competitive learning (got {g.Eta.Max().ToString("R", CultureInfo.InvariantCulture)}).");
        }

        if ((long)g.Samples * g.Epochs > MaxSteps)
        {
            throw new StabilityFileException($"{path}.epochs", $"{path}.samples × epochs must be at most {MaxSteps} steps per point (got {(long)g.Samples * g.Epochs}).");
        }

        return g;
    }

    private static T[] Axis<T>(GridNode node, string path, Func<(GridNode Node, string Path), T> item)
    {
        var values = node switch
        {
            GridNode.List { Items.Count: 0 } => throw new StabilityFileException(path, $"{path} must list at least one value."),
            GridNode.List list => list.Items.Select((n, k) => item((n, $"{path}[{k}]"))).ToArray(),
            _ => [item((node, path))],
        };
        for (var k = 1; k < values.Length; k++)
        {
            if (Array.IndexOf(values, values[k]) < k)
            {
                throw new StabilityFileException($"{path}[{k}]", $"{path}[{k}] repeats the value {Text(values[k])} (each point must be distinct).");
            }
        }

        return values;
    }

    private static string Text<T>(T value) => value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? string.Empty;

    private static string Scalar(GridNode node, string path, string allowed) =>
        node is GridNode.Scalar { Text: { } text } ? text.Trim()
        : throw new StabilityFileException(path, $"{path} must be {allowed} (got {(node is GridNode.Scalar ? "null" : node is GridNode.List ? "a list" : "a mapping")}).");

    private static double Real(GridNode node, string path, Func<double, bool> accept, string allowed)
    {
        var text = Scalar(node, path, allowed);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && accept(v)
            ? v
            : throw new StabilityFileException(path, $"{path} must be {allowed} (got '{text}').");
    }

    private static int Integer(GridNode node, string path, int min, int max)
    {
        var allowed = min == max ? $"{min}" : $"an integer in [{min}, {max}]";
        var text = Scalar(node, path, allowed);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new StabilityFileException(path, $"{path} must be {allowed} (got '{text}').");
    }

    private static ulong Seed(GridNode node, string path)
    {
        var allowed = $"an integer in [0, {ulong.MaxValue}]";
        var text = Scalar(node, path, allowed);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new StabilityFileException(path, $"{path} must be {allowed} (got '{text}').");
    }

    private static InputKind Input(GridNode node, string path)
    {
        var allowed = $"one of {GridNames.AllowedInputs}";
        var text = Scalar(node, path, allowed);
        return GridNames.ParseInput(text) ?? throw new StabilityFileException(path, $"{path} must be {allowed} (got '{text}').");
    }
}
