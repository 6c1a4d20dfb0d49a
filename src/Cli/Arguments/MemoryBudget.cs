namespace Plasticity.Cli.Arguments;

/// <summary>
/// Refuses, before it starts, a run whose estimated memory cannot fit: a usage error (exit code 2) that gives the
/// estimate, the budget, and what to change, instead of an OutOfMemoryException after minutes of work.
/// </summary>
/// <remarks>
/// The budget is a fixed fraction of the memory the runtime may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>:
/// physical memory or the container limit). The fraction leaves room for the runtime, for estimates that are
/// lower bounds (each command's estimate counts its large arrays, not every small object), and for the other
/// programs on the machine.
/// </remarks>
public static class MemoryBudget
{
    /// <summary>Fraction of the available memory one run may plan to use.</summary>
    public const double UsableFraction = 0.5;

    /// <summary>Memory the runtime may use, in bytes.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The budget of one run, in bytes.</summary>
    public static double Usable => Available * UsableFraction;

    /// <summary>
    /// Throws a <see cref="UsageException"/> for <paramref name="parameter"/> when <paramref name="estimate"/> bytes
    /// exceed <see cref="Usable"/>. <paramref name="what"/> says what needs the memory ("eigen with d = 40000"),
    /// <paramref name="change"/> what to change.
    /// </summary>
    public static void Require(string parameter, double estimate, string what, string change)
    {
        var usable = Usable;
        if (estimate > usable)
        {
            throw new UsageException(
                parameter,
                $"{parameter}: {what} needs about {Bytes(estimate)} of memory, more than this machine allows one run "
                + $"({Bytes(usable)}, {UsableFraction.ToString("P0", CultureInfo.InvariantCulture)} of {Bytes(Available)}); {change}");
        }
    }

    /// <summary>A byte count in decimal units with three significant digits (B, kB, MB, GB, TB, PB).</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
        var unit = 0;
        while (bytes >= 1000 && unit < units.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }

        return bytes.ToString(bytes >= 100 || unit == 0 ? "F0" : "G3", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
