namespace Plasticity.Cli.Output;

/// <summary>
/// The two files of one figure in an output directory, <c>stem.png</c> and <c>stem.svg</c> (<see cref="PlotFile"/>
/// writes both), so a command names a figure once.
/// </summary>
/// <param name="Stem">The file name without extension (<c>capacity</c> → <c>capacity.png</c>, <c>capacity.svg</c>).</param>
public sealed record FigureFiles(string Stem)
{
    /// <summary>The PNG file name.</summary>
    public string Png => Stem + ".png";

    /// <summary>The SVG file name.</summary>
    public string Svg => Stem + ".svg";

    /// <summary>Both file names, PNG first (the order the commands list them in).</summary>
    public IReadOnlyList<string> Names => [Png, Svg];
}
