namespace Plasticity.Core.Networks.Hopfield;

/// <summary>What a storage rule does with the self-couplings w_ii.</summary>
public enum DiagonalConvention
{
    /// <summary>w_ii = 0 (the standard convention of every capacity result; the default).</summary>
    Zero,

    /// <summary>Keep the diagonal the rule produces (Hebbian: w_ii = P/N; pseudo-inverse: the projector's diagonal).</summary>
    Keep,
}
