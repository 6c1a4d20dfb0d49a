using Plasticity.Cli.Learning;
using Plasticity.Core.Plasticity.Training;

namespace Plasticity.Cli.Arguments;

/// <summary>
/// Converts and validates the <c>learn</c> options; every bad value becomes a one-line <see cref="UsageException"/>
/// naming the option and its allowed range (exit code 2).
/// </summary>
/// <remarks>
/// Limits that depend on the data (GHA needs outputs ≤ d, competitive learning outputs ≤ samples) are checked by the
/// command once the file is read, with the same kind of message.
/// </remarks>
public static class LearnArgumentsBinder
{
    /// <summary>Largest number of output neurons.</summary>
    public const int MaxOutputs = 1000;

    /// <summary>Largest epoch, batch and record count accepted.</summary>
    public const int MaxCount = 10_000_000;

    /// <summary>Trajectory records per run when <c>--record-every</c> is not given (about; plus the first and last step).</summary>
    public const int DefaultRecords = 1000;

    /// <summary>Presentation orders by command-line name.</summary>
    public static IReadOnlyList<KeyValuePair<string, PresentationOrder>> Orders { get; } =
    [
        new("cyclic", PresentationOrder.Cyclic),
        new("shuffled", PresentationOrder.Shuffled),
        new("sampled", PresentationOrder.Sampled),
    ];

    /// <summary>Training modes by command-line name.</summary>
    public static IReadOnlyList<KeyValuePair<string, TrainingMode>> Modes { get; } =
    [
        new("online", TrainingMode.Online),
        new("minibatch", TrainingMode.MiniBatch),
        new("averaged", TrainingMode.Averaged),
    ];

    private static double[] SixCoefficients(string option, string text)
    {
        var values = OptionValues.RealList(option, text, double.IsFinite, "finite numbers");
        return values.Length == 6
            ? values
            : throw new UsageException(option, $"{option} must have 6 comma-separated numbers a0,a1pre,a1post,a2corr,a2pre,a2post (got {values.Length})");
    }

    /// <summary>Converts and validates <paramref name="raw"/>.</summary>
    /// <exception cref="UsageException">The first invalid option found.</exception>
    public static LearnArguments Bind(RawLearnArguments raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var rule = RuleCatalog.Find(raw.Rule);
        var data = OptionValues.Path("--data", raw.Data, "the path of a CSV file of samples");
        var eta = OptionValues.Positive("--eta", raw.Eta);
        var epochs = OptionValues.Integer("--epochs", raw.Epochs, 1, MaxCount);
        var seed = OptionValues.Seed("--seed", raw.Seed);
        var output = OptionValues.OutputPath("--out", raw.Out, "a directory path");
        var alpha = OptionValues.Positive("--alpha", raw.Alpha);
        var theta = OptionValues.Finite("--theta", raw.Theta);
        var etaTheta = OptionValues.Real("--eta-theta", raw.EtaTheta, v => v > 0 && v <= 1, "a number in (0, 1]");
        var outputs = OptionValues.Integer("--outputs", raw.Outputs, 1, MaxOutputs);
        var target = OptionValues.Finite("--target", raw.Target);
        var decay = OptionValues.Finite("--decay", raw.Decay);
        var taylor = SixCoefficients("--taylor", raw.Taylor);
        var taylorSlope = SixCoefficients("--taylor-slope", raw.TaylorSlope);
        var order = ChoiceNames.Parse(Orders, "--order", raw.Order);
        var mode = ChoiceNames.Parse(Modes, "--mode", raw.Mode);
        var batch = OptionValues.Integer("--batch-size", raw.BatchSize, 1, MaxCount);
        var limit = OptionValues.Positive("--divergence-limit", raw.DivergenceLimit);
        int? recordEvery = string.IsNullOrWhiteSpace(raw.RecordEvery)
            ? null
            : OptionValues.Integer("--record-every", raw.RecordEvery, 1, MaxCount);
        var init = string.IsNullOrWhiteSpace(raw.Init)
            ? null
            : OptionValues.Path("--init", raw.Init, "the path of a CSV file of initial weights");

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

        var parameters = new RuleParameters(eta, alpha, theta, etaTheta, target, decay, taylor, taylorSlope);
        return new LearnArguments(
            rule, parameters, data, outputs, epochs, order, mode, batch, limit, recordEvery, raw.Center, init, seed, output)
        {
            Warnings = Warnings(rule, mode, raw.Given),
        };
    }

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
            warnings.Add($"--batch-size ignored: it only applies to --mode minibatch (got --mode {ChoiceNames.NameOf(Modes, mode)})");
        }

        return warnings;
    }
}
