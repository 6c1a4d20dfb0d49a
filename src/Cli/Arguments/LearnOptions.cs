namespace Plasticity.Cli.Arguments;

/// <summary>
/// The options of <c>plasticity learn</c>, typed (<see cref="TypedOptions"/>): each value is converted and range-checked
/// by the parser; <see cref="Bind"/> adds the checks that need several options and the warnings about options the rule
/// or the mode does not read.
/// </summary>
/// <remarks>
/// Limits that depend on the data (GHA needs outputs ≤ d, competitive learning outputs ≤ samples) are checked by the
/// command once the file is read, with the same kind of one-line message.
/// </remarks>
public sealed class LearnOptions
{
    /// <summary>Largest number of output neurons.</summary>
    public const int MaxOutputs = 1000;

    /// <summary>Largest epoch, batch and record count accepted.</summary>
    public const int MaxCount = 10_000_000;

    /// <summary>Trajectory records per run when <c>--record-every</c> is not given (about; plus the first and last step).</summary>
    public const int DefaultRecords = 1000;

    /// <summary>Creates the options; <paramref name="files"/> lists the output files for the help of <c>--out</c>.</summary>
    public LearnOptions(string files)
    {
        Rule = TypedOptions.RequiredChoice("--rule", Choices.LearnRules, "Learning rule.");
        Data = TypedOptions.InputPath("--data", "the path of a CSV file of samples", "CSV file of samples (required): one row per sample, header optional.");
        Eta = TypedOptions.Positive("--eta", 0.005, "Learning rate η > 0 per step.");
        Epochs = TypedOptions.Integer("--epochs", 50, 1, MaxCount, $"Passes over the data, in [1, {MaxCount}].");
        Seed = SeedOption.Create();
        Out = TypedOptions.OutputPath("--out", "results/learn", "a directory path", $"Output directory for {files}.");
        Alpha = TypedOptions.Positive("--alpha", 1, "oja: normalisation α > 0 (Δw = η(x y − α y² w), ‖w‖ → 1/√α).");
        Theta = TypedOptions.Finite("--theta", 0, "pre-gated/post-gated: threshold θ; bcm: initial θ ≥ 0.");
        EtaTheta = TypedOptions.Real("--eta-theta", 0.1, v => v > 0 && v <= 1, "a number in (0, 1]", "bcm: threshold rate; covariance-running: running-mean rate; in (0, 1].");
        Outputs = TypedOptions.Integer("--outputs", 1, 1, MaxOutputs, $"Output neurons, in [1, {MaxOutputs}] (gha/subspace: ≤ d; competitive: ≤ samples).");
        Target = TypedOptions.Finite("--target", 1, "scaling: target rate y_target.");
        Decay = TypedOptions.Finite("--decay", 0, "hebb-decay: constant decay c (Δw = η x y − c).");
        Taylor = SixCoefficients("--taylor", [0, 0, 0, 1, 0, 0], "taylor: a0,a1pre,a1post,a2corr,a2pre,a2post in units of η (Δw = η(a0 + a1pre x + a1post y + a2corr x y + a2pre x² + a2post y²)).");
        TaylorSlope = SixCoefficients("--taylor-slope", [0, 0, 0, 0, 0, 0], "taylor: weight slopes d_k of the six coefficients (a_k(w) = c_k + d_k w), in units of η.");
        Center = TypedOptions.Flag("--center", "Subtract the data mean before training.");
        Order = TypedOptions.Choice("--order", Choices.PresentationOrders, PresentationOrder.Shuffled, "Presentation order (cyclic: file order, epoch after epoch; shuffled: a new permutation each epoch; sampled: i.i.d. draws with replacement).");
        Mode = TypedOptions.Choice("--mode", Choices.TrainingModes, TrainingMode.Online, "Update mode.");
        BatchSize = TypedOptions.Integer("--batch-size", 32, 1, MaxCount, "minibatch: samples per step, >= 1.");
        Init = TypedOptions.OptionalInputPath("--init", "the path of a CSV file of initial weights", "CSV of initial weights: one row of d numbers per output neuron (default: seeded random).");
        DivergenceLimit = TypedOptions.Positive("--divergence-limit", 1e6, "Stop and report divergence when a row norm ‖w_i‖ exceeds this (> 0).");
        RecordEvery = TypedOptions.OptionalInteger("--record-every", 1, MaxCount, $"Trajectory record interval in steps (default: about {DefaultRecords} records per run).");
        All =
        [
            Rule, Data, Eta, Epochs, Seed, Out, Alpha, Theta, EtaTheta, Outputs, Target, Decay, Taylor, TaylorSlope, Center, Order, Mode,
            BatchSize, Init, DivergenceLimit, RecordEvery,
        ];
    }

    /// <summary><c>--rule</c> (required).</summary>
    public Option<Chosen<RuleEntry>> Rule { get; }

    /// <summary><c>--data</c> (required).</summary>
    public Option<string> Data { get; }

    /// <summary><c>--eta</c>.</summary>
    public Option<double> Eta { get; }

    /// <summary><c>--epochs</c>.</summary>
    public Option<int> Epochs { get; }

    /// <summary><c>--seed</c>.</summary>
    public Option<ulong> Seed { get; }

    /// <summary><c>--out</c>.</summary>
    public Option<string> Out { get; }

    /// <summary><c>--alpha</c>.</summary>
    public Option<double> Alpha { get; }

    /// <summary><c>--theta</c>.</summary>
    public Option<double> Theta { get; }

    /// <summary><c>--eta-theta</c>.</summary>
    public Option<double> EtaTheta { get; }

    /// <summary><c>--outputs</c>.</summary>
    public Option<int> Outputs { get; }

    /// <summary><c>--target</c>.</summary>
    public Option<double> Target { get; }

    /// <summary><c>--decay</c>.</summary>
    public Option<double> Decay { get; }

    /// <summary><c>--taylor</c>.</summary>
    public Option<double[]> Taylor { get; }

    /// <summary><c>--taylor-slope</c>.</summary>
    public Option<double[]> TaylorSlope { get; }

    /// <summary><c>--center</c>.</summary>
    public Option<bool> Center { get; }

    /// <summary><c>--order</c>.</summary>
    public Option<Chosen<PresentationOrder>> Order { get; }

    /// <summary><c>--mode</c>.</summary>
    public Option<Chosen<TrainingMode>> Mode { get; }

    /// <summary><c>--batch-size</c>.</summary>
    public Option<int> BatchSize { get; }

    /// <summary><c>--init</c>: initial weights file, or null for seeded random weights.</summary>
    public Option<Optional<string>> Init { get; }

    /// <summary><c>--divergence-limit</c>.</summary>
    public Option<double> DivergenceLimit { get; }

    /// <summary><c>--record-every</c>: null for about <see cref="DefaultRecords"/> records per run.</summary>
    public Option<Optional<int>> RecordEvery { get; }

    /// <summary>Every option, in help order.</summary>
    public IReadOnlyList<Option> All { get; }

    /// <summary>The validated arguments of a parse without errors.</summary>
    /// <exception cref="UsageException">A combination of options that does not apply (the first one found).</exception>
    public LearnArguments Bind(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        RuleEntry rule = parse.GetValue(Rule)!;
        var eta = parse.GetValue(Eta);
        var theta = parse.GetValue(Theta);
        PresentationOrder order = parse.GetValue(Order)!;
        TrainingMode mode = parse.GetValue(Mode)!;
        if (rule.Name is "bcm" or "bcm-mean" && theta < 0)
        {
            throw new UsageException("--theta", $"--theta (BCM's initial threshold) must be >= 0 (got {OptionValues.Format(theta)})");
        }

        if (rule.Name == "competitive" && eta > 1)
        {
            throw new UsageException("--eta", $"--eta must be in (0, 1] for competitive learning (got {OptionValues.Format(eta)})");
        }

        if (mode == TrainingMode.Averaged && order == PresentationOrder.Sampled)
        {
            throw new UsageException("--order", "--order sampled does not apply to --mode averaged (the averaged update uses every sample exactly once); use cyclic or shuffled");
        }

        var parameters = new RuleParameters(
            eta, parse.GetValue(Alpha), theta, parse.GetValue(EtaTheta), parse.GetValue(Target), parse.GetValue(Decay),
            parse.GetValue(Taylor)!, parse.GetValue(TaylorSlope)!);
        return new LearnArguments(
            rule, parameters, parse.GetValue(Data)!, parse.GetValue(Outputs), parse.GetValue(Epochs), order, mode,
            parse.GetValue(BatchSize), parse.GetValue(DivergenceLimit), Nullable(parse.GetValue(RecordEvery)!), parse.GetValue(Center),
            InitPath(parse.GetValue(Init)!), parse.GetValue(Seed), parse.GetValue(Out)!)
        {
            Warnings = Warnings(rule, mode, TypedOptions.Given(parse, All)),
        };
    }

    private static int? Nullable(Optional<int> value) => value.HasValue ? value.Value : null;

    private static string? InitPath(Optional<string> value) => value.HasValue ? value.Value : null;

    private static Option<double[]> SixCoefficients(string name, double[] defaultValue, string description) =>
        TypedOptions.Create(
            name,
            description,
            text =>
            {
                var values = OptionValues.RealList(name, text, double.IsFinite, "finite numbers");
                return values.Length == 6
                    ? values
                    : throw new UsageException(name, $"{name} must have 6 comma-separated numbers a0,a1pre,a1post,a2corr,a2pre,a2post (got {values.Length})");
            },
            () => (double[])defaultValue.Clone());

    /// <summary>Options that were typed but that the rule or the mode does not read: said instead of silently ignored.</summary>
    private static IReadOnlyList<string> Warnings(RuleEntry rule, TrainingMode mode, IReadOnlySet<string> given)
    {
        var warnings = new List<string>();
        var unused = RuleCatalog.RuleOptions.Where(o => given.Contains(o) && !rule.Uses.Contains(o)).ToArray();
        if (unused.Length > 0)
        {
            var reads = rule.Uses.Length == 0 ? "no rule-specific option" : string.Join(", ", rule.Uses);
            warnings.Add($"{string.Join(", ", unused)} ignored: --rule {rule.Name} reads {reads}");
        }

        if (given.Contains("--batch-size") && mode != TrainingMode.MiniBatch)
        {
            warnings.Add($"--batch-size ignored: it only applies to --mode minibatch (got --mode {Choices.TrainingModes.NameOf(mode)})");
        }

        return warnings;
    }
}
