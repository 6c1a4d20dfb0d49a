/// Behaviour of the rate transfer functions and the rate layer (src/Core.CSharp/Neurons) against their closed
/// forms, written to kill the mutants Stryker.NET left alive (see docs/testing.md, "Mutation testing"): sgn of
/// positive drives and the canonical +0 at zero, derivatives far in the tails (no inf/inf), Φ at the ends of
/// the range, the accuracy of Φ near 0 (Kahan's log1p), and the layer's drive.
///
/// Family-wise false-alarm probability of one CI run: 0 (exact checks and derived rounding bounds).
module Plasticity.Properties.TransferBehaviourTests

open System
open Xunit
open Plasticity.Core.Networks.FeedForward
open Plasticity.Core.Neurons
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

let private u = unitRoundoff

[<Fact>]
let ``sgn is +1 for positive drives, and a −0 value at zero is stored as +0`` () =
    // Oracle: the definition g(h) = +1 for h > 0; ValueAtZero is documented as a canonical sign value.
    for h in [ 1e-300; 0.5; 7.0; infinity ] do
        assertAbs (sprintf "sgn(%g)" h) 1.0 (SignTransfer.Instance.Apply h) 0.0
    let negZero = SignTransfer(-0.0)
    require (BitConverter.DoubleToInt64Bits(negZero.ValueAtZero) = 0L) "valueAtZero −0 must be stored as +0"
    require (BitConverter.DoubleToInt64Bits(negZero.Apply 0.0) = 0L) "sgn(0) with valueAtZero −0 must be +0"

[<Fact>]
let ``derivatives vanish far in both tails instead of overflowing`` () =
    // Oracle: F′(u) = β e^{−β|u|}/(1 + e^{−β|u|})² for the sigmoid and 4β e^{−2β|u|}/(1 + e^{−2β|u|})² for tanh
    // underflow to 0 for β|u| ≥ 800 (e^{−800} < the smallest double); they are even in u.
    let sigmoid, tanh = SigmoidTransfer 1.0, TanhTransfer 1.0
    for x in [ -800.0; 800.0; -1e6; 1e6 ] do
        assertAbs (sprintf "sigmoid′(%g)" x) 0.0 (sigmoid.Derivative x) 0.0
        assertAbs (sprintf "tanh′(%g)" x) 0.0 (tanh.Derivative(x / 2.0)) 0.0
    assertAbs "sigmoid′(0)" 0.25 (sigmoid.Derivative 0.0) 0.0
    assertAbs "tanh′(0)" 1.0 (tanh.Derivative 0.0) 0.0

[<Fact>]
let ``Φ at the ends of the range is finite: sigmoid 0 at 0 and 1, tanh ln 2/β at ±1`` () =
    // Oracle: Φ(s) = [s ln s + (1 − s) ln(1 − s)]/β with x ln x → 0 (sigmoid); Φ(±1) = ln 2/β (tanh).
    let beta = 2.0
    let sigmoid, tanh = SigmoidTransfer beta, TanhTransfer beta
    assertAbs "sigmoid Φ(0)" 0.0 (sigmoid.InverseIntegral 0.0) 0.0
    assertAbs "sigmoid Φ(1)" 0.0 (sigmoid.InverseIntegral 1.0) 0.0
    within "sigmoid Φ(½)" "−ln 2/β" (-Math.Log 2.0 / beta) (sigmoid.InverseIntegral 0.5) (4.0 * u) "4u (one log, two products)"
    for s in [ -1.0; 1.0 ] do
        within (sprintf "tanh Φ(%g)" s) "ln 2/β" (Math.Log 2.0 / beta) (tanh.InverseIntegral s) (4.0 * u) "4u (one log1p, one product)"

[<Fact>]
let ``tanh Φ near 0 follows its series s²/2 + s⁴/12 + s⁶/30 to rounding (log1p must be accurate)`` () =
    // Oracle: Φ(s) = [s atanh s + ½ ln(1 − s²)]/β = Σ_k s^{2k}/(2k(2k − 1))/β. The two terms (1 ± s)ln(1 ± s) are
    // ≈ ±s, each accurate to ~3u relative with Kahan's log1p, so |error| ≤ 8u·s/β; a log1p off by the rounding
    // of 1 + s (relative u/s) would be off by ~u·1 absolute, i.e. 1e5 times more at s = 1e-5.
    let beta = 1.0
    let tanh = TanhTransfer beta
    for s in [ 1e-5; 3e-4; 2e-3; -7e-4 ] do
        let s2 = s * s
        let series = (s2 / 2.0 + s2 * s2 / 12.0 + s2 * s2 * s2 / 30.0) / beta
        within (sprintf "tanh Φ(%g)" s) "series" series (tanh.InverseIntegral s) (8.0 * u * abs s / beta + 4.0 * u * series) "8u·|s|/β + 4u·Φ"

[<Fact>]
let ``the layer drive is W x and the output length is checked`` () =
    // Oracle: integer W and x (exact sums).
    let layer = RateLayer(DenseWeightMatrix.FromRows [| [| 1.0; 2.0 |]; [| -3.0; 4.0 |]; [| 0.0; -1.0 |] |], ReluTransfer.Instance)
    let drive = Array.zeroCreate 3
    layer.Drive(ReadOnlySpan [| 5.0; -1.0 |], Span drive)
    require (drive = [| 3.0; -19.0; 1.0 |]) (sprintf "drive %A, expected (3, −19, 1)" drive)
    let post = Array.zeroCreate 3
    layer.Compute(ReadOnlySpan [| 5.0; -1.0 |], Span post)
    require (post = [| 3.0; 0.0; 1.0 |]) (sprintf "rates %A, expected ReLU(3, −19, 1)" post)
    throwsNamed "short output" "post" (fun () -> layer.Compute(ReadOnlySpan [| 5.0; -1.0 |], Span(Array.zeroCreate 2)))
    throwsNamed "short drive" "drive" (fun () -> layer.Drive(ReadOnlySpan [| 5.0; -1.0 |], Span(Array.zeroCreate 4)))
