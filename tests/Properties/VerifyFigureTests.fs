/// The figures of `plasticity verify` (src/Cli/Verify/VerifyFigures.cs), read from the plot model: the overview in
/// Okabe–Ito colours by verdict with the verdict names PASS, FAIL and "not a test", the continuous-Hopfield energy
/// check's figure (theory line, simulation markers, both on the same trajectory), and `verify --figures` writing
/// each check's figure as PNG + SVG into <out>/figures/<id>.png/.svg.
module Plasticity.Properties.VerifyFigureTests

open System
open System.IO
open System.Xml.Linq
open Xunit
open ScottPlot
open ScottPlot.Plottables
open Plasticity.Cli.Output.Figures
open Plasticity.Cli.Verify
open Plasticity.Experiments.Checks
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support
open Plasticity.Properties.FigureSupport

let private energyId = "continuous-hopfield.energy-non-increase.n6"

let private fixedCheck (id: string) (informational: bool) (predicted: float) (measured: float) =
    CheckDefinition(
        id, "test", "a fixed number", "a fixed number", OracleKind.ClosedForm, "this test", CheckLevel.Quick, ComparisonSense.Within,
        Func<uint64, CheckCase>(fun _ ->
            CheckCase(Func<float>(fun () -> predicted), Func<Measurement>(fun () -> Measurement(measured)),
                      Func<float, Measurement, Tolerance>(fun _ _ -> Tolerance(ToleranceKind.RoundingBound, 0.5, "given", Nullable 0.0)))),
        OracleText = "given", Informational = informational)

[<Fact>]
let ``the overview draws one marker series per verdict in Okabe–Ito colours, named PASS, FAIL and not a test`` () =
    let results =
        [ fixedCheck "t.pass" false 1.0 1.2; fixedCheck "t.fail" false 1.0 3.0; fixedCheck "t.info" true 1.0 1.1; fixedCheck "t.pass2" false 0.0 -0.3 ]
        |> List.map (fun c -> CheckEvaluator.Evaluate(c, 1UL))
    let figure = VerifyFigures.Overview(Array.ofList results)
    let main = requireStyle "verify overview" figure |> List.head
    require (namesOf Markers main = [ "PASS"; "FAIL"; "not a test" ]) (sprintf "marker series: %A" (namesOf Markers main))
    require (not (main.Title.Contains "verify:")) (sprintf "title in words, no command slug: %s" main.Title)
    // Oracle: Okabe & Ito blue, vermillion, bluish green (Wong 2011), written out.
    let colours = [ for s in figure.Main.GetPlottables() |> Seq.choose (function :? Scatter as s -> Some s | _ -> None) -> s.Color.ToHex() ]
    require (colours = [ "#0072B2"; "#D55E00"; "#009E73" ]) (sprintf "colours by verdict: %A" colours)
    // Scores: (1.2 − 1)/0.5 = 0.4 and (−0.3 − 0)/0.5 = −0.6 for PASS; (3 − 1)/0.5 = 4 for FAIL; 0.2 for not a test.
    let ys = [ for s in figure.Main.GetPlottables() |> Seq.choose (function :? Scatter as s -> Some s | _ -> None) -> [ for p in s.Data.GetScatterPoints() -> p.X, p.Y ] ]
    let close (a: (float * float) list) (b: (float * float) list) = List.forall2 (fun (x1, y1) (x2, y2) -> x1 = x2 && abs (y1 - y2) < 1e-12) a b
    require (close ys[0] [ 1.0, 0.4; 4.0, -0.6 ] && close ys[1] [ 2.0, 4.0 ] && close ys[2] [ 3.0, 0.2 ]) (sprintf "points (row, score): %A" ys)

[<Fact>]
let ``the continuous-Hopfield energy check draws E(t) as markers on the integral of the predicted dE/dt`` () =
    let check = CheckCatalog.All |> Seq.find (fun c -> c.Id = energyId)
    let result = CheckEvaluator.Evaluate(check, UInt64.Parse Plasticity.Cli.Commands.VerifyCommand.DefaultSeed)
    let data = match result.Measurement.Figure with | null -> failwith "the energy check has no figure" | f -> f
    let figure = VerifyFigures.Build data
    let main = requireStyle "continuous-Hopfield energy" figure |> List.head
    require (main.Title = "Continuous Hopfield network: energy along an RK4 trajectory") (sprintf "title: %s" main.Title)
    require (main.XLabel.StartsWith "time t (ms)" && main.YLabel.StartsWith "energy E = −½ sᵀMs") (sprintf "labels: %s / %s" main.XLabel main.YLabel)
    require (namesOf Line main = [ "theory: E(0) + ∫₀ᵗ dE/dt" ]) (sprintf "theory lines: %A" (namesOf Line main))
    require (namesOf Markers main = [ "simulation: E(t)" ]) (sprintf "simulation markers: %A" (namesOf Markers main))
    let theory, measured = data.Series[0], data.Series[1]
    require (measured.X.Count <= 2 * Plasticity.Experiments.Checks.Catalog.ContinuousHopfieldChecks.FigureMarkers) (sprintf "markers thinned: %d" measured.X.Count)
    // The simulated E never increases from marker to marker (the check bounds every step's rise by its rounding and
    // integrator allowance, and measured far below it), and it falls.
    let e = List.ofSeq measured.Y
    let drop = List.head e - List.last e
    require (drop > 0.0) (sprintf "E must fall: E(0) = %g, E(T) = %g" (List.head e) (List.last e))
    for a, b in List.pairwise e do
        require (b <= a + 1e-12 * abs a) (sprintf "E rose between markers: %.17g → %.17g" a b)
    // Theory and simulation on the same grid: the line passes through every marker within 1e-3 of the drop (the
    // trapezoidal rule's error, T·dt²·max|r″|/12 with L·dt = 0.02, is far below; a wrong sign or factor in dE/dt
    // moves the line by the whole drop).
    let at = dict (Seq.zip theory.X theory.Y)
    for x, y in Seq.zip measured.X measured.Y do
        let predicted = at[x]
        require (abs (predicted - y) <= 1e-3 * drop) (sprintf "t = %g: theory %.9g, simulation %.9g, drop %g" x predicted y drop)

[<Fact>]
let ``verify --figures writes each check's figure as PNG and SVG under figures/<id>, and no line says INFO`` () =
    let dir = tempDir ()
    let out, _ = runOk [ "verify"; "--only"; "continuous-hopfield"; "--figures"; "--out"; dir ]
    require (not (out.Contains "INFO")) (sprintf "verdict words are PASS, FAIL or not a test: %s" out)
    for stem in [ energyId; "overview" ] do
        let png = Path.Combine(dir, "figures", stem + ".png")
        let svg = Path.Combine(dir, "figures", stem + ".svg")
        require (File.Exists png && File.Exists svg) (sprintf "figures/%s.png/.svg must exist: %s" stem out)
        let bytes = File.ReadAllBytes png
        require (bytes.Length > 8 && bytes[0] = 0x89uy && bytes[1] = byte 'P' && bytes[2] = byte 'N' && bytes[3] = byte 'G') (sprintf "%s is not a PNG" png)
        let root = match XDocument.Load(svg).Root with | null -> failwithf "%s has no root element" svg | r -> r
        require (root.Name.LocalName = "svg") (sprintf "%s is not an SVG" svg)
    let md = File.ReadAllText(Path.Combine(dir, "report.md"))
    require (md.Contains "| PASS |" && not (md.Contains "| Pass |")) "report.md must use the verdict words"
