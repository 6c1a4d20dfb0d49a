namespace Plasticity.Experiments.Stability;

/// <summary>
/// The whole declared grid of a stability job: one <see cref="RuleGrid"/> per rule, in <see cref="RuleRunner.Names"/>
/// order. <see cref="Default"/> is built in; a grid file (<see cref="GridFile"/>) overrides it.
/// </summary>
/// <param name="Rules">The rules' grids.</param>
public sealed record StabilityGrid(IReadOnlyList<RuleGrid> Rules)
{
    /// <summary>The built-in grid: every rule, 8 or 16 points each, n = 500 samples × 4 epochs (BCM: 1000 × 10).</summary>
    /// <remarks>
    /// Shared axes: d ∈ {4, 8}, eigengap 0.3, Gaussian and Laplacian input, seeds 1 and 2 (BCM: one-hot input,
    /// d ∈ {3, 5}, η_θ = 0.1 so the threshold is faster than the weights, η_θ ≫ η ⟨y²⟩). Learning rates are per
    /// rule, chosen so that the stable rules converge within the run (Oja's time constant 1/(η(λ₁ − λ₂)) = 1/(0.02·0.3)
    /// ≈ 170 steps of 2000 at η = 0.02) and the unstable ones diverge inside it (plain Hebb grows like
    /// (1 + η λ₁)^t, so at η = 0.1 ‖w‖ passes 10⁶ after ≈ 140 steps).
    /// <para>Spiking rules (pair STDP on the Song–Miller–Abbott neuron): η = A₊/g_max = 0.01, N = 250 Poisson inputs
    /// at ν ∈ {60, 80} Hz (N·ν of the order of the classic 1000 × 15 Hz; at 40 Hz the neuron stays silent), 10 s at dt = 0.1 ms,
    /// seeds 1 and 2: 4 points per rule.</para>
    /// </remarks>
    public static StabilityGrid Default { get; } = new(
    [
        Rule("hebb", [0.01, 0.1]),
        Rule("hebb-decay", [0.01]) with { Decay = 1e-4 },
        Rule("pre-gated", [0.01]) with { Theta = 0.5 },
        Rule("post-gated", [0.01]) with { Theta = 0.5 },
        Rule("covariance", [0.01]),
        Rule("covariance-running", [0.01]) with { EtaTheta = 0.01 },
        Rule("oja", [0.005, 0.02]),
        Rule("taylor", [0.005, 0.02]),
        Rule("bcm", [0.002, 0.005]) with { EtaTheta = 0.1, Input = [InputKind.OneHot], Dimension = [3, 5], Samples = 1000, Epochs = 10 },
        Rule("bcm-mean", [0.005]) with { EtaTheta = 0.1, Input = [InputKind.OneHot], Dimension = [3, 5], Samples = 1000, Epochs = 10 },
        Rule("scaling", [0.005, 0.02]) with { Mean = 1.0 },
        Rule("instar", [0.005, 0.02]) with { Mean = 1.0 },
        Rule("outstar", [0.005]) with { Mean = 1.0 },
        Rule("gha", [0.005, 0.02]) with { Outputs = 3 },
        Rule("subspace", [0.005, 0.02]) with { Outputs = 3 },
        Rule("competitive", [0.02, 0.1]) with { Outputs = 3 },
        Spiking("stdp-additive"),
        Spiking("stdp-multiplicative"),
    ]);

    /// <summary>The defaults of <paramref name="rule"/> (the built-in grid's entry).</summary>
    public static RuleGrid DefaultFor(string rule) =>
        Default.Rules.FirstOrDefault(r => r.Rule == rule) ?? throw new ArgumentException($"unknown rule '{rule}'.", nameof(rule));

    /// <summary>The grid restricted to <paramref name="names"/> (in this grid's order); null keeps every rule.</summary>
    public StabilityGrid Select(IReadOnlyCollection<string>? names) =>
        names is null ? this : new StabilityGrid([.. Rules.Where(r => names.Contains(r.Rule))]);

    /// <summary>Every point of every rule, rule by rule.</summary>
    public IEnumerable<StabilityPoint> Points() => Rules.SelectMany(r => r.Points());

    private static RuleGrid Spiking(string name) => Rule(name, [0.01]) with
    {
        Dimension = [250],
        Eigengap = [0.3],
        Input = [InputKind.Gaussian],
        InputRateHz = [60.0, 80.0],
        DurationMs = 10_000.0,
        Samples = 1,
        Epochs = 1,
    };

    private static RuleGrid Rule(string name, double[] eta) => new(
        name, eta, [4, 8], [0.3], [InputKind.Gaussian, InputKind.Laplacian], [1UL, 2UL],
        Samples: 500, Epochs: 4, Outputs: 1, Mean: 0.0, DivergenceLimit: 1e6, Alpha: 1.0, EtaTheta: 0.05, Theta: 0.0,
        Target: 1.0, Decay: 0.0, Checkpoints: 21);
}
