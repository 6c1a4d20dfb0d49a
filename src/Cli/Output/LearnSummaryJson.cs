using System.Text.Json;
using Plasticity.Analysis;
using Plasticity.Cli.Arguments;
using Plasticity.Cli.Learning;
using Plasticity.Cli.Theory;

namespace Plasticity.Cli.Output;

/// <summary>The facts about a learning run that go into <c>summary.json</c> and the terminal summary.</summary>
/// <param name="Arguments">Validated options.</param>
/// <param name="CommandLine">The arguments as typed.</param>
/// <param name="Samples">Number of samples.</param>
/// <param name="Dimension">Input dimension d.</param>
/// <param name="Mean">Mean of the data as read (before centring).</param>
/// <param name="Reference">Eigenpairs of the reference matrix.</param>
/// <param name="MatrixName">"correlation" or "covariance".</param>
/// <param name="K">Number of reference eigenvectors in the trajectory.</param>
/// <param name="RecordEvery">Record interval actually used.</param>
/// <param name="InitialWeights">Initial weights (rows).</param>
/// <param name="Outcome">The run.</param>
/// <param name="Prediction">Theory next to the measurements.</param>
/// <param name="Files">Output file names by kind.</param>
public sealed record LearnSummary(
    LearnArguments Arguments,
    IReadOnlyList<string> CommandLine,
    int Samples,
    int Dimension,
    double[] Mean,
    Eigenpairs Reference,
    string MatrixName,
    int K,
    int RecordEvery,
    double[][] InitialWeights,
    LearnOutcome Outcome,
    LearnPrediction Prediction,
    IReadOnlyDictionary<string, string> Files);

/// <summary>
/// Writes <c>summary.json</c> of <c>plasticity learn</c>: the settings, the data, how the run ended, and each theory
/// prediction next to the measured value. Stable snake_case names, no timestamps or absolute paths (the same command
/// gives the same file).
/// </summary>
public static class LearnSummaryJson
{
    /// <summary>Format version; bump when fields change meaning.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the file.</summary>
    public static void Write(string path, LearnSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        JsonValues.WriteFile(path, json => WriteObject(json, s));
    }

    private static void WriteObject(Utf8JsonWriter json, LearnSummary s)
    {
        var a = s.Arguments;
        var p = a.Parameters;
        var o = s.Outcome;
        json.WriteStartObject();
        json.WriteNumber("schema_version", SchemaVersion);
        json.WriteString("command", "learn");
        JsonValues.Strings(json, "arguments", s.CommandLine);

        json.WriteStartObject("rule");
        json.WriteString("name", a.Rule.Name);
        json.WriteString("equation", a.Rule.Equation);
        json.WriteStartObject("parameters");
        JsonValues.Real(json, "eta", p.Eta);
        JsonValues.Real(json, "alpha", p.Alpha);
        JsonValues.Real(json, "theta", p.Theta);
        JsonValues.Real(json, "eta_theta", p.EtaTheta);
        JsonValues.Real(json, "target", p.Target);
        JsonValues.Real(json, "decay", p.Decay);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("training");
        json.WriteNumber("outputs", a.Outputs);
        json.WriteNumber("epochs", a.Epochs);
        json.WriteString("order", a.OrderName);
        json.WriteString("mode", a.ModeName);
        json.WriteNumber("batch_size", a.BatchSize);
        JsonValues.Real(json, "divergence_limit", a.DivergenceLimit);
        json.WriteNumber("record_every", s.RecordEvery);
        json.WriteNumber("seed", a.Seed);
        json.WriteString("init", a.InitPath is null ? $"seeded {a.Rule.Init.ToString().ToLowerInvariant()}" : a.InitPath);
        JsonValues.Matrix(json, "initial_weights", s.InitialWeights);
        json.WriteEndObject();

        json.WriteStartObject("data");
        json.WriteString("file", a.DataPath);
        json.WriteNumber("samples", s.Samples);
        json.WriteNumber("dimension", s.Dimension);
        json.WriteBoolean("centered", a.Center);
        JsonValues.Vector(json, "mean", s.Mean);
        json.WriteEndObject();

        json.WriteStartObject("reference");
        json.WriteString("matrix", s.MatrixName);
        json.WriteString("of", a.Center ? "the centred data" : "the data as read");
        JsonValues.Vector(json, "eigenvalues", s.Reference.Values);
        JsonValues.Matrix(json, "eigenvectors", s.Reference.Vectors.Take(s.K));
        json.WriteEndObject();

        json.WriteNumber("steps", o.Result.Steps);

        // A diverging step is rejected before it is applied: the final weights are those after updates_applied steps.
        json.WriteNumber("updates_applied", o.Result.UpdatesApplied);
        json.WriteBoolean("diverged", o.Result.Diverged);
        if (o.Result.DivergedAtStep is long at)
        {
            json.WriteNumber("diverged_at_step", at);
        }
        else
        {
            json.WriteNull("diverged_at_step");
        }

        JsonValues.Real(json, "divergence_norm", o.Result.DivergenceNorm);
        var last = o.Trajectory[^1];
        JsonValues.Vector(json, "final_norms", last.Norms);
        JsonValues.Vector(json, "final_alignment", last.Alignment);
        json.WriteStartArray("first_step_alignment_0_99");
        foreach (var step in o.FirstCrossing)
        {
            if (step is long v)
            {
                json.WriteNumberValue(v);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();

        json.WriteStartObject("theory");
        json.WriteString("target", s.Prediction.Target);
        if (s.Prediction.Note is null)
        {
            json.WriteNull("note");
        }
        else
        {
            json.WriteString("note", s.Prediction.Note);
        }

        json.WriteStartArray("comparisons");
        foreach (var c in s.Prediction.Comparisons)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            if (c.Output is int output)
            {
                json.WriteNumber("output", output);
            }
            else
            {
                json.WriteNull("output");
            }

            json.WriteString("description", c.Description);
            JsonValues.Real(json, "theory", c.Theory);
            JsonValues.Real(json, "measured", c.Measured);
            JsonValues.Real(json, "measured_over_theory", c.Ratio);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("files");
        foreach (var (kind, name) in s.Files)
        {
            json.WriteString(kind, name);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
