namespace Plasticity.Cli.Arguments;

/// <summary>
/// The <c>learn</c> command's options exactly as typed (text), converted and range-checked by
/// <see cref="LearnArgumentsBinder"/> (the same split as <see cref="RawCapacityArguments"/>).
/// </summary>
public sealed record RawLearnArguments
{
    /// <summary>Default learning rate.</summary>
    public const string DefaultEta = "0.005";

    /// <summary>Default number of passes over the data.</summary>
    public const string DefaultEpochs = "50";

    /// <summary>Default seed.</summary>
    public const string DefaultSeed = "1";

    /// <summary>Default output directory.</summary>
    public const string DefaultOut = "results/learn";

    /// <summary>Default Oja α (‖w‖ → 1/√α).</summary>
    public const string DefaultAlpha = "1";

    /// <summary>Default threshold θ.</summary>
    public const string DefaultTheta = "0";

    /// <summary>Default threshold (running-mean) rate.</summary>
    public const string DefaultEtaTheta = "0.1";

    /// <summary>Default number of output neurons.</summary>
    public const string DefaultOutputs = "1";

    /// <summary>Default scaling target rate.</summary>
    public const string DefaultTarget = "1";

    /// <summary>Default constant decay of hebb-decay.</summary>
    public const string DefaultDecay = "0";

    /// <summary>Default Taylor coefficients (a0, a1pre, a1post, a2corr, a2pre, a2post) in units of η: plain Hebb.</summary>
    public const string DefaultTaylor = "0,0,0,1,0,0";

    /// <summary>Default weight slopes of the Taylor coefficients: none.</summary>
    public const string DefaultTaylorSlope = "0,0,0,0,0,0";

    /// <summary>Default presentation order.</summary>
    public const string DefaultOrder = "shuffled";

    /// <summary>Default training mode.</summary>
    public const string DefaultMode = "online";

    /// <summary>Default mini-batch size.</summary>
    public const string DefaultBatchSize = "32";

    /// <summary>Default divergence limit on a row norm.</summary>
    public const string DefaultDivergenceLimit = "1e6";

    /// <summary>The options typed on the command line (the others have their defaults), for warnings about unused ones.</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary><c>--rule</c> (required).</summary>
    public string Rule { get; init; } = string.Empty;

    /// <summary><c>--data</c> (required).</summary>
    public string Data { get; init; } = string.Empty;

    /// <summary><c>--eta</c>.</summary>
    public string Eta { get; init; } = DefaultEta;

    /// <summary><c>--epochs</c>.</summary>
    public string Epochs { get; init; } = DefaultEpochs;

    /// <summary><c>--seed</c>.</summary>
    public string Seed { get; init; } = DefaultSeed;

    /// <summary><c>--out</c>.</summary>
    public string Out { get; init; } = DefaultOut;

    /// <summary><c>--alpha</c>.</summary>
    public string Alpha { get; init; } = DefaultAlpha;

    /// <summary><c>--theta</c>.</summary>
    public string Theta { get; init; } = DefaultTheta;

    /// <summary><c>--eta-theta</c>.</summary>
    public string EtaTheta { get; init; } = DefaultEtaTheta;

    /// <summary><c>--outputs</c>.</summary>
    public string Outputs { get; init; } = DefaultOutputs;

    /// <summary><c>--target</c>.</summary>
    public string Target { get; init; } = DefaultTarget;

    /// <summary><c>--decay</c>.</summary>
    public string Decay { get; init; } = DefaultDecay;

    /// <summary><c>--taylor</c>.</summary>
    public string Taylor { get; init; } = DefaultTaylor;

    /// <summary><c>--taylor-slope</c>.</summary>
    public string TaylorSlope { get; init; } = DefaultTaylorSlope;

    /// <summary><c>--center</c>.</summary>
    public bool Center { get; init; }

    /// <summary><c>--order</c>.</summary>
    public string Order { get; init; } = DefaultOrder;

    /// <summary><c>--mode</c>.</summary>
    public string Mode { get; init; } = DefaultMode;

    /// <summary><c>--batch-size</c>.</summary>
    public string BatchSize { get; init; } = DefaultBatchSize;

    /// <summary><c>--init</c>: initial weights file, or empty for seeded random weights.</summary>
    public string Init { get; init; } = string.Empty;

    /// <summary><c>--divergence-limit</c>.</summary>
    public string DivergenceLimit { get; init; } = DefaultDivergenceLimit;

    /// <summary><c>--record-every</c>: empty for about <see cref="LearnArgumentsBinder.DefaultRecords"/> records per run.</summary>
    public string RecordEvery { get; init; } = string.Empty;
}
