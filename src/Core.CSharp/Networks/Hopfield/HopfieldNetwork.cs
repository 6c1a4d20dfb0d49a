using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.Hopfield;

/// <summary>
/// A binary Hopfield network: the description (couplings W, external field h, threshold θ) of
/// s_i ← sgn(u_i + h_i − θ_i) with u_i = Σ_j w_ij s_j. Immutable; the state lives outside.
/// </summary>
/// <remarks>
/// Conventions: units are ±1; sgn(0) keeps the current state (a tie never flips a unit); the sum includes
/// w_ii s_i (the diagonal is whatever the couplings hold, zero by default); E = −½ sᵀWs − (h − θ)ᵀs.
/// </remarks>
public sealed class HopfieldNetwork
{
    private readonly double[] _bias; // h − θ

    /// <summary>Creates a network. <paramref name="field"/> (h) and <paramref name="threshold"/> (θ) default to zero.</summary>
    public HopfieldNetwork(ICouplings couplings, double[]? field = null, double[]? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(couplings);
        if (couplings.Outputs != couplings.Inputs)
        {
            throw new ArgumentException($"the couplings must be square; they are {couplings.Outputs}×{couplings.Inputs}.", nameof(couplings));
        }

        Couplings = couplings;
        var n = couplings.Size;
        _bias = new double[n];
        if (field is not null)
        {
            Require(field, n, nameof(field));
            for (var i = 0; i < n; i++)
            {
                _bias[i] += field[i];
            }
        }

        if (threshold is not null)
        {
            Require(threshold, n, nameof(threshold));
            for (var i = 0; i < n; i++)
            {
                _bias[i] -= threshold[i];
            }
        }

        HasBias = _bias.Any(b => b != 0.0);
    }

    /// <summary>The couplings W.</summary>
    public ICouplings Couplings { get; }

    /// <summary>Number of units N.</summary>
    public int Size => Couplings.Size;

    /// <summary>b_i = h_i − θ_i.</summary>
    public ReadOnlySpan<double> Bias => _bias;

    /// <summary>True if any h_i − θ_i ≠ 0.</summary>
    public bool HasBias { get; }

    /// <summary>Total input a_i = Σ_j w_ij s_j + h_i − θ_i for every unit.</summary>
    public void ComputeInputs(ReadOnlySpan<sbyte> state, Span<double> inputs)
    {
        RequireState(state);
        Couplings.ComputeFields(state, inputs);
        if (HasBias)
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] += _bias[i];
            }
        }
    }

    /// <summary>E = −½ Σ_ij w_ij s_i s_j − Σ_i (h_i − θ_i) s_i.</summary>
    public double Energy(ReadOnlySpan<sbyte> state)
    {
        RequireState(state);
        var u = new double[Size];
        Couplings.ComputeFields(state, u);
        double quadratic = 0, linear = 0;
        for (var i = 0; i < u.Length; i++)
        {
            quadratic += u[i] * state[i];
            linear += _bias[i] * state[i];
        }

        return -0.5 * quadratic - linear;
    }

    /// <summary>The update rule: sgn(a) with a tie (a = 0) keeping the current value.</summary>
    public static sbyte Sign(double input, sbyte current) => input > 0 ? (sbyte)1 : input < 0 ? (sbyte)-1 : current;

    internal void RequireState(ReadOnlySpan<sbyte> state)
    {
        if (state.Length != Size)
        {
            throw new ArgumentException($"state has length {state.Length}; the network has N = {Size} units.", nameof(state));
        }
    }

    private static void Require(double[] v, int n, string name)
    {
        if (v.Length != n)
        {
            throw new ArgumentException($"{name} has length {v.Length}; expected N = {n}.", name);
        }

        foreach (var x in v)
        {
            if (!double.IsFinite(x))
            {
                throw new ArgumentException($"{name} contains {x}; values must be finite.", name);
            }
        }
    }
}
