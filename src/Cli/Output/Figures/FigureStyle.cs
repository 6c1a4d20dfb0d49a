using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace Plasticity.Cli.Output.Figures;

/// <summary>
/// The one figure style of the toolkit: every plot a command writes goes through <see cref="Apply"/> and the series
/// helpers below, so all figures share one font, one palette and one visual grammar.
/// </summary>
/// <remarks>
/// <para><b>Grammar.</b> Theory is drawn as lines (black, <see cref="TheoryColor"/>; further theory curves dashed or in
/// a series colour), simulation as markers (filled circles in <see cref="SeriesColor"/>) with their confidence bars.
/// The kind of mark, not only its colour, tells theory from measurement, so the figure survives greyscale printing.</para>
/// <para><b>Font.</b> <see cref="FontFamily"/> (DejaVu Sans: Latin, Greek, sub/superscripts, ‖ √ ≈ ∞ −; installed
/// by the CI's fonts-dejavu-core package) is set on every label of every plot. ScottPlot's <c>Font.Set</c> also
/// changes its process-wide default, so setting it on each plot, rather than once, keeps the result independent of
/// which figure a process draws first. Titles are regular weight.</para>
/// <para><b>Palette.</b> Okabe &amp; Ito (2008), "Color Universal Design", as listed by Wong (2011), Nat. Methods 8:441:
/// blue #0072B2, vermillion #D55E00, bluish green #009E73, reddish purple #CC79A7, orange #E69F00, sky blue #56B4E9.
/// Black is reserved for theory; yellow (#F0E442) is left out because it is unreadable on white.</para>
/// <para><b>Legend.</b> Always outside the data area (a panel to the right), so it never covers a data point.</para>
/// <para><b>Numbers.</b> Tick labels never use "E" notation (<see cref="Number"/>); a log axis is drawn by plotting
/// log₁₀ of the data and labelling the ticks 10ⁿ (<see cref="UseLogTicks"/>).</para>
/// </remarks>
public static class FigureStyle
{
    /// <summary>The one font family of every figure.</summary>
    public const string FontFamily = "DejaVu Sans";

    /// <summary>Colour of theory curves.</summary>
    public static readonly Color TheoryColor = Colors.Black;

    /// <summary>Colour of reference marks that are neither theory nor data (zero lines, thresholds).</summary>
    public static readonly Color ReferenceColor = Color.FromHex("#7F7F7F");

    private static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"),
        Color.FromHex("#D55E00"),
        Color.FromHex("#009E73"),
        Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"),
        Color.FromHex("#56B4E9"),
    ];

    /// <summary>The number of distinct series colours before they repeat.</summary>
    public static int SeriesColorCount => Palette.Length;

    /// <summary>Colour of simulation series <paramref name="index"/> (0-based; cycles after <see cref="SeriesColorCount"/>).</summary>
    public static Color SeriesColor(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>
    /// A new plot in the toolkit style with its title and axis labels (Unicode symbols with units, e.g.
    /// "Δt = t_post − t_pre (ms)").
    /// </summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        Apply(plot);
        return plot;
    }

    /// <summary>Applies the font, title weight, tick formatting and outside legend to <paramref name="plot"/>.</summary>
    public static void Apply(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Font.Set(FontFamily);
        plot.Legend.FontName = FontFamily;
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Title.Label.FontSize = 15;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right })
        {
            if (axis.TickGenerator is NumericAutomatic automatic)
            {
                automatic.LabelFormatter = Number;
            }
        }

        plot.ShowLegend(Edge.Right).Alignment = Alignment.UpperCenter;
    }

    /// <summary>Hides the legend (a panel whose series are named in another panel's legend).</summary>
    public static void WithoutLegend(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        foreach (var panel in plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().ToList())
        {
            plot.Axes.Remove(panel);
        }

        plot.HideLegend();
    }

    /// <summary>A theory curve: a line without markers, black unless <paramref name="color"/> is given.</summary>
    public static Scatter TheoryLine(Plot plot, double[] xs, double[] ys, string label, LinePattern? pattern = null, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var line = plot.Add.ScatterLine(xs, ys, color ?? TheoryColor);
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LinePattern = pattern ?? LinePattern.Solid;
        line.LegendText = label;
        return line;
    }

    /// <summary>A simulation series: markers without a line, in series colour <paramref name="series"/>.</summary>
    public static Scatter SimulationPoints(Plot plot, double[] xs, double[] ys, string label, int series, float size = 7, MarkerShape shape = MarkerShape.FilledCircle)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var points = plot.Add.ScatterPoints(xs, ys, SeriesColor(series));
        points.MarkerSize = size;
        points.MarkerShape = shape;
        points.LegendText = label;
        return points;
    }

    /// <summary>A measured time course: a thin line in series colour <paramref name="series"/> (a trajectory is data, not theory).</summary>
    public static Scatter SimulationTrace(Plot plot, double[] xs, double[] ys, string label, int series)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var line = plot.Add.ScatterLine(xs, ys, SeriesColor(series));
        line.LineWidth = 1.5f;
        line.MarkerSize = 0;
        line.LegendText = label;
        return line;
    }

    /// <summary>Asymmetric confidence bars (distances below and above each point), in series colour <paramref name="series"/>; no legend entry.</summary>
    public static ErrorBar ConfidenceBars(Plot plot, double[] xs, double[] ys, double[] below, double[] above, int series)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var bars = new ErrorBar(xs, ys, null!, null!, above, below) { Color = SeriesColor(series), CapSize = 4, LineWidth = 1.2f };
        plot.Add.Plottable(bars);
        return bars;
    }

    /// <summary>A labelled vertical reference line (a critical value, a fixed point) in <paramref name="color"/>.</summary>
    public static VerticalLine Marker(Plot plot, double x, string label, Color color, LinePattern? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var line = plot.Add.VerticalLine(x, 1.5f, color, pattern ?? LinePattern.Dashed);
        line.LegendText = label;
        return line;
    }

    /// <summary>An unlabelled horizontal reference line (zero, a threshold named in an axis label).</summary>
    public static HorizontalLine Reference(Plot plot, double y, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var line = plot.Add.HorizontalLine(y, 1, ReferenceColor, LinePattern.Dotted);
        if (label is not null)
        {
            line.LegendText = label;
        }

        return line;
    }

    /// <summary>
    /// Labels <paramref name="axis"/> as a log₁₀ axis: the data plotted on it must be log₁₀ of the quantity
    /// (<see cref="Log10"/>); major ticks at integers are labelled 10ⁿ, minor ticks at 2…9 × 10ⁿ.
    /// </summary>
    public static void UseLogTicks(IAxis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = PowerOfTen,
            MinorTickGenerator = new LogMinorTickGenerator(),
        };
    }

    /// <summary>log₁₀ of each value, with values ≤ <paramref name="floor"/> (zeros) raised to the floor so they stay on the axis.</summary>
    public static double[] Log10(IEnumerable<double> values, double floor)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Select(v => Math.Log10(Math.Max(v, floor))).ToArray();
    }

    /// <summary>"10ⁿ" for a tick at log₁₀ value n (rounded to the nearest integer).</summary>
    public static string PowerOfTen(double exponent)
    {
        var n = (int)Math.Round(exponent);
        return n switch
        {
            0 => "1",
            1 => "10",
            _ => "10" + Superscript(n),
        };
    }

    /// <summary>
    /// A tick label without E notation: plain decimals from 10⁻³ to 10⁵ (shortest round-trip, at most 6 significant
    /// digits), otherwise a mantissa × 10ⁿ with a Unicode superscript ("1.5×10⁻⁴"); the minus sign is U+2212.
    /// </summary>
    public static string Number(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value == 0 ? "0" : value.ToString(CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value);
        string text;
        if (magnitude >= 1e-3 && magnitude < 1e5)
        {
            text = Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
        }
        else
        {
            var exponent = (int)Math.Floor(Math.Log10(magnitude));
            var mantissa = Math.Round(value / Math.Pow(10, exponent), 3);
            if (Math.Abs(mantissa) >= 10)
            {
                mantissa /= 10;
                exponent++;
            }

            text = (mantissa == 1 ? string.Empty : mantissa == -1 ? "-" : mantissa.ToString("0.###", CultureInfo.InvariantCulture) + "×")
                   + "10" + Superscript(exponent);
        }

        return text.Replace('-', '−');
    }

    /// <summary>An integer in Unicode superscript digits (⁻ for the sign); <see cref="PowerOfTenText.Superscript"/>.</summary>
    public static string Superscript(int value) => PowerOfTenText.Superscript(value);
}
