using System.Text.Json.Serialization;

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
/// Writes <c>summary.json</c> of <c>plasticity learn</c> through <see cref="JsonEnvelope"/>: the settings, the data, how
/// the run ended, and each theory prediction next to the measured value. Stable snake_case names, no timestamps or
/// absolute paths (the same command gives the same file).
/// </summary>
/// <remarks>
/// Measured quantities (norms, alignments, comparisons, the divergence norm) can be undefined in a diverged or
/// degenerate run; they are written as null (<see cref="JsonEnvelope.OrNull"/>), as they always were.
/// </remarks>
public static class LearnSummaryJson
{
    /// <summary>Format version; bump when fields change meaning.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the file.</summary>
    public static void Write(string path, LearnSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        JsonEnvelope.Write(path, "learn", SchemaVersion, s.CommandLine, Body(s));
    }

    private static SummaryBody Body(LearnSummary s)
    {
        var a = s.Arguments;
        var p = a.Parameters;
        var o = s.Outcome;
        var last = o.Trajectory[^1];
        return new SummaryBody(
            new RuleJson(a.Rule.Name, a.Rule.Equation, new ParametersJson(p.Eta, p.Alpha, p.Theta, p.EtaTheta, p.Target, p.Decay)),
            new TrainingJson(
                a.Outputs, a.Epochs, a.OrderName, a.ModeName, a.BatchSize, a.DivergenceLimit, s.RecordEvery, a.Seed,
                a.InitPath ?? $"seeded {a.Rule.Init.ToString().ToLowerInvariant()}", Matrix(s.InitialWeights)),
            new DataJson(a.DataPath, s.Samples, s.Dimension, a.Center, Vector(s.Mean)),
            new ReferenceJson(
                s.MatrixName, a.Center ? "the centred data" : "the data as read", Vector(s.Reference.Values), Matrix(s.Reference.Vectors.Take(s.K))),
            o.Result.Steps,

            // A diverging step is rejected before it is applied: the final weights are those after updates_applied steps.
            o.Result.UpdatesApplied,
            o.Result.Diverged,
            o.Result.DivergedAtStep,
            Finite(o.Result.DivergenceNorm),
            Vector(last.Norms),
            Vector(last.Alignment),
            o.FirstCrossing,
            new TheoryJson(
                s.Prediction.Target,
                s.Prediction.Note,
                [.. s.Prediction.Comparisons.Select(c => new ComparisonJson(
                    c.Name, c.Output, c.Description, Finite(c.Theory), Finite(c.Measured), Finite(c.Ratio)))]),
            s.Files);
    }

    private static double? Finite(double? value) => value is double v ? JsonEnvelope.OrNull(v) : null;

    private static double?[] Vector(IEnumerable<double> values) => [.. values.Select(JsonEnvelope.OrNull)];

    private static double?[][] Matrix(IEnumerable<double[]> rows) => [.. rows.Select(Vector)];

    /// <summary>summary.json after the envelope header.</summary>
    internal sealed record SummaryBody(
        RuleJson Rule,
        TrainingJson Training,
        DataJson Data,
        ReferenceJson Reference,
        long Steps,
        long UpdatesApplied,
        bool Diverged,
        long? DivergedAtStep,
        double? DivergenceNorm,
        double?[] FinalNorms,
        double?[] FinalAlignment,
        [property: JsonPropertyName("first_step_alignment_0_99")] long?[] FirstStepAlignment,
        TheoryJson Theory,
        IReadOnlyDictionary<string, string> Files);

    internal sealed record RuleJson(string Name, string Equation, ParametersJson Parameters);

    internal sealed record ParametersJson(double Eta, double Alpha, double Theta, double EtaTheta, double Target, double Decay);

    internal sealed record TrainingJson(
        int Outputs,
        int Epochs,
        string Order,
        string Mode,
        int BatchSize,
        double DivergenceLimit,
        int RecordEvery,
        ulong Seed,
        string Init,
        double?[][] InitialWeights);

    internal sealed record DataJson(string File, int Samples, int Dimension, bool Centered, double?[] Mean);

    internal sealed record ReferenceJson(string Matrix, string Of, double?[] Eigenvalues, double?[][] Eigenvectors);

    internal sealed record TheoryJson(string Target, string? Note, IReadOnlyList<ComparisonJson> Comparisons);

    internal sealed record ComparisonJson(
        string Name, int? Output, string Description, double? Theory, double? Measured, double? MeasuredOverTheory);
}
