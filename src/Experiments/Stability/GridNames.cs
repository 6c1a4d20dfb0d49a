namespace Plasticity.Experiments.Stability;

/// <summary>The spellings of the grid's choice values, in files and identifiers (one table).</summary>
public static class GridNames
{
    private static readonly (InputKind Kind, string Name)[] Inputs =
    [
        (InputKind.Gaussian, "gaussian"),
        (InputKind.Laplacian, "laplacian"),
        (InputKind.OneHot, "onehot"),
    ];

    /// <summary>Allowed input names joined with '|'.</summary>
    public static string AllowedInputs { get; } = string.Join('|', Inputs.Select(i => i.Name));

    /// <summary>The name of an input kind.</summary>
    public static string Input(InputKind kind) => Inputs.First(i => i.Kind == kind).Name;

    /// <summary>The input kind of <paramref name="name"/> (case-insensitive), or null.</summary>
    public static InputKind? ParseInput(string name)
    {
        foreach (var (kind, n) in Inputs)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }
}
