/// Multi-output rules against their closed forms (issue 8 §1, mutation testing): Sanger's GHA and Oja's subspace
/// rule, Δw_i = η y_i (x − Σ_k y_k w_k) with k ≤ i (GHA) or all k (subspace), and competitive learning (the
/// winner, lowest index on ties, moves by η (x − w)). The oracles are the formulas written out here on dyadic
/// operands, so every sum and product is exact in binary64 and the comparisons are exact (tolerance 0). No test
/// is statistical (family-wise false-alarm probability of one run: 0).
module Plasticity.Properties.LayerRuleBehaviourTests

open System
open Xunit
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.MultiOutput
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

/// A 3 × 4 layer with dyadic weights, a sample and rates (all distinct, so a wrong row or index shows).
let private rows = [| [| 0.25; -0.5; 0.125; 1.0 |]; [| -0.75; 0.5; 0.0; 0.25 |]; [| 1.0; 0.125; -0.25; -0.5 |] |]
let private x = [| 1.5; -0.5; 2.0; 0.25 |]
let private y = [| 0.5; -2.0; 1.25 |]

let private deltaOf (rule: IPlasticityRule) (w: IWeightMatrix) (x: float[]) (y: float[]) =
    require (not rule.HasState) (sprintf "%s says it has state" rule.Name)
    let state = rule.CreateState(w.Outputs, w.Inputs)
    let context = StepContext(1.0, w)
    let delta = Array.create (w.Outputs * w.Inputs) nan // every entry must be written
    state.ComputeDelta(ReadOnlySpan x, ReadOnlySpan y, &context, Span delta)
    state.Advance(ReadOnlySpan x, ReadOnlySpan y, &context, ReadOnlySpan delta) // stateless: must not matter
    let again = Array.create (w.Outputs * w.Inputs) nan
    state.ComputeDelta(ReadOnlySpan x, ReadOnlySpan y, &context, Span again)
    require (again = delta) (sprintf "%s changed its output after Advance" rule.Name)
    delta

[<Fact>]
let ``GHA and the subspace rule follow their residual formulas`` () =
    let eta = 0.5
    let w = DenseWeightMatrix.FromRows rows
    for subspace in [ false; true ] do
        let rule = SangerRule(eta, subspace)
        require (rule.Name = (if subspace then "subspace" else "gha")) (sprintf "name %s" rule.Name)
        let delta = deltaOf rule w x y
        for i in 0 .. 2 do
            let last = if subspace then 2 else i
            for j in 0 .. 3 do
                let residual = x[j] - List.sum [ for k in 0 .. last -> y[k] * rows[k][j] ]
                let oracle = eta * y[i] * residual
                let name = sprintf "%s ΔW[%d,%d]" rule.Name i j
                exactDyadic (name + " (scalar)") oracle (rule.Delta(i, j, ReadOnlySpan x, ReadOnlySpan y, w))
                exactDyadic (name + " (layer)") oracle delta[i * 4 + j]

[<Fact>]
let ``one-output GHA is Oja's rule and GHA row 0 ignores the other outputs`` () =
    // m = 1: Δw = η y (x − y w), Oja's rule; row 0 of GHA is the same whatever rows 1, 2 hold.
    let eta = 0.25
    let w1 = DenseWeightMatrix.FromRows [| rows[0] |]
    let d1 = deltaOf (SangerRule(eta)) w1 x [| y[0] |]
    let d3 = deltaOf (SangerRule(eta)) (DenseWeightMatrix.FromRows rows) x y
    for j in 0 .. 3 do
        exactDyadic (sprintf "Oja Δw[%d]" j) (eta * y[0] * (x[j] - y[0] * rows[0][j])) d1[j]
        exactDyadic (sprintf "GHA row 0 Δw[%d] in a 3-output layer" j) d1[j] d3[j]

[<Fact>]
let ``the competitive winner is the largest rate, the lowest index on ties`` () =
    let cases =
        [ [| 0.5 |], 0
          [| 0.5; -2.0; 1.25 |], 2
          [| 1.25; -2.0; 0.5 |], 0
          [| -1.0; 3.0; 3.0; 2.0 |], 1
          [| 3.0; 3.0 |], 0
          [| -2.0; -1.0; -1.0 |], 1
          [| 0.0; 0.0; 0.0 |], 0 ]
    for rates, winner in cases do
        let measured = CompetitiveRule.Winner(ReadOnlySpan rates)
        require (measured = winner) (sprintf "winner of %A: %d, expected %d" rates measured winner)

[<Fact>]
let ``competitive learning moves only the winner, by η (x − w)`` () =
    let eta = 0.5
    let rule = CompetitiveRule(eta)
    require (rule.Name = "competitive") (sprintf "name %s" rule.Name)
    let w = DenseWeightMatrix.FromRows rows
    for rates, winner in [ y, 2; [| 3.0; -1.0; 3.0 |], 0; [| 0.0; 1.0; 0.5 |], 1 ] do
        let delta = deltaOf rule w x rates
        for i in 0 .. 2 do
            for j in 0 .. 3 do
                let oracle = if i = winner then eta * (x[j] - rows[i][j]) else 0.0
                let name = sprintf "competitive ΔW[%d,%d] (winner %d)" i j winner
                exactDyadic (name + " (scalar)") oracle (rule.Delta(i, j, ReadOnlySpan x, ReadOnlySpan rates, w))
                exactDyadic (name + " (layer)") oracle delta[i * 4 + j]

[<Fact>]
let ``competitive η is in (0, 1]`` () =
    throwsNamed "competitive η = 0" "Eta" (fun () -> CompetitiveRule(0.0) |> ignore)
    CompetitiveRule(1.0) |> ignore
