using Plasticity.Core.Synapses;

namespace Plasticity.Core.Networks.RateDynamics;

/// <summary>Argument checks shared by the recurrent networks.</summary>
internal static class SystemChecks
{
    /// <summary>Throws unless the matrix is square; returns N.</summary>
    public static int Square(IWeightMatrix recurrent, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(recurrent, parameterName);
        if (recurrent.Outputs != recurrent.Inputs)
        {
            throw new ArgumentException($"the recurrent matrix must be square; it is {recurrent.Outputs}×{recurrent.Inputs}.", parameterName);
        }

        return recurrent.Outputs;
    }

    /// <summary>Copies the external input after checking its length and finiteness.</summary>
    public static double[] Input(ReadOnlySpan<double> input, int size, string parameterName)
    {
        if (input.Length != size)
        {
            throw new ArgumentOutOfRangeException(parameterName, input.Length, $"the external input must have length {size} (the network size).");
        }

        for (var i = 0; i < input.Length; i++)
        {
            if (!double.IsFinite(input[i]))
            {
                throw new ArgumentOutOfRangeException(parameterName, input[i], $"the external input must be finite; entry {i} is {input[i]}.");
            }
        }

        return input.ToArray();
    }

    /// <summary>Throws unless 0 &lt; τ &lt; ∞.</summary>
    public static double TimeConstant(double tau, string parameterName)
    {
        if (!(tau > 0.0) || double.IsPositiveInfinity(tau))
        {
            throw new ArgumentOutOfRangeException(parameterName, tau, "the time constant τ must be positive and finite (ms).");
        }

        return tau;
    }

    /// <summary>Throws unless the span has the network's length.</summary>
    public static void Length(int length, int size, string parameterName)
    {
        if (length != size)
        {
            throw new ArgumentOutOfRangeException(parameterName, length, $"{parameterName} must have length {size} (the network size).");
        }
    }
}
