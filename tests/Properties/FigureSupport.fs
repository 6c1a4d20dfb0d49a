/// Shared support for the figure tests: the plot model of a figure read back without rendering (title, axis labels,
/// series names and kinds, font, legend placement), so a test can hold a figure to its specification (issue 10:
/// theory as lines, simulation as markers, legends off the data, one font).
module Plasticity.Properties.FigureSupport

open ScottPlot
open ScottPlot.Plottables
open Plasticity.Cli.Output.Figures
open Plasticity.Properties.Support

/// How a series is drawn.
type SeriesKind =
    | Line
    | Markers
    | LineAndMarkers
    | Bars
    | VerticalMark
    | HorizontalMark
    | Bars95
    | Other of string

/// One named series of a panel.
type Series = { Name: string; Kind: SeriesKind }

/// What a panel shows.
type Panel =
    { Title: string
      XLabel: string
      YLabel: string
      RightLabel: string
      Series: Series list
      LegendOutside: bool
      Fonts: string list }

let private kindOf (p: IPlottable) =
    match p with
    | :? Scatter as s when s.LineWidth > 0.0f && s.MarkerSize > 0.0f -> LineAndMarkers
    | :? Scatter as s when s.MarkerSize > 0.0f -> Markers
    | :? Scatter -> Line
    | :? BarPlot -> Bars
    | :? VerticalLine -> VerticalMark
    | :? HorizontalLine -> HorizontalMark
    | :? ErrorBar -> Bars95
    | other -> Other(other.GetType().Name)

let private nameOf (p: IPlottable) =
    match p with
    | :? IHasLegendText as named -> (match box named.LegendText with | :? string as text -> text | _ -> "")
    | _ -> ""

/// The model of one panel.
let describePanel (plot: Plot) =
    { Title = plot.Axes.Title.Label.Text
      XLabel = plot.Axes.Bottom.Label.Text
      YLabel = plot.Axes.Left.Label.Text
      RightLabel = plot.Axes.Right.Label.Text
      Series = [ for p in plot.GetPlottables() -> { Name = nameOf p; Kind = kindOf p } ]
      LegendOutside = not plot.Legend.IsVisible && (plot.Axes.GetPanels() |> Seq.exists (fun panel -> panel :? ScottPlot.Panels.LegendPanel))
      Fonts =
        [ plot.Axes.Title.Label.FontName
          plot.Axes.Bottom.Label.FontName
          plot.Axes.Left.Label.FontName
          plot.Axes.Bottom.TickLabelStyle.FontName
          plot.Axes.Left.TickLabelStyle.FontName ] |> List.distinct }

/// The model of every panel of a figure, top first.
let describe (figure: Figure) = [ for p in figure.Panels -> describePanel p ]

/// Names of the series of kind k in a panel.
let namesOf (kind: SeriesKind) (panel: Panel) = [ for s in panel.Series do if s.Kind = kind && s.Name <> "" then yield s.Name ]

/// The checks every figure of the toolkit must pass: one font (FigureStyle.FontFamily) on every label, a non-empty
/// title and axis labels on the main panel with no CLI slug (no "--", no "rule hebb"-style "key value" pairs are
/// checked by the caller), the legend of the main panel outside the data area, and no ASCII stand-ins for the symbols
/// the style writes in Unicode.
let requireStyle (what: string) (figure: Figure) =
    let panels = describe figure
    let main = List.head panels
    require (main.Title <> "") (sprintf "%s: the main panel has no title" what)
    require (main.XLabel <> "" && main.YLabel <> "") (sprintf "%s: axis labels %A / %A" what main.XLabel main.YLabel)
    require main.LegendOutside (sprintf "%s: the legend must sit outside the data area" what)
    for p in panels do
        require (p.Fonts = [ FigureStyle.FontFamily ]) (sprintf "%s: fonts %A, oracle [%s]" what p.Fonts FigureStyle.FontFamily)
        for text in [ p.Title; p.XLabel; p.YLabel; p.RightLabel ] @ [ for s in p.Series -> s.Name ] do
            for ascii in [ "tau+"; "tau-"; "A-/A+"; "g_max"; " dt "; "dw "; "--"; "eta" ] do
                require (not (text.Contains ascii)) (sprintf "%s: %A contains the ASCII stand-in %A" what text ascii)
    panels
