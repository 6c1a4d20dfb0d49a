namespace Plasticity.Core.Neurons;

/// <summary>Argument checks and shared numerics for transfer functions with a gain β.</summary>
internal static class TransferGain
{
    /// <summary>Throws unless 0 &lt; gain &lt; ∞.</summary>
    public static double Validate(double gain, string parameterName)
    {
        if (!(gain > 0.0) || double.IsPositiveInfinity(gain))
        {
            throw new ArgumentOutOfRangeException(parameterName, gain, "gain must be positive and finite (0 < gain < ∞).");
        }

        return gain;
    }

    /// <summary>
    /// ln(1 + x) accurate to a few ulps for small |x| (Kahan's trick: the rounding of 1 + x is undone by
    /// dividing by the computed (1 + x) − 1). .NET's double.LogP1 is Math.Log(x + 1), which is not.
    /// </summary>
    public static double Log1P(double x)
    {
        var w = 1.0 + x;
        var d = w - 1.0;
        return d == 0.0 ? x : Math.Log(w) * (x / d);
    }

    /// <summary>x ln x with the limit 0 at x = 0.</summary>
    public static double XLogX(double x) => x == 0.0 ? 0.0 : x * Math.Log(x);
}
