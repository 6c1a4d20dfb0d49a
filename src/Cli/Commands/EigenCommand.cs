using System.CommandLine;
using System.Text.Json;
using Plasticity.Analysis;
using Plasticity.Cli.Arguments;
using Plasticity.Cli.Learning;
using Plasticity.Cli.Output;
using Plasticity.Core.Data;
using Spectre.Console;

namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity eigen</c>: eigen-analysis of a CSV of samples: eigenvalues (descending) and eigenvectors of the
/// correlation C and the covariance C⁰, the mean, and each rule's predicted fixed point and time constants, all from
/// <see cref="HebbianTheory"/>. Prints a table and writes <c>eigen.json</c>.
/// </summary>
/// <remarks>
/// Times are given in units of 1/η (continuous time t = η·steps) and, for the given <c>--eta</c>, in steps.
/// Statistics use the 1/n normalisation (the empirical distribution an online rule cycling through the data sees).
/// </remarks>
public static class EigenCommand
{
    /// <summary>Result file name.</summary>
    public const string JsonFile = "eigen.json";

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = Text("--data", string.Empty, "CSV file of samples (required).");
        var output = Text("--out", "results/eigen", $"Output directory for {JsonFile}.");
        var center = new Option<bool>("--center") { Description = "Subtract the data mean first (then C = C⁰)." };
        var alpha = Text("--alpha", "1", "Oja α > 0 for the predicted norm 1/√α.");
        var outputs = Text("--outputs", "1", "Number k of GHA outputs for the GHA predictions, in [1, d].");
        var eta = Text("--eta", "0.005", "Learning rate η > 0 used to convert times to steps.");
        var command = new Command("eigen", "Eigenvalues and eigenvectors of the data's correlation and covariance, with each rule's predictions (JSON).")
        {
            data, output, center, alpha, outputs, eta,
        };
        command.SetAction(parse => Execute(
            parse.GetValue(data), parse.GetValue(output), parse.GetValue(center), parse.GetValue(alpha),
            parse.GetValue(outputs), parse.GetValue(eta), context));
        return command;
    }

    /// <summary>Validates, analyses and writes; bad options and data files exit with 2 and one line on stderr.</summary>
    public static int Execute(
        string? dataText, string? outText, bool center, string? alphaText, string? outputsText, string? etaText, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string dataPath, directory, shownOut;
        double alpha, eta;
        int k;
        Dataset read;
        try
        {
            dataPath = OptionValues.Path("--data", dataText, "the path of a CSV file of samples");
            shownOut = OptionValues.OutputPath("--out", outText, "a directory path");
            alpha = OptionValues.Positive("--alpha", alphaText);
            eta = OptionValues.Positive("--eta", etaText);
            read = DataLimits.Read(dataPath);
            MemoryBudget.Require(
                "--data",
                DataMemory.Eigen(read.Count, read.Dimension, center),
                $"eigen of {dataPath} ({read.Count} samples × {read.Dimension} columns)",
                $"it needs about {DataMemory.EigenBytesPerSquaredDimension}·d² bytes (d×d matrices and their JSON), so use data with at most about "
                + $"{DataMemory.LargestDimension(MemoryBudget.Usable, DataMemory.EigenBytesPerSquaredDimension)} columns");
            k = OptionValues.Integer("--outputs", outputsText, 1, read.Dimension);
            directory = OutputDirectoryProbe.EnsureWritable(shownOut);
        }
        catch (UsageException e)
        {
            ErrorText.WriteError(context.Error, e.Message);
            return ExitCodes.Usage;
        }
        catch (DataFileException e)
        {
            ErrorText.WriteError(context.Error, ErrorText.DataFile("--data", e));
            return ExitCodes.Usage;
        }

        var data = center ? read.Centered() : read;
        var rows = new double[data.Count][];
        for (var s = 0; s < data.Count; s++)
        {
            rows[s] = data.Sample(s).ToArray();
        }

        var correlation = ScaledSpectrum.Correlation(rows);
        var covariance = ScaledSpectrum.Covariance(rows);
        var predictions = HebbianTheory.ruleTimeConstants(correlation, eta, k);
        var covariancePredictions = HebbianTheory.ruleTimeConstants(covariance, eta, k);
        var mean = HebbianTheory.mean(rows);

        var path = Path.Combine(directory, JsonFile);
        JsonValues.WriteFile(path, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", 1);
            json.WriteString("command", "eigen");
            JsonValues.Strings(json, "arguments", context.CommandLine);
            json.WriteStartObject("data");
            json.WriteString("file", dataPath);
            json.WriteNumber("samples", data.Count);
            json.WriteNumber("dimension", data.Dimension);
            json.WriteBoolean("centered", center);
            json.WriteString("normalisation", "1/n (empirical distribution)");
            JsonValues.Vector(json, "mean", mean);
            json.WriteEndObject();
            Pairs(json, "correlation", correlation);
            Pairs(json, "covariance", covariance);
            JsonValues.Real(json, "eta", eta);
            JsonValues.Real(json, "alpha", alpha);
            json.WriteNumber("outputs", k);
            json.WriteStartObject("predictions");
            Hebbian(json, "hebb", "direction ±e1 of C, ‖w‖ grows without bound (averaged: w(t) = Σ_k (w0·e_k) e^{λ_k t} e_k)", correlation, predictions);
            Hebbian(json, "covariance", "direction ±e1 of C⁰ (the principal component), ‖w‖ grows without bound", covariance, covariancePredictions);
            json.WriteStartObject("oja");
            json.WriteString("fixed_point", "±e1 of C with ‖w‖ = 1/√α");
            JsonValues.Vector(json, "direction", correlation.Vectors[0]);
            JsonValues.Real(json, "norm", HebbianTheory.ojaFixedPointNorm(alpha));
            JsonValues.Real(json, "time_constant", predictions.OjaTimeConstant);
            JsonValues.Real(json, "time_constant_steps", predictions.OjaTimeConstantSteps);
            JsonValues.Real(json, "norm_relaxation_time", predictions.OjaNormRelaxationTime);
            JsonValues.Real(json, "norm_relaxation_steps", predictions.OjaNormRelaxationTime / eta);
            JsonValues.Vector(json, "linearised_rates", HebbianTheory.ojaLinearisedRates(correlation.Values, 0));
            json.WriteEndObject();
            json.WriteStartObject("gha");
            json.WriteString("fixed_point", $"rows ±e1..±e{k} of C in order, W Wᵀ = I");
            JsonValues.Matrix(json, "targets", HebbianTheory.ghaTargets(correlation, k));
            JsonValues.Real(json, "slowest_rate", predictions.GhaSlowestRate);
            JsonValues.Real(json, "time_constant", predictions.GhaTimeConstant);
            JsonValues.Real(json, "time_constant_steps", predictions.GhaTimeConstantSteps);
            json.WriteEndObject();
            json.WriteStartObject("subspace");
            json.WriteString("fixed_point", $"rows an orthonormal basis of span(e1..e{k}) of C");
            json.WriteEndObject();
            json.WriteStartObject("scaling");
            json.WriteString("fixed_point", "weights rescaled until ⟨y⟩ = y_target; weight ratios unchanged (scalingFactor)");
            json.WriteEndObject();
            json.WriteStartObject("instar");
            json.WriteString("fixed_point", "w = E[y x]/E[y] (instarFixedPoint; depends on the responses y)");
            json.WriteEndObject();
            json.WriteStartObject("outstar");
            json.WriteString("fixed_point", "w_ij = E[x_j y_i]/E[x_j] (outstarFixedPoint)");
            json.WriteEndObject();
            json.WriteStartObject("bcm");
            json.WriteString("fixed_point", "for one-hot inputs with probabilities p_j: selective y_j = 1/p_j for one j, 0 otherwise (BcmTheory.selectiveFixedPoint); θ → ⟨y²⟩");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        });

        Print(context, correlation, covariance, predictions, covariancePredictions, alpha, eta, Path.Combine(shownOut, JsonFile));
        return ExitCodes.Success;
    }

    private static void Pairs(Utf8JsonWriter json, string name, Eigenpairs pairs)
    {
        json.WriteStartObject(name);
        JsonValues.Vector(json, "eigenvalues", pairs.Values);
        JsonValues.Matrix(json, "eigenvectors", pairs.Vectors);
        json.WriteEndObject();
    }

    private static void Hebbian(Utf8JsonWriter json, string name, string fixedPoint, Eigenpairs pairs, RulePredictions p)
    {
        json.WriteStartObject(name);
        json.WriteString("fixed_point", fixedPoint);
        JsonValues.Vector(json, "direction", pairs.Vectors[0]);
        JsonValues.Real(json, "growth_rate", p.HebbGrowthRate);
        JsonValues.Real(json, "growth_rate_per_step", p.HebbGrowthRatePerStep);
        json.WriteEndObject();
    }

    private static void Print(
        CommandContext context, Eigenpairs correlation, Eigenpairs covariance, RulePredictions c, RulePredictions c0,
        double alpha, double eta, string file)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Out),
            Ansi = context.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = context.Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        var table = new Table().AddColumns("k", "λ_k of C (correlation)", "λ_k of C⁰ (covariance)");
        var shown = Math.Min(correlation.Values.Length, 10);
        for (var q = 0; q < shown; q++)
        {
            table.AddRow(
                NumberFormat.Integer(q + 1),
                NumberFormat.Short(correlation.Values[q], "G6"),
                NumberFormat.Short(covariance.Values[q], "G6"));
        }

        console.Write(table);
        if (correlation.Values.Length > shown)
        {
            console.WriteLine($"({correlation.Values.Length - shown} smaller eigenvalues in {file})");
        }

        var eta6 = NumberFormat.Short(eta);
        context.Out.WriteLine($"hebb: direction e1 of C, growth ln(1+ηλ1) = {NumberFormat.Short(c.HebbGrowthRatePerStep)} per step at η = {eta6}");
        context.Out.WriteLine($"covariance: direction e1 of C⁰, growth {NumberFormat.Short(c0.HebbGrowthRatePerStep)} per step");
        context.Out.WriteLine($"oja: ±e1 of C, ‖w‖ = {NumberFormat.Short(HebbianTheory.ojaFixedPointNorm(alpha))}, time constant 1/(η(λ1−λ2)) = {NumberFormat.Short(c.OjaTimeConstantSteps)} steps");
        context.Out.WriteLine($"gha (k = {c.Components}): targets e1..e{c.Components} of C, slowest time constant {NumberFormat.Short(c.GhaTimeConstantSteps)} steps");
        context.Out.WriteLine($"wrote {file}");
    }

    private static Option<string> Text(string name, string defaultValue, string description) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
}
