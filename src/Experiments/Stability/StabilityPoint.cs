namespace Plasticity.Experiments.Stability;

/// <summary>One point of a rule's grid: one value of each axis, with the rule's shared settings.</summary>
/// <param name="Grid">The rule's grid (its scalars apply).</param>
/// <param name="Eta">Learning rate η.</param>
/// <param name="Dimension">Input dimension d.</param>
/// <param name="Eigengap">Relative eigengap of the input covariance.</param>
/// <param name="Input">Input statistics.</param>
/// <param name="Seed">Seed of the point's data, initial weights and order.</param>
public sealed record StabilityPoint(RuleGrid Grid, double Eta, int Dimension, double Eigengap, InputKind Input, ulong Seed)
{
    /// <summary>Input rate ν (Hz) of a spiking point (<see cref="RuleRunner.SpikingNames"/>); 0 for rate rules.</summary>
    public double InputRateHz { get; init; }

    /// <summary>The rule's name.</summary>
    public string Rule => Grid.Rule;

    /// <summary>Output neurons m (the grid's, capped at d).</summary>
    public int Outputs => Math.Min(Grid.Outputs, Dimension);

    /// <summary>
    /// The point's identity within its rule, as printed in diffs and stored in baselines:
    /// <c>eta=…,d=…,gap=…,input=…,seed=…</c>, for a spiking point <c>eta=…,n=…,rate=…,seed=…</c> (numbers in
    /// round-trip invariant form).
    /// </summary>
    public string Id => RuleRunner.IsSpiking(Rule)
        ? string.Create(CultureInfo.InvariantCulture, $"eta={Eta:R},n={Dimension},rate={InputRateHz:R},seed={Seed}")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"eta={Eta:R},d={Dimension},gap={Eigengap:R},input={GridNames.Input(Input)},seed={Seed}");
}
