/// The capacity figure and the capacity verdicts (issue 10). The figure is built from a small real run and read back
/// from its plot model (title in words, axis labels, theory as lines, simulation as markers, the log axis of the
/// error, no α_c on a one-step plot, no theory for Storkey). The verdict oracle is recomputed here from
/// HopfieldTheory (the exact finite-N law, its design effect, 5 binomial SE), not from the code under test; a row
/// with a planted error far outside the band must FAIL. False-alarm probability of the real-row PASS checks:
/// 2(1 − Φ(5)) = 5.7e-7 per row (3 rows).
module Plasticity.Properties.CapacityFigureTests

open System
open Xunit
open Plasticity.Core.Networks.Hopfield
open Plasticity.Analysis
open Plasticity.Experiments.Capacity
open Plasticity.Experiments.Checks
open Plasticity.Cli.Arguments
open Plasticity.Cli.Output
open Plasticity.Cli.Output.Figures
open Plasticity.Properties.Support
open Plasticity.Properties.FigureSupport

let private ns = [| 200 |]
let private alphas = [| 0.05; 0.1; 0.2 |]

let private settings rule measure = CapacitySettings(rule, measure, 2)

let private arguments rule measure =
    CapacityArguments(ns, alphas, settings rule measure, 1UL, ".")

let private results rule measure =
    [ for n in ns do
          for a in alphas -> CapacityExperiment.Run(CapacityPoint(n, a), settings rule measure, 1UL) ]

let private rows (args: CapacityArguments) rs =
    [| for r in rs -> CapacityRow.From(r, args.RuleName, args.MeasureName) |]

let private figure rule measure =
    let args = arguments rule measure
    CapacityPlot.Build(args, rows args (results rule measure))

let private hasNoSlug (title: string) =
    for slug in [ "rule hebb"; "measure one-step"; "one-step,"; "hebb,"; "fixed-point"; "--" ] do
        require (not (title.Contains slug)) (sprintf "title %A contains the CLI slug %A" title slug)

[<Fact>]
let ``one-step Hebbian figure: log error axis, exact and large-N laws as lines, simulation as markers, no α_c`` () =
    let f = figure StorageRule.Hebbian CapacityMeasure.OneStep
    let panels = requireStyle "capacity one-step" f
    let main = List.head panels
    require (main.Title.Contains "Hopfield network, Hebbian storage: one-step bit error rate") (sprintf "title %A" main.Title)
    require (main.Title.Contains "2 trials per point, seed 1") (sprintf "title %A" main.Title)
    hasNoSlug main.Title
    require (main.XLabel = "load α = P/N (stored patterns per neuron)") (sprintf "x label %A" main.XLabel)
    require (main.YLabel.Contains "one-step bit error rate") (sprintf "y label %A" main.YLabel)
    let lines = namesOf Line main
    require (lines |> List.contains "theory N = 200: exact law") (sprintf "theory lines %A" lines)
    require (lines |> List.exists (fun s -> s.Contains "½erfc(1/√(2α))")) (sprintf "large-N line %A" lines)
    let markers = namesOf Markers main
    require (markers |> List.exists (fun s -> s.StartsWith "simulation N = 200")) (sprintf "markers %A" markers)
    require (main.Series |> List.forall (fun s -> s.Kind <> VerticalMark)) "a one-step plot must have no α_c marker"
    require (main.Series |> List.exists (fun s -> s.Kind = Bars95)) "95 % CI bars missing"
    // The log axis: tick labels are powers of ten.
    let ticks = f.Main.Axes.Left.TickGenerator
    require (ticks :? ScottPlot.TickGenerators.NumericAutomatic) "left tick generator"
    let automatic = ticks :?> ScottPlot.TickGenerators.NumericAutomatic
    require automatic.IntegerTicksOnly "log axis: integer exponents only"
    require (automatic.LabelFormatter.Invoke(-3.0) = "10⁻³") (sprintf "log tick label %A" (automatic.LabelFormatter.Invoke(-3.0)))
    require (List.length panels = 2) "one-step Hebbian: a deviation panel (error − exact)/SE"

[<Fact>]
let ``fixed-point Hebbian figure: AGS line, α_c marker, 1 − m on a log deviation panel`` () =
    let f = figure StorageRule.Hebbian CapacityMeasure.FixedPoint
    let panels = requireStyle "capacity fixed point" f
    let main = List.head panels
    require (main.Title.Contains "Hopfield network, Hebbian storage: retrieval overlap at the fixed point") (sprintf "title %A" main.Title)
    hasNoSlug main.Title
    require (main.YLabel.StartsWith "retrieval overlap m") (sprintf "y label %A" main.YLabel)
    require (namesOf Line main |> List.exists (fun s -> s.Contains "AGS")) (sprintf "AGS line %A" (namesOf Line main))
    require (namesOf VerticalMark main |> List.exists (fun s -> s.Contains "α_c ≈ 0.138")) (sprintf "α_c %A" (namesOf VerticalMark main))
    require (namesOf Markers main |> List.exists (fun s -> s.StartsWith "simulation N = 200")) "simulation markers"
    require (List.length panels = 2) "a 1 − m deviation panel"
    let deviation = panels[1]
    require (deviation.YLabel.StartsWith "1 − m") (sprintf "deviation y label %A" deviation.YLabel)
    require (namesOf Line deviation |> List.exists (fun s -> s.Contains "AGS 1 − m")) "AGS 1 − m line"
    let ticks = f.Panels[1].Axes.Left.TickGenerator :?> ScottPlot.TickGenerators.NumericAutomatic
    require (ticks.LabelFormatter.Invoke(-2.0) = "10⁻²") "1 − m log axis"

[<Fact>]
let ``Storkey figure: no Hebbian theory and no α_c, the title says there is no closed-form theory`` () =
    let f = figure StorageRule.Storkey CapacityMeasure.FixedPoint
    let panels = requireStyle "capacity storkey" f
    let main = List.head panels
    require (main.Title.Contains "Storkey storage") (sprintf "title %A" main.Title)
    require (main.Title.Contains "no closed-form theory for this rule") (sprintf "title %A" main.Title)
    for p in panels do
        require (namesOf Line p |> List.isEmpty) (sprintf "Storkey: theory lines %A" (namesOf Line p))
        require (p.Series |> List.forall (fun s -> s.Kind <> VerticalMark)) "Storkey: no α_c marker"
    require (namesOf Markers main |> List.exists (fun s -> s.StartsWith "simulation N = 200")) "simulation markers"

/// The oracle: 5 × √(p(1 − p)·deff/(N·P·T)) with p the exact law, from HopfieldTheory directly.
let private oracleWidth n p trials =
    let exact = HopfieldTheory.oneStepErrorExact (Neurons n) (Patterns p)
    let deff = HopfieldTheory.oneStepErrorVarianceInflation (Neurons n) (Patterns p)
    exact, 5.0 * sqrt (exact * (1.0 - exact) * deff / (float n * float p * float trials))

[<Fact>]
let ``one-step verdicts: real rows PASS with the check's 5-SE band, a planted wrong error FAILS`` () =
    let args = arguments StorageRule.Hebbian CapacityMeasure.OneStep
    let rs = results StorageRule.Hebbian CapacityMeasure.OneStep
    for row in rows args rs do
        let exact, width = oracleWidth row.N row.P row.Trials
        let tolerance =
            match row.Verdict.Tolerance with
            | null -> failwithf "α = %g: a test, not %A" row.Alpha row.VerdictText
            | t -> t
        require (abs (exact - row.Verdict.Predicted) <= 1e-15) (sprintf "predicted at α = %g: %g, oracle %g" row.Alpha row.Verdict.Predicted exact)
        require (abs (width - tolerance.Width) <= 1e-12 * width) (sprintf "tolerance at α = %g: %g, oracle %g" row.Alpha tolerance.Width width)
        let expected = if abs (row.ErrorRate - exact) <= width then "PASS" else "FAIL"
        require (row.VerdictText = expected) (sprintf "α = %g: verdict %s, oracle %s" row.Alpha row.VerdictText expected)
        require (row.VerdictText = "PASS") (sprintf "α = %g: a correct simulation must pass (error %g, exact %g ± %g)" row.Alpha row.ErrorRate exact width)
        require (row.ToleranceKind = "k·SE") (sprintf "kind %A" row.ToleranceKind)
    // Plant: every trial reports 3 × the band more errors than the exact law.
    let real = rs |> List.find (fun r -> r.Point.Alpha = 0.1)
    let exact, width = oracleWidth real.Point.N real.Point.P real.Trials
    let planted =
        [| for t in real.TrialResults ->
               CapacityTrial(t.Index, int64 (Math.Round((exact + 3.0 * width) * float t.TotalBits)), t.TotalBits, t.Overlaps, t.NonConverged) |]
    let row = CapacityRow.From(CapacityResult(real.Point, real.Settings, planted), args.RuleName, args.MeasureName)
    require (row.VerdictText = "FAIL") (sprintf "planted error %g vs %g ± %g: verdict %s" row.ErrorRate exact width row.VerdictText)

[<Fact>]
let ``fixed-point and Storkey verdicts: not a test away from the calibration, no theory for Storkey`` () =
    let fp = arguments StorageRule.Hebbian CapacityMeasure.FixedPoint
    for row in rows fp (results StorageRule.Hebbian CapacityMeasure.FixedPoint) do
        require (row.VerdictText = "not a test") (sprintf "N = 200 fixed point α = %g: %s" row.Alpha row.VerdictText)
    let st = arguments StorageRule.Storkey CapacityMeasure.OneStep
    for row in rows st (results StorageRule.Storkey CapacityMeasure.OneStep) do
        require (row.VerdictText = "no theory") (sprintf "Storkey α = %g: %s" row.Alpha row.VerdictText)
        require (row.Verdict.Tolerance |> isNull) "Storkey: no tolerance"
