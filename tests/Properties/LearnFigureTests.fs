/// The learn convergence figure (issue 10) from small real runs: title in words, axis labels and series names read back
/// from the plot model (theory as black lines, measured traces in colour, the toolkit style), BCM drawn as responses
/// with the 1/p_j line and no |cos| series; trajectory.csv's theory columns against the theory computed independently
/// here (MathNet eigen-decomposition, closed forms written out); and a planted wrong value turning PASS into FAIL.
module Plasticity.Properties.LearnFigureTests

open System
open System.IO
open Xunit
open MathNet.Numerics.LinearAlgebra
open ScottPlot.Plottables
open Plasticity.Core.Data
open Plasticity.Cli.Learning
open Plasticity.Cli.Output
open Plasticity.Cli.Output.Figures
open Plasticity.Experiments.Checks
open Plasticity.Experiments.Checks.Catalog
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support
open Plasticity.Properties.FigureSupport

let private writeRows (path: string) (rows: float[][]) = CsvDataset.WriteRows(path, rows)

let private gaussian (dir: string) (n: int) (d: int) (seed: uint64) =
    let drawn = DataSources.GaussianWithSpectrum(DataSources.EigengapSpectrum(d, 0.3), n, rng seed)
    let path = Path.Combine(dir, "x.csv")
    CsvDataset.Write(path, drawn.Data)
    path, Array.init n (fun k -> drawn.Data.Sample(k).ToArray())

/// trajectory.csv as a header → column map and rows of numbers (an empty cell is NaN).
let private readTrajectory (path: string) =
    let lines = File.ReadAllLines path
    let header = lines[0].Split ','
    let index = header |> Array.mapi (fun i h -> h, i) |> Map.ofArray
    let rows =
        lines[1..] |> Array.map (fun l -> l.Split ',' |> Array.map (fun c -> if c = "" then nan else number c))
    header, index, rows

let private column (index: Map<string, int>) (rows: float[][]) (name: string) =
    match index.TryFind name with
    | Some i -> rows |> Array.map (fun r -> r[i])
    | None -> failwithf "trajectory.csv has no column %s (header %A)" name (index |> Map.toList |> List.map fst)

/// Eigen-decomposition of the correlation matrix XᵀX/n, descending (MathNet, independent of HebbianTheory.eigen).
let private correlationEigen (rows: float[][]) =
    let n, d = rows.Length, rows[0].Length
    let c = Matrix<float>.Build.Dense(d, d, fun a b -> (rows |> Array.sumBy (fun x -> x[a] * x[b])) / float n)
    let evd = c.Evd(Symmetricity.Symmetric)
    let order = [| 0 .. d - 1 |] |> Array.sortByDescending (fun k -> evd.EigenValues[k].Real)
    order |> Array.map (fun k -> evd.EigenValues[k].Real), order |> Array.map (fun k -> evd.EigenVectors.Column(k).ToArray())

let private dot (a: float[]) (b: float[]) = Array.fold2 (fun s x y -> s + x * y) 0.0 a b

/// Rebuilds the run's trajectory from trajectory.csv (norms, cosines, alignment with e_i, BCM rows and θ), so the
/// figure is built from what a real run recorded.
let private trajectoryOf (index: Map<string, int>) (rows: float[][]) (outputs: int) (k: int) (ordered: bool) (patterns: int) =
    [| for r in rows ->
        let norms = Array.init outputs (fun i -> r[index[sprintf "norm_%d" (i + 1)]])
        let cosines = Array.init outputs (fun i -> Array.init k (fun q -> r[index[sprintf "cos_%d_e%d" (i + 1) (q + 1)]]))
        let alignment = Array.init outputs (fun i -> cosines[i][if ordered then i else 0])
        let weightRows, theta =
            if patterns = 0 then Unchecked.defaultof<float[][]>, Unchecked.defaultof<float[]>
            else
                Array.init outputs (fun i -> Array.init patterns (fun q -> r[index[sprintf "response_%d_p%d" (i + 1) (q + 1)]])),
                Array.init outputs (fun i -> r[index[sprintf "theta_%d" (i + 1)]])
        TrajectoryPoint(int64 r[0], norms, cosines, alignment, weightRows, theta) |]

let private isTheory (p: ScottPlot.IPlottable) =
    match p with
    | :? Scatter as s -> s.MarkerSize = 0.0f && s.Color = FigureStyle.TheoryColor
    | _ -> false

let private isMeasured (p: ScottPlot.IPlottable) =
    match p with
    | :? Scatter as s -> s.Color <> FigureStyle.TheoryColor
    | _ -> false

let private names (pred: ScottPlot.IPlottable -> bool) (plot: ScottPlot.Plot) =
    [ for p in plot.GetPlottables() do
        if pred p then
            match p with
            | :? Scatter as s -> yield s.LegendText
            | _ -> () ]

let private parameters (eta: float) = Plasticity.Experiments.Rules.RuleParameters(eta, 1.0, 0.0, 0.05, 1.0, 0.0, [||], [||])

let private learn (args: string list) =
    let code, stdout, err = run args
    require (code = 0) (sprintf "learn exit code %d: %s" code err)
    stdout

[<Fact>]
let ``Oja's figure: |cos| with the averaged ODE, ‖w‖ with its theory, 1 − |cos| on a log panel; the CSV theory columns equal the closed forms`` () =
    let dir = tempDir ()
    let data, xs = gaussian dir 300 4 11UL
    let w0 = [| [| 0.3; -0.5; 0.4; 0.6 |] |]
    let init = Path.Combine(dir, "w0.csv")
    writeRows init w0
    let out = Path.Combine(dir, "oja")
    let eta = 0.01
    let stdout = learn [ "learn"; "--rule"; "oja"; "--data"; data; "--init"; init; "--eta"; string eta; "--epochs"; "20"; "--seed"; "3"; "--out"; out ]
    let _, index, rows = readTrajectory (Path.Combine(out, "trajectory.csv"))
    let values, vectors = correlationEigen xs
    let a = vectors |> Array.map (dot w0[0])
    let steps = column index rows "step"
    // Oracle: averaged Oja ODE, w(t) ∥ e^{Ct} w0, |cos| = |a1 e^{λ1 t}|/‖e^{Ct} w0‖, ‖w‖ = ‖u‖/√(1 + ‖u‖² − ‖w0‖²).
    for r in 0 .. steps.Length - 1 do
        let t = eta * steps[r]
        let u = Array.init a.Length (fun k -> a[k] * exp (values[k] * t))
        let nu = sqrt (dot u u)
        let cosOracle = abs u[0] / nu
        let normOracle = nu / sqrt (1.0 + dot u u - dot a a)
        assertAbs (sprintf "cos_theory_1 at step %g" steps[r]) cosOracle (column index rows "cos_theory_1").[r] 1e-9
        assertRel (sprintf "norm_theory_1 at step %g" steps[r]) normOracle (column index rows "norm_theory_1").[r] 1e-9
    let trajectory = trajectoryOf index rows 1 3 false 0
    let pairs = Plasticity.Analysis.HebbianTheory.eigen (Plasticity.Analysis.HebbianTheory.correlation xs)
    let curves = LearnCurves.Of("oja", parameters (eta), xs, pairs, w0, trajectory)
    let title = ConvergencePlot.Title("oja", eta, 300, 4, 1, "shuffled", "online", 3UL)
    let figure = ConvergencePlot.Build(title, "e₁ of C", trajectory, curves)
    let panels = requireStyle "oja convergence" figure
    require (title = "Oja's rule, η = 0.01, 300 samples × 4 inputs, shuffled online, seed 3") (sprintf "title %A" title)
    require (panels.Length = 3) (sprintf "%d panels, oracle 3 (|cos|, ‖w‖, 1 − |cos|)" panels.Length)
    require (panels[0].Title = title && panels[0].YLabel = "|cos(w, e₁ of C)|" && panels[0].XLabel = "step (weight updates)") (sprintf "main %A" panels[0])
    require (panels[1].YLabel = "‖w‖") (sprintf "norm panel %A" panels[1].YLabel)
    require (panels[2].YLabel = "1 − |cos|") (sprintf "deviation panel %A" panels[2].YLabel)
    require (figure.Panels[2].Axes.Left.TickGenerator :? ScottPlot.TickGenerators.NumericAutomatic
             && (figure.Panels[2].Axes.Left.TickGenerator :?> ScottPlot.TickGenerators.NumericAutomatic).IntegerTicksOnly) "the deviation panel is not a log axis"
    require (names isTheory figure.Panels[0] = [ "averaged ODE (ojaCosineTrajectory)" ]) (sprintf "theory in main %A" (names isTheory figure.Panels[0]))
    require (names isMeasured figure.Panels[0] = [ "measured" ]) (sprintf "measured in main %A" (names isMeasured figure.Panels[0]))
    require (names isTheory figure.Panels[1] = [ "averaged ODE, → 1/√α" ]) (sprintf "theory in norm panel %A" (names isTheory figure.Panels[1]))
    Assert.Contains("PASS 1 − |cos(w, e₁)| at the end", stdout)

[<Fact>]
let ``GHA's figure with k = 3 has one measured trace per output and the ‖w‖ = 1 fixed point`` () =
    let dir = tempDir ()
    let data, xs = gaussian dir 300 5 12UL
    let out = Path.Combine(dir, "gha")
    learn [ "learn"; "--rule"; "gha"; "--outputs"; "3"; "--data"; data; "--eta"; "0.01"; "--epochs"; "10"; "--seed"; "4"; "--out"; out ] |> ignore
    let header, index, rows = readTrajectory (Path.Combine(out, "trajectory.csv"))
    require (header[header.Length - 3 ..] = [| "norm_theory_1"; "norm_theory_2"; "norm_theory_3" |]) (sprintf "header %A" header)
    for i in 1 .. 3 do
        require (column index rows (sprintf "norm_theory_%d" i) |> Array.forall ((=) 1.0)) "GHA norm theory is the fixed point 1"
    let trajectory = trajectoryOf index rows 3 3 true 0
    let pairs = Plasticity.Analysis.HebbianTheory.eigen (Plasticity.Analysis.HebbianTheory.correlation xs)
    let curves = LearnCurves.Of("gha", parameters (0.01), xs, pairs, Array.init 3 (fun _ -> Array.create 5 0.1), trajectory)
    let figure = ConvergencePlot.Build(ConvergencePlot.Title("gha", 0.01, 300, 5, 3, "shuffled", "online", 4UL), "eᵢ of C", trajectory, curves)
    let panels = requireStyle "gha convergence" figure
    require (panels[0].Title.StartsWith "Sanger's rule (GHA) (3 outputs), η = 0.01") (sprintf "title %A" panels[0].Title)
    require (names isMeasured figure.Panels[0] = [ for i in 1 .. 3 -> sprintf "measured (output %d)" i ]) (sprintf "%A" (names isMeasured figure.Panels[0]))
    require (names isTheory figure.Panels[1] = [ "fixed point 1" ]) (sprintf "%A" (names isTheory figure.Panels[1]))

[<Fact>]
let ``Hebb's figure draws ‖w‖ on a log axis with the averaged map; the CSV theory equals (I + ηC)^t w0`` () =
    let dir = tempDir ()
    let data, xs = gaussian dir 200 4 13UL
    let w0 = [| [| 0.2; 0.1; -0.3; 0.5 |] |]
    let init = Path.Combine(dir, "w0.csv")
    writeRows init w0
    let out = Path.Combine(dir, "hebb")
    let eta = 0.01
    learn [ "learn"; "--rule"; "hebb"; "--data"; data; "--init"; init; "--eta"; string eta; "--epochs"; "4"; "--seed"; "5"; "--out"; out ] |> ignore
    let _, index, rows = readTrajectory (Path.Combine(out, "trajectory.csv"))
    let values, vectors = correlationEigen xs
    let a = vectors |> Array.map (dot w0[0])
    let steps = column index rows "step"
    // Oracle: w_t = Σ_k a_k (1 + ηλ_k)^t e_k, so ‖w_t‖² = Σ a_k² (1 + ηλ_k)^{2t} and |cos| = |a1|(1 + ηλ1)^t/‖w_t‖.
    for r in 0 .. steps.Length - 1 do
        let c = Array.init a.Length (fun k -> a[k] * Math.Pow(1.0 + eta * values[k], steps[r]))
        let norm = sqrt (dot c c)
        assertRel (sprintf "norm_theory_1 at step %g" steps[r]) norm (column index rows "norm_theory_1").[r] 1e-9
        assertAbs (sprintf "cos_theory_1 at step %g" steps[r]) (abs c[0] / norm) (column index rows "cos_theory_1").[r] 1e-9
    let trajectory = trajectoryOf index rows 1 3 false 0
    let pairs = Plasticity.Analysis.HebbianTheory.eigen (Plasticity.Analysis.HebbianTheory.correlation xs)
    let curves = LearnCurves.Of("hebb", parameters (eta), xs, pairs, w0, trajectory)
    let figure = ConvergencePlot.Build(ConvergencePlot.Title("hebb", eta, 200, 4, 1, "shuffled", "online", 5UL), "e₁ of C", trajectory, curves)
    let panels = requireStyle "hebb convergence" figure
    require (panels[0].Title.StartsWith "Plain Hebb rule, η = 0.01") (sprintf "title %A" panels[0].Title)
    require (panels[1].YLabel = "‖w‖ (log scale)") (sprintf "norm axis %A (growth over %g decades)" panels[1].YLabel 0.0)
    require (names isTheory figure.Panels[1] = [ "averaged map ∝ (1 + ηλ₁)ᵗ" ]) (sprintf "%A" (names isTheory figure.Panels[1]))

[<Fact>]
let ``BCM's figure shows the response to each pattern with 1/p_j and θ, and no |cos| series; the CSV has 1/p_j`` () =
    let dir = tempDir ()
    let data = Path.Combine(dir, "onehot.csv")
    let code, _, err = run [ "generate"; "onehot"; "--probabilities"; "0.2,0.3,0.5"; "--samples"; "2000"; "--seed"; "1"; "--out"; data ]
    require (code = 0) err
    let xs = CsvDataset.ReadRows data
    let out = Path.Combine(dir, "bcm")
    learn [ "learn"; "--rule"; "bcm"; "--data"; data; "--order"; "sampled"; "--eta"; "5e-4"; "--eta-theta"; "0.05"; "--epochs"; "40"; "--seed"; "1"; "--out"; out ] |> ignore
    let _, index, rows = readTrajectory (Path.Combine(out, "trajectory.csv"))
    // Oracle: p_k = the fraction of rows with the one at k; the run selects j = argmax of the final responses; the
    // selective fixed point has y_j = 1/p_j, y_k = 0 otherwise, and θ = Σ p_k y_k² = 1/p_j.
    let p = Array.init 3 (fun k -> float (xs |> Array.filter (fun x -> x[k] = 1.0) |> Array.length) / float xs.Length)
    let final = Array.init 3 (fun k -> (column index rows (sprintf "response_1_p%d" (k + 1)))[rows.Length - 1])
    let j = Array.findIndex ((=) (Array.max final)) final
    for k in 0 .. 2 do
        let oracle = if k = j then 1.0 / p[j] else 0.0
        assertRel (sprintf "response_theory_1_p%d" (k + 1)) (max oracle 1e-300) (max (column index rows (sprintf "response_theory_1_p%d" (k + 1))).[0] 1e-300) 1e-12
    assertRel "theta_theory_1" (1.0 / p[j]) (column index rows "theta_theory_1").[0] 1e-12
    let trajectory = trajectoryOf index rows 1 3 false 3
    let pairs = Plasticity.Analysis.HebbianTheory.eigen (Plasticity.Analysis.HebbianTheory.correlation xs)
    let curves = LearnCurves.Of("bcm", parameters (5e-4), xs, pairs, [| [| 0.1; 0.1; 0.1 |] |], trajectory)
    let figure = ConvergencePlot.Build(ConvergencePlot.Title("bcm", 5e-4, 2000, 3, 1, "sampled", "online", 1UL), "e₁ of C", trajectory, curves)
    let panels = requireStyle "bcm convergence" figure
    require (panels[0].Title = "BCM rule, η = 5×10⁻⁴, 2000 samples × 3 inputs, sampled online, seed 1") (sprintf "title %A" panels[0].Title)
    require (panels[0].YLabel = "response y = w·x to each pattern" && panels[1].YLabel = "threshold θ") (sprintf "labels %A / %A" panels[0].YLabel panels[1].YLabel)
    for panel in panels do
        for s in panel.Series do
            require (not (s.Name.Contains "cos")) (sprintf "BCM figure has a |cos| series %A" s.Name)
    let theory = names isTheory figure.Panels[0]
    require (theory.Length = 2 && theory[0].StartsWith(sprintf "fixed point y%s = 1/p%s = " (ConvergencePlot.Subscript(j + 1)) (ConvergencePlot.Subscript(j + 1)))) (sprintf "theory lines %A" theory)
    let line = figure.Panels[0].GetPlottables() |> Seq.pick (function :? Scatter as s when isTheory s -> Some s | _ -> None)
    assertRel "the 1/p_j line's height" (1.0 / p[j]) (line.Data.GetScatterPoints().[0].Y) 1e-12
    require (names isMeasured figure.Panels[0] |> List.length = 3) "one measured response per pattern"
    require (names isTheory figure.Panels[1] = [ sprintf "fixed point θ = ⟨y²⟩ = 1/p%s" (ConvergencePlot.Subscript(j + 1)) ]) (sprintf "%A" (names isTheory figure.Panels[1]))

[<Fact>]
let ``a planted wrong value turns learn's PASS line into FAIL (same tolerance formula)`` () =
    let bound = RateChecks.OjaOnlineDeviationBound(0.01, 1.0, 0.7, 4)
    // Oracle: ½ s₂ χ²₃(1 − 10⁻⁶), s₂ = ηλ₁λ₂/(2(λ₁ − λ₂)) = 0.01·0.7/0.6; the χ² quantile with 3 degrees of freedom
    // from its closed-form tail P(X > x) = erfc(√(x/2)) + √(2x/π) e^{−x/2}, solved by bisection.
    let tail (x: float) = MathNet.Numerics.SpecialFunctions.Erfc(sqrt (x / 2.0)) + sqrt (2.0 * x / Math.PI) * exp (-x / 2.0)
    let mutable lo, hi = 1.0, 100.0
    for _ in 1 .. 200 do
        let mid = 0.5 * (lo + hi)
        if tail mid > 1e-6 then lo <- mid else hi <- mid
    assertRel "Oja online bound" (0.5 * (0.01 * 0.7 / 0.6) * lo) bound 1e-9
    let tolerance = Tolerance(ToleranceKind.StandardErrors, bound, "½ s₂ χ²", Nullable 1e-6)
    let pass = Comparison.Test("1 − |cos(w, e₁)| at the end", 0.5 * bound, 0.0, tolerance, ComparisonSense.AtMost)
    let fail = Comparison.Test("1 − |cos(w, e₁)| at the end", 2.0 * bound, 0.0, tolerance, ComparisonSense.AtMost)
    require (pass.Line().StartsWith "PASS ") (pass.Line())
    require (fail.Line().StartsWith "FAIL ") (fail.Line())
    let width = ScalingChecks.DirectionRoundingBound(1000L, 5)
    let planted = Comparison.Test("|cos(w, w₀)|", 1.0 - 10.0 * width, 1.0, Tolerance(ToleranceKind.RoundingBound, width, "rounding", Nullable 0.0))
    require (planted.Line().StartsWith "FAIL ") (planted.Line())
