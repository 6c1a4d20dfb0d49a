using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Plasticity.Cli.Output;

/// <summary>
/// The one JSON result file of every command, built from result records with System.Text.Json:
/// <c>{"schema_version": v, "command": "…", "arguments": [as typed], …the body record's properties…}</c>, written
/// atomically.
/// </summary>
/// <remarks>
/// <para>How a command uses it:</para>
/// <code>
/// public sealed record Settings(int Trials, double CueFlip);
/// public sealed record Row(int N, double Alpha, double ErrorRate, double? Theory);
/// public sealed record Body(Settings Settings, IReadOnlyList&lt;Row&gt; Results);
/// JsonEnvelope.Write(path, "capacity", 1, context.CommandLine, new Body(settings, rows));
/// // {"schema_version": 1, "command": "capacity", "arguments": [...], "settings": {"trials": ..., "cue_flip": ...}, "results": [...]}
/// </code>
/// <para>Property names are snake_case (<c>ErrorRate</c> → <c>error_rate</c>; dictionary keys are written as given),
/// numbers in the shortest round-trip form, non-ASCII text unescaped (Greek letters stay readable), two-space
/// indentation and a final line break, no timestamps: the same command gives the same bytes. A <c>double?</c> that is
/// null is written as null; a NaN or ±∞ anywhere refuses the whole file with a <see cref="NonFiniteValueException"/>
/// naming the field (<c>results[3].error_rate</c>), so no file ever holds a non-number.</para>
/// <para>A command's body type is listed in <see cref="ResultJsonContext"/> (compile-time metadata, which the Native
/// AOT build needs; the JIT build would also describe an unlisted type by reflection, so only the AOT build, e.g.
/// <c>scripts/docs-figures.sh --check</c> given the native executable, shows a missing entry).</para>
/// </remarks>
public static class JsonEnvelope
{
    /// <summary>Stands in for a non-finite number during serialisation; NUL characters never occur in result text.</summary>
    private const string NonFiniteMark = "\u0000non-finite\u0000";

    /// <summary>The serializer options of every result file.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writes the file (atomically: a failure leaves no partial file under the final name).</summary>
    /// <exception cref="NonFiniteValueException">A number in <paramref name="body"/> is NaN or ±∞; nothing is written.</exception>
    public static void Write<TBody>(string path, string command, int schemaVersion, IEnumerable<string> arguments, TBody body)
        where TBody : notnull
    {
        var bytes = ToBytes(command, schemaVersion, arguments, body);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The file's bytes (UTF-8, final line break), for tests and for writers that need the text.</summary>
    /// <exception cref="NonFiniteValueException">A number in <paramref name="body"/> is NaN or ±∞.</exception>
    public static byte[] ToBytes<TBody>(string command, int schemaVersion, IEnumerable<string> arguments, TBody body)
        where TBody : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(body);
        var element = JsonSerializer.SerializeToElement(body, (JsonTypeInfo<TBody>)Options.GetTypeInfo(typeof(TBody)));
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"the body must serialise to a JSON object, not {element.ValueKind}.", nameof(body));
        }

        RefuseNonFinite(element, string.Empty);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonValues.Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", schemaVersion);
            json.WriteString("command", command);
            JsonValues.Strings(json, "arguments", arguments);
            foreach (var property in element.EnumerateObject())
            {
                property.WriteTo(json);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>
    /// <paramref name="value"/>, or null when it is not finite: for a quantity that is undefined in some cases by its
    /// nature (a time constant 1/gap with gap 0 is ∞), written as null on purpose. Any other number stays a
    /// <c>double</c>, so a NaN that is a bug refuses the file.
    /// </summary>
    public static double? OrNull(double value) => double.IsFinite(value) ? value : null;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = JsonValues.Options.Encoder,
            WriteIndented = true,

            // The bodies' metadata is generated at compile time (ResultJsonContext), which the Native AOT build needs;
            // a type not listed there (a test's own record) is described by reflection where the runtime has it.
            TypeInfoResolver = ReflectionAvailable ? WithReflectionFallback(ResultJsonContext.Default) : ResultJsonContext.Default,
        };
        options.Converters.Add(new FiniteDoubleConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Whether the runtime has the reflection-based serializer: the JIT build does; the Native AOT build is published
    /// without it (JsonSerializerIsReflectionEnabledByDefault false, a trimming feature switch), so there this is the
    /// constant false and the compiler removes <see cref="WithReflectionFallback"/> with the branch that calls it.
    /// </summary>
    [FeatureSwitchDefinition("System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault")]
    private static bool ReflectionAvailable => JsonSerializer.IsReflectionEnabledByDefault;

    /// <summary><paramref name="generated"/> first, then reflection for any other type (the JIT build only).</summary>
    /// <remarks>
    /// The source analyzer cannot see that its only caller is guarded by a feature switch (a FeatureGuard needs another
    /// guard to build on, and the framework has none for trimming); the AOT compiler can: published without the
    /// suppressions and without the analyzer, it reports nothing here, because this method is not compiled at all.
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Called only when ReflectionAvailable, a feature switch that is false (the call removed) in the trimmed Native AOT build.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Called only when ReflectionAvailable, a feature switch that is false (the call removed) in the trimmed Native AOT build.")]
    private static IJsonTypeInfoResolver WithReflectionFallback(IJsonTypeInfoResolver generated) =>
        JsonTypeInfoResolver.Combine(generated, new DefaultJsonTypeInfoResolver());

    private static void RefuseNonFinite(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    RefuseNonFinite(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    RefuseNonFinite(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String when element.GetString() is string text && text.StartsWith(NonFiniteMark, StringComparison.Ordinal):
                throw new NonFiniteValueException(path, text[NonFiniteMark.Length..]);
        }
    }

    /// <summary>
    /// Writes finite doubles as numbers and marks a non-finite one, so the refusal can name the field with its full
    /// path (the serializer's own error names neither array indices nor JSON names).
    /// </summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteStringValue(NonFiniteMark + (double.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity"));
            }
        }
    }
}
