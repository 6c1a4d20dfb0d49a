namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity generate gaussian|onehot</c>: writes seeded sample files for <c>learn</c> and <c>eigen</c>, so the
/// acceptance runs can be reproduced without other tools.
/// </summary>
/// <remarks>
/// <c>gaussian</c> draws <see cref="DataSources.GaussianWithSpectrum"/> with <see cref="DataSources.EigengapSpectrum"/>
/// (λ1 = 1, λ2 = 1 − gap, the rest falling linearly) and writes, next to X.csv, X.eigen.json with the true eigenvalues,
/// eigenvectors and mean. <c>onehot</c> draws <see cref="DataSources.OneHot"/> (BCM selectivity demos). Seed paths
/// (<see cref="SeedOption"/>): gaussian <c>[Generate, 1]</c>, onehot <c>[Generate, 2]</c>. Files have a header x1..xd.
/// </remarks>
public static class GenerateCommand
{
    /// <summary>Largest dimension accepted.</summary>
    public const int MaxDimension = 2_000;

    /// <summary>Largest number of samples accepted.</summary>
    public const int MaxSamples = 10_000_000;

    /// <summary>Largest number of values (samples × dimension) one file may hold: 50 million doubles, about 1 GB of text.</summary>
    public const long MaxValues = 50_000_000;

    /// <summary>Seed stream of <c>generate gaussian</c>.</summary>
    public const long GaussianStream = 1;

    /// <summary>Seed stream of <c>generate onehot</c>.</summary>
    public const long OneHotStream = 2;

    /// <summary>Format version of X.eigen.json.</summary>
    public const int EigenSchemaVersion = 1;

    /// <summary>Creates the command with its two subcommands.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("generate", "Write seeded sample files (CSV) for learn and eigen.");
        command.Subcommands.Add(Gaussian(context));
        command.Subcommands.Add(OneHot(context));
        return command;
    }

    private static Command Gaussian(CommandContext context)
    {
        var dimension = TypedOptions.Integer("--dimension", 20, 2, MaxDimension, $"Dimension d, in [2, {MaxDimension}].");
        var gap = TypedOptions.Real("--eigengap", 0.1, v => v > 0 && v < 1, "a number in (0, 1)", "Relative gap (λ1 − λ2)/λ1, in (0, 1).");
        var samples = TypedOptions.Integer("--samples", 5000, 2, MaxSamples, $"Number of samples, in [2, {MaxSamples}].");
        var seed = SeedOption.Create();
        var output = TypedOptions.OutputPath("--out", "data/gaussian.csv", "a file path", "Output CSV file; the true eigenpairs go to <name>.eigen.json next to it.");
        var mean = TypedOptions.RealList("--mean", [0.0], _ => true, "finite numbers", "Mean: one number for every component, or d comma-separated numbers.");
        var command = new Command("gaussian", "Gaussian samples with a known spectrum and a given eigengap.")
        {
            dimension, gap, samples, seed, output, mean,
        };
        command.SetAction(parse => Run(context, () =>
        {
            var d = parse.GetValue(dimension);
            var g = parse.GetValue(gap);
            var n = parse.GetValue(samples);
            var s = parse.GetValue(seed);
            var file = parse.GetValue(output)!;
            var m = parse.GetValue(mean)!;
            if (m.Length != 1 && m.Length != d)
            {
                throw new UsageException("--mean", $"--mean must have 1 or {d} (the dimension) values (got {m.Length})");
            }

            if ((long)n * d > MaxValues)
            {
                throw new UsageException("--samples", $"--samples × --dimension must be at most {MaxValues} (got {n} × {d})");
            }

            var mu = m.Length == 1 ? Enumerable.Repeat(m[0], d).ToArray() : m;
            var spectrum = DataSources.EigengapSpectrum(d, g);
            var drawn = DataSources.GaussianWithSpectrum(spectrum, n, SeedPath.Random(s, SeedPath.Generate, GaussianStream), mu);
            var eigenFile = Path.ChangeExtension(file, null) + ".eigen.json";
            OutputPath.CheckLength("--out", eigenFile);
            PrepareDirectory(file);
            AtomicFile.WriteVia(file, temporary => CsvDataset.Write(temporary, drawn.Data, Header(d)));
            JsonEnvelope.Write(
                eigenFile,
                "generate gaussian",
                EigenSchemaVersion,
                context.CommandLine,
                new GaussianTruth(
                    Path.GetFileName(file), d, n, g, s,
                    "true (population) covariance eigenpairs the samples were drawn from, descending; the sample eigenpairs differ by O(1/√samples)",
                    drawn.Eigenvalues, drawn.Eigenvectors, drawn.Mean));
            context.Out.WriteLine($"generate: {n} samples x {d} dimensions, eigengap {OptionValues.Format(g)}, seed {s}; wrote {file}, {eigenFile}");
        }));
        return command;
    }

    private static Command OneHot(CommandContext context)
    {
        var probabilities = TypedOptions.RealList("--probabilities", [0.2, 0.3, 0.5], v => v >= 0, "numbers >= 0 summing to 1", "Comma-separated probabilities p_j ≥ 0 summing to 1.");
        var samples = TypedOptions.Integer("--samples", 5000, 2, MaxSamples, $"Number of samples, in [2, {MaxSamples}].");
        var seed = SeedOption.Create();
        var output = TypedOptions.OutputPath("--out", "data/onehot.csv", "a file path", "Output CSV file.");
        var command = new Command("onehot", "One-hot samples x = e_j drawn with probability p_j (BCM selectivity).")
        {
            probabilities, samples, seed, output,
        };
        command.SetAction(parse => Run(context, () =>
        {
            var p = parse.GetValue(probabilities)!;
            if (!(Math.Abs(p.Sum() - 1.0) <= DataSources.ProbabilitySumTolerance))
            {
                throw new UsageException("--probabilities", $"--probabilities must sum to 1 (got {OptionValues.Format(p.Sum())})");
            }

            var n = parse.GetValue(samples);
            var s = parse.GetValue(seed);
            var file = parse.GetValue(output)!;
            var data = DataSources.OneHot(p, n, SeedPath.Random(s, SeedPath.Generate, OneHotStream));
            PrepareDirectory(file);
            AtomicFile.WriteVia(file, temporary => CsvDataset.Write(temporary, data, Header(p.Length)));
            context.Out.WriteLine($"generate: {n} one-hot samples over {p.Length} patterns, seed {s}; wrote {file}");
        }));
        return command;
    }

    private static int Run(CommandContext context, Action action)
    {
        try
        {
            action();
            return ExitCodes.Success;
        }
        catch (UsageException e)
        {
            ErrorText.WriteError(context.Error, e.Message);
            return ExitCodes.Usage;
        }
    }

    private static void PrepareDirectory(string file)
    {
        if (Directory.Exists(file))
        {
            throw new UsageException("--out", $"--out must be a file path ('{file}' is a directory)");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            OutputDirectoryProbe.EnsureWritable(directory);
        }
    }

    private static string Header(int d) => string.Join(',', Enumerable.Range(1, d).Select(i => $"x{i}"));

    /// <summary>The body of X.eigen.json: what the samples were drawn from.</summary>
    internal sealed record GaussianTruth(
        string DataFile,
        int Dimension,
        int Samples,
        double Eigengap,
        ulong Seed,
        string Note,
        IReadOnlyList<double> Eigenvalues,
        IReadOnlyList<double[]> Eigenvectors,
        IReadOnlyList<double> Mean);
}
