namespace Plasticity.Cli.Learning;

/// <summary>Which matrix's eigenvectors a rule is compared with.</summary>
public enum TheoryMatrix
{
    /// <summary>Correlation C = E[x xᵀ] of the data as fed to the rule.</summary>
    Correlation,

    /// <summary>Covariance C⁰ = E[(x − ⟨x⟩)(x − ⟨x⟩)ᵀ]: the covariance rules average to dw/dt = C⁰ w.</summary>
    Covariance,
}

/// <summary>Which eigenvector each output's alignment is measured against in the plot and the summary.</summary>
public enum TargetKind
{
    /// <summary>Every output against e_1 (single-output rules run independently on each output).</summary>
    Principal,

    /// <summary>Output i against e_i (GHA).</summary>
    Ordered,

    /// <summary>Output i's projection onto span(e_1..e_k) (the subspace rule fixes the span, not the basis).</summary>
    Subspace,
}

/// <summary>How the weights start when no <c>--init</c> file is given.</summary>
public enum InitKind
{
    /// <summary>w_ij ~ N(0, 1/d): unit expected row norm, random direction.</summary>
    Gaussian,

    /// <summary>|N(0, 1/d)|: positive weights, so a linear neuron's response to positive data starts positive (instar, outstar, scaling).</summary>
    Positive,

    /// <summary>Rows = distinct seeded random samples (competitive learning: every unit starts on the data and can win).</summary>
    Samples,
}

/// <summary>One rule of <c>plasticity learn</c>.</summary>
/// <param name="Name">Command-line name.</param>
/// <param name="Equation">The update, for help and the summary.</param>
/// <param name="Matrix">The matrix whose eigenvectors the trajectory is measured against.</param>
/// <param name="Target">What each output's alignment is measured against.</param>
/// <param name="Init">Default initial weights.</param>
/// <param name="Create">Builds the rule from the parameters and the input means of the data as fed.</param>
/// <param name="Uses">The rule-specific options (of <see cref="RuleCatalog.RuleOptions"/>) the rule reads.</param>
public sealed record RuleEntry(
    string Name,
    string Equation,
    TheoryMatrix Matrix,
    TargetKind Target,
    InitKind Init,
    Func<RuleParameters, double[], IPlasticityRule> Create,
    params string[] Uses);

/// <summary>
/// The rules <c>plasticity learn</c> can run, by command-line name: name → rule construction in one place, with the
/// allowed list for help and errors.
/// </summary>
public static class RuleCatalog
{
    /// <summary>All rules, in help order.</summary>
    public static IReadOnlyList<RuleEntry> Rules { get; } =
    [
        new("hebb", "Δw = η x y", TheoryMatrix.Correlation, TargetKind.Principal, InitKind.Gaussian,
            Build("hebb")),
        new("taylor", "Δw = η (a0 + a1pre x + a1post y + a2corr x y + a2pre x² + a2post y²), coefficients affine in w", TheoryMatrix.Correlation,
            TargetKind.Principal, InitKind.Gaussian, Build("taylor"), "--taylor", "--taylor-slope"),
        new("hebb-decay", "Δw = η x y − c", TheoryMatrix.Correlation, TargetKind.Principal, InitKind.Gaussian,
            Build("hebb-decay"), "--decay"),
        new("pre-gated", "Δw = η x (y − θ)", TheoryMatrix.Correlation, TargetKind.Principal, InitKind.Gaussian,
            Build("pre-gated"), "--theta"),
        new("post-gated", "Δw = η y (x − θ)", TheoryMatrix.Correlation, TargetKind.Principal, InitKind.Gaussian,
            Build("post-gated"), "--theta"),
        new("covariance", "Δw = η (x − ⟨x⟩) y", TheoryMatrix.Covariance, TargetKind.Principal, InitKind.Gaussian,
            Build("covariance")),
        new("covariance-running", "Δw = η (x − x̄)(y − ȳ), running means at rate η_θ", TheoryMatrix.Covariance,
            TargetKind.Principal, InitKind.Gaussian, Build("covariance-running"), "--eta-theta"),
        new("oja", "Δw = η (x y − α y² w)", TheoryMatrix.Correlation, TargetKind.Principal, InitKind.Gaussian,
            Build("oja"), "--alpha"),
        new("bcm", "Δw = η x y (y − θ), θ ← θ + η_θ (y² − θ)", TheoryMatrix.Correlation, TargetKind.Principal,
            InitKind.Gaussian, Build("bcm"), "--theta", "--eta-theta"),
        new("bcm-mean", "Δw = η x y (y − θ), θ ← θ + η_θ (y − θ)", TheoryMatrix.Correlation, TargetKind.Principal,
            InitKind.Gaussian, Build("bcm-mean"), "--theta", "--eta-theta"),
        new("scaling", "Δw = η w (y_target − y)", TheoryMatrix.Correlation, TargetKind.Principal, InitKind.Positive,
            Build("scaling"), "--target"),
        new("instar", "Δw = η y (x − w)", TheoryMatrix.Correlation, TargetKind.Principal, InitKind.Positive,
            Build("instar")),
        new("outstar", "Δw = η x (y − w)", TheoryMatrix.Correlation, TargetKind.Principal, InitKind.Positive,
            Build("outstar")),
        new("gha", "Δw_i = η y_i (x − Σ_{m≤i} y_m w_m)", TheoryMatrix.Correlation, TargetKind.Ordered,
            InitKind.Gaussian, Build("gha")),
        new("subspace", "Δw_i = η y_i (x − Σ_m y_m w_m)", TheoryMatrix.Correlation, TargetKind.Subspace,
            InitKind.Gaussian, Build("subspace")),
        new("competitive", "Δw_i* = η (x − w_i*) for the winner i* = argmax y", TheoryMatrix.Correlation,
            TargetKind.Principal, InitKind.Samples, Build("competitive")),
    ];

    /// <summary>Options that only some rules read; giving one to a rule that ignores it is said on stderr.</summary>
    public static IReadOnlyList<string> RuleOptions { get; } = ["--alpha", "--theta", "--eta-theta", "--target", "--decay", "--taylor", "--taylor-slope"];

    /// <summary>The allowed names joined with '|', for help and error messages.</summary>
    public static string Allowed { get; } = string.Join('|', Rules.Select(r => r.Name));

    /// <summary>Looks up <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="UsageException">Unknown name; the message lists the allowed names.</exception>
    public static RuleEntry Find(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        return Rules.FirstOrDefault(r => string.Equals(r.Name, trimmed, StringComparison.OrdinalIgnoreCase))
               ?? throw new UsageException("--rule", $"--rule must be one of {Allowed} (got '{trimmed}')");
    }

    private static Func<RuleParameters, double[], IPlasticityRule> Build(string name) =>
        (p, means) => RuleFactory.Create(name, p, means);
}
