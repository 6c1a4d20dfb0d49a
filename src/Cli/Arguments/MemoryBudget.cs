namespace Plasticity.Cli.Arguments;

/// <summary>
/// Refuses, before it starts, a run whose estimated memory cannot fit: a usage error (exit code 2) that gives the
/// estimate, the budget, and what to change, instead of an OutOfMemoryException after minutes of work.
/// </summary>
/// <remarks>
/// <para>The budget of one run, for T bytes the runtime may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>:
/// physical memory or the container limit) of which L are in use on the machine now
/// (<see cref="GCMemoryInfo.MemoryLoadBytes"/>, every process):</para>
/// <code>budget = min( max(½·T, T − R), T − L ),   R = 1 GB + 10 % of T.</code>
/// <para>Why: a fixed half of T (the rule before) leaves 12 GB unused on a 24 GB machine, where one capacity trial at
/// N = 10⁶, α = 0.1 needs 12.5 GB of pattern bits and fits easily. The reserve R is what a run must leave to others:
/// the operating system, the .NET runtime and JIT, the small objects the estimates do not count (each command's estimate
/// counts its large arrays only), and the page cache the results store and figures need; 1 GB covers the fixed part,
/// 10 % of T the part that grows with the machine (page tables, GC bookkeeping of large heaps). On 25.3 GB that is
/// 3.5 GB, a budget of 21.7 GB: N = 10⁶ at α = 0.16 (20.0 GB of bits) is allowed, α = 0.17 (21.3 GB) still is,
/// α = 0.18 (22.5 GB) is refused. Half of T stays the floor, so a small machine (T &lt; 2.5 GB) keeps the old budget.
/// The second term refuses a run that would fit the machine but not the memory free now (other programs hold
/// L), since there is no point in starting a run the kernel will kill; it is read when the check runs, so the same
/// command may be refused on a loaded machine and accepted on an idle one, and the message says which term bound.</para>
/// </remarks>
public static class MemoryBudget
{
    /// <summary>Fraction of the available memory one run may always plan to use (the floor of the budget).</summary>
    public const double UsableFraction = 0.5;

    /// <summary>Fixed part of the reserve left to the operating system and runtime, in bytes (1 GB).</summary>
    public const double ReserveBytes = 1e9;

    /// <summary>Part of the reserve that grows with the machine: this fraction of the available memory.</summary>
    public const double ReserveFraction = 0.10;

    /// <summary>Memory the runtime may use, in bytes.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Memory in use on the machine now (every process), in bytes; 0 when the runtime does not know yet.</summary>
    public static long InUse => GC.GetGCMemoryInfo().MemoryLoadBytes;

    /// <summary>The budget of one run, in bytes: <see cref="Budget"/> of this machine now.</summary>
    public static double Usable => Budget(Available, InUse);

    /// <summary>The reserve R = <see cref="ReserveBytes"/> + <see cref="ReserveFraction"/>·T of a machine with <paramref name="available"/> bytes.</summary>
    public static double Reserve(double available) => ReserveBytes + (ReserveFraction * available);

    /// <summary>The budget that fits the machine: max(½·T, T − R) for T = <paramref name="available"/>.</summary>
    public static double Planned(double available) => Math.Max(UsableFraction * available, available - Reserve(available));

    /// <summary>
    /// The budget of one run, min(max(½·T, T − R), T − L), for T = <paramref name="available"/> bytes of which
    /// <paramref name="inUse"/> (L, any value ≤ 0 meaning unknown) are in use now.
    /// </summary>
    public static double Budget(double available, double inUse)
    {
        var planned = Planned(available);
        return inUse > 0 ? Math.Max(0, Math.Min(planned, available - inUse)) : planned;
    }

    /// <summary>
    /// Throws a <see cref="UsageException"/> for <paramref name="parameter"/> when <paramref name="estimate"/> bytes
    /// exceed <see cref="Usable"/>. <paramref name="what"/> says what needs the memory ("eigen with d = 40000"),
    /// <paramref name="change"/> what to change.
    /// </summary>
    public static void Require(string parameter, double estimate, string what, string change)
    {
        var available = (double)Available;
        var inUse = (double)InUse;
        var usable = Budget(available, inUse);
        if (estimate > usable)
        {
            throw new UsageException(parameter, $"{parameter}: {what} needs about {Bytes(estimate)} of memory, more than {Explain(available, inUse)}; {change}");
        }
    }

    /// <summary>The budget in words: which term bound, with its numbers.</summary>
    public static string Explain(double available, double inUse)
    {
        var planned = Planned(available);
        var usable = Budget(available, inUse);
        if (usable < planned)
        {
            return $"is free on this machine now ({Bytes(usable)} of {Bytes(available)}; other programs use {Bytes(inUse)})";
        }

        return planned > available - Reserve(available)
            ? $"this machine allows one run ({Bytes(usable)}, {UsableFraction.ToString("P0", CultureInfo.InvariantCulture)} of {Bytes(available)})"
            : $"this machine allows one run ({Bytes(usable)}: {Bytes(available)} less a reserve of {Bytes(Reserve(available))} for the system and runtime)";
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
