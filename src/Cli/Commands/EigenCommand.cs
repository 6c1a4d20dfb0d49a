namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity eigen</c>: eigen-analysis of a CSV of samples: eigenvalues (descending) and eigenvectors of the
/// correlation C and the covariance C⁰, the mean, and each rule's predicted fixed point and time constants, all from
/// <see cref="HebbianTheory"/>. Prints a table and writes <c>eigen.json</c>.
/// </summary>
/// <remarks>
/// Times are given in units of 1/η (continuous time t = η·steps) and, for the given <c>--eta</c>, in steps.
/// Statistics use the 1/n normalisation (the empirical distribution an online rule cycling through the data sees).
/// Nothing is random: eigen takes no seed.
/// </remarks>
public static class EigenCommand
{
    /// <summary>Result file name.</summary>
    public const string JsonFile = "eigen.json";

    /// <summary>Format version of eigen.json.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = TypedOptions.InputPath("--data", "the path of a CSV file of samples", "CSV file of samples (required).");
        var output = TypedOptions.OutputPath("--out", "results/eigen", "a directory path", $"Output directory for {JsonFile}.");
        var center = TypedOptions.Flag("--center", "Subtract the data mean first (then C = C⁰).");
        var alpha = TypedOptions.Positive("--alpha", 1, "Oja α > 0 for the predicted norm 1/√α.");
        // The upper limit is the data dimension d, known once the file is read; the parser only reads an integer.
        var outputs = TypedOptions.Create(
            "--outputs",
            "Number k of GHA outputs for the GHA predictions, in [1, d].",
            text => int.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new UsageException("--outputs", $"--outputs must be an integer in [1, d] (d = the data dimension; got '{text.Trim()}')"),
            () => 1);
        var eta = TypedOptions.Positive("--eta", 0.005, "Learning rate η > 0 used to convert times to steps.");
        var command = new Command("eigen", "Eigenvalues and eigenvectors of the data's correlation and covariance, with each rule's predictions (JSON).")
        {
            data, output, center, alpha, outputs, eta,
        };
        command.SetAction(parse => Execute(
            parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(center), parse.GetValue(alpha),
            parse.GetValue(outputs), parse.GetValue(eta), context));
        return command;
    }

    /// <summary>Analyses and writes; data-file errors and an --outputs beyond d exit with 2 and one line on stderr.</summary>
    public static int Execute(
        string dataPath, string shownOut, bool center, double alpha, int k, double eta, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string directory;
        Dataset read;
        try
        {
            read = DataLimits.Read(dataPath);
            MemoryBudget.Require(
                "--data",
                DataMemory.Eigen(read.Count, read.Dimension, center),
                $"eigen of {dataPath} ({read.Count} samples × {read.Dimension} columns)",
                $"it needs about {DataMemory.EigenBytesPerSquaredDimension}·d² bytes (d×d matrices and their JSON), so use data with at most about "
                + $"{DataMemory.LargestDimension(MemoryBudget.Usable, DataMemory.EigenBytesPerSquaredDimension)} columns");
            if (k < 1 || k > read.Dimension)
            {
                throw new UsageException("--outputs", $"--outputs must be an integer in [1, {read.Dimension}] (got '{k}')");
            }

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
        var c = HebbianTheory.ruleTimeConstants(correlation, eta, k);
        var c0 = HebbianTheory.ruleTimeConstants(covariance, eta, k);
        var mean = HebbianTheory.mean(rows);

        var body = new EigenBody(
            new EigenData(dataPath, data.Count, data.Dimension, center, "1/n (empirical distribution)", mean),
            new EigenPairs(correlation.Values, correlation.Vectors),
            new EigenPairs(covariance.Values, covariance.Vectors),
            eta,
            alpha,
            k,
            new EigenPredictions(
                Hebbian("direction ±e1 of C, ‖w‖ grows without bound (averaged: w(t) = Σ_k (w0·e_k) e^{λ_k t} e_k)", correlation, c),
                Hebbian("direction ±e1 of C⁰ (the principal component), ‖w‖ grows without bound", covariance, c0),
                new OjaPrediction(
                    "±e1 of C with ‖w‖ = 1/√α",
                    correlation.Vectors[0],
                    JsonEnvelope.OrNull(HebbianTheory.ojaFixedPointNorm(alpha)),
                    JsonEnvelope.OrNull(c.OjaTimeConstant),
                    JsonEnvelope.OrNull(c.OjaTimeConstantSteps),
                    JsonEnvelope.OrNull(c.OjaNormRelaxationTime),
                    JsonEnvelope.OrNull(c.OjaNormRelaxationTime / eta),
                    HebbianTheory.ojaLinearisedRates(correlation.Values, 0).Select(JsonEnvelope.OrNull).ToArray()),
                new GhaPrediction(
                    $"rows ±e1..±e{k} of C in order, W Wᵀ = I",
                    HebbianTheory.ghaTargets(correlation, k),
                    JsonEnvelope.OrNull(c.GhaSlowestRate),
                    JsonEnvelope.OrNull(c.GhaTimeConstant),
                    JsonEnvelope.OrNull(c.GhaTimeConstantSteps)),
                new FixedPointOnly($"rows an orthonormal basis of span(e1..e{k}) of C"),
                new FixedPointOnly("weights rescaled until ⟨y⟩ = y_target; weight ratios unchanged (scalingFactor)"),
                new FixedPointOnly("w = E[y x]/E[y] (instarFixedPoint; depends on the responses y)"),
                new FixedPointOnly("w_ij = E[x_j y_i]/E[x_j] (outstarFixedPoint)"),
                new FixedPointOnly("for one-hot inputs with probabilities p_j: selective y_j = 1/p_j for one j, 0 otherwise (BcmTheory.selectiveFixedPoint); θ → ⟨y²⟩")));
        JsonEnvelope.Write(Path.Combine(directory, JsonFile), "eigen", SchemaVersion, context.CommandLine, body);

        Print(context, correlation, covariance, c, c0, alpha, eta, Path.Combine(shownOut, JsonFile));
        return ExitCodes.Success;
    }

    private static HebbPrediction Hebbian(string fixedPoint, Eigenpairs pairs, RulePredictions p) =>
        new(fixedPoint, pairs.Vectors[0], JsonEnvelope.OrNull(p.HebbGrowthRate), JsonEnvelope.OrNull(p.HebbGrowthRatePerStep));

    private static void Print(
        CommandContext context, Eigenpairs correlation, Eigenpairs covariance, RulePredictions c, RulePredictions c0,
        double alpha, double eta, string file)
    {
        var shown = Math.Min(correlation.Values.Length, 10);
        var rows = new List<IReadOnlyList<string>>();
        for (var q = 0; q < shown; q++)
        {
            rows.Add([NumberFormat.Integer(q + 1), NumberFormat.Short(correlation.Values[q], "G6"), NumberFormat.Short(covariance.Values[q], "G6")]);
        }

        TableWriter.Write(context, new TextTable(
            [new TextColumn("k"), new TextColumn("λ_k of C (correlation)"), new TextColumn("λ_k of C⁰ (covariance)")],
            rows));
        if (correlation.Values.Length > shown)
        {
            context.Out.WriteLine($"({correlation.Values.Length - shown} smaller eigenvalues in {file})");
        }

        var eta6 = NumberFormat.Short(eta);
        // Predictions only: nothing is measured here, so there is no verdict (learn and verify compare them with runs).
        context.Out.WriteLine($"prediction hebb: direction ±e₁ of C, ‖w‖ growth ln(1 + ηλ₁) = {NumberFormat.Short(c.HebbGrowthRatePerStep)} per step at η = {eta6}");
        context.Out.WriteLine($"prediction covariance: direction ±e₁ of C⁰, growth ln(1 + ηλ₁⁰) = {NumberFormat.Short(c0.HebbGrowthRatePerStep)} per step");
        context.Out.WriteLine($"prediction oja: ±e₁ of C, ‖w‖ = 1/√α = {NumberFormat.Short(HebbianTheory.ojaFixedPointNorm(alpha))}, time constant 1/(η(λ₁ − λ₂)) = {NumberFormat.Short(c.OjaTimeConstantSteps)} steps");
        context.Out.WriteLine($"prediction gha (k = {c.Components}): targets ±e₁…±e{ConvergencePlot.Subscript(c.Components)} of C, slowest time constant {NumberFormat.Short(c.GhaTimeConstantSteps)} steps");
        context.Out.WriteLine($"wrote {file}");
    }

    /// <summary>eigen.json after the envelope header.</summary>
    internal sealed record EigenBody(
        EigenData Data, EigenPairs Correlation, EigenPairs Covariance, double Eta, double Alpha, int Outputs, EigenPredictions Predictions);

    /// <summary>The data the spectra are of.</summary>
    internal sealed record EigenData(string File, int Samples, int Dimension, bool Centered, string Normalisation, double[] Mean);

    /// <summary>Eigenvalues (descending) and eigenvectors (rows).</summary>
    internal sealed record EigenPairs(double[] Eigenvalues, double[][] Eigenvectors);

    /// <summary>Each rule's predicted fixed point and time constants.</summary>
    internal sealed record EigenPredictions(
        HebbPrediction Hebb,
        HebbPrediction Covariance,
        OjaPrediction Oja,
        GhaPrediction Gha,
        FixedPointOnly Subspace,
        FixedPointOnly Scaling,
        FixedPointOnly Instar,
        FixedPointOnly Outstar,
        FixedPointOnly Bcm);

    /// <summary>Plain Hebb and the covariance rule: a direction and a growth rate.</summary>
    internal sealed record HebbPrediction(string FixedPoint, double[] Direction, double? GrowthRate, double? GrowthRatePerStep);

    /// <summary>Oja's rule: direction, norm and time constants.</summary>
    internal sealed record OjaPrediction(
        string FixedPoint,
        double[] Direction,
        double? Norm,
        double? TimeConstant,
        double? TimeConstantSteps,
        double? NormRelaxationTime,
        double? NormRelaxationSteps,
        double?[] LinearisedRates);

    /// <summary>GHA: ordered targets and the slowest rate.</summary>
    internal sealed record GhaPrediction(
        string FixedPoint, double[][] Targets, double? SlowestRate, double? TimeConstant, double? TimeConstantSteps);

    /// <summary>A rule whose prediction is a described fixed point only.</summary>
    internal sealed record FixedPointOnly(string FixedPoint);
}
