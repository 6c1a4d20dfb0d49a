/// The trainer's dense fast path (issue 11 target 4) against its simple reference, bit for bit: the four-row drive
/// kernel RowDots against TensorPrimitives.Dot per row (what DenseWeightMatrix.Multiply computes), the one-pass
/// candidate norm CandidateNormKernels against copy + add + SafeNorm.Of, and whole Trainer.Run calls on the dense
/// store (fast path: rows read in place, fused norm, no post-apply check) against the same run through a delegating
/// store (TestStores.RecordingWeightMatrix, which the trainer can only use through the general path: CopyRow, the
/// reference norm and the post-apply check) — same weights, same step count, same divergence step and norm.
/// Which wrong kernel would pass? None that changes one rounding, the order of the summation, a skipped or doubled
/// block, or the step at which divergence is reported: values span many magnitudes (down to 1e-160 and up to 1e300,
/// with NaN and ∞) and lengths 0–1000 cover every head/tail split of the summation order.
module Plasticity.Properties.TrainerFastPathTests

open System
open System.Numerics.Tensors
open FsCheck.Xunit
open Plasticity.Core.Data
open Plasticity.Core.Neurons
open Plasticity.Core.Numerics
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.MultiOutput
open Plasticity.Core.Plasticity.Training
open Plasticity.Core.Plasticity.TwoFactor
open Plasticity.Core.Synapses
open Plasticity.Properties.Support
open Plasticity.Properties.TestStores

let private lengths (random: Random) = [ random.Next(0, 40); random.Next(40, 1001); 784 ]

[<Property(MaxTest = 60)>]
let ``RowDots.Multiply equals TensorPrimitives.Dot per row and the dense Multiply bit for bit`` (seed: uint64) =
    let random = rng seed
    for n in lengths random do
        let rows = random.Next(1, 10)
        let w = Array.init (rows * n) (fun _ -> spreadValue random)
        let x = Array.init n (fun _ -> spreadValue random)
        let fast, reference = Array.zeroCreate rows, Array.zeroCreate rows
        RowDots.Multiply(ReadOnlySpan w, rows, ReadOnlySpan x, Span fast)
        RowDots.MultiplyReference(ReadOnlySpan w, rows, ReadOnlySpan x, Span reference)
        for i in 0 .. rows - 1 do
            sameBits (sprintf "n=%d rows=%d u[%d] vs Dot" n rows i) (TensorPrimitives.Dot(ReadOnlySpan(w, i * n, n), ReadOnlySpan x)) reference[i]
            sameBits (sprintf "n=%d rows=%d u[%d]" n rows i) reference[i] fast[i]
        if n > 0 then
            let dense = DenseWeightMatrix.FromRows [| for i in 0 .. rows - 1 -> Array.sub w (i * n) n |]
            let drive = Array.zeroCreate rows
            dense.Multiply(ReadOnlySpan x, Span drive)
            for i in 0 .. rows - 1 do
                sameBits (sprintf "n=%d rows=%d dense Multiply u[%d]" n rows i) drive[i] fast[i]

[<Property(MaxTest = 60)>]
let ``The one-pass candidate norm equals copy + add + SafeNorm bit for bit, and the largest over rows too`` (seed: uint64) =
    let random = rng seed
    // Mostly ordinary values (the norm is the plain sum, so its order shows), sometimes scaled to the rescaling or
    // overflow range or sprinkled with NaN and ∞ (the cases handed back to SafeNorm).
    let scale = [| 1.0; 1.0; 1.0; 1e-158; 1e-150; 1e150; 1e200 |].[random.Next 7]
    let draw = if random.Next 4 = 0 then wildValue else spreadValue
    for n in lengths random do
        let rows = random.Next(1, 10)
        let w = Array.init (rows * n) (fun _ -> scale * draw random)
        let delta = Array.init (rows * n) (fun _ -> scale * draw random)
        let scratch = Array.zeroCreate n
        let mutable largest = 0.0
        let mutable firstNaN = None
        for i in 0 .. rows - 1 do
            let candidate = Array.init n (fun j -> w[i * n + j] + delta[i * n + j])
            let expected = SafeNorm.Of(ReadOnlySpan candidate)
            sameBits (sprintf "n=%d row %d reference" n i) expected (CandidateNormKernels.Reference(ReadOnlySpan(w, i * n, n), ReadOnlySpan(delta, i * n, n), Span(Array.zeroCreate n)))
            sameBits (sprintf "n=%d row %d fused" n i) expected (CandidateNormKernels.Fused(ReadOnlySpan(w, i * n, n), ReadOnlySpan(delta, i * n, n), Span scratch))
            if firstNaN.IsNone then
                if Double.IsNaN expected then firstNaN <- Some expected else largest <- Math.Max(largest, expected)
        let expected = defaultArg firstNaN largest
        sameBits (sprintf "n=%d rows=%d largest" n rows) expected (CandidateNormKernels.LargestFused(ReadOnlySpan w, ReadOnlySpan delta, rows, Span scratch))

/// One online (or mini-batch) run from the same weights on the dense store and through the delegating store.
let private bothRuns (random: Random) (bounded: bool) =
    let m = random.Next(1, 10)
    let d = if random.Next 3 = 0 then 784 else random.Next(1, 60)
    let count = random.Next(5, 40)
    let samples = Array.init (count * d) (fun _ -> spreadValue random)
    let data = Dataset(count, d, samples)
    let eta = Math.Pow(10.0, -4.0 + 3.0 * random.NextDouble())
    let rule: IPlasticityRule =
        match random.Next 3 with
        | 0 -> SangerRule(eta)
        | 1 -> SangerRule(eta, true)
        | _ -> LocalLayerRule(OjaRule(eta), "oja")
    let mode = if random.Next 3 = 0 then TrainingMode.MiniBatch else TrainingMode.Online
    // Limits from "never" down to "diverges early", so the reported step and norm are exercised.
    let limit = [| 1e6; 20.0; 3.0; 1.5 |].[random.Next 4]
    let settings = TrainingSettings(random.Next(1, 4), PresentationOrder.Shuffled, mode, random.Next(1, 5), limit)
    let bounds = if bounded then WeightBounds(-0.3, 0.3) else WeightBounds.None
    let start = Array.init (m * d) (fun _ -> spreadValue random * 0.1)
    let make () =
        let w = DenseWeightMatrix(m, d, bounds)
        start.CopyTo(w.Data)
        w
    let orderSeed = uint64 (random.NextInt64())
    let fastStore = make ()
    let fast = Trainer.Run(fastStore, LinearTransfer.Instance, data, rule, settings, rng orderSeed)
    let referenceStore = make ()
    let reference = Trainer.Run(RecordingWeightMatrix(referenceStore), LinearTransfer.Instance, data, rule, settings, rng orderSeed)
    (fastStore, fast), (referenceStore, reference), sprintf "%s m=%d d=%d eta=%g %A limit=%g bounded=%b" rule.Name m d eta mode limit bounded

[<Property(MaxTest = 40)>]
let ``Trainer.Run on the dense store equals the general store path bit for bit, divergence included`` (seed: uint64) =
    let random = rng seed
    for bounded in [ false; true ] do
        let (fastStore, fast), (referenceStore, reference), what = bothRuns random bounded
        require (fast.Steps = reference.Steps) (sprintf "%s: steps %d vs %d" what reference.Steps fast.Steps)
        require (fast.DivergedAtStep = reference.DivergedAtStep) (sprintf "%s: diverged at %A vs %A" what reference.DivergedAtStep fast.DivergedAtStep)
        require (fast.DivergenceNorm.HasValue = reference.DivergenceNorm.HasValue) (sprintf "%s: divergence norm %A vs %A" what reference.DivergenceNorm fast.DivergenceNorm)
        if reference.DivergenceNorm.HasValue then
            sameBits (what + " divergence norm") reference.DivergenceNorm.Value fast.DivergenceNorm.Value
        let a, b = referenceStore.Data.ToArray(), fastStore.Data.ToArray()
        for k in 0 .. a.Length - 1 do
            sameBits (sprintf "%s w[%d]" what k) a[k] b[k]

[<Property(MaxTest = 60)>]
let ``GHA's deflation with candidate squares equals DeflateAndScale and TensorPrimitives.Norm bit for bit`` (seed: uint64) =
    let random = rng seed
    if CandidateNormKernels.IsFusedExact then
        for n in [ random.Next(4, 40); random.Next(40, 1001); 784 ] do
            let row, residual, y, scale = Array.init n (fun _ -> spreadValue random), Array.init n (fun _ -> spreadValue random), spreadValue random, spreadValue random
            let r1, r2 = Array.copy residual, Array.copy residual
            let d1, d2 = Array.zeroCreate n, Array.zeroCreate n
            DeflationKernels.DeflateAndScaleReference(ReadOnlySpan row, y, Span r1, scale, Span d1)
            let squares = DeflationKernels.DeflateScaleAndSquare(ReadOnlySpan row, y, Span r2, scale, Span d2)
            for j in 0 .. n - 1 do
                sameBits (sprintf "n=%d residual[%d]" n j) r1[j] r2[j]
                sameBits (sprintf "n=%d delta[%d]" n j) d1[j] d2[j]
            let candidate = Array.init n (fun j -> row[j] + d1[j])
            sameBits (sprintf "n=%d candidate norm" n) (TensorPrimitives.Norm(ReadOnlySpan candidate)) (Math.Sqrt squares)
