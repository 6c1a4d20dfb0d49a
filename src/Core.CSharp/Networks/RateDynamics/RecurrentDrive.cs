using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.RateDynamics;

/// <summary>The affine drive h + M v of the recurrent networks (the rate network's F argument, the Hopfield target and potentials).</summary>
internal static class RecurrentDrive
{
    /// <summary>drive_i = (M v)_i + h_i (M v through <see cref="IWeightMatrix.Multiply"/>; an inner kernel: lengths not checked).</summary>
    public static void Write(IWeightMatrix recurrent, ReadOnlySpan<double> input, ReadOnlySpan<double> rates, Span<double> drive)
    {
        recurrent.Multiply(rates, drive);
        for (var i = 0; i < drive.Length; i++)
        {
            drive[i] += input[i];
        }
    }
}
