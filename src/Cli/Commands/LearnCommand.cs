using System.CommandLine;
using Plasticity.Analysis;
using Plasticity.Cli.Arguments;
using Plasticity.Cli.Learning;
using Plasticity.Cli.Output;
using Plasticity.Cli.Theory;
using Plasticity.Core.Data;
using Plasticity.Core.Numerics;
using Plasticity.Core.Plasticity.Training;
using Plasticity.Core.Synapses;
using Spectre.Console;

namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity learn</c>: runs a two-factor rule on the user's samples (CSV) and writes the final weights, the
/// trajectory against the theory eigenvectors, a JSON summary with each prediction next to the measurement, and a
/// convergence plot.
/// </summary>
/// <remarks>
/// <para>Exit codes: 0 for a finished run, including one that diverged (divergence of plain Hebb is a result, reported
/// with its step on stdout and in summary.json, not an error); 2 for a bad option or a bad data/--init file (one line
/// naming the file and row); 1 for an unexpected failure; 130 when cancelled.</para>
/// <para>Random streams (all derived from --seed with <see cref="SeedSequence"/>): path 1 draws the initial weights,
/// path 2 the shuffled presentation order.</para>
/// <para>Default initial weights (no --init): w_ij ~ N(0, 1/d), so ‖w‖ ≈ 1; instar, outstar and scaling use |N(0, 1/d)|
/// (positive weights, so a linear neuron's response to positive data starts positive); competitive learning starts each
/// unit on a distinct seeded random sample, so every unit can win.</para>
/// </remarks>
public static class LearnCommand
{
    /// <summary>Final weights file.</summary>
    public const string WeightsFile = "weights.csv";

    /// <summary>Trajectory file.</summary>
    public const string TrajectoryFile = "trajectory.csv";

    /// <summary>Summary file.</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>PNG figure.</summary>
    public const string PngFile = "convergence.png";

    /// <summary>SVG figure.</summary>
    public const string SvgFile = "convergence.svg";

    /// <summary>Seed path of the initial weights.</summary>
    public const long InitStream = 1;

    /// <summary>Seed path of the presentation order.</summary>
    public const long OrderStream = 2;

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rule = Text("--rule", string.Empty, $"Learning rule (required): {RuleCatalog.Allowed}.");
        var data = Text("--data", string.Empty, "CSV file of samples (required): one row per sample, header optional.");
        var eta = Text("--eta", RawLearnArguments.DefaultEta, "Learning rate η > 0 per step.");
        var epochs = Text("--epochs", RawLearnArguments.DefaultEpochs, $"Passes over the data, in [1, {LearnArgumentsBinder.MaxCount}].");
        var seed = Text("--seed", RawLearnArguments.DefaultSeed, "Random seed (unsigned 64-bit); same seed, same files.");
        var output = Text("--out", RawLearnArguments.DefaultOut, $"Output directory for {WeightsFile}, {TrajectoryFile}, {SummaryFile}, {PngFile}, {SvgFile}.");
        var alpha = Text("--alpha", RawLearnArguments.DefaultAlpha, "oja: normalisation α > 0 (Δw = η(x y − α y² w), ‖w‖ → 1/√α).");
        var theta = Text("--theta", RawLearnArguments.DefaultTheta, "pre-gated/post-gated: threshold θ; bcm: initial θ ≥ 0.");
        var etaTheta = Text("--eta-theta", RawLearnArguments.DefaultEtaTheta, "bcm: threshold rate; covariance-running: running-mean rate; in (0, 1].");
        var outputs = Text("--outputs", RawLearnArguments.DefaultOutputs, $"Output neurons, in [1, {LearnArgumentsBinder.MaxOutputs}] (gha/subspace: ≤ d; competitive: ≤ samples).");
        var target = Text("--target", RawLearnArguments.DefaultTarget, "scaling: target rate y_target.");
        var decay = Text("--decay", RawLearnArguments.DefaultDecay, "hebb-decay: constant decay c (Δw = η x y − c).");
        var taylor = Text("--taylor", RawLearnArguments.DefaultTaylor, "taylor: a0,a1pre,a1post,a2corr,a2pre,a2post in units of η (Δw = η(a0 + a1pre x + a1post y + a2corr x y + a2pre x² + a2post y²)).");
        var taylorSlope = Text("--taylor-slope", RawLearnArguments.DefaultTaylorSlope, "taylor: weight slopes d_k of the six coefficients (a_k(w) = c_k + d_k w), in units of η.");
        var center = new Option<bool>("--center") { Description = "Subtract the data mean before training." };
        var order = Text("--order", RawLearnArguments.DefaultOrder, $"Presentation order: {ChoiceNames.Allowed(LearnArgumentsBinder.Orders)} (cyclic: file order, epoch after epoch; shuffled: a new permutation each epoch; sampled: i.i.d. draws with replacement).");
        var mode = Text("--mode", RawLearnArguments.DefaultMode, $"Update mode: {ChoiceNames.Allowed(LearnArgumentsBinder.Modes)}.");
        var batch = Text("--batch-size", RawLearnArguments.DefaultBatchSize, "minibatch: samples per step, >= 1.");
        var init = Text("--init", string.Empty, "CSV of initial weights: one row of d numbers per output neuron (default: seeded random).");
        var limit = Text("--divergence-limit", RawLearnArguments.DefaultDivergenceLimit, "Stop and report divergence when a row norm ‖w_i‖ exceeds this (> 0).");
        var recordEvery = Text("--record-every", string.Empty, $"Trajectory record interval in steps (default: about {LearnArgumentsBinder.DefaultRecords} records per run).");

        Option[] options =
        [
            rule, data, eta, epochs, seed, output, alpha, theta, etaTheta, outputs, target, decay, taylor, taylorSlope, center, order, mode,
            batch, init, limit, recordEvery,
        ];
        var command = new Command("learn", "Run a two-factor learning rule on a CSV of samples against the eigen-theory (CSV, JSON, PNG, SVG).")
        {
            rule, data, eta, epochs, seed, output, alpha, theta, etaTheta, outputs, target, decay, taylor, taylorSlope, center, order, mode,
            batch, init, limit, recordEvery,
        };
        command.SetAction(parseResult =>
        {
            var raw = new RawLearnArguments
            {
                Rule = parseResult.GetValue(rule) ?? string.Empty,
                Data = parseResult.GetValue(data) ?? string.Empty,
                Eta = parseResult.GetValue(eta) ?? string.Empty,
                Epochs = parseResult.GetValue(epochs) ?? string.Empty,
                Seed = parseResult.GetValue(seed) ?? string.Empty,
                Out = parseResult.GetValue(output) ?? string.Empty,
                Alpha = parseResult.GetValue(alpha) ?? string.Empty,
                Theta = parseResult.GetValue(theta) ?? string.Empty,
                EtaTheta = parseResult.GetValue(etaTheta) ?? string.Empty,
                Outputs = parseResult.GetValue(outputs) ?? string.Empty,
                Target = parseResult.GetValue(target) ?? string.Empty,
                Decay = parseResult.GetValue(decay) ?? string.Empty,
                Taylor = parseResult.GetValue(taylor) ?? string.Empty,
                TaylorSlope = parseResult.GetValue(taylorSlope) ?? string.Empty,
                Center = parseResult.GetValue(center),
                Order = parseResult.GetValue(order) ?? string.Empty,
                Mode = parseResult.GetValue(mode) ?? string.Empty,
                BatchSize = parseResult.GetValue(batch) ?? string.Empty,
                Init = parseResult.GetValue(init) ?? string.Empty,
                DivergenceLimit = parseResult.GetValue(limit) ?? string.Empty,
                RecordEvery = parseResult.GetValue(recordEvery) ?? string.Empty,
                Given = CapacityCommand.Typed(parseResult, options),
            };
            return Execute(raw, context);
        });
        return command;
    }

    /// <summary>Validates, runs and writes; usage and data-file errors are one line on stderr with exit code 2.</summary>
    public static int Execute(RawLearnArguments raw, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(context);
        LearnArguments a;
        Dataset read;
        double[][]? initRows;
        string directory;
        var reading = "--data"; // the option whose file is being read, named in a data-file error
        try
        {
            a = LearnArgumentsBinder.Bind(raw);
            read = DataLimits.Read(a.DataPath);
            reading = "--init";
            initRows = a.InitPath is null ? null : CsvDataset.ReadRows(a.InitPath);
            CheckShapes(a, read, initRows);
            CheckMemory(a, read);
            directory = OutputDirectoryProbe.EnsureWritable(a.OutputDirectory);
        }
        catch (UsageException e)
        {
            ErrorText.WriteError(context.Error, e.Message);
            return ExitCodes.Usage;
        }
        catch (DataFileException e)
        {
            ErrorText.WriteError(context.Error, ErrorText.DataFile(reading, e));
            return ExitCodes.Usage;
        }

        foreach (var warning in a.Warnings)
        {
            ErrorText.WriteWarning(context.Error, warning);
        }

        var data = a.Center ? read.Centered() : read;
        var rows = Rows(data);
        var d = data.Dimension;
        var matrixName = a.Rule.Matrix == TheoryMatrix.Covariance ? "covariance" : "correlation";
        var symbol = a.Rule.Matrix == TheoryMatrix.Covariance ? "C⁰" : "C";
        var reference = a.Rule.Matrix == TheoryMatrix.Covariance ? ScaledSpectrum.Covariance(rows) : ScaledSpectrum.Correlation(rows);
        var k = ReferenceCount(d, a.Outputs);

        var weights = initRows is null ? InitialWeights(a, rows) : DenseWeightMatrix.FromRows(initRows);
        var initial = weights.ToRows();
        var totalSteps = TotalSteps(a, data.Count);
        var recordEvery = RecordEvery(a, totalSteps);
        var settings = new TrainingSettings(a.Epochs, a.Order, a.Mode, a.BatchSize, a.DivergenceLimit, recordEvery);
        var capture = new LearnerCapture(a.Rule.Create(a.Parameters, data.Mean()));
        var random = SeedSequence.CreateRandom(a.Seed, OrderStream);

        var started = System.Diagnostics.Stopwatch.StartNew();
        LearnOutcome outcome;
        if (context.Interactive)
        {
            outcome = default!;
            CreateConsole(context).Progress().AutoClear(false).Columns(
                    new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                    new RemainingTimeColumn(), new SpinnerColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask(Markup.Escape($"learn {a.Rule.Name}"), maxValue: totalSteps);
                    outcome = LearnRun.Run(weights, data, capture, settings, random, reference, k, a.Rule.Target, recordEvery,
                        step => task.Value = step, context.CancellationToken);
                    task.Value = totalSteps;
                });
        }
        else
        {
            context.Out.WriteLine(
                $"learn: rule {a.Rule.Name}, {data.Count} samples x {d} inputs{(a.Center ? " (centred)" : string.Empty)}, "
                + $"{a.Outputs} output(s), {a.Epochs} epochs ({totalSteps} steps, {a.ModeName}, {a.OrderName}), eta {NumberFormat.Short(a.Parameters.Eta)}, seed {a.Seed}");
            outcome = LearnRun.Run(weights, data, capture, settings, random, reference, k, a.Rule.Target, recordEvery,
                cancellationToken: context.CancellationToken);
            context.Out.WriteLine($"learn: {outcome.Result.Steps} steps done in {started.Elapsed.TotalSeconds:F1} s");
        }

        var prediction = LearnTheory.Predict(a.Rule, a.Parameters, rows, reference, initial, outcome, symbol);
        var targetLabel = a.Rule.Target switch
        {
            TargetKind.Ordered => $"e_i of {symbol}",
            TargetKind.Subspace => $"span(e1..e{a.Outputs}) of {symbol}",
            _ => $"e1 of {symbol}",
        };

        var files = new Dictionary<string, string>
        {
            ["weights"] = WeightsFile,
            ["trajectory"] = TrajectoryFile,
            ["summary"] = SummaryFile,
        };
        LearnCsv.WriteWeights(Path.Combine(directory, WeightsFile), outcome.Weights.ToRows());
        LearnCsv.WriteTrajectory(Path.Combine(directory, TrajectoryFile), outcome.Trajectory, a.Outputs, k);
        var theoryCurve = a.Rule.Name == "oja" ? OjaCurve(reference, initial, outcome.Trajectory, a.Parameters.Eta) : null;
        var title = $"{a.Rule.Name}: η = {NumberFormat.Short(a.Parameters.Eta)}, {data.Count} samples × {d} inputs, {a.OrderName} {a.ModeName}, seed {a.Seed}";
        if (TryPlot(title, targetLabel, outcome.Trajectory, theoryCurve, directory, context))
        {
            files["png"] = PngFile;
            files["svg"] = SvgFile;
        }

        var summary = new LearnSummary(a, context.CommandLine, data.Count, d, read.Mean(), reference, matrixName, k,
            recordEvery, initial, outcome, prediction, files);
        LearnSummaryJson.Write(Path.Combine(directory, SummaryFile), summary);
        WriteSummary(context.Out, summary, files.Values.Select(f => Path.Combine(a.OutputDirectory, f)));
        return ExitCodes.Success;
    }

    /// <summary>The averaged-ODE |cos(w, e1)| of each output at the recorded steps (ojaCosineTrajectory at t = η·step).</summary>
    public static IReadOnlyList<double[]>? OjaCurve(Eigenpairs pairs, double[][] initial, IReadOnlyList<TrajectoryPoint> trajectory, double eta)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(trajectory);
        if (initial.Any(w => w.All(v => v == 0)))
        {
            return null;
        }

        return initial
            .Select(w0 => trajectory.Select(t => HebbianTheory.ojaCosineTrajectory(pairs, w0, eta * t.Step)).ToArray())
            .ToArray();
    }

    /// <summary>Reference eigenvectors the trajectory is measured against: at least 3 (or d), at least one per output.</summary>
    private static int ReferenceCount(int d, int outputs) => Math.Min(d, Math.Max(3, outputs));

    private static long TotalSteps(LearnArguments a, int samples)
    {
        var stepsPerEpoch = a.Mode switch
        {
            TrainingMode.Online => (long)samples,
            TrainingMode.MiniBatch => (samples + a.BatchSize - 1) / a.BatchSize,
            _ => 1L,
        };
        return stepsPerEpoch * a.Epochs;
    }

    private static int RecordEvery(LearnArguments a, long totalSteps) =>
        a.RecordEvery ?? (int)Math.Clamp(totalSteps / LearnArgumentsBinder.DefaultRecords, 1, int.MaxValue);

    /// <summary>Refuses a run whose matrices, data and trajectory cannot fit (<see cref="DataMemory.Learn"/>).</summary>
    private static void CheckMemory(LearnArguments a, Dataset data)
    {
        var totalSteps = TotalSteps(a, data.Count);
        var records = (double)totalSteps / RecordEvery(a, totalSteps) + 2;
        var k = ReferenceCount(data.Dimension, a.Outputs);
        var estimate = DataMemory.Learn(data.Count, data.Dimension, a.Center, a.Outputs, k, records);
        var matrices = 8 * DataMemory.MatricesPerDecomposition * data.Dimension * (double)data.Dimension;
        var parameter = matrices >= estimate / 2 ? "--data" : "--record-every";
        var change = parameter == "--data"
            ? $"the eigen-decomposition keeps about {DataMemory.MatricesPerDecomposition} d×d matrices of doubles, so use data with at most about "
              + $"{DataMemory.LargestDimension(MemoryBudget.Usable, 8 * DataMemory.MatricesPerDecomposition)} columns"
            : $"the trajectory holds {records:G3} records; record less often (a larger --record-every) or run fewer --epochs";
        MemoryBudget.Require(
            parameter,
            estimate,
            $"learn on {a.DataPath} ({data.Count} samples × {data.Dimension} columns, {a.Outputs} output(s), {records:G3} trajectory records)",
            change);
    }

    private static void CheckShapes(LearnArguments a, Dataset data, double[][]? init)
    {
        if (a.Rule.Target != TargetKind.Principal && a.Outputs > data.Dimension)
        {
            throw new UsageException("--outputs", $"--outputs must be in [1, {data.Dimension}] (the data dimension) for {a.Rule.Name} (got {a.Outputs})");
        }

        if (a.Rule.Init == InitKind.Samples && init is null && a.Outputs > data.Count)
        {
            throw new UsageException("--outputs", $"--outputs must be in [1, {data.Count}] (the number of samples) for {a.Rule.Name} (got {a.Outputs})");
        }

        if (init is not null && (init.Length != a.Outputs || init[0].Length != data.Dimension))
        {
            throw new UsageException(
                "--init",
                $"--init {a.InitPath}: expected {a.Outputs} row(s) (--outputs) of {data.Dimension} values (the data dimension); got {init.Length} row(s) of {init[0].Length}");
        }
    }

    private static DenseWeightMatrix InitialWeights(LearnArguments a, double[][] rows)
    {
        var random = SeedSequence.CreateRandom(a.Seed, InitStream);
        var d = rows[0].Length;
        switch (a.Rule.Init)
        {
            case InitKind.Samples:
                // Partial Fisher–Yates: the first `outputs` entries of a seeded permutation are distinct samples.
                var order = Enumerable.Range(0, rows.Length).ToArray();
                for (var i = 0; i < a.Outputs; i++)
                {
                    var j = i + random.Next(rows.Length - i);
                    (order[i], order[j]) = (order[j], order[i]);
                }

                return DenseWeightMatrix.FromRows(order.Take(a.Outputs).Select(s => (double[])rows[s].Clone()).ToArray());
            case InitKind.Positive:
                var positive = DenseWeightMatrix.RandomGaussian(a.Outputs, d, 1.0 / Math.Sqrt(d), random);
                var span = positive.Data;
                for (var q = 0; q < span.Length; q++)
                {
                    span[q] = Math.Abs(span[q]);
                }

                return positive;
            default:
                return DenseWeightMatrix.RandomGaussian(a.Outputs, d, 1.0 / Math.Sqrt(d), random);
        }
    }

    private static double[][] Rows(Dataset data)
    {
        var rows = new double[data.Count][];
        for (var s = 0; s < data.Count; s++)
        {
            rows[s] = data.Sample(s).ToArray();
        }

        return rows;
    }

    private static bool TryPlot(
        string title, string targetLabel, IReadOnlyList<TrajectoryPoint> trajectory, IReadOnlyList<double[]>? theory,
        string directory, CommandContext context)
    {
        var png = Path.Combine(directory, PngFile);
        var svg = Path.Combine(directory, SvgFile);
        try
        {
            if (PlotFonts.Problem() is string problem)
            {
                ErrorText.WriteWarning(context.Error, problem);
            }

            ConvergencePlot.Save(title, targetLabel, trajectory, theory, png, svg);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutputFileException)
        {
            ErrorText.WriteWarning(context.Error, $"plot not written: {ErrorText.OneLine(e)}; the CSV and JSON results are complete");
            File.Delete(png);
            File.Delete(svg);
            return false;
        }
    }

    private static void WriteSummary(TextWriter output, LearnSummary s, IEnumerable<string> files)
    {
        var o = s.Outcome;
        var last = o.Trajectory[^1];
        output.WriteLine($"rule {s.Arguments.Rule.Name} ({s.Arguments.Rule.Equation}); theory: {s.Prediction.Target}");
        if (o.Result.DivergedAtStep is long step)
        {
            output.WriteLine(
                $"diverged at step {step}: largest ‖w‖ = {NumberFormat.Short(o.Result.DivergenceNorm)} > limit {NumberFormat.Short(s.Arguments.DivergenceLimit)} "
                + "(a result, not an error: exit code 0)");
        }
        else
        {
            output.WriteLine($"finished {o.Result.Steps} steps without divergence");
        }

        for (var i = 0; i < last.Norms.Length && i < 10; i++)
        {
            output.WriteLine(
                $"output {i + 1}: ‖w‖ = {NumberFormat.Short(last.Norms[i], "G6")}, alignment with target = {NumberFormat.Short(last.Alignment[i], "G6")}, "
                + $"first step ≥ {LearnRun.CosineThreshold}: {(o.FirstCrossing[i] is long c ? NumberFormat.Integer(c) : "never")}");
        }

        foreach (var c in s.Prediction.Comparisons.Where(c => c.Output is null or <= 10))
        {
            var who = c.Output is int n ? $" (output {n})" : string.Empty;
            var ratio = c.Ratio is double r ? $", measured/theory = {NumberFormat.Short(r)}" : string.Empty;
            output.WriteLine($"  {c.Name}{who}: theory {NumberFormat.Short(c.Theory, "G6")}, measured {NumberFormat.Short(c.Measured, "G6")}{ratio}");
        }

        if (s.Prediction.Note is string note)
        {
            output.WriteLine($"  note: {note}");
        }

        output.WriteLine("wrote " + string.Join(", ", files));
    }

    private static IAnsiConsole CreateConsole(CommandContext context) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });

    private static Option<string> Text(string name, string defaultValue, string description) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
}
