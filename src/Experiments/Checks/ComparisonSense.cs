namespace Plasticity.Experiments.Checks;

/// <summary>Which side of the prediction a measurement must lie on.</summary>
public enum ComparisonSense
{
    /// <summary>Two-sided: |measured − predicted| ≤ tolerance.</summary>
    Within,

    /// <summary>One-sided: measured ≤ predicted + tolerance (a bound that may not be exceeded).</summary>
    AtMost,

    /// <summary>One-sided and strict: measured &lt; predicted − tolerance (the measurement must lie clearly below).</summary>
    Below,
}
