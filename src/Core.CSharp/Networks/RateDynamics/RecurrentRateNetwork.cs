using Plasticity.Core.Neurons;
using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.RateDynamics;

/// <summary>
/// Recurrent rate network τ dv/dt = −v + F(h + M v) (science sheet §1 and §5): rates v (per unit), recurrent
/// weights M (N×N, m_ij from unit j to unit i), constant external input h (units of drive), time constant τ (ms),
/// transfer function F. Integrate it with <see cref="LeakyIntegrator"/>.
/// </summary>
/// <remarks>
/// M is referenced, not copied. With M non-singular, u = h + M v turns this into the potential form
/// <see cref="ContinuousHopfieldNetwork"/>: τ du/dt = M (τ dv/dt) = M(−v + F(u)) = −(u − h) + M F(u).
/// One drive buffer: an instance must not be used from two threads at the same time.
/// </remarks>
public sealed class RecurrentRateNetwork : ILeakySystem
{
    private readonly double[] _input;
    private readonly double[] _drive;

    /// <summary>Creates the network; <paramref name="recurrent"/> must be square and every h_i finite.</summary>
    public RecurrentRateNetwork(IWeightMatrix recurrent, ReadOnlySpan<double> input, double timeConstant, ITransferFunction transfer)
    {
        Size = SystemChecks.Square(recurrent, nameof(recurrent));
        ArgumentNullException.ThrowIfNull(transfer);
        _input = SystemChecks.Input(input, Size, nameof(input));
        TimeConstant = SystemChecks.TimeConstant(timeConstant, nameof(timeConstant));
        Recurrent = recurrent;
        Transfer = transfer;
        _drive = new double[Size];
    }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public double TimeConstant { get; }

    /// <summary>M.</summary>
    public IWeightMatrix Recurrent { get; }

    /// <summary>F.</summary>
    public ITransferFunction Transfer { get; }

    /// <summary>h (a copy).</summary>
    public ReadOnlySpan<double> Input => _input;

    /// <summary>Writes the drive h + M v.</summary>
    public void Drive(ReadOnlySpan<double> rates, Span<double> drive)
    {
        SystemChecks.Length(rates.Length, Size, nameof(rates));
        SystemChecks.Length(drive.Length, Size, nameof(drive));
        RecurrentDrive.Write(Recurrent, _input, rates, drive);
    }

    /// <inheritdoc/>
    /// <remarks>G(v) = F(h + M v).</remarks>
    public void Target(ReadOnlySpan<double> state, Span<double> target)
    {
        RecurrentDrive.Write(Recurrent, _input, state, _drive);
        Transfer.Apply(_drive, target);
    }
}
