using System.Text.Encodings.Web;

namespace Plasticity.Cli.Output;

/// <summary>
/// Small helpers for the <see cref="Utf8JsonWriter"/> result files: non-finite numbers become <c>null</c> (never an
/// exception after a long run), vectors and matrices as nested arrays.
/// </summary>
public static class JsonValues
{
    /// <summary>Writer options of every result file: indented, no escaping of non-ASCII (Greek letters stay readable).</summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="write"/>'s object to <paramref name="path"/>, ending with a line break.</summary>
    public static void WriteFile(string path, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        AtomicFile.Write(path, stream =>
        {
            using (var json = new Utf8JsonWriter(stream, Options))
            {
                write(json);
            }

            stream.WriteByte((byte)'\n');
        });
    }

    /// <summary>A named number, or null when missing or not finite.</summary>
    public static void Real(Utf8JsonWriter json, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WritePropertyName(name);
        Real(json, value);
    }

    /// <summary>A number value, or null when missing or not finite.</summary>
    public static void Real(Utf8JsonWriter json, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumberValue(v);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    /// <summary>A named array of numbers.</summary>
    public static void Vector(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(values);
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            Real(json, v);
        }

        json.WriteEndArray();
    }

    /// <summary>A named array of arrays of numbers (rows).</summary>
    public static void Matrix(Utf8JsonWriter json, string name, IEnumerable<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(rows);
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            json.WriteStartArray();
            foreach (var v in row)
            {
                Real(json, v);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>A named array of strings.</summary>
    public static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(values);
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }
}
