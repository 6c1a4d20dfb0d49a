using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Plasticity.Experiments.Stability;

/// <summary>
/// A parsed grid document, the same for JSON and YAML: a mapping (ordered keys), a sequence, or a scalar's text.
/// Both formats are read into this one tree and interpreted once (<see cref="GridFile"/>), so JSON and YAML give
/// the same grid and the same errors.
/// </summary>
public abstract record GridNode
{
    /// <summary>A mapping; keys in file order.</summary>
    public sealed record Map(IReadOnlyList<KeyValuePair<string, GridNode>> Entries) : GridNode;

    /// <summary>A sequence.</summary>
    public sealed record List(IReadOnlyList<GridNode> Items) : GridNode;

    /// <summary>A scalar: its text (JSON numbers as written, strings unquoted); null for JSON null or YAML ~.</summary>
    public sealed record Scalar(string? Text) : GridNode;

    /// <summary>
    /// Most nodes a document may expand to. YAML aliases refer to one node many times, so a small file can stand for
    /// an exponentially large tree ("billion laughs"); the conversion stops at this budget with an error.
    /// </summary>
    public const int MaxNodes = 100_000;

    /// <summary>Parses <paramref name="text"/> as JSON (if it starts with '{') or YAML.</summary>
    /// <exception cref="StabilityFileException">The text is neither.</exception>
    public static GridNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.TrimStart().StartsWith('{') ? ParseJson(text) : ParseYaml(text);
    }

    /// <summary>Parses JSON (System.Text.Json; comments and trailing commas refused).</summary>
    public static GridNode ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var budget = new Budget();
            return FromJson(document.RootElement, budget);
        }
        catch (JsonException e)
        {
            throw new StabilityFileException(string.Empty, $"not valid JSON: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>Parses YAML (YamlDotNet's representation model: one document).</summary>
    public static GridNode ParseYaml(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1)
            {
                throw new StabilityFileException(string.Empty, $"a grid file holds one YAML document (found {stream.Documents.Count}).");
            }

            var budget = new Budget();
            return FromYaml(stream.Documents[0].RootNode, budget);
        }
        catch (YamlException e)
        {
            throw new StabilityFileException(string.Empty, $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {OneLine(e.Message)}", e);
        }
    }

    private static GridNode FromJson(JsonElement e, Budget budget) => budget.Take() switch
    {
        _ when e.ValueKind == JsonValueKind.Object => new Map(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, FromJson(p.Value, budget))).ToList()),
        _ when e.ValueKind == JsonValueKind.Array => new List(e.EnumerateArray().Select(x => FromJson(x, budget)).ToList()),
        _ when e.ValueKind == JsonValueKind.String => new Scalar(e.GetString()),
        _ when e.ValueKind == JsonValueKind.Null => new Scalar(null),
        _ => new Scalar(e.GetRawText()),
    };

    private static GridNode FromYaml(YamlNode node, Budget budget) => (budget.Take(), node) switch
    {
        (_, YamlMappingNode map) => new Map(map.Children.Select(c => KeyValuePair.Create(Key(c.Key), FromYaml(c.Value, budget))).ToList()),
        (_, YamlSequenceNode seq) => new List(seq.Children.Select(x => FromYaml(x, budget)).ToList()),
        (_, YamlScalarNode s) => new Scalar(s.Style == ScalarStyle.Plain && s.Value is "~" or "null" or "" ? null : s.Value),
        _ => throw new StabilityFileException(string.Empty, $"unsupported YAML node at line {node.Start.Line} (aliases are not read)."),
    };

    private static string Key(YamlNode key) =>
        key is YamlScalarNode { Value: { } v } ? v
        : throw new StabilityFileException(string.Empty, $"a mapping key at line {key.Start.Line} is not a plain name.");

    /// <summary>Counts converted nodes against <see cref="MaxNodes"/>.</summary>
    private sealed class Budget
    {
        private int _used;

        public int Take() =>
            ++_used <= MaxNodes ? _used
            : throw new StabilityFileException(string.Empty, $"the document expands to more than {MaxNodes} nodes (YAML aliases?); a grid file is small.");
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
