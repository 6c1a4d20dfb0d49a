namespace Plasticity.Experiments.Stability;

/// <summary>
/// The declared grid of one rule: the cartesian product of the five axes (learning rate, dimension, eigengap, input
/// statistics, seed) is the rule's set of points; the scalars are shared by all of its points.
/// </summary>
/// <param name="Rule">Rule name (one of <see cref="RuleRunner.Names"/>).</param>
/// <param name="Eta">Learning rates η &gt; 0 (per sample).</param>
/// <param name="Dimension">Input dimensions d ≥ 2.</param>
/// <param name="Eigengap">Relative eigengaps (λ₁ − λ₂)/λ₁ in (0, 1) of the input covariance.</param>
/// <param name="Input">Input statistics.</param>
/// <param name="Seed">Seeds (each point's data, initial weights and presentation order derive from it).</param>
/// <param name="Samples">Samples n per dataset (≥ 1).</param>
/// <param name="Epochs">Passes over the dataset (≥ 1); steps = n·epochs (online, one sample per step).</param>
/// <param name="Outputs">Output neurons m ≥ 1 (GHA, subspace, competitive; 1 for single-output rules), m ≤ d.</param>
/// <param name="Mean">Offset μ added to every input component (instar, outstar and scaling need positive drive).</param>
/// <param name="DivergenceLimit">A step that would make a row norm exceed this (or a value non-finite) is divergence (&gt; 0).</param>
/// <param name="Alpha">Oja's α &gt; 0 (‖w‖ → 1/√α).</param>
/// <param name="EtaTheta">BCM threshold rate and covariance-running mean rate, in (0, 1].</param>
/// <param name="Theta">Initial BCM threshold and the gated rules' θ, ≥ 0.</param>
/// <param name="Target">Synaptic scaling's target rate y_target.</param>
/// <param name="Decay">hebb-decay's constant c (Δw = η x y − c).</param>
/// <param name="Checkpoints">How many times along the run the energy is evaluated (≥ 2).</param>
public sealed record RuleGrid(
    string Rule,
    IReadOnlyList<double> Eta,
    IReadOnlyList<int> Dimension,
    IReadOnlyList<double> Eigengap,
    IReadOnlyList<InputKind> Input,
    IReadOnlyList<ulong> Seed,
    int Samples,
    int Epochs,
    int Outputs,
    double Mean,
    double DivergenceLimit,
    double Alpha,
    double EtaTheta,
    double Theta,
    double Target,
    double Decay,
    int Checkpoints)
{
    /// <summary>Input rates ν (Hz, &gt; 0) of a spiking rule (<see cref="RuleRunner.SpikingNames"/>): an axis that
    /// replaces eigengap and input statistics there (Poisson inputs); empty for the rate rules.</summary>
    public IReadOnlyList<double> InputRateHz { get; init; } = [];

    /// <summary>Simulated time per point of a spiking rule (ms, &gt; 0; dt = 0.1 ms); 0 for the rate rules.</summary>
    public double DurationMs { get; init; }

    /// <summary>
    /// The rule's points, in axis order (η slowest, seed fastest). A spiking rule's axes are η (A₊/g_max), d (the
    /// number N of Poisson inputs), ν and the seed.
    /// </summary>
    public IEnumerable<StabilityPoint> Points()
    {
        if (RuleRunner.IsSpiking(Rule))
        {
            foreach (var eta in Eta)
            {
                foreach (var n in Dimension)
                {
                    foreach (var rate in InputRateHz)
                    {
                        foreach (var seed in Seed)
                        {
                            yield return new StabilityPoint(this, eta, n, Eigengap[0], Input[0], seed) { InputRateHz = rate };
                        }
                    }
                }
            }

            yield break;
        }

        foreach (var eta in Eta)
        {
            foreach (var d in Dimension)
            {
                foreach (var gap in Eigengap)
                {
                    foreach (var input in Input)
                    {
                        foreach (var seed in Seed)
                        {
                            yield return new StabilityPoint(this, eta, d, gap, input, seed);
                        }
                    }
                }
            }
        }
    }
}
