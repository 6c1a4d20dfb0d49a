using System.CommandLine;
using Plasticity.Cli.Arguments;
using Plasticity.Cli.Output;
using Plasticity.Core.Data;
using Plasticity.Core.Numerics;

namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity generate gaussian|onehot</c>: writes seeded sample files for <c>learn</c> and <c>eigen</c>, so the
/// acceptance runs can be reproduced without other tools.
/// </summary>
/// <remarks>
/// <c>gaussian</c> draws <see cref="DataSources.GaussianWithSpectrum"/> with <see cref="DataSources.EigengapSpectrum"/>
/// (λ1 = 1, λ2 = 1 − gap, the rest falling linearly) and writes, next to X.csv, X.eigen.json with the true eigenvalues,
/// eigenvectors and mean. <c>onehot</c> draws <see cref="DataSources.OneHot"/> (BCM selectivity demos). Both use the
/// generator <c>SeedSequence.CreateRandom(seed)</c>. Files have a header x1..xd.
/// </remarks>
public static class GenerateCommand
{
    /// <summary>Largest dimension accepted.</summary>
    public const int MaxDimension = 2_000;

    /// <summary>Largest number of samples accepted.</summary>
    public const int MaxSamples = 10_000_000;

    /// <summary>Largest number of values (samples × dimension) one file may hold: 50 million doubles, about 1 GB of text.</summary>
    public const long MaxValues = 50_000_000;

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
        var dimension = Text("--dimension", "20", $"Dimension d, in [2, {MaxDimension}].");
        var gap = Text("--eigengap", "0.1", "Relative gap (λ1 − λ2)/λ1, in (0, 1).");
        var samples = Text("--samples", "5000", $"Number of samples, in [2, {MaxSamples}].");
        var seed = Text("--seed", "1", "Random seed (unsigned 64-bit).");
        var output = Text("--out", "data/gaussian.csv", "Output CSV file; the true eigenpairs go to <name>.eigen.json next to it.");
        var mean = Text("--mean", "0", "Mean: one number for every component, or d comma-separated numbers.");
        var command = new Command("gaussian", "Gaussian samples with a known spectrum and a given eigengap.")
        {
            dimension, gap, samples, seed, output, mean,
        };
        command.SetAction(parse => Run(context, () =>
        {
            var d = OptionValues.Integer("--dimension", parse.GetValue(dimension), 2, MaxDimension);
            var g = OptionValues.Real("--eigengap", parse.GetValue(gap), v => v > 0 && v < 1, "a number in (0, 1)");
            var n = OptionValues.Integer("--samples", parse.GetValue(samples), 2, MaxSamples);
            var s = OptionValues.Seed("--seed", parse.GetValue(seed));
            var file = OptionValues.OutputPath("--out", parse.GetValue(output), "a file path");
            var m = OptionValues.RealList("--mean", parse.GetValue(mean), _ => true, "finite numbers");
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
            var drawn = DataSources.GaussianWithSpectrum(spectrum, n, SeedSequence.CreateRandom(s), mu);
            var eigenFile = Path.ChangeExtension(file, null) + ".eigen.json";
            OutputPath.CheckLength("--out", eigenFile);
            PrepareDirectory(file);
            AtomicFile.WriteVia(file, temporary => CsvDataset.Write(temporary, drawn.Data, Header(d)));
            JsonValues.WriteFile(eigenFile, json =>
            {
                json.WriteStartObject();
                json.WriteNumber("schema_version", 1);
                json.WriteString("command", "generate gaussian");
                JsonValues.Strings(json, "arguments", context.CommandLine);
                json.WriteString("data_file", Path.GetFileName(file));
                json.WriteNumber("dimension", d);
                json.WriteNumber("samples", n);
                JsonValues.Real(json, "eigengap", g);
                json.WriteNumber("seed", s);
                json.WriteString("note", "true (population) covariance eigenpairs the samples were drawn from, descending; the sample eigenpairs differ by O(1/√samples)");
                JsonValues.Vector(json, "eigenvalues", drawn.Eigenvalues);
                JsonValues.Matrix(json, "eigenvectors", drawn.Eigenvectors);
                JsonValues.Vector(json, "mean", drawn.Mean);
                json.WriteEndObject();
            });
            context.Out.WriteLine($"generate: {n} samples x {d} dimensions, eigengap {OptionValues.Format(g)}, seed {s}; wrote {file}, {eigenFile}");
        }));
        return command;
    }

    private static Command OneHot(CommandContext context)
    {
        var probabilities = Text("--probabilities", "0.2,0.3,0.5", "Comma-separated probabilities p_j ≥ 0 summing to 1.");
        var samples = Text("--samples", "5000", $"Number of samples, in [2, {MaxSamples}].");
        var seed = Text("--seed", "1", "Random seed (unsigned 64-bit).");
        var output = Text("--out", "data/onehot.csv", "Output CSV file.");
        var command = new Command("onehot", "One-hot samples x = e_j drawn with probability p_j (BCM selectivity).")
        {
            probabilities, samples, seed, output,
        };
        command.SetAction(parse => Run(context, () =>
        {
            var p = OptionValues.RealList("--probabilities", parse.GetValue(probabilities), v => v >= 0, "numbers >= 0 summing to 1");
            if (!(Math.Abs(p.Sum() - 1.0) <= DataSources.ProbabilitySumTolerance))
            {
                throw new UsageException("--probabilities", $"--probabilities must sum to 1 (got {OptionValues.Format(p.Sum())})");
            }

            var n = OptionValues.Integer("--samples", parse.GetValue(samples), 2, MaxSamples);
            var s = OptionValues.Seed("--seed", parse.GetValue(seed));
            var file = OptionValues.OutputPath("--out", parse.GetValue(output), "a file path");
            var data = DataSources.OneHot(p, n, SeedSequence.CreateRandom(s));
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

    private static Option<string> Text(string name, string defaultValue, string description) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
}
