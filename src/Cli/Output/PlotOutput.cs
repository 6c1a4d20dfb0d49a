using ScottPlot;

namespace Plasticity.Cli.Output;

/// <summary>
/// The one way a command draws a figure: rendered through ScottPlot to PNG and SVG (atomically, via
/// <see cref="PlotFile"/>), and a failure reported once as a warning, never as an error.
/// </summary>
/// <remarks>
/// <para>How a command uses it:</para>
/// <code>
/// if (PlotOutput.TryPlot(context, () =&gt; MyPlot.Build(rows), png, svg, width: 800, height: 500)) { files["png"] = ...; }
/// // or, for a figure helper that saves itself:
/// PlotOutput.TryPlot(context, () =&gt; ConvergencePlot.Save(..., png, svg), png, svg);
/// </code>
/// <para>A missing native SkiaSharp/HarfBuzz library or font must not throw away the simulation results: any failure
/// other than cancellation or an output-file error (a full disk, which the CSV and JSON would meet too) prints
/// <c>warning: plot not written: …; the CSV and JSON results are complete</c>, removes partial images and returns
/// false. A missing font is a warning before the figure is drawn (<see cref="PlotFonts.Problem"/>).</para>
/// </remarks>
public static class PlotOutput
{
    /// <summary>Builds the figure with <paramref name="build"/> and saves it at <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static bool TryPlot(CommandContext context, Func<Plot> build, string png, string svg, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(build);
        return TryPlot(context, () => PlotFile.Save(build(), png, svg, width, height), png, svg);
    }

    /// <summary>Runs <paramref name="draw"/>, which writes <paramref name="png"/> and <paramref name="svg"/>.</summary>
    public static bool TryPlot(CommandContext context, Action draw, string png, string svg)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(draw);
        return TryDraw(
            context,
            () =>
            {
                if (PlotFonts.Problem() is string problem)
                {
                    ErrorText.WriteWarning(context.Error, problem);
                }

                draw();
            },
            png,
            svg);
    }

    /// <summary>
    /// <see cref="TryPlot(CommandContext, Action, string, string)"/> without the font check, for a command that draws
    /// several figures and warns about the fonts once (<see cref="WarnAboutFonts"/>) before the first.
    /// </summary>
    public static bool TryDraw(CommandContext context, Action draw, string png, string svg)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(draw);
        try
        {
            draw();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutputFileException)
        {
            ErrorText.WriteWarning(context.Error, $"plot not written: {ErrorText.OneLine(e)}; the CSV and JSON results are complete");
            DeleteQuietly(png);
            DeleteQuietly(svg);
            return false;
        }
    }

    /// <summary>
    /// <see cref="TryPlot(CommandContext, Action, string, string)"/> of <paramref name="figure"/> in
    /// <paramref name="directory"/>: <paramref name="save"/> gets the PNG and SVG paths.
    /// </summary>
    public static bool TryPlot(CommandContext context, string directory, FigureFiles figure, Action<string, string> save)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(save);
        var (png, svg) = (Path.Combine(directory, figure.Png), Path.Combine(directory, figure.Svg));
        return TryPlot(context, () => save(png, svg), png, svg);
    }

    /// <summary>
    /// <see cref="TryDraw(CommandContext, Action, string, string)"/> of <paramref name="figure"/> in
    /// <paramref name="directory"/>: <paramref name="save"/> gets the PNG and SVG paths.
    /// </summary>
    public static bool TryDraw(CommandContext context, string directory, FigureFiles figure, Action<string, string> save)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(save);
        var (png, svg) = (Path.Combine(directory, figure.Png), Path.Combine(directory, figure.Svg));
        return TryDraw(context, () => save(png, svg), png, svg);
    }

    /// <summary>
    /// Builds a <see cref="Figure"/> in the one figure style and saves <c>stem.png</c> and <c>stem.svg</c> into
    /// <paramref name="directory"/> (<see cref="FigureFile"/>); the way every command should draw.
    /// </summary>
    public static bool TryFigure(CommandContext context, string directory, FigureFiles files, Func<Figure> build)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(build);
        return TryPlot(context, directory, files, (png, svg) => FigureFile.Save(build(), png, svg));
    }

    /// <summary>Warns once when the figures would have no text (no system fonts); a failing check is a warning too.</summary>
    public static void WarnAboutFonts(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            if (PlotFonts.Problem() is string problem)
            {
                ErrorText.WriteWarning(context.Error, problem);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ErrorText.WriteWarning(context.Error, $"cannot check the plot fonts: {ErrorText.OneLine(e)}");
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The warning about the plot has been printed already; a partial image the OS will not let go of stays.
        }
    }
}
