namespace Plasticity.Experiments.Checks;

/// <summary>What the prediction of a check is.</summary>
public enum OracleKind
{
    /// <summary>An exact closed form (a formula written out, or an exact finite-size law).</summary>
    ClosedForm,

    /// <summary>A theory prediction (mean-field, averaged or linearised theory) with a stated model error.</summary>
    TheoryPrediction,

    /// <summary>A reference computation of the same equations (a kernel held against its own equation).</summary>
    ReferenceKernel,

    /// <summary>A number published in the literature.</summary>
    PublishedNumber,
}
