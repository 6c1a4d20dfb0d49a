/// The rate side of the one plasticity contract (issue 9 §1–§3): every rate and multi-output rule the CLI knows
/// runs unchanged inside the three-factor wrapper, every trainer runs on any weight store, and the trainers honour
/// the shared step loop's cancellation and progress convention.
///
/// Oracles: (a) the unwrapped rule's own run (EligibilityTrace with τ_e = 0, η = 1, M ≡ 1 must reproduce it bit for
/// bit: compared with BitConverter.DoubleToInt64Bits), a hand-typed recurrence e_k = a·e_{k−1} + Δ_k,
/// ΔW = η M_k e_k for plain Hebb, and the initial weights for M ≡ 0; (b) the dense run (a recording store must give
/// it bit for bit), the number of committed steps (one full write per step), the grid (every stored weight a
/// multiple of the step) and ±e₁ of the data's correlation matrix with a tolerance derived from the grid step;
/// (c) the observer's snapshot at the cancelling step and the documented report schedule.
///
/// False alarms: every check is exact or a derived rounding/quantisation bound; nothing is statistical.
/// Family-wise false-alarm probability of one CI run: 0.
module Plasticity.Properties.RateEligibilityTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Plasticity.Cli.Learning
open Plasticity.Core.Data
open Plasticity.Core.Neurons
open Plasticity.Core.Numerics.Stepping
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.ThreeFactor
open Plasticity.Core.Plasticity.Training
open Plasticity.Core.Plasticity.TwoFactor
open Plasticity.Core.Synapses
open Plasticity.Experiments.Rules
open Plasticity.Properties.Support
open Plasticity.Properties.TestStores

/// A small training problem: outputs m, inputs d, samples n, epochs, mini-batch size and a seed.
type RateCase =
    { Outputs: int; Inputs: int; Samples: int; Epochs: int; Batch: int; Seed: uint64 }
    override this.ToString() =
        sprintf "m=%d d=%d n=%d epochs=%d batch=%d seed=%d" this.Outputs this.Inputs this.Samples this.Epochs this.Batch this.Seed

type RateCaseGenerators =
    static member RateCase() : Arbitrary<RateCase> =
        gen {
            let! m = Gen.choose (1, 3)
            let! d = Gen.choose (1, 4)
            let! n = Gen.choose (2, 8)
            let! epochs = Gen.choose (1, 3)
            let! batch = Gen.choose (2, 3)
            let! seed = Gen.choose (0, Int32.MaxValue)
            return { Outputs = m; Inputs = d; Samples = n; Epochs = epochs; Batch = batch; Seed = uint64 seed }
        }
        |> Arb.fromGen

/// Parameters every catalogue rule can be built from (small rates, so most runs stay far from divergence; a run that
/// diverges must diverge identically).
let private parameters =
    RuleParameters(0.05, 1.0, 0.3, 0.2, 0.5, 0.01, [| 0.01; 0.1; 0.1; 1.0; -0.05; -0.05 |], [| 0.0; 0.0; 0.0; 0.0; 0.0; -0.1 |])

/// The rule names the wrapper property must cover at least (the catalogue may grow; every entry is run).
let private required =
    [ "hebb"; "hebb-decay"; "taylor"; "pre-gated"; "post-gated"; "covariance"; "covariance-running"; "oja"; "bcm"
      "bcm-mean"; "scaling"; "instar"; "outstar"; "gha"; "subspace"; "competitive" ]

let private dataOf (c: RateCase) =
    let random = rng (c.Seed + 3UL)
    Dataset.FromRows(Array.init c.Samples (fun _ -> Array.init c.Inputs (fun _ -> 0.2 + random.NextDouble() * 2.0 - 1.0)))

let private weightsOf (c: RateCase) = DenseWeightMatrix.RandomGaussian(c.Outputs, c.Inputs, 0.5, rng (c.Seed + 5UL))

let private bits (w: DenseWeightMatrix) = w.Data.ToArray() |> Array.map BitConverter.DoubleToInt64Bits

let private sameBits (what: string) (expected: DenseWeightMatrix) (measured: DenseWeightMatrix) =
    let e, m = bits expected, bits measured
    match Array.tryFindIndex id (Array.map2 (<>) e m) with
    | Some q -> failwithf "%s: w[%d] = %.17g, reference %.17g (bits differ)" what q (measured.Data[q]) (expected.Data[q])
    | None -> ()

let private sameResult (what: string) (expected: TrainingResult) (measured: TrainingResult) =
    let norm (r: TrainingResult) = if r.DivergenceNorm.HasValue then BitConverter.DoubleToInt64Bits r.DivergenceNorm.Value else 0L
    require (expected.Steps = measured.Steps && expected.DivergedAtStep = measured.DivergedAtStep && norm expected = norm measured)
        (sprintf "%s: result %A, reference %A" what measured expected)

/// Trains a copy of w0 with the rule and returns the weights and the result.
let private trainCopy (w0: DenseWeightMatrix) (data: Dataset) (rule: IPlasticityRule) (settings: TrainingSettings) (seed: uint64) (modulator: IModulator | null) =
    let w = w0.Copy()
    let result = Trainer.Run(w, LinearTransfer.Instance, data, rule, settings, rng seed, modulator = modulator)
    w, result

let private modes (c: RateCase) =
    [ "online", TrainingSettings(c.Epochs, PresentationOrder.Shuffled, TrainingMode.Online)
      "mini-batch", TrainingSettings(c.Epochs, PresentationOrder.Shuffled, TrainingMode.MiniBatch, c.Batch)
      "averaged", TrainingSettings(c.Epochs, PresentationOrder.Shuffled, TrainingMode.Averaged) ]

/// A fresh instance of a catalogue rule with this file's parameters (the data mean for the mean-based rules).
let private ruleOf (entry: RuleEntry) (data: Dataset) = entry.Create.Invoke(parameters, data.Mean())

/// For every catalogue rule and training mode, `check what fresh settings reference`: `reference` is the plain run
/// (a fresh rule on a copy of w0, seed + 7, no modulator) and `fresh ()` makes another instance of the same rule.
let private forEveryRuleAndMode (c: RateCase) (data: Dataset) (w0: DenseWeightMatrix) check =
    for entry in RuleCatalog.Rules do
        for mode, settings in modes c do
            let reference = trainCopy w0 data (ruleOf entry data) settings (c.Seed + 7UL) null
            check (sprintf "%s %s" entry.Name mode) (fun () -> ruleOf entry data) settings reference

[<Fact>]
let ``the wrapper property covers every rule of the catalogue`` () =
    let names = RuleCatalog.Rules |> Seq.map (fun r -> r.Name) |> Set.ofSeq
    for name in required do
        require (names.Contains name) (sprintf "rule %s missing from the catalogue (the eligibility property would not cover it)" name)

[<Property(Arbitrary = [| typeof<RateCaseGenerators> |], MaxTest = 40)>]
let ``EligibilityTrace with τ_e = 0, η = 1 and M ≡ 1 reproduces every rate and multi-output rule bit for bit`` (c: RateCase) =
    let data = dataOf c
    let w0 = weightsOf c
    forEveryRuleAndMode c data w0 (fun what fresh settings (plain, plainResult) ->
        let wrapper = EligibilityTrace(fresh (), 0.0, 1.0)
        require (wrapper.HasState = (fresh ()).HasState) (sprintf "%s: τ_e = 0 must add no state" what)
        let wrapped, wrappedResult = trainCopy w0 data wrapper settings (c.Seed + 7UL) (ConstantModulator 1.0)
        sameBits what plain wrapped
        sameResult what plainResult wrappedResult)

[<Property(Arbitrary = [| typeof<RateCaseGenerators> |], MaxTest = 20)>]
let ``M ≡ 0 freezes the weights of every wrapped rule, whatever τ_e`` (c: RateCase) =
    let data = dataOf c
    let w0 = weightsOf c
    for entry in RuleCatalog.Rules do
        for tau in [ 0.0; 3.0 ] do
            for mode, settings in modes c do
                let wrapper = EligibilityTrace(ruleOf entry data, tau, 0.7)
                let w, result = trainCopy w0 data wrapper settings (c.Seed + 7UL) (ConstantModulator 0.0)
                let what = sprintf "%s τ_e=%g %s, M ≡ 0" entry.Name tau mode
                require (not result.Diverged) (sprintf "%s: diverged %A" what result)
                sameBits what w0 w

/// M_k = 0.5 + 0.25·(k mod 3), recording the (step, time) pairs the trainer asks for.
type private StepModulator() =
    let seen = ResizeArray<int64 * float>()
    member _.Seen = List.ofSeq seen
    static member Level(step: int64) = 0.5 + 0.25 * float (step % 3L)
    interface IModulator with
        member _.Value(step, time, _, _) =
            seen.Add((step, time))
            StepModulator.Level step

[<Fact>]
let ``EligibilityTrace with τ_e > 0 is the recurrence e_k = a e_k−1 + Δ_k, ΔW = η M_k e_k`` () =
    // Plain Hebb Δ_k = η_h (w·x) x on a 1 × 2 layer, online cyclic, 12 steps; a = e^{−dt/τ_e}, dt = 1 per step.
    // Oracle typed here. Rounding: both sides evaluate the same ≤ 12 roundings per step, but the trainer's dot product
    // is a SIMD kernel whose grouping may differ; a difference δ in w changes the next Δ by ≤ η_h‖x‖²δ and the trace
    // carries it with total weight ≤ 1/(1 − a), scaled by η·max M: per-step growth G = 1 + η_h·max‖x‖²·η·max M/(1 − a).
    // Tolerance 16u·steps·G^steps·(1 + max|w| + max|e|) (≈ 1e-12); a trace without decay, decay after the jump, or M
    // applied to the trace instead of the change all differ by ≥ 1e-3.
    let samples = [| [| 1.0; 0.5 |]; [| -0.5; 1.0 |]; [| 0.25; -1.0 |]; [| 1.0; 1.0 |] |]
    let etaH, eta, tau = 0.125, 0.8, 2.5
    let a = Math.Exp(-1.0 / tau)
    let epochs = 3
    let steps = epochs * samples.Length
    let mutable w = [| 0.5; -0.25 |]
    let mutable e = [| 0.0; 0.0 |]
    let mutable maxE = 0.0
    for k in 1 .. steps do
        let x = samples[(k - 1) % samples.Length]
        let y = w[0] * x[0] + w[1] * x[1]
        let delta = [| x[0] * (etaH * y); x[1] * (etaH * y) |]
        e <- [| e[0] * a + delta[0]; e[1] * a + delta[1] |]
        maxE <- max maxE (max (abs e[0]) (abs e[1]))
        let m = StepModulator.Level(int64 k)
        w <- [| w[0] + e[0] * (eta * m); w[1] + e[1] * (eta * m) |]
    let store = DenseWeightMatrix.FromRows [| [| 0.5; -0.25 |] |]
    let modulator = StepModulator()
    let rule = EligibilityTrace(LocalLayerRule(HebbRule(etaH), "hebb"), tau, eta)
    require rule.HasState "a trace with τ_e > 0 is state"
    let result = Trainer.Run(store, LinearTransfer.Instance, Dataset.FromRows samples, rule, TrainingSettings(epochs), modulator = modulator)
    require (result.Steps = int64 steps && not result.Diverged) (sprintf "result %A" result)
    let growth = 1.0 + etaH * 2.0 * eta * 1.0 / (1.0 - a)
    let bound = 16.0 * unitRoundoff * float steps * Math.Pow(growth, float steps) * (1.0 + Array.max (Array.map abs w) + maxE)
    for j in 0 .. 1 do
        within (sprintf "w[%d] after %d steps" j steps) "hand-typed e_k = a e_k−1 + Δ_k, w += η M_k e_k" w[j] store[0, j] bound "16u·steps·G^steps·(1 + max|w| + max|e|)"
    // The modulator is asked once per step, with the 1-based step and the time at its start (dt = 1).
    let expected = [ for k in 1L .. int64 steps -> k, float (k - 1L) ]
    require (modulator.Seen = expected) (sprintf "modulator calls %A, expected %A" modulator.Seen expected)

[<Fact>]
let ``the continuous-time trainer takes a stateless wrapper bit for bit and refuses a stateful one`` () =
    let data = Dataset.FromRows [| [| 1.0; 0.5 |]; [| -0.5; 1.0 |]; [| 0.25; -1.0 |] |]
    let inner = LocalLayerRule(OjaRule(0.5), "oja")
    for integrator in [ ContinuousIntegrator.Euler; ContinuousIntegrator.RungeKutta4 ] do
        let run (rule: IPlasticityRule) =
            let w = DenseWeightMatrix.FromRows [| [| 0.5; -0.25 |]; [| 0.125; 0.75 |] |]
            let result = ContinuousTimeTrainer.Run(w, LinearTransfer.Instance, data, rule, 2.0, 0.25, 3.0, integrator)
            w, result
        let plain, plainResult = run inner
        let wrapped, wrappedResult = run (EligibilityTrace(inner, 0.0, 1.0))
        sameBits (sprintf "%A wrapped Oja" integrator) plain wrapped
        sameResult (sprintf "%A wrapped Oja" integrator) plainResult wrappedResult
    throwsArgumentNamed "trace with τ_e = 1" "rule" (fun () ->
        ContinuousTimeTrainer.Run(DenseWeightMatrix(1, 2), LinearTransfer.Instance, data, EligibilityTrace(inner, 1.0), 1.0, 0.5, 1.0) |> ignore)

// ---------------------------------------------------------------------------------------------------------
// Any store runs in every trainer.

[<Property(Arbitrary = [| typeof<RateCaseGenerators> |], MaxTest = 20)>]
let ``the trainer on a recording store equals the dense run bit for bit, one full write per committed step`` (c: RateCase) =
    let data = dataOf c
    let w0 = weightsOf c
    forEveryRuleAndMode c data w0 (fun what fresh settings (dense, denseResult) ->
        let store = RecordingWeightMatrix(w0.Copy())
        let result = Trainer.Run(store, LinearTransfer.Instance, data, fresh (), settings, rng (c.Seed + 7UL))
        sameBits what dense store.Inner
        sameResult what denseResult result
        require (store.FullWrites = int result.UpdatesApplied && store.Writes = store.FullWrites)
            (sprintf "%s: %d full writes, %d writes in all; expected %d (one Apply per committed step)" what store.FullWrites store.Writes result.UpdatesApplied))

[<Fact>]
let ``a diverging run writes only its committed steps to the store`` () =
    // Plain Hebb with a small limit diverges; the rejected step must not reach the store.
    let data = Dataset.FromRows [| [| 1.0; 0.5 |]; [| -0.5; 1.0 |]; [| 1.0; 1.0 |] |]
    let w0 = DenseWeightMatrix.FromRows [| [| 0.5; -0.25 |] |]
    let rule = LocalLayerRule(HebbRule(0.25), "hebb")
    let settings = TrainingSettings(50, DivergenceLimit = 3.0)
    let dense, denseResult = trainCopy w0 data rule settings 1UL null
    require denseResult.Diverged (sprintf "the reference run should diverge: %A" denseResult)
    let store = RecordingWeightMatrix(w0.Copy())
    let result = Trainer.Run(store, LinearTransfer.Instance, data, rule, settings)
    sameBits "diverging Hebb" dense store.Inner
    sameResult "diverging Hebb" denseResult result
    require (store.Writes = int result.UpdatesApplied && result.UpdatesApplied = result.Steps - 1L)
        (sprintf "%d writes for %d updates applied of %d steps" store.Writes result.UpdatesApplied result.Steps)
    // The same for continuous time: Hebb grows like e^{ηλt/τ}; the limit stops it and the rejected step is not written.
    for integrator in [ ContinuousIntegrator.Euler; ContinuousIntegrator.RungeKutta4 ] do
        let dense = w0.Copy()
        let denseResult = ContinuousTimeTrainer.Run(dense, LinearTransfer.Instance, data, rule, 1.0, 0.5, 40.0, integrator, 3.0)
        require denseResult.Diverged (sprintf "%A: the continuous reference should diverge: %A" integrator denseResult)
        let store = RecordingWeightMatrix(w0.Copy())
        let result = ContinuousTimeTrainer.Run(store, LinearTransfer.Instance, data, rule, 1.0, 0.5, 40.0, integrator, 3.0)
        sameBits (sprintf "%A diverging Hebb" integrator) dense store.Inner
        sameResult (sprintf "%A diverging Hebb" integrator) denseResult result
        require (store.Writes = int result.UpdatesApplied) (sprintf "%A: %d writes for %d updates" integrator store.Writes result.UpdatesApplied)

[<Property(Arbitrary = [| typeof<RateCaseGenerators> |], MaxTest = 20)>]
let ``the continuous-time trainer on a recording store equals the dense run bit for bit, one full write per step`` (c: RateCase) =
    let data = dataOf c
    let w0 = weightsOf c
    for entry in RuleCatalog.Rules do
        let rule = ruleOf entry data
        if not rule.HasState then
            for integrator in [ ContinuousIntegrator.Euler; ContinuousIntegrator.RungeKutta4 ] do
                let what = sprintf "%s %A" entry.Name integrator
                let dense = w0.Copy()
                let denseResult = ContinuousTimeTrainer.Run(dense, LinearTransfer.Instance, data, rule, 2.0, 0.5, 4.0, integrator)
                let store = RecordingWeightMatrix(w0.Copy())
                let result = ContinuousTimeTrainer.Run(store, LinearTransfer.Instance, data, rule, 2.0, 0.5, 4.0, integrator)
                sameBits what dense store.Inner
                sameResult what denseResult result
                require (store.FullWrites = int result.UpdatesApplied && store.Writes = store.FullWrites)
                    (sprintf "%s: %d full writes, %d in all, for %d steps" what store.FullWrites store.Writes result.UpdatesApplied)

/// Data with correlation C = λ1 e₁e₁ᵀ + λ2 e₂e₂ᵀ exactly: ±√(2λ1) e₁ and ±√(2λ2) e₂ (four samples, mean 0).
let private e1, e2 = [| 0.6; 0.8 |], [| -0.8; 0.6 |]
let private lambda1, lambda2 = 1.0, 0.5
let private ojaData =
    let s1, s2 = sqrt (2.0 * lambda1), sqrt (2.0 * lambda2)
    Dataset.FromRows [| Array.map ((*) s1) e1; Array.map ((*) -s1) e1; Array.map ((*) s2) e2; Array.map ((*) -s2) e2 |]

/// Distance of w to the nearer of ±e₁.
let private distanceToE1 (w: DenseWeightMatrix) =
    let d sign = sqrt (Array.sum (Array.init 2 (fun j -> let v = w[0, j] - sign * e1[j] in v * v)))
    min (d 1.0) (d -1.0)

[<Fact>]
let ``on a quantising store every weight stays on the grid and Oja still converges to ±e1 within the grid's bound`` () =
    // Averaged Oja (α = 1): w ← Q(w + h F(w)), F(w) = C w − (wᵀC w) w, Q rounding each weight to the grid step q, h the
    // step's rate (η per averaged step; η·dt/τ in continuous time). Near e₁, F(e₁ + ε) = J ε + O(‖ε‖²) with J symmetric,
    // eigenvalues λ2 − λ1 (⊥ e₁) and −2λ1 (along e₁), so ‖I + hJ‖ = 1 − h g with g = min(λ1 − λ2, 2λ1). The rounding
    // adds r_t with ‖r_t‖ ≤ √d·q/2 per step, so the error settles within ‖r‖/(h g) = √d q/(2 h g); a factor 2 covers
    // the O(‖ε‖²) terms (3λ1‖ε‖² ≤ 1e-5 here, ≪ h g ‖ε‖) and the transient (1 − h g)^T ‖ε0‖ ≤ 1e-8 after T steps.
    let q = Math.Pow(2.0, -12.0)
    let g = min (lambda1 - lambda2) (2.0 * lambda1)
    let start = [| 0.25; -0.5 |] // on the grid; ‖start ∓ e₁‖ ≥ 0.8
    let quantised () =
        let store = QuantisingWeightMatrix(DenseWeightMatrix(1, 2), q)
        (store :> IWeightMatrix).SetRow(0, ReadOnlySpan start)
        store
    let check (what: string) (store: QuantisingWeightMatrix) (h: float) (result: TrainingResult) =
        require (not result.Diverged) (sprintf "%s: %A" what result)
        require (store.OnGrid()) (sprintf "%s: a weight left the grid: %A" what (store.Inner.ToRows()))
        let tolerance = 2.0 * sqrt 2.0 * q / (2.0 * h * g)
        within (sprintf "%s: ‖w ∓ e1‖" what) "0 (w → ±e1)" 0.0 (distanceToE1 store.Inner) tolerance "2·√d·q/(2 h g)"
    let eta = 0.1
    let steps = 500 // (1 − 0.05)^500 ≈ 7e-12
    let store = quantised ()
    let result = Trainer.Run(store, LinearTransfer.Instance, ojaData, LocalLayerRule(OjaRule(eta), "oja"), TrainingSettings(steps, Mode = TrainingMode.Averaged))
    check "averaged trainer" store eta result
    // Continuous time, Euler and RK4 with h = η·dt/τ = 0.1 (RK4's map differs from I + hJ by O(h²) terms that only
    // change the contraction factor by < 1 %, covered by the factor 2).
    for integrator in [ ContinuousIntegrator.Euler; ContinuousIntegrator.RungeKutta4 ] do
        let store = quantised ()
        let result = ContinuousTimeTrainer.Run(store, LinearTransfer.Instance, ojaData, LocalLayerRule(OjaRule(eta), "oja"), 1.0, 1.0, float steps, integrator)
        check (sprintf "continuous %A" integrator) store eta result
    // Online: every stored weight stays on the grid (the trajectory is a noisy one, so only the device guarantee is checked).
    let store = quantised ()
    let observer = TrainingObserver(fun step _ -> require (store.OnGrid()) (sprintf "online: off the grid after step %d" step))
    let result = Trainer.Run(store, LinearTransfer.Instance, ojaData, LocalLayerRule(OjaRule(eta), "oja"), TrainingSettings(50, PresentationOrder.Shuffled), rng 3UL, observer)
    require (not result.Diverged && result.Steps = 200L) (sprintf "online: %A" result)

// ---------------------------------------------------------------------------------------------------------
// RunControl: cancellation and progress.

/// A synchronous progress sink (Progress<T> would post to the thread pool).
type private Reports() =
    let reports = ResizeArray<StepProgress>()
    member _.All = List.ofSeq reports
    member val OnReport: StepProgress -> unit = ignore with get, set
    interface IProgress<StepProgress> with
        member this.Report(p) =
            reports.Add p
            this.OnReport p

let private samples = Dataset.FromRows [| [| 1.0; 0.5 |]; [| -0.5; 1.0 |]; [| 0.25; -1.0 |]; [| 1.0; 1.0 |] |]
let private oja = LocalLayerRule(OjaRule(0.1), "oja")

[<Fact>]
let ``cancelling from the observer at step k stops the trainer before step k + 1 with OperationCanceledException`` () =
    // Reference: the observer's snapshots of an uncancelled run (RecordEvery = 1).
    let w0 = DenseWeightMatrix.FromRows [| [| 0.5; -0.25 |] |]
    let snapshots = ResizeArray<DenseWeightMatrix>()
    let reference = w0.Copy()
    Trainer.Run(reference, LinearTransfer.Instance, samples, oja, TrainingSettings(5), observer = TrainingObserver(fun _ m -> snapshots.Add((m :?> DenseWeightMatrix).Copy()))) |> ignore
    for k in [ 1L; 7L; 19L ] do
        use source = new Threading.CancellationTokenSource()
        let w = w0.Copy()
        let seen = ResizeArray<int64>()
        let observer = TrainingObserver(fun step _ ->
            seen.Add step
            if step = k then source.Cancel())
        let outcome =
            try
                Trainer.Run(w, LinearTransfer.Instance, samples, oja, TrainingSettings(5), observer = observer, control = RunControl(source.Token)) |> ignore
                "no exception"
            with :? OperationCanceledException -> "cancelled"
        require (outcome = "cancelled") (sprintf "cancel at step %d: %s" k outcome)
        require (List.ofSeq seen = [ 0L .. k ]) (sprintf "cancel at step %d: observer saw %A" k (List.ofSeq seen))
        sameBits (sprintf "weights after cancelling at step %d" k) snapshots[int k] w
    // A token cancelled before the run: no step is taken.
    use source = new Threading.CancellationTokenSource()
    source.Cancel()
    let w = w0.Copy()
    let threw = try Trainer.Run(w, LinearTransfer.Instance, samples, oja, TrainingSettings(5), control = RunControl(source.Token)) |> ignore; false with :? OperationCanceledException -> true
    require threw "a cancelled token must stop the trainer"
    sameBits "weights after a cancelled start" w0 w

[<Fact>]
let ``progress reports arrive every ProgressEvery steps and after the last, in both trainers`` () =
    let w0 = DenseWeightMatrix.FromRows [| [| 0.5; -0.25 |] |]
    let steps (r: StepProgress list) = r |> List.map (fun p -> p.Step, p.TotalSteps, p.Time)
    // Online: 3 epochs × 4 samples = 12 steps, time in steps (dt = 1).
    let reports = Reports()
    Trainer.Run(w0.Copy(), LinearTransfer.Instance, samples, oja, TrainingSettings(3), control = RunControl(Progress = reports, ProgressEvery = 5L)) |> ignore
    let expected = [ 5L, 12L, 5.0; 10L, 12L, 10.0; 12L, 12L, 12.0 ]
    require (steps reports.All = expected) (sprintf "online reports %A, expected %A" (steps reports.All) expected)
    // Mini-batch of 3 over 4 samples: 2 steps per epoch, 4 epochs = 8 steps.
    let reports = Reports()
    Trainer.Run(w0.Copy(), LinearTransfer.Instance, samples, oja, TrainingSettings(4, Mode = TrainingMode.MiniBatch, BatchSize = 3), control = RunControl(Progress = reports, ProgressEvery = 3L)) |> ignore
    let expected = [ 3L, 8L, 3.0; 6L, 8L, 6.0; 8L, 8L, 8.0 ]
    require (steps reports.All = expected) (sprintf "mini-batch reports %A, expected %A" (steps reports.All) expected)
    // A diverging run reports the step that stopped it.
    let reports = Reports()
    let result = Trainer.Run(w0.Copy(), LinearTransfer.Instance, samples, LocalLayerRule(HebbRule(0.25), "hebb"), TrainingSettings(50, DivergenceLimit = 3.0), control = RunControl(Progress = reports, ProgressEvery = 1000L))
    require (result.Diverged && steps reports.All = [ result.Steps, 200L, float result.Steps ]) (sprintf "diverging run: %A, reports %A" result (steps reports.All))
    // Continuous time: 12 steps of dt = 0.25, time t = step·dt; cancelling from the 8th report stops it before step 9.
    let reports = Reports()
    ContinuousTimeTrainer.Run(w0.Copy(), LinearTransfer.Instance, samples, oja, 1.0, 0.25, 3.0, control = RunControl(Progress = reports, ProgressEvery = 4L)) |> ignore
    let expected = [ 4L, 12L, 1.0; 8L, 12L, 2.0; 12L, 12L, 3.0 ]
    require (steps reports.All = expected) (sprintf "continuous reports %A, expected %A" (steps reports.All) expected)
    use source = new Threading.CancellationTokenSource()
    let reports = Reports(OnReport = fun p -> if p.Step = 8L then source.Cancel())
    let w = w0.Copy()
    let threw =
        try ContinuousTimeTrainer.Run(w, LinearTransfer.Instance, samples, oja, 1.0, 0.25, 3.0, control = RunControl(source.Token, reports, 4L)) |> ignore; false
        with :? OperationCanceledException -> true
    require threw "cancelling the continuous-time run must raise OperationCanceledException"
    let eight = w0.Copy()
    ContinuousTimeTrainer.Run(eight, LinearTransfer.Instance, samples, oja, 1.0, 0.25, 2.0) |> ignore
    sameBits "continuous weights after cancelling at step 8" eight w
