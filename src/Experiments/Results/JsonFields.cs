namespace Plasticity.Experiments.Results;

/// <summary>
/// The JSON field shapes every writer of the experiments layer repeats (results store settings, stability baseline and
/// grid, capacity results, the verify report): a named array of numbers, strings or objects, and a real that is written as
/// null when it is not finite (JSON has no NaN or ∞). Doubles keep Utf8JsonWriter's shortest round-trip form.
/// </summary>
public static class JsonFields
{
    /// <summary>Writes <c>"name": [v, …]</c>.</summary>
    public static void WriteNumberArray(this Utf8JsonWriter json, string name, IEnumerable<double> values) =>
        WriteArray(json, name, values, static (w, v) => w.WriteNumberValue(v));

    /// <summary>Writes <c>"name": [n, …]</c> of whole numbers.</summary>
    public static void WriteNumberArray(this Utf8JsonWriter json, string name, IEnumerable<int> values) =>
        WriteArray(json, name, values, static (w, v) => w.WriteNumberValue(v));

    /// <summary>Writes <c>"name": [n, …]</c> of unsigned whole numbers (seeds).</summary>
    public static void WriteNumberArray(this Utf8JsonWriter json, string name, IEnumerable<ulong> values) =>
        WriteArray(json, name, values, static (w, v) => w.WriteNumberValue(v));

    /// <summary>Writes <c>"name": ["s", …]</c>.</summary>
    public static void WriteStringArray(this Utf8JsonWriter json, string name, IEnumerable<string> values) =>
        WriteArray(json, name, values, static (w, v) => w.WriteStringValue(v));

    /// <summary>Writes <c>"name": [{…}, …]</c>: one object per item, its fields written by <paramref name="writeFields"/>.</summary>
    public static void WriteObjectArray<T>(this Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        ArgumentNullException.ThrowIfNull(writeFields);
        WriteArray(json, name, items, (w, item) =>
        {
            w.WriteStartObject();
            writeFields(w, item);
            w.WriteEndObject();
        });
    }

    /// <summary>Writes <c>"name": v</c> when v is a finite number, else <c>"name": null</c>.</summary>
    public static void WriteFiniteOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T> values, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(values);
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            write(json, v);
        }

        json.WriteEndArray();
    }
}
