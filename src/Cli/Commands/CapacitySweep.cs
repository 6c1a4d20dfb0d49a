using Plasticity.Cli.Arguments;
using Plasticity.Experiments.Capacity;

namespace Plasticity.Cli.Commands;

/// <summary>
/// Runs every point of a capacity sweep, one point after another (each point parallelises its trials internally).
/// </summary>
/// <remarks>
/// Points run in the order of the output rows. The core derives every random stream from the user seed and the
/// point's identity, so the result of a point does not depend on which other points the sweep contains.
/// </remarks>
public static class CapacitySweep
{
    /// <summary>Runs the sweep.</summary>
    /// <param name="arguments">Validated settings.</param>
    /// <param name="onPointStarted">Called before each point (from the calling thread).</param>
    /// <param name="onTrialDone">Called after each finished trial (from any thread).</param>
    /// <param name="cancellationToken">Stops between trials.</param>
    public static IReadOnlyList<CapacityResult> Run(
        CapacityArguments arguments,
        Action<CapacityPoint>? onPointStarted = null,
        Action? onTrialDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var results = new List<CapacityResult>();
        foreach (var point in arguments.Points)
        {
            cancellationToken.ThrowIfCancellationRequested();
            onPointStarted?.Invoke(point);
            results.Add(CapacityExperiment.Run(point, arguments.Settings, arguments.Seed, onTrialDone, cancellationToken));
        }

        return results;
    }
}
