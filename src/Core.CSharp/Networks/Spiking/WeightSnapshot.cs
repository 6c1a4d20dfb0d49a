namespace Plasticity.Core.Networks.Spiking;

/// <summary>A copy of the weights taken at the end of the first step ending at or after the requested time.</summary>
/// <param name="RequestedTime">The time asked for (ms).</param>
/// <param name="Time">The grid time the copy was taken at (ms); 0 means before the first step.</param>
/// <param name="Weights">The weights then.</param>
public sealed record WeightSnapshot(double RequestedTime, double Time, double[] Weights);
