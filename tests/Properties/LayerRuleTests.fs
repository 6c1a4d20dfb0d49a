/// Layer rules (GHA, subspace, competitive, BCM, local rules on a layer) against their scalar references, the
/// scalar references against their equations written out here, and the training loops against exact oracles:
/// plain loops, the averaged/Euler identity, the RK4 polynomial and the matrix exponential, and divergence at
/// the exact step.
///
/// False alarms: every check is exact or a rounding bound; the one chance event (shuffled training with seeds 11
/// and 12 drawing the same permutations) depends only on n, not on the generated data, so it is deterministic.
/// Family-wise false-alarm probability of one CI run: 0.
module Plasticity.Properties.LayerRuleTests

open System
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open MathNet.Numerics.LinearAlgebra
open Plasticity.Core.Data
open Plasticity.Core.Neurons
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.MultiOutput
open Plasticity.Core.Plasticity.Training
open Plasticity.Core.Plasticity.TwoFactor
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

/// A small layer problem: outputs m, inputs d, samples n, a seed and a learning rate.
type LayerCase =
    { Outputs: int; Inputs: int; Samples: int; Seed: uint64; Eta: float }
    override this.ToString() = sprintf "m=%d d=%d n=%d seed=%d eta=%g" this.Outputs this.Inputs this.Samples this.Seed this.Eta

type LayerGenerators =
    static member LayerCase() : Arbitrary<LayerCase> =
        gen {
            let! m = Gen.choose (1, 4)
            let! d = Gen.choose (1, 9)
            let! n = Gen.choose (2, 25)
            let! seed = Gen.choose (0, Int32.MaxValue)
            let! etaK = Gen.choose (1, 100)
            return { Outputs = m; Inputs = d; Samples = n; Seed = uint64 seed; Eta = float etaK * 1e-3 }
        }
        |> Arb.fromGen

/// Gaussian samples with per-component scales 1, 0.8, 0.6, … and a mean offset, from a seed.
let dataOf (c: LayerCase) (offset: float) =
    let random = rng (c.Seed + 17UL)
    let rows =
        Array.init c.Samples (fun _ ->
            Array.init c.Inputs (fun j ->
                offset + MathNet.Numerics.Distributions.Normal.Sample(random, 0.0, 1.0 / (1.0 + 0.25 * float j))))
    Dataset.FromRows rows

let weightsOf (c: LayerCase) = DenseWeightMatrix.RandomGaussian(c.Outputs, c.Inputs, 0.3, rng c.Seed)

let private bitEqual (what: string) (a: float) (b: float) =
    require (BitConverter.DoubleToInt64Bits a = BitConverter.DoubleToInt64Bits b) (sprintf "%s: %.17g ≠ reference %.17g" what a b)

let private deltaOf (state: IRuleState) (x: float[]) (y: float[]) (w: DenseWeightMatrix) =
    let delta = Array.zeroCreate (w.Outputs * w.Inputs)
    let context = StepContext(1.0, w)
    state.ComputeDelta(ReadOnlySpan x, ReadOnlySpan y, &context, Span delta)
    delta

/// Advances a rule state on one sample (rate rules' state updates read only x and y; the applied change is zero here).
let private advance (state: IRuleState) (w: IWeightView) (x: ReadOnlySpan<float>) (y: ReadOnlySpan<float>) =
    let context = StepContext(1.0, w)
    state.Advance(x, y, &context, ReadOnlySpan(Array.zeroCreate<float> (w.Outputs * w.Inputs)))

/// One sample x, random rates y ∈ [−1, 1]^m and the weights of a case: the inputs of a single layer-rule step.
let private layerInputs (c: LayerCase) =
    let data = dataOf c 0.5
    let random = rng (c.Seed + 5UL)
    let x = data.Sample(0).ToArray()
    let y = Array.init c.Outputs (fun _ -> random.NextDouble() * 2.0 - 1.0)
    x, y, weightsOf c, c.Outputs, c.Inputs

[<Property(Arbitrary = [| typeof<LayerGenerators> |], MaxTest = 60)>]
let ``layer rules' vector paths equal their scalar references bit for bit`` (c: LayerCase) =
    let data = dataOf c 0.5
    let x, y, w, m, d = layerInputs c
    for subspace in [ false; true ] do
        let rule = SangerRule(c.Eta, subspace)
        let delta = deltaOf (rule.CreateState(m, d)) x y w
        for i in 0 .. m - 1 do
            for j in 0 .. d - 1 do
                bitEqual (sprintf "%s Δw[%d,%d]" rule.Name i j) delta[i * d + j] (rule.Delta(i, j, ReadOnlySpan x, ReadOnlySpan y, w))
    let competitive = CompetitiveRule(c.Eta)
    let delta = deltaOf (competitive.CreateState(m, d)) x y w
    for i in 0 .. m - 1 do
        for j in 0 .. d - 1 do
            bitEqual (sprintf "competitive Δw[%d,%d]" i j) delta[i * d + j] (competitive.Delta(i, j, ReadOnlySpan x, ReadOnlySpan y, w))
    let bcm = BcmRule(c.Eta, 0.1, 0.3)
    let learner = bcm.CreateState(m, d) :?> BcmRule.Learner
    // Advance θ on a few samples first so the thresholds differ between outputs.
    for k in 1 .. min 3 (data.Count - 1) do
        advance learner w (data.Sample(k)) (ReadOnlySpan(Array.init m (fun i -> float (i + k) * 0.3)))
    let delta = deltaOf learner x y w
    for i in 0 .. m - 1 do
        for j in 0 .. d - 1 do
            bitEqual (sprintf "bcm Δw[%d,%d]" i j) delta[i * d + j] (bcm.Delta(x[j], y[i], learner.Theta.[i]))
    let oja = OjaRule(c.Eta, 1.0)
    let delta = deltaOf ((LocalLayerRule(oja, "oja") :> IPlasticityRule).CreateState(m, d)) x y w
    for i in 0 .. m - 1 do
        for j in 0 .. d - 1 do
            bitEqual (sprintf "oja layer Δw[%d,%d]" i j) delta[i * d + j] (oja.Delta(x[j], y[i], w[i, j]))

[<Property(Arbitrary = [| typeof<LayerGenerators> |], MaxTest = 60)>]
let ``layer rules' scalar references equal their equations written out in the test`` (c: LayerCase) =
    // Oracles (Sanger 1989; Oja 1989; Rumelhart & Zipser 1985): GHA Δw_ij = η y_i (x_j − Σ_{m≤i} y_m w_mj), the
    // subspace rule the same with Σ over all m, competitive Δw_ij = η [i = first argmax y] (x_j − w_ij). Each side
    // rounds ≤ 2(m + 2) times on terms of size ≤ |η y_i|(|x_j| + Σ|y_m w_mj|): tolerance 4(m + 2)·u·that.
    // A GHA that deflates by m < i (or m ≤ i + 1), a subspace rule that sums only to i, or a competitive rule that
    // moves a loser all fail by a whole term.
    let x, y, w, m, d = layerInputs c
    for subspace in [ false; true ] do
        let rule = SangerRule(c.Eta, subspace)
        for i in 0 .. m - 1 do
            let last = if subspace then m - 1 else i
            for j in 0 .. d - 1 do
                let residual = x[j] - Seq.sum (seq { for q in 0 .. last -> y[q] * w[q, j] })
                let scale = abs (c.Eta * y[i]) * (abs x[j] + Seq.sum (seq { for q in 0 .. last -> abs (y[q] * w[q, j]) }))
                within (sprintf "%s Δw[%d,%d]" rule.Name i j) "η y_i (x_j − Σ y_m w_mj)" (c.Eta * y[i] * residual)
                    (rule.Delta(i, j, ReadOnlySpan x, ReadOnlySpan y, w)) (4.0 * float (m + 2) * unitRoundoff * scale + 1e-300) "4(m+2)·u·|ηy_i|(|x_j| + Σ|y_m w_mj|)"
    let competitive = CompetitiveRule(c.Eta)
    let winner = [| 0 .. m - 1 |] |> Array.fold (fun best i -> if y[i] > y[best] then i else best) 0
    for i in 0 .. m - 1 do
        for j in 0 .. d - 1 do
            let expected = if i = winner then c.Eta * (x[j] - w[i, j]) else 0.0
            within (sprintf "competitive Δw[%d,%d] (winner %d)" i j winner) "η [i = argmax y] (x_j − w_ij)" expected
                (competitive.Delta(i, j, ReadOnlySpan x, ReadOnlySpan y, w)) (4.0 * unitRoundoff * c.Eta * (abs x[j] + abs w[i, j])) "4u·η(|x_j| + |w_ij|)"

[<Xunit.Fact>]
let ``BCM threshold relaxes to y² exactly as the discrete exponential`` () =
    // θ_k = y² + (θ0 − y²)(1 − η_θ)^k for constant y: exact algebra, rounding ≤ 4u per step.
    let rule = BcmRule(0.01, 0.05, 2.0)
    let learner = rule.CreateState(1, 1) :?> BcmRule.Learner
    let y = 0.7
    let w = DenseWeightMatrix(1, 1)
    for k in 1 .. 200 do
        advance learner w (ReadOnlySpan [| 1.0 |]) (ReadOnlySpan [| y |])
        let expected = y * y + (2.0 - y * y) * Math.Pow(1.0 - 0.05, float k)
        within (sprintf "θ after %d samples" k) "y² + (θ0 − y²)(1 − η_θ)^k" expected learner.Theta.[0] (8.0 * float k * unitRoundoff * 2.0) "8·k·u·θ0"

[<Property(Arbitrary = [| typeof<LayerGenerators> |], MaxTest = 40)>]
let ``online cyclic Oja reproduces a plain double-precision loop`` (c: LayerCase) =
    let data = dataOf c 0.0
    let w = DenseWeightMatrix.RandomGaussian(1, c.Inputs, 0.5, rng c.Seed)
    let plain = w.Row(0).ToArray()
    let epochs = 5
    Trainer.Run(w, LinearTransfer.Instance, data, LocalLayerRule(OjaRule(c.Eta), "oja"), TrainingSettings(epochs)) |> ignore
    for _ in 1 .. epochs do
        for k in 0 .. data.Count - 1 do
            let x = data.Sample(k).ToArray()
            let y = Array.fold2 (fun acc a b -> acc + a * b) 0.0 plain x
            for j in 0 .. c.Inputs - 1 do
                plain[j] <- plain[j] + c.Eta * y * (x[j] - y * plain[j])
    // Differences come only from summation order in y = w·x (SIMD dot) and the grouping of η y (x − y w):
    // a few u per operation, amplified at most by the per-step Jacobian norm (≤ 1 + η‖x‖²(1 + 2|y|‖w‖)).
    for j in 0 .. c.Inputs - 1 do
        within (sprintf "w[%d] after %d epochs" j epochs) "plain loop y = w·x; w += η y (x − y w)" plain[j] w[0, j] 1e-12 "1e-12 (issue 3)"

[<Property(Arbitrary = [| typeof<LayerGenerators> |], MaxTest = 30)>]
let ``averaged mode, full mini-batch and Euler with dt = τ are the same update bit for bit`` (c: LayerCase) =
    let data = dataOf c 0.3
    let rule = SangerRule(c.Eta)
    let averaged = weightsOf c
    let batch = weightsOf c
    let euler = weightsOf c
    Trainer.Run(averaged, LinearTransfer.Instance, data, rule, TrainingSettings(4, Mode = TrainingMode.Averaged)) |> ignore
    Trainer.Run(batch, LinearTransfer.Instance, data, rule, TrainingSettings(4, Mode = TrainingMode.MiniBatch, BatchSize = c.Samples)) |> ignore
    ContinuousTimeTrainer.Run(euler, LinearTransfer.Instance, data, rule, 1.0, 1.0, 4.0, ContinuousIntegrator.Euler) |> ignore
    for q in 0 .. averaged.Data.Length - 1 do
        bitEqual (sprintf "mini-batch W[%d]" q) batch.Data[q] averaged.Data[q]
        bitEqual (sprintf "Euler W[%d]" q) euler.Data[q] averaged.Data[q]

[<Property(Arbitrary = [| typeof<LayerGenerators> |], MaxTest = 20)>]
let ``shuffled training is bit-identical for the same seed and differs for another`` (c: LayerCase) =
    let data = dataOf c 0.0
    let run seed =
        let w = weightsOf c
        Trainer.Run(w, LinearTransfer.Instance, data, SangerRule(c.Eta), TrainingSettings(3, Order = PresentationOrder.Shuffled), rng seed) |> ignore
        w.Data.ToArray()
    let a, b = run 11UL, run 11UL
    require (a = b) (sprintf "same seed gave different weights (%s)" (string c))
    // Another seed draws 3 independent permutations of n ≥ 5 samples: all three equal with probability ≤ (1/120)³.
    if c.Samples >= 5 then
        require (run 12UL <> a) (sprintf "seeds 11 and 12 gave identical weights (%s)" (string c))

/// Eigen-decomposition of the sample correlation C = (1/n) Σ x xᵀ (population normalisation).
let correlationEigen (data: Dataset) =
    let d = data.Dimension
    let c = Matrix<float>.Build.Dense(d, d)
    for k in 0 .. data.Count - 1 do
        let x = data.Sample(k).ToArray()
        for a in 0 .. d - 1 do
            for b in 0 .. d - 1 do
                c[a, b] <- c[a, b] + x[a] * x[b] / float data.Count
    c, c.Evd(Symmetricity.Symmetric)

[<Property(Arbitrary = [| typeof<LayerGenerators> |], MaxTest = 40)>]
let ``continuous-time plain Hebb: RK4 is the degree-4 exponential polynomial per eigendirection and dt-invariant`` (c: LayerCase) =
    // τ dw/dt = η C w. Per eigendirection RK4 multiplies c_k by R(z) = 1 + z + z²/2 + z³/6 + z⁴/24 with
    // z = η λ_k dt/τ each step, exactly (a linear ODE); the exact flow multiplies by e^z. So
    // w_RK4(T) = Σ_k R(z_k)^s c_k e_k to roundoff, and |R(z)^s − e^{zs}| ≤ s·|z|⁵/120·e^{|z| s} bounds the
    // difference from the matrix exponential (Taylor remainder, per step, propagated through s steps).
    let data = dataOf c 0.0
    let _, evd = correlationEigen data
    let lambdas = evd.EigenValues |> Seq.map (fun v -> v.Real) |> Array.ofSeq
    let vectors = evd.EigenVectors
    let w0 = (weightsOf { c with Outputs = 1 }).Row(0).ToArray()
    let tau, duration = 1.0, 10.0
    let coefficients = Array.init c.Inputs (fun k -> Seq.sum (Seq.init c.Inputs (fun a -> vectors[a, k] * w0[a])))
    let run dt =
        let w = DenseWeightMatrix.FromRows [| Array.copy w0 |]
        ContinuousTimeTrainer.Run(w, LinearTransfer.Instance, data, LocalLayerRule(HebbRule(c.Eta), "hebb"), tau, dt, duration) |> ignore
        w.Row(0).ToArray()
    let compose (factor: float -> float) =
        Array.init c.Inputs (fun a -> Seq.sum (Seq.init c.Inputs (fun k -> factor lambdas[k] * coefficients[k] * vectors[a, k])))
    let scaleOf = Array.sumBy abs coefficients * Math.Exp(c.Eta * Array.max lambdas * duration / tau * 1.01)
    for dt in [ 0.5; 0.25 ] do
        let s = duration / dt
        let polynomial z = 1.0 + z + z * z / 2.0 + z * z * z / 6.0 + z * z * z * z / 24.0
        let rk4Oracle = compose (fun l -> Math.Pow(polynomial (c.Eta * l * dt / tau), s))
        let exact = compose (fun l -> Math.Exp(c.Eta * l * duration / tau))
        let measured = run dt
        let zMax = c.Eta * Array.max lambdas * dt / tau
        let truncation = s * Math.Pow(zMax, 5.0) / 120.0 * scaleOf
        // Roundoff: each RK4 step is ~ (4 n d + 20) operations on values ≤ scale, over s steps; EVD residual ~ d²u.
        let roundoff = 64.0 * (s * float (4 * data.Count * c.Inputs + 20) + float (c.Inputs * c.Inputs)) * unitRoundoff * scaleOf
        for a in 0 .. c.Inputs - 1 do
            within (sprintf "w[%d](T) at dt=%g" a dt) "Σ R(z_k)^s c_k e_k (RK4 polynomial)" rk4Oracle[a] measured[a] roundoff "64·(s·ops + d²)·u·scale"
            within (sprintf "w[%d](T) at dt=%g" a dt) "e^{ηCT/τ} w0 (matrix exponential)" exact[a] measured[a] (truncation + roundoff) "s·z⁵/120·scale + roundoff"

[<Property(Arbitrary = [| typeof<LayerGenerators> |], MaxTest = 30)>]
let ``plain Hebb divergence is reported at the exact step, never as NaN`` (c: LayerCase) =
    // Averaged plain Hebb is w_t = (I + ηC)^t w_0 exactly (up to roundoff); the first t with ‖w_t‖ > L is
    // computed from the eigen-expansion. Steps whose norm lies within a roundoff margin of L are skipped.
    let data = dataOf { c with Eta = 0.0 } 1.0
    let eta = 0.2 + c.Eta
    let _, evd = correlationEigen data
    let lambdas = evd.EigenValues |> Seq.map (fun v -> v.Real) |> Array.ofSeq
    let vectors = evd.EigenVectors
    let w0 = (weightsOf { c with Outputs = 1 }).Row(0).ToArray()
    let limit = 50.0 * (Array.sumBy (fun v -> v * v) w0 |> sqrt)
    let coefficients = Array.init c.Inputs (fun k -> Seq.sum (Seq.init c.Inputs (fun a -> vectors[a, k] * w0[a])))
    let normAt (t: int) =
        Seq.init c.Inputs (fun k -> (Math.Pow(1.0 + eta * lambdas[k], float t) * coefficients[k]) ** 2.0) |> Seq.sum |> sqrt
    let predicted = Seq.initInfinite id |> Seq.find (fun t -> normAt t > limit)
    let margin = 1e-9 * limit
    if abs (normAt predicted - limit) > margin && abs (normAt (predicted - 1) - limit) > margin then
        let w = DenseWeightMatrix.FromRows [| Array.copy w0 |]
        let result = Trainer.Run(w, LinearTransfer.Instance, data, LocalLayerRule(HebbRule(eta), "hebb"), TrainingSettings(predicted + 10, Mode = TrainingMode.Averaged, DivergenceLimit = limit))
        require result.Diverged (sprintf "no divergence reported; predicted at step %d (%s)" predicted (string c))
        require (result.DivergedAtStep = Nullable(int64 predicted)) (sprintf "divergence at step %A; (I + ηC)^t predicts %d" result.DivergedAtStep predicted)
        require (Double.IsFinite(result.DivergenceNorm.Value) && result.DivergenceNorm.Value > limit) (sprintf "divergence norm %A" result.DivergenceNorm)
        assertRel "‖w‖ at divergence" (normAt predicted) result.DivergenceNorm.Value 1e-9

[<Property(Arbitrary = [| typeof<LayerGenerators> |], MaxTest = 40)>]
let ``running-mean covariance equals the covariance kernel at its current thresholds bit for bit`` (c: LayerCase) =
    // Thresholds follow θ ← θ + η_m (v − θ) after each observed sample; the oracle replays that recurrence
    // and evaluates CovarianceRule.Delta = (x − θx)·(η (y − θy)) per synapse.
    let data = dataOf c 0.4
    let w = weightsOf c
    let etaMean = 0.1
    let rule = RunningCovarianceRule(c.Eta, etaMean)
    let learner = rule.CreateState(c.Outputs, c.Inputs)
    let thetaPre = Array.zeroCreate c.Inputs
    let thetaPost = Array.zeroCreate c.Outputs
    let random = rng (c.Seed + 9UL)
    for k in 0 .. data.Count - 1 do
        let x = data.Sample(k).ToArray()
        let y = Array.init c.Outputs (fun _ -> random.NextDouble() * 2.0 - 1.0)
        let delta = deltaOf learner x y w
        for i in 0 .. c.Outputs - 1 do
            for j in 0 .. c.Inputs - 1 do
                bitEqual (sprintf "sample %d Δw[%d,%d]" k i j) delta[i * c.Inputs + j] (CovarianceRule(c.Eta, thetaPre[j], thetaPost[i]).Delta(x[j], y[i], w[i, j]))
        let context = StepContext(1.0, w)
        learner.Advance(ReadOnlySpan x, ReadOnlySpan y, &context, ReadOnlySpan delta)
        for j in 0 .. c.Inputs - 1 do thetaPre[j] <- thetaPre[j] + etaMean * (x[j] - thetaPre[j])
        for i in 0 .. c.Outputs - 1 do thetaPost[i] <- thetaPost[i] + etaMean * (y[i] - thetaPost[i])

[<Xunit.Fact>]
let ``a NaN row is reported as divergence at the step it appears, whatever the other rows hold`` () =
    // Row 0 overflows to ±∞ then NaN at step 1 (1e154² = ∞ in y², ∞·0 = NaN); row 1 stays finite and small.
    let data = Dataset.FromRows [| [| 1e154; 1.0 |]; [| 1.0; 1.0 |] |]
    let w = DenseWeightMatrix.FromRows [| [| 1e5; 0.0 |]; [| 0.0; 1e-200 |] |]
    let result = Trainer.Run(w, LinearTransfer.Instance, data, LocalLayerRule(OjaRule(0.1), "oja"), TrainingSettings(3))
    require (result.DivergedAtStep = Nullable 1L) (sprintf "divergence reported at %A; row 0 is non-finite after step 1" result.DivergedAtStep)
    require (not (Double.IsFinite result.DivergenceNorm.Value)) (sprintf "divergence norm %A should be non-finite" result.DivergenceNorm)

[<Xunit.Fact>]
let ``rules reject parameters outside their ranges, naming the parameter`` () =
    let expectParam (name: string) (make: unit -> unit) = throwsNamed name name make
    expectParam "Eta" (fun () -> OjaRule(-0.1) |> ignore)
    expectParam "Alpha" (fun () -> OjaRule(0.1, 0.0) |> ignore)
    expectParam "Eta" (fun () -> HebbRule(nan) |> ignore)
    expectParam "EtaTheta" (fun () -> BcmRule(0.1, 1.5, 0.0) |> ignore)
    expectParam "InitialTheta" (fun () -> BcmRule(0.1, 0.5, -1.0) |> ignore)
    expectParam "Eta" (fun () -> CompetitiveRule(2.0) |> ignore)
    expectParam "EtaMean" (fun () -> RunningCovarianceRule(0.1, -0.1) |> ignore)
    expectParam "Constant" (fun () -> TaylorRule(infinity, 0.0, 0.0, 0.0, 0.0, 0.0) |> ignore)
    expectParam "Eta" (fun () -> SangerRule(0.0) |> ignore)
