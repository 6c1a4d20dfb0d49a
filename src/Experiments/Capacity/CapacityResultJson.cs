namespace Plasticity.Experiments.Capacity;

/// <summary>
/// A capacity point's result in a results store: its raw trials, from which <see cref="CapacityResult"/> recomputes
/// every statistic, so a result read back is bit-identical to the one computed (doubles are written in the shortest
/// round-trip form).
/// </summary>
/// <remarks>
/// Format: <c>{"trials":[{"index":t,"error_bits":…,"total_bits":…,"nonconverged":…,"overlaps":[…]}, …]}</c>, trials in
/// index order.
/// </remarks>
public static class CapacityResultJson
{
    /// <summary>The JSON of <paramref name="result"/>'s trials.</summary>
    public static string Write(CapacityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteObjectArray("trials", result.TrialResults, static (w, trial) =>
            {
                w.WriteNumber("index", trial.Index);
                w.WriteNumber("error_bits", trial.ErrorBits);
                w.WriteNumber("total_bits", trial.TotalBits);
                w.WriteNumber("nonconverged", trial.NonConverged);
                w.WriteNumberArray("overlaps", trial.Overlaps);
            });
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Rebuilds the result of <paramref name="point"/> from its stored JSON.</summary>
    /// <exception cref="ResultStoreException">The JSON is not a capacity result with the settings' trial count.</exception>
    public static CapacityResult Read(CapacityPoint point, CapacitySettings settings, string text)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var trials = document.RootElement.GetProperty("trials").EnumerateArray()
                .Select(t => new CapacityTrial(
                    t.GetProperty("index").GetInt32(),
                    t.GetProperty("error_bits").GetInt64(),
                    t.GetProperty("total_bits").GetInt64(),
                    [.. t.GetProperty("overlaps").EnumerateArray().Select(o => o.GetDouble())],
                    t.GetProperty("nonconverged").GetInt32()))
                .ToArray();
            if (trials.Length != settings.Trials || trials.Where((t, i) => t.Index != i || t.TotalBits <= 0 || t.Overlaps.Length == 0).Any())
            {
                throw new ResultStoreException($"stored result of {CapacitySweepSpec.Key(point)} does not hold trials 0…{settings.Trials - 1}");
            }

            return new CapacityResult(point, settings, trials);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ResultStoreException($"stored result of {CapacitySweepSpec.Key(point)} is unreadable: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
