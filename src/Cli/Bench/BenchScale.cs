namespace Plasticity.Cli.Bench;

/// <summary>The size at which <c>bench</c> runs the targets (<see cref="TargetSuite"/>) and the scaling sizes.</summary>
public enum BenchScale
{
    /// <summary>Tiny sizes, a few seconds in all (--quick; tests and smoke runs).</summary>
    Quick,

    /// <summary>The sizes for targets 1, 2, 4, 5 and 6.</summary>
    Default,

    /// <summary>As <see cref="Default"/>, plus target 3 (N = 10⁶: about 13 GB and minutes).</summary>
    Full,
}
