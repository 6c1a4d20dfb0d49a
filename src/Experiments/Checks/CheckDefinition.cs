namespace Plasticity.Experiments.Checks;

/// <summary>
/// One theory-versus-simulation check as data: what is compared, against which oracle from where, how the prediction
/// and the measurement are computed, and the tolerance with its derivation. The property tests (VerifyTests) and
/// <c>plasticity verify</c> evaluate the same definitions, so oracles and tolerances have one source.
/// </summary>
/// <param name="Id">Stable id, family first (for example "hopfield.one-step-error.n1000.a0.10").</param>
/// <param name="Family">Model family ("hopfield", "rate", "bcm", "scaling", "gha", "competitive", "continuous-hopfield", "spiking", "stdp").</param>
/// <param name="Model">The model and settings in words.</param>
/// <param name="Quantity">What is measured, in words.</param>
/// <param name="Oracle">What the prediction is.</param>
/// <param name="Source">Paper, equation or science.md section, and the theory function.</param>
/// <param name="Level">The lowest level that runs the check.</param>
/// <param name="Sense">Which side of the prediction the measurement must be on.</param>
/// <param name="Prepare">Draws the inputs from a seed and returns the prediction, measurement and tolerance functions.</param>
public sealed record CheckDefinition(
    string Id,
    string Family,
    string Model,
    string Quantity,
    OracleKind Oracle,
    string Source,
    CheckLevel Level,
    ComparisonSense Sense,
    Func<ulong, CheckCase> Prepare)
{
    /// <summary>Oracle description in words (for example "exact finite-N binomial law").</summary>
    public string OracleText { get; init; } = string.Empty;

    /// <summary>
    /// True for comparisons that are shown but are not tests (asymptotic laws at finite size, one noisy sample):
    /// their verdict is always <see cref="Verdict.NotATest"/>.
    /// </summary>
    public bool Informational { get; init; }

    /// <summary>True when the property tests run the check themselves (VerifyTests); the others run in CI through verify.</summary>
    public bool InTests { get; init; } = true;

    /// <summary>
    /// A deliberately wrong prediction that the check must reject (its power). Default: the prediction shifted by three
    /// tolerances away from the measurement side that passes.
    /// </summary>
    public Func<double, Measurement, Tolerance, double>? WrongPrediction { get; init; }

    /// <summary>
    /// The seed of this check under the run's base seed: <c>SeedPath.For(baseSeed, SeedPath.Verify, h)</c> =
    /// Derive(baseSeed, [7, h]) with h the 64-bit FNV-1a hash of the id's UTF-8 bytes; the check derives its own
    /// streams below that seed.
    /// </summary>
    public ulong SeedFor(ulong baseSeed)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(Id))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return SeedPath.For(baseSeed, SeedPath.Verify, (long)hash);
    }
}
