/// The one figure style (issue 10): tick labels without E notation and their inverse, powers of ten in superscript,
/// the style applied to a plot (one font, regular title, legend outside), and a two-panel figure saved with aligned
/// data areas as one PNG of the summed height and one SVG nesting both panels. Every check is exact (strings, pixel
/// sizes, parsed numbers within the stated rounding of the label): the false-alarm probability is 0.
module Plasticity.Properties.FigureStyleTests

open System
open System.Globalization
open System.Xml.Linq
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open SkiaSharp
open Plasticity.Cli.Output.Figures
open Plasticity.Properties.Support
open Plasticity.Properties.FigureSupport

/// Parses a tick label back: "1.5×10⁻⁴", "10⁻⁴", "−10⁻⁴", "−0.25", "12345".
let private parseLabel (label: string) =
    let normal = label.Replace('−', '-')
    let superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹"
    let power (s: string) =
        // s = "10" followed by superscript digits (and ⁻).
        let digits = s.Substring 2 |> Seq.map (fun c -> if c = '⁻' then '-' else char (int '0' + superscripts.IndexOf c)) |> Seq.toArray |> String
        Math.Pow(10.0, float (Int32.Parse(digits, CultureInfo.InvariantCulture)))
    let isPower (s: string) = s.StartsWith "10" && s.Length > 2 && (s[2] = '⁻' || superscripts.Contains s[2])
    match normal.Split '×' with
    | [| mantissa; p |] -> Double.Parse(mantissa, CultureInfo.InvariantCulture) * power p
    | _ when isPower normal -> power normal
    | _ when normal.StartsWith "-" && isPower (normal.Substring 1) -> -(power (normal.Substring 1))
    | _ -> Double.Parse(normal, CultureInfo.InvariantCulture)

[<Fact>]
let ``tick labels: worked examples`` () =
    for value, oracle in
        [ 0.0, "0"; 0.25, "0.25"; -0.5, "−0.5"; 12345.0, "12345"; 1e-4, "10⁻⁴"; 1.5e-4, "1.5×10⁻⁴"; -9e-5, "−9×10⁻⁵"
          2e6, "2×10⁶"; 0.001, "0.001"; 99999.0, "99999"; 1e5, "10⁵" ] do
        let label = FigureStyle.Number value
        require (label = oracle) (sprintf "Number(%g): oracle %A, measured %A" value oracle label)

[<Property(MaxTest = 500)>]
let ``tick labels: never E notation, and they read back within the label's rounding`` (mantissa: NormalFloat) (exponent: int) =
    let value = (float mantissa % 10.0) * Math.Pow(10.0, float (abs exponent % 24 - 12))
    let label = FigureStyle.Number value
    require (not (label.Contains "E") && not (label.Contains "e")) (sprintf "Number(%g) = %A uses E notation" value label)
    let back = parseLabel label
    // Rounding bound: plain labels keep 6 decimals (|error| ≤ 5e-7); mantissa labels keep 3 decimals of a mantissa
    // in [1, 10) (relative error ≤ 5e-4).
    let bound = if abs value >= 1e-3 && abs value < 1e5 then 5e-7 + 1e-12 * abs value else 5e-4 * abs value
    within (sprintf "Number(%g) = %A read back" value label) "the value" value back bound "label rounding bound"

[<Fact>]
let ``powers of ten in superscript`` () =
    for n, oracle in [ 0, "1"; 1, "10"; 2, "10²"; -3, "10⁻³"; -12, "10⁻¹²" ] do
        require (FigureStyle.PowerOfTen(float n) = oracle) (sprintf "PowerOfTen(%d): oracle %A, measured %A" n oracle (FigureStyle.PowerOfTen(float n)))

[<Fact>]
let ``the style: one font on every label, a regular title, the legend outside the data`` () =
    let plot = FigureStyle.Create("title α", "load α = P/N", "overlap m")
    FigureStyle.TheoryLine(plot, [| 0.0; 1.0 |], [| 0.0; 1.0 |], "theory") |> ignore
    FigureStyle.SimulationPoints(plot, [| 0.5 |], [| 0.4 |], "simulation", 0) |> ignore
    let panel = describePanel plot
    require (panel.Fonts = [ FigureStyle.FontFamily ]) (sprintf "fonts %A" panel.Fonts)
    require (not plot.Axes.Title.Label.Bold) "the title must be regular weight"
    require panel.LegendOutside "legend inside the data area"
    require (namesOf Line panel = [ "theory" ] && namesOf Markers panel = [ "simulation" ]) (sprintf "series %A" panel.Series)
    require (FigureStyle.SeriesColor 0 <> FigureStyle.TheoryColor) "simulation and theory share a colour"

[<Fact>]
let ``a two-panel figure: aligned data areas, one PNG of the summed height, one SVG nesting both panels`` () =
    let main = FigureStyle.Create("main", "x", "y")
    FigureStyle.TheoryLine(main, [| 0.0; 1.0 |], [| 0.0; 1.0 |], "a long theory name for a wide legend") |> ignore
    let deviation = FigureStyle.Create("", "x", "log₁₀ deviation")
    FigureStyle.SimulationPoints(deviation, [| 0.0; 1.0 |], [| -3.0; -1.0 |], "deviation", 0) |> ignore
    FigureStyle.UseLogTicks deviation.Axes.Left
    let figure = Figure.WithDeviation(main, deviation, 900, 400, 200)
    let struct (png: byte[], svg: string) = FigureFile.Render figure
    use bitmap = SKBitmap.Decode png
    require (bitmap.Width = 900 && bitmap.Height = 600) (sprintf "PNG %d×%d, oracle 900×600" bitmap.Width bitmap.Height)
    let a, b = main.LastRender.DataRect, deviation.LastRender.DataRect
    require (a.Left = b.Left && a.Right = b.Right) (sprintf "data areas not aligned: %A vs %A" a b)
    let root = nonNull (XDocument.Parse(svg).Root)
    let nested = root.Elements(XName.Get("svg", "http://www.w3.org/2000/svg")) |> Seq.toList
    require ((nonNull (root.Attribute(XName.Get "height"))).Value = "600" && nested.Length = 2) (sprintf "SVG height %s, %d panels" ((nonNull (root.Attribute(XName.Get "height"))).Value) nested.Length)
    require ((nonNull (nested[1].Attribute(XName.Get "y"))).Value = "400") "the second panel must start at y = 400"
    require (not (describePanel deviation).LegendOutside && not deviation.Legend.IsVisible) "the deviation panel must have no legend"
