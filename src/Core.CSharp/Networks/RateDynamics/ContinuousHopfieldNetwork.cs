using Plasticity.Core.Neurons;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.RateDynamics;

/// <summary>
/// Continuous Hopfield network in potential form (Hopfield 1984; science sheet §5):
/// τ du/dt = −u + h + M F(u), rates s = F(u); potentials u (units of drive), couplings M (N×N), constant external
/// input h, time constant τ (ms), invertible transfer F. Integrate it with <see cref="LeakyIntegrator"/>.
/// </summary>
/// <remarks>
/// <para><b>Rate form.</b> For the rate network τ dv/dt = −v + F(h + M v) (<see cref="RecurrentRateNetwork"/>),
/// u = h + M v satisfies τ du/dt = M(τ dv/dt) = M(−v + F(u)) = −(u − h) + M F(u), i.e. this system; when M is
/// non-singular the map v ↦ u is a bijection, so the two forms have the same trajectories and fixed points
/// (<see cref="PotentialFromRates"/>). At a fixed point s = F(u) = v.</para>
/// <para><b>Lyapunov function.</b> E(s) = −½ sᵀ M s − hᵀ s + Σ_i Φ(s_i), Φ(s) = ∫₀^s F⁻¹(x) dx. For symmetric M,
/// ∂E/∂s_i = −(M s)_i − h_i + F⁻¹(s_i) = −(h + M s − u)_i, and ds_i/dt = F′(u_i) du_i/dt = F′(u_i)(h + M s − u)_i/τ,
/// so dE/dt = Σ_i ∂E/∂s_i ds_i/dt = −(1/τ) Σ_i F′(u_i)(h + M s − u)_i² ≤ 0, with equality only at fixed points.
/// For asymmetric M, ∂E/∂s = −½(M + Mᵀ)s − h + u and the identity (and monotonicity) fails.</para>
/// <para>M is referenced, not copied. Buffers make an instance single-threaded.</para>
/// </remarks>
public sealed class ContinuousHopfieldNetwork : ILeakySystem
{
    private readonly double[] _input;
    private readonly double[] _rates;
    private readonly double[] _field;

    /// <summary>Creates the network; <paramref name="couplings"/> must be square and every h_i finite.</summary>
    public ContinuousHopfieldNetwork(IWeightMatrix couplings, ReadOnlySpan<double> input, double timeConstant, IInvertibleTransfer transfer)
    {
        Size = SystemChecks.Square(couplings, nameof(couplings));
        ArgumentNullException.ThrowIfNull(transfer);
        _input = SystemChecks.Input(input, Size, nameof(input));
        TimeConstant = SystemChecks.TimeConstant(timeConstant, nameof(timeConstant));
        Couplings = couplings;
        Transfer = transfer;
        _rates = new double[Size];
        _field = new double[Size];
    }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public double TimeConstant { get; }

    /// <summary>M.</summary>
    public IWeightMatrix Couplings { get; }

    /// <summary>F.</summary>
    public IInvertibleTransfer Transfer { get; }

    /// <summary>h (a copy).</summary>
    public ReadOnlySpan<double> Input => _input;

    /// <summary>True when m_ij = m_ji exactly for all i, j (the condition for the Lyapunov property).</summary>
    public bool IsSymmetric
    {
        get
        {
            for (var i = 0; i < Size; i++)
            {
                for (var j = i + 1; j < Size; j++)
                {
                    if (Couplings[i, j] != Couplings[j, i])
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    /// <inheritdoc/>
    /// <remarks>G(u) = h + M F(u).</remarks>
    public void Target(ReadOnlySpan<double> state, Span<double> target)
    {
        Transfer.Apply(state, _rates);
        RecurrentDrive.Write(Couplings, _input, _rates, target);
    }

    /// <summary>Writes the rates s = F(u).</summary>
    public void Rates(ReadOnlySpan<double> potentials, Span<double> rates)
    {
        SystemChecks.Length(potentials.Length, Size, nameof(potentials));
        SystemChecks.Length(rates.Length, Size, nameof(rates));
        Transfer.Apply(potentials, rates);
    }

    /// <summary>Writes u = h + M v, the potentials of the rate-form state v (see the remarks).</summary>
    public void PotentialFromRates(ReadOnlySpan<double> rates, Span<double> potentials)
    {
        SystemChecks.Length(rates.Length, Size, nameof(rates));
        SystemChecks.Length(potentials.Length, Size, nameof(potentials));
        RecurrentDrive.Write(Couplings, _input, rates, potentials);
    }

    /// <summary>
    /// E(s) = −½ sᵀ M s − hᵀ s + Σ_i ∫₀^{s_i} F⁻¹(x) dx for rates s in the closure of F's range (sums left to right;
    /// M s through <see cref="IWeightMatrix.Multiply"/>).
    /// </summary>
    public double Energy(ReadOnlySpan<double> rates)
    {
        SystemChecks.Length(rates.Length, Size, nameof(rates));
        var (lower, upper) = Transfer.Range;
        for (var i = 0; i < rates.Length; i++)
        {
            if (!(rates[i] >= lower && rates[i] <= upper) || !double.IsFinite(rates[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(rates), rates[i], $"rate {i} must be finite and in [{lower}, {upper}] (the closure of F's range).");
            }
        }

        Couplings.Multiply(rates, _field);
        var quadratic = 0.0;
        var linear = 0.0;
        var integral = 0.0;
        for (var i = 0; i < rates.Length; i++)
        {
            quadratic += rates[i] * _field[i];
            linear += _input[i] * rates[i];
            integral += Transfer.InverseIntegral(rates[i]);
        }

        return -0.5 * quadratic - linear + integral;
    }

    /// <summary>
    /// The time derivative −(1/τ) Σ_i F′(u_i)(h + M s − u)_i², s = F(u), of <see cref="Energy"/> along the flow at
    /// potentials u (ms⁻¹ per unit of energy). It equals dE/dt only for symmetric M (see the remarks).
    /// </summary>
    public double EnergyRate(ReadOnlySpan<double> potentials)
    {
        SystemChecks.Length(potentials.Length, Size, nameof(potentials));
        Transfer.Apply(potentials, _rates);
        Couplings.Multiply(_rates, _field);
        var sum = 0.0;
        for (var i = 0; i < potentials.Length; i++)
        {
            var r = _input[i] + _field[i] - potentials[i];
            sum += Transfer.Derivative(potentials[i]) * r * r;
        }

        return -sum / TimeConstant;
    }
}
