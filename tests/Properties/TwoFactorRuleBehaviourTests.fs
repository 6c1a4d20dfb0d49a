/// Two-factor rules against their closed forms (issue 8 §1, mutation testing): every local rule's scalar and
/// row kernels, the BCM threshold (both statistics, several outputs) and the running-mean covariance rule are
/// held against the defining formula written out here, not against another kernel of the code under test.
/// Operands are dyadic rationals with few significant bits, so every product and sum of the formulas is exact
/// in binary64 whatever the evaluation order: the comparisons are exact (tolerance 0), and no test is
/// statistical (family-wise false-alarm probability of one run: 0).
module Plasticity.Properties.TwoFactorRuleBehaviourTests

open System
open Xunit
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.TwoFactor
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

/// Dyadic presynaptic rates and weights for a row of length n: x_j ∈ {−0.75 … 0.75} in steps of 0.25 and
/// w_j ∈ {−0.25 … 0.25} in steps of 0.125, so that the patterns differ between neighbours.
let private preRow (n: int) = Array.init n (fun j -> float (j % 7 - 3) * 0.25)
let private weightRow (n: int) = Array.init n (fun j -> float (j % 5 - 2) * 0.125)

/// Each rule with its defining formula Δw(x, y, w), at dyadic parameters.
let private rulesWithFormulas : (string * ILocalRule * (float -> float -> float -> float)) list =
    let eta = 0.5
    [ "Hebb η x y − c", HebbRule(eta, 0.125), (fun x y _ -> eta * x * y - 0.125)
      "Hebb anti-Hebbian η < 0", HebbRule(-0.25), (fun x y _ -> -0.25 * x * y)
      "Oja η (x y − α y² w)", OjaRule(eta, 0.75), (fun x y w -> eta * (x * y - 0.75 * y * y * w))
      "covariance η (x − θx)(y − θy)", CovarianceRule(eta, 0.25, -0.5), (fun x y _ -> eta * (x - 0.25) * (y + 0.5))
      "presynaptically gated η x (y − θ)", CovarianceRule.PresynapticallyGated(eta, 0.75), (fun x y _ -> eta * x * (y - 0.75))
      "postsynaptically gated η y (x − θ)", CovarianceRule.PostsynapticallyGated(eta, 0.75), (fun x y _ -> eta * y * (x - 0.75))
      "synaptic scaling η w (y_target − y)", SynapticScalingRule(eta, 1.25), (fun _ y w -> eta * w * (1.25 - y))
      "instar η y (x − w)", InstarRule(eta), (fun x y w -> eta * y * (x - w))
      "outstar η x (y − w)", OutstarRule(eta), (fun x y w -> eta * x * (y - w))
      "Taylor, constant coefficients",
      TaylorRule(0.125, 0.25, -0.5, 0.75, -0.25, 0.5),
      (fun x y _ -> 0.125 + 0.25 * x - 0.5 * y + 0.75 * x * y - 0.25 * x * x + 0.5 * y * y)
      "Taylor, weight-dependent coefficients",
      TaylorRule(TaylorCoefficients(0.125, 0.25, -0.5, 0.75, -0.25, 0.5), TaylorCoefficients(-0.5, 0.75, 0.25, -0.125, 0.5, -0.25)),
      (fun x y w ->
          (0.125 + 0.25 * x - 0.5 * y + 0.75 * x * y - 0.25 * x * x + 0.5 * y * y)
          + w * (-0.5 + 0.75 * x + 0.25 * y - 0.125 * x * y + 0.5 * x * x - 0.25 * y * y)) ]

[<Fact>]
let ``every local rule's scalar kernel is its defining formula`` () =
    for name, rule, formula in rulesWithFormulas do
        for x in [ -1.5; 0.0; 0.25; 2.0 ] do
            for y in [ -2.0; 0.0; 0.5; 1.25; 3.0 ] do
                for w in [ -0.75; 0.0; 0.375; 1.0 ] do
                    exactDyadic (sprintf "%s at x=%g y=%g w=%g" name x y w) (formula x y w) (rule.Delta(x, y, w))

[<Fact>]
let ``every local rule's row kernel is its defining formula, on short rows and on rows past the stack buffers`` () =
    // Lengths 1, 3, 17 (SIMD remainders) and 600 (> the 512/256-element stack buffers, heap path).
    for name, rule, formula in rulesWithFormulas do
        for n in [ 1; 3; 17; 600 ] do
            let x, w = preRow n, weightRow n
            for y in [ -2.0; 0.5; 3.0 ] do
                let delta = Array.create n nan // every entry must be written
                rule.DeltaRow(ReadOnlySpan x, y, ReadOnlySpan w, Span delta)
                for j in 0 .. n - 1 do
                    exactDyadic (sprintf "%s row n=%d y=%g j=%d" name n y j) (formula x[j] y w[j]) delta[j]

[<Fact>]
let ``a local rule on a layer applies the formula with each output's own rate and weight row`` () =
    // Oja on a 3 × 4 layer: ΔW_ij = η (x_j y_i − α y_i² w_ij); rows must not mix rates or weights.
    let eta, alpha = 0.5, 0.75
    let rows = [| [| 0.25; -0.5; 0.125; 1.0 |]; [| -0.75; 0.5; 0.0; 0.25 |]; [| 1.0; 0.125; -0.25; -0.5 |] |]
    let w = DenseWeightMatrix.FromRows rows
    let x = [| 1.5; -0.5; 2.0; 0.25 |]
    let y = [| 0.5; -2.0; 1.25 |]
    let layer = LocalLayerRule(OjaRule(eta, alpha), "oja") :> IPlasticityRule
    require (not layer.HasState) "a local layer rule says it has state"
    let learner = layer.CreateState(3, 4)
    let context = StepContext(1.0, w)
    let delta = Array.create 12 nan
    learner.ComputeDelta(ReadOnlySpan x, ReadOnlySpan y, &context, Span delta)
    for i in 0 .. 2 do
        for j in 0 .. 3 do
            exactDyadic (sprintf "layer Oja ΔW[%d,%d]" i j) (eta * (x[j] * y[i] - alpha * y[i] * y[i] * rows[i][j])) delta[i * 4 + j]
    // Stateless: Advance changes nothing, the same sample gives the same change.
    learner.Advance(ReadOnlySpan x, ReadOnlySpan y, &context, ReadOnlySpan delta)
    let again = Array.create 12 nan
    learner.ComputeDelta(ReadOnlySpan x, ReadOnlySpan y, &context, Span again)
    require (again = delta) "a stateless layer rule changed its output after Advance"

// ---------------------------------------------------------------------------------------------------------
// BCM: Δw = η x y (y − θ); θ ← θ + η_θ (s(y) − θ) with s(y) = y² (mean square) or y (mean).

[<Fact>]
let ``BCM kernel, names and both threshold statistics follow their formulas`` () =
    let eta, etaTheta = 0.5, 0.25
    let square = BcmRule(eta, etaTheta, 0.75)
    let mean = BcmRule(eta, etaTheta, 0.75, BcmThreshold.Mean)
    require (square.Name = "bcm") (sprintf "name %s, expected bcm" square.Name)
    require (mean.Name = "bcm-mean") (sprintf "name %s, expected bcm-mean" mean.Name)
    for x in [ -1.5; 0.0; 2.0 ] do
        for y in [ -2.0; 0.0; 0.5; 3.0 ] do
            for theta in [ 0.0; 0.75; 4.0 ] do
                exactDyadic (sprintf "BCM Δw at x=%g y=%g θ=%g" x y theta) (eta * x * y * (y - theta)) (square.Delta(x, y, theta))
    for y in [ -2.0; 0.0; 0.5; 3.0 ] do
        for theta in [ 0.0; 0.75; 4.0 ] do
            exactDyadic (sprintf "θ ← θ + η_θ (y² − θ) at y=%g θ=%g" y theta) (theta + etaTheta * (y * y - theta)) (square.NextTheta(theta, y))
            exactDyadic (sprintf "θ ← θ + η_θ (y − θ) at y=%g θ=%g" y theta) (theta + etaTheta * (y - theta)) (mean.NextTheta(theta, y))

[<Fact>]
let ``BCM learner keeps one threshold per output, starts at θ0 and uses the threshold before the sample`` () =
    let eta, etaTheta, theta0 = 0.5, 0.5, 0.75
    for statistic in [ BcmThreshold.MeanSquare; BcmThreshold.Mean ] do
        let s (y: float) = if statistic = BcmThreshold.MeanSquare then y * y else y
        let rule = BcmRule(eta, etaTheta, theta0, statistic)
        require rule.HasState "BCM says it has no state"
        let learner = rule.CreateState(3, 2) :?> BcmRule.Learner
        for i in 0 .. 2 do
            exactDyadic (sprintf "%A θ_%d at the start" statistic i) theta0 learner.Theta[i]
        let w = DenseWeightMatrix(3, 2)
        let x = [| 1.5; -0.5 |]
        let samples = [ [| 2.0; -1.0; 0.5 |]; [| 0.0; 3.0; 1.5 |]; [| 1.0; 0.5; -2.0 |] ]
        let theta = Array.create 3 theta0
        for y in samples do
            let delta = Array.create 6 nan
            let context = StepContext(1.0, w)
            learner.ComputeDelta(ReadOnlySpan x, ReadOnlySpan y, &context, Span delta)
            for i in 0 .. 2 do
                for j in 0 .. 1 do
                    exactDyadic (sprintf "%A ΔW[%d,%d] with θ = %g" statistic i j theta[i]) (eta * x[j] * y[i] * (y[i] - theta[i])) delta[i * 2 + j]
            let context = StepContext(1.0, w)
            learner.Advance(ReadOnlySpan x, ReadOnlySpan y, &context, ReadOnlySpan delta)
            for i in 0 .. 2 do
                theta[i] <- theta[i] + etaTheta * (s y[i] - theta[i])
                exactDyadic (sprintf "%A θ_%d after the sample" statistic i) theta[i] learner.Theta[i]

// ---------------------------------------------------------------------------------------------------------
// Running-mean covariance: Δw_ij = η (x_j − θx_j)(y_i − θy_i), then θ ← θ + η_m (v − θ).

[<Fact>]
let ``running-mean covariance thresholds are exponential running means and the change uses them`` () =
    let eta = 0.5
    let samples = [ [| 1.5; -0.5; 2.0 |], [| 2.0; -1.0 |]; [| 0.5; 1.0; -1.0 |], [| 0.0; 3.0 |]; [| -1.0; 0.25; 0.5 |], [| 1.0; 0.5 |] ]
    let cases =
        [ "η_m = 1/2 from given thresholds", 0.5, Some [| 0.25; -0.5; 1.0 |], Some [| 0.5; -0.25 |]
          "η_m = 1/2 from zeros", 0.5, None, None
          "η_m = 0: fixed thresholds", 0.0, Some [| 0.25; -0.5; 1.0 |], Some [| 0.5; -0.25 |]
          "η_m = 1: the last sample", 1.0, None, Some [| 0.5; -0.25 |] ]
    for name, etaMean, initialPre, initialPost in cases do
        let rule = RunningCovarianceRule(eta, etaMean, Option.toObj initialPre, Option.toObj initialPost)
        require (rule.Name = "covariance-running") (sprintf "name %s" rule.Name)
        require rule.HasState "running covariance says it has no state"
        let learner = rule.CreateState(2, 3)
        let thetaPre = defaultArg (Option.map Array.copy initialPre) (Array.zeroCreate 3)
        let thetaPost = defaultArg (Option.map Array.copy initialPost) (Array.zeroCreate 2)
        let w = DenseWeightMatrix(2, 3)
        for k, (x, y) in List.indexed samples do
            let delta = Array.create 6 nan
            let context = StepContext(1.0, w)
            learner.ComputeDelta(ReadOnlySpan x, ReadOnlySpan y, &context, Span delta)
            for i in 0 .. 1 do
                for j in 0 .. 2 do
                    exactDyadic (sprintf "%s: sample %d ΔW[%d,%d]" name k i j) (eta * (x[j] - thetaPre[j]) * (y[i] - thetaPost[i])) delta[i * 3 + j]
            let context = StepContext(1.0, w)
            learner.Advance(ReadOnlySpan x, ReadOnlySpan y, &context, ReadOnlySpan delta)
            for j in 0 .. 2 do thetaPre[j] <- (1.0 - etaMean) * thetaPre[j] + etaMean * x[j]
            for i in 0 .. 1 do thetaPost[i] <- (1.0 - etaMean) * thetaPost[i] + etaMean * y[i]
    // The caller's threshold arrays are copied, not advanced in place.
    let pre, post = [| 0.25; -0.5; 1.0 |], [| 0.5; -0.25 |]
    let learner = RunningCovarianceRule(eta, 0.5, pre, post).CreateState(2, 3)
    let context = StepContext(1.0, DenseWeightMatrix(2, 3))
    learner.Advance(ReadOnlySpan [| 1.0; 1.0; 1.0 |], ReadOnlySpan [| 1.0; 1.0 |], &context, ReadOnlySpan(Array.zeroCreate<float> 6))
    require (pre = [| 0.25; -0.5; 1.0 |] && post = [| 0.5; -0.25 |]) (sprintf "initial thresholds modified: %A %A" pre post)

[<Fact>]
let ``running-mean covariance refuses thresholds of the wrong length, naming them`` () =
    throwsArgumentNamed "3 pre thresholds for 2 inputs" "InitialPre" (fun () -> RunningCovarianceRule(0.5, 0.5, [| 0.0; 0.0; 0.0 |]).CreateState(1, 2) |> ignore)
    throwsArgumentNamed "1 post threshold for 2 outputs" "InitialPost" (fun () -> RunningCovarianceRule(0.5, 0.5, null, [| 0.0 |]).CreateState(2, 2) |> ignore)
    // Matching lengths and the ends of the η_m range are accepted.
    for etaMean in [ 0.0; 1.0 ] do
        RunningCovarianceRule(0.5, etaMean, [| 0.0; 0.0 |], [| 0.0; 0.0 |]).CreateState(2, 2) |> ignore

[<Fact>]
let ``rate parameters keep their documented ends: η_θ in (0, 1], η_m in [0, 1]`` () =
    throwsNamed "BCM η_θ = 0" "EtaTheta" (fun () -> BcmRule(0.5, 0.0, 0.0) |> ignore)
    BcmRule(0.5, 1.0, 0.0) |> ignore
    throwsNamed "running covariance η_m > 1" "EtaMean" (fun () -> RunningCovarianceRule(0.5, 1.5) |> ignore)
    RunningCovarianceRule(0.5, 0.0) |> ignore
    RunningCovarianceRule(0.5, 1.0) |> ignore
