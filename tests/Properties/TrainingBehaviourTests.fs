/// Training loops against their definitions (issue 8 §1, mutation testing): online, mini-batch and averaged
/// modes, the three presentation orders, the observer schedule, the step count and the argument checks of
/// Trainer and ContinuousTimeTrainer. Oracles: the documented update written out as a plain loop here (y = w·x,
/// Δw = η (w·x) x for plain Hebb), and for continuous time the closed forms (1 + z)^s (Euler) and R(z)^s with
/// R(z) = 1 + z + z²/2 + z³/6 + z⁴/24 (RK4) of the scalar linear ODE. Dyadic data make the discrete loops nearly
/// exact (rounding bound ≈ 1e-13); the continuous checks have rounding bounds. No test is statistical (family-wise false-alarm
/// probability of one run: 0).
module Plasticity.Properties.TrainingBehaviourTests

open System
open Xunit
open Plasticity.Core.Data
open Plasticity.Core.Neurons
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.Training
open Plasticity.Core.Plasticity.TwoFactor
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

/// Four 2-d dyadic samples, chosen so that the order of online updates matters (the x xᵀ do not commute).
let private samples = [| [| 1.0; 0.5 |]; [| -0.5; 1.0 |]; [| 0.25; -1.0 |]; [| 1.0; 1.0 |] |]
let private eta = 0.125
let private w0 = [| 0.5; -0.25 |]
let private hebb = LocalLayerRule(HebbRule(eta), "hebb")

/// Plain Hebb's change for one sample at weights w: η (w·x) x.
let private hebbDelta (w: float[]) (x: float[]) =
    let y = w[0] * x[0] + w[1] * x[1]
    [| eta * y * x[0]; eta * y * x[1] |]

/// Runs the trainer on a 1 × 2 layer from w0 and returns the weights, the result and the observed steps.
let private train (settings: TrainingSettings) (random: Random | null) =
    let w = DenseWeightMatrix.FromRows [| Array.copy w0 |]
    let seen = ResizeArray<int64>()
    let observer = TrainingObserver(fun step _ -> seen.Add step)
    let result = Trainer.Run(w, LinearTransfer.Instance, Dataset.FromRows samples, hebb, settings, random, observer)
    w.Row(0).ToArray(), result, List.ofSeq seen

/// The reference loop: for each step, the mean of η (w·x) x over the step's samples at the same w.
let private reference (steps: int[] list) =
    let mutable w = Array.copy w0
    for members in steps do
        let sum = Array.zeroCreate 2
        for k in members do
            let d = hebbDelta w samples[k]
            sum[0] <- sum[0] + d[0]
            sum[1] <- sum[1] + d[1]
        w <- [| w[0] + sum[0] / float members.Length; w[1] + sum[1] / float members.Length |]
    w

/// Reference loop vs trainer after a number of steps. Both evaluate the same operations on dyadic data, but the
/// trainer's dot product and sums are SIMD kernels whose grouping may differ: each step adds ≤ 8 roundings of
/// relative size u on values ≤ max|w|, and an error is carried forward by at most the step Jacobian's norm
/// 1 + η max‖x‖² = 1.25 per step, so |diff| ≤ 8u·steps·1.25^steps·(1 + max|w|) (≈ 1e-13 here; a wrong update
/// differs by ≥ 1e-3).
let private matchesReference (what: string) (oracle: float[]) (measured: float[]) (steps: int) =
    let bound = 8.0 * unitRoundoff * float steps * Math.Pow(1.25, float steps) * (1.0 + Array.max (Array.map abs oracle))
    for j in 0 .. oracle.Length - 1 do
        within (sprintf "%s w[%d]" what j) "reference loop" oracle[j] measured[j] bound "8u·steps·1.25^steps·(1 + max|w|)"

[<Fact>]
let ``online, mini-batch and averaged modes are the documented updates, with the right step counts`` () =
    let epochs = 3
    let cyclic = [ for _ in 1 .. epochs do for k in 0 .. 3 -> [| k |] ]
    let w, result, _ = train (TrainingSettings(epochs)) null
    matchesReference "online cyclic" (reference cyclic) w 12
    require (result.Steps = 12L && not result.Diverged) (sprintf "online: %A, expected 12 steps" result)
    // Batch size 3 over 4 samples: batches {0,1,2} and {3} (the last one smaller).
    let batches = [ for _ in 1 .. epochs do yield [| 0; 1; 2 |]; yield [| 3 |] ]
    let w, result, _ = train (TrainingSettings(epochs, Mode = TrainingMode.MiniBatch, BatchSize = 3)) null
    matchesReference "mini-batch 3" (reference batches) w 6
    require (result.Steps = 6L) (sprintf "mini-batch: %d steps, expected 6" result.Steps)
    let w, result, _ = train (TrainingSettings(epochs, Mode = TrainingMode.Averaged)) null
    matchesReference "averaged" (reference [ for _ in 1 .. epochs -> [| 0; 1; 2; 3 |] ]) w 3
    require (result.Steps = 3L) (sprintf "averaged: %d steps, expected 3" result.Steps)
    // Batch size 1 in mini-batch mode is online; a batch larger than the data is averaged.
    let w1, _, _ = train (TrainingSettings(epochs, Mode = TrainingMode.MiniBatch, BatchSize = 1)) null
    matchesReference "mini-batch 1 = online" (reference cyclic) w1 12
    let w9, r9, _ = train (TrainingSettings(epochs, Mode = TrainingMode.MiniBatch, BatchSize = 9)) null
    matchesReference "mini-batch 9 = averaged" (reference [ for _ in 1 .. epochs -> [| 0; 1; 2; 3 |] ]) w9 3
    require (r9.Steps = 3L) (sprintf "mini-batch 9: %d steps" r9.Steps)

[<Fact>]
let ``shuffled and sampled orders draw from the given generator as documented`` () =
    // Shuffled: Fisher–Yates per epoch, j = Next(i + 1) for i = n−1 … 1, on the previous epoch's order.
    // Sampled: Count draws Next(n) per epoch. The oracle replays those documented draws on the same seed.
    let epochs = 3
    let random = rng 5UL
    let order = [| 0; 1; 2; 3 |]
    let shuffledSteps =
        [ for _ in 1 .. epochs do
            for i in 3 .. -1 .. 1 do
                let j = random.Next(i + 1)
                let t = order[i]
                order[i] <- order[j]
                order[j] <- t
            for k in order -> [| k |] ]
    let w, _, _ = train (TrainingSettings(epochs, Order = PresentationOrder.Shuffled)) (rng 5UL)
    matchesReference "shuffled" (reference shuffledSteps) w 12
    let random = rng 6UL
    let sampledSteps = [ for _ in 1 .. epochs do for _ in 0 .. 3 -> [| random.Next 4 |] ]
    let w, _, _ = train (TrainingSettings(epochs, Order = PresentationOrder.Sampled)) (rng 6UL)
    matchesReference "sampled" (reference sampledSteps) w 12
    // Shuffle itself: a permutation, and a one-element order is left alone.
    let p = Array.init 50 id
    Trainer.Shuffle(Span p, rng 7UL)
    require (Array.sort p = Array.init 50 id && p <> Array.init 50 id) (sprintf "Shuffle did not permute: %A" p)
    let single = [| 4 |]
    Trainer.Shuffle(Span single, rng 7UL)
    require (single = [| 4 |]) "Shuffle of one element"

[<Fact>]
let ``the observer sees step 0, every RecordEvery-th step and the last step`` () =
    // 3 epochs × 4 samples online: steps 1 … 12.
    for every, expected in [ 1, [ 0L .. 12L ]; 5, [ 0L; 5L; 10L; 12L ]; 4, [ 0L; 4L; 8L; 12L ]; 20, [ 0L; 12L ] ] do
        let _, _, seen = train (TrainingSettings(3, RecordEvery = every)) null
        require (seen = expected) (sprintf "RecordEvery = %d: observed %A, expected %A" every seen expected)
    // Mini-batch: the last step of the last epoch is the short batch.
    let _, _, seen = train (TrainingSettings(2, Mode = TrainingMode.MiniBatch, BatchSize = 3, RecordEvery = 3)) null
    require (seen = [ 0L; 3L; 4L ]) (sprintf "mini-batch observer: %A, expected [0; 3; 4]" seen)

[<Fact>]
let ``divergence stops at the first step whose row norm passes the limit, and the observer sees it`` () =
    // Online cyclic Hebb from w0: the reference norms decide the first step with ‖w‖ > L.
    let cyclic = [ for _ in 1 .. 50 do for k in 0 .. 3 -> [| k |] ]
    let norms = [ for t in 1 .. cyclic.Length -> let w = reference (List.take t cyclic) in sqrt (w[0] * w[0] + w[1] * w[1]) ]
    let limit = 2.0
    let first = 1 + List.findIndex (fun n -> n > limit) norms
    require (abs (norms[first - 1] - limit) > 1e-6) "limit too close to a step's norm"
    let _, result, seen = train (TrainingSettings(50, DivergenceLimit = limit, RecordEvery = 1000)) null
    require (result.DivergedAtStep = Nullable(int64 first) && result.Steps = int64 first) (sprintf "diverged at %A (steps %d), expected %d" result.DivergedAtStep result.Steps first)
    assertRel "norm at divergence" norms[first - 1] result.DivergenceNorm.Value 1e-12
    // The diverging step is rejected before it is applied (no weight ever becomes non-finite), so the observer's
    // closing call reports the last applied step, first − 1, and UpdatesApplied counts it.
    require (seen = [ 0L; int64 (first - 1) ]) (sprintf "observer at divergence: %A, expected [0; %d]" seen (first - 1))
    require (result.UpdatesApplied = int64 (first - 1)) (sprintf "updates applied %d, expected %d" result.UpdatesApplied (first - 1))
    // A limit the run never reaches: no divergence, no norm.
    let _, result, _ = train (TrainingSettings(1, DivergenceLimit = 1e9)) null
    require (not result.Diverged && not result.DivergenceNorm.HasValue) (sprintf "%A" result)

[<Fact>]
let ``trainer refuses invalid settings, orders without a generator and data of the wrong dimension`` () =
    let run (settings: TrainingSettings) (random: Random | null) (data: Dataset) () =
        Trainer.Run(DenseWeightMatrix.FromRows [| Array.copy w0 |], LinearTransfer.Instance, data, hebb, settings, random) |> ignore
    let data = Dataset.FromRows samples
    // The core names its own parameters (the CLI maps them to its option spellings).
    throwsNamed "epochs 0" "Epochs" (run (TrainingSettings(0)) null data)
    throwsNamed "batch size 0" "BatchSize" (run (TrainingSettings(1, BatchSize = 0)) null data)
    for bad in [ 0.0; -1.0; nan ] do
        throwsNamed (sprintf "divergence limit %g" bad) "DivergenceLimit" (run (TrainingSettings(1, DivergenceLimit = bad)) null data)
    throwsNamed "record every 0" "RecordEvery" (run (TrainingSettings(1, RecordEvery = 0)) null data)
    throwsArgumentNamed "averaged with sampled order" "settings" (run (TrainingSettings(1, Order = PresentationOrder.Sampled, Mode = TrainingMode.Averaged)) (rng 1UL) data)
    throwsArgumentNamed "shuffled without generator" "random" (run (TrainingSettings(1, Order = PresentationOrder.Shuffled)) null data)
    throwsArgumentNamed "sampled without generator" "random" (run (TrainingSettings(1, Order = PresentationOrder.Sampled)) null data)
    throwsArgumentNamed "3-d data for 2 inputs" "data" (run (TrainingSettings(1)) null (Dataset.FromRows [| [| 1.0; 2.0; 3.0 |] |]))
    // The edges are accepted.
    run (TrainingSettings(1, BatchSize = 1, RecordEvery = 1, DivergenceLimit = 1e6)) null data ()
    run (TrainingSettings(1, Order = PresentationOrder.Shuffled, Mode = TrainingMode.Averaged)) (rng 1UL) data ()

// ---------------------------------------------------------------------------------------------------------
// Continuous time: τ dw/dt = E_x[η (w·x) x]; for 1-d data with E[x²] = a this is dw/dt = (η a/τ) w.

let private continuous (integrator: ContinuousIntegrator) (tau: float) (dt: float) (duration: float) (limit: float) =
    let w = DenseWeightMatrix.FromRows [| [| 0.75 |] |]
    // E[x²] = (1 + 4)/2 = 2.5.
    let data = Dataset.FromRows [| [| 1.0 |]; [| -2.0 |] |]
    let result = ContinuousTimeTrainer.Run(w, LinearTransfer.Instance, data, LocalLayerRule(HebbRule(0.5), "hebb"), tau, dt, duration, integrator, limit)
    w[0, 0], result

[<Fact>]
let ``continuous-time Euler and RK4 multiply a linear mode by (1 + z) and R(z) per step`` () =
    let tau, dt, duration = 2.0, 0.25, 3.0
    let z = 0.5 * 2.5 * dt / tau
    let s = 12
    let r = 1.0 + z + z * z / 2.0 + z * z * z / 6.0 + z * z * z * z / 24.0
    for integrator, factor in [ ContinuousIntegrator.Euler, 1.0 + z; ContinuousIntegrator.RungeKutta4, r ] do
        let w, result = continuous integrator tau dt duration 1e6
        let oracle = 0.75 * Math.Pow(factor, float s)
        // s steps of ~ 20 operations each, relative error ≤ 32·s·u.
        within (sprintf "%A w(T)" integrator) "w0·factor^s" oracle w (32.0 * float s * unitRoundoff * oracle) "32·s·u relative"
        require (result.Steps = int64 s && not result.Diverged) (sprintf "%A: %A, expected %d steps" integrator result s)
    // RK4 differs from Euler by the z², z³, z⁴ terms (≫ rounding here), so the integrators are not interchangeable.
    let euler, _ = continuous ContinuousIntegrator.Euler tau dt duration 1e6
    let rk4, _ = continuous ContinuousIntegrator.RungeKutta4 tau dt duration 1e6
    require (abs (rk4 - euler) > 1e-3) (sprintf "Euler %g and RK4 %g should differ" euler rk4)
    // Divergence: the first step s with 0.75·R(z)^s > L.
    let limit = 0.75 * Math.Pow(r, 5.5)
    let _, result = continuous ContinuousIntegrator.RungeKutta4 tau dt duration limit
    require (result.DivergedAtStep = Nullable 6L && result.Steps = 6L) (sprintf "divergence %A, expected at step 6" result)
    assertRel "norm at divergence" (0.75 * Math.Pow(r, 6.0)) result.DivergenceNorm.Value 1e-13

[<Fact>]
let ``continuous-time trainer refuses stateful rules and invalid times, naming them`` () =
    let w () = DenseWeightMatrix.FromRows [| [| 0.75 |] |]
    let data = Dataset.FromRows [| [| 1.0 |] |]
    let run (rule: IPlasticityRule) tau dt duration () =
        ContinuousTimeTrainer.Run(w (), LinearTransfer.Instance, data, rule, tau, dt, duration) |> ignore
    let local = LocalLayerRule(HebbRule(0.5), "hebb")
    for bad in [ 0.0; -1.0; nan; infinity ] do
        throwsNamed (sprintf "tau %g" bad) "tau" (run local bad 0.5 1.0)
        throwsNamed (sprintf "duration %g" bad) "duration" (run local 1.0 0.5 bad)
    for bad in [ 0.0; -0.5; 1.5; nan ] do
        throwsNamed (sprintf "dt %g for duration 1" bad) "dt" (run local 1.0 bad 1.0)
    throwsNamed "duration/dt = 3.33" "dt" (run local 1.0 0.3 1.0)
    for bad in [ 0.0; -1.0; nan ] do
        throwsNamed (sprintf "divergence limit %g" bad) "divergenceLimit" (fun () ->
            ContinuousTimeTrainer.Run(w (), LinearTransfer.Instance, data, local, 1.0, 0.5, 1.0, divergenceLimit = bad) |> ignore)
    run local 1.0 1.0 1.0 () // dt = duration is allowed
    run local 1.0 (1.0 / 3.0) 1.0 () // 1/(1/3) is 3 to rounding: allowed
    throwsArgumentNamed "stateful BCM" "rule" (run (BcmRule(0.1, 0.5, 0.0)) 1.0 0.5 1.0)
    throwsArgumentNamed "2-d data for 1 input" "data" (fun () ->
        ContinuousTimeTrainer.Run(w (), LinearTransfer.Instance, Dataset.FromRows [| [| 1.0; 2.0 |] |], local, 1.0, 0.5, 1.0) |> ignore)
