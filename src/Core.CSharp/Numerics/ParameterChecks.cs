namespace Plasticity.Core.Numerics;

/// <summary>Argument checks shared by the model types (public entry points validate; inner loops don't).</summary>
internal static class ParameterChecks
{
    /// <summary>Throws unless the value is finite and &gt; 0.</summary>
    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0.");

    /// <summary>Throws unless the value is finite and ≥ 0.</summary>
    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and >= 0.");

    /// <summary>Throws unless the value is finite.</summary>
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite.");

    /// <summary>Refractory period in whole steps: n = round(t_ref/dt) (the period actually simulated is n·dt).</summary>
    public static int RefractorySteps(double refractory, double dt)
    {
        var n = Math.Round(refractory / dt);
        return n <= int.MaxValue ? (int)n
            : throw new ArgumentOutOfRangeException(nameof(refractory), refractory, "refractory/dt must fit in an int.");
    }
}
