/// The trainer's in-place GHA step (issue 11 target 4) against its simple references, bit for bit: the fused pass
/// DeflationKernels.DeflateApplyAndSquare / DeflateApplySquareAndDot (candidate written over the row, old row kept or
/// not, Σ c² and the next step's drive Σ c·x in TensorPrimitives' order) against the element-wise loop,
/// DeflateAndScale + w + Δ, TensorPrimitives.SumOfSquares and TensorPrimitives.Dot; the divergence bound
/// GhaCandidateNormBound against the rows actually written (the trainer keeps no copy of W when the bound is within
/// the limit, so the bound must never be below a candidate norm); and whole online GHA runs on the dense store (in-place
/// rows, the bound, the fused next drive) against the same runs through a delegating store, which the trainer can only
/// use through its general path — same weights, same observer snapshots, same step count, same divergence step and
/// norm, in every presentation order, with limits from "never" to "at once" and with an infinite limit (where only a
/// non-finite rate or weight stops the run).
/// Which wrong kernel would pass? None that changes one rounding, skips or doubles a block, keeps the wrong old row,
/// sums the drive in another order, or reports divergence at another step; a bound that is too small fails the bound
/// property (its rows are drawn over many magnitudes, with rates aligned to the rows so the triangle inequality is
/// nearly tight).
module Plasticity.Properties.GhaInPlaceTests

open System
open System.Numerics.Tensors
open FsCheck.Xunit
open Xunit
open Plasticity.Core.Data
open Plasticity.Core.Neurons
open Plasticity.Core.Numerics
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.MultiOutput
open Plasticity.Core.Plasticity.Training
open Plasticity.Core.Synapses
open Plasticity.Properties.Support
open Plasticity.Properties.TestStores

[<Property(MaxTest = 60)>]
let ``The in-place GHA pass equals DeflateAndScale then w + Δ, SumOfSquares and Dot bit for bit`` (seed: uint64) =
    let random = rng seed
    if CandidateNormKernels.IsFusedExact then
        let draw = if random.Next 4 = 0 then wildValue else spreadValue
        for n in [ random.Next(4, 40); random.Next(40, 1001); 784 ] do
            let row, residual, next = Array.init n (fun _ -> draw random), Array.init n (fun _ -> draw random), Array.init n (fun _ -> spreadValue random)
            let y, scale = spreadValue random, spreadValue random
            // The simple reference: the change as the rule writes it, then the store's element-wise w + Δ.
            let r0, d0 = Array.copy residual, Array.zeroCreate n
            DeflationKernels.DeflateAndScaleReference(ReadOnlySpan row, y, Span r0, scale, Span d0)
            let candidate = Array.init n (fun j -> row[j] + d0[j])
            let refRow, refResidual, refPrevious = Array.copy row, Array.copy residual, Array.zeroCreate n
            let refSquares = DeflationKernels.DeflateApplyAndSquareReference(Span refRow, y, Span refResidual, scale, Span refPrevious)
            for j in 0 .. n - 1 do
                sameBits (sprintf "n=%d reference row[%d]" n j) candidate[j] refRow[j]
                sameBits (sprintf "n=%d reference residual[%d]" n j) r0[j] refResidual[j]
                sameBits (sprintf "n=%d reference previous[%d]" n j) row[j] refPrevious[j]
            sameBits (sprintf "n=%d reference squares" n) (TensorPrimitives.SumOfSquares(ReadOnlySpan candidate)) refSquares
            // Fast, keeping the old row.
            let kept, keptResidual, previous = Array.copy row, Array.copy residual, Array.zeroCreate n
            let keptSquares = DeflationKernels.DeflateApplyAndSquare(Span kept, y, Span keptResidual, scale, Span previous)
            for j in 0 .. n - 1 do
                sameBits (sprintf "n=%d kept row[%d]" n j) candidate[j] kept[j]
                sameBits (sprintf "n=%d kept residual[%d]" n j) r0[j] keptResidual[j]
                sameBits (sprintf "n=%d previous[%d]" n j) row[j] previous[j]
            sameBits (sprintf "n=%d kept squares" n) refSquares keptSquares
            // Fast, overwriting only, with the next drive.
            if n >= CandidateNormKernels.FusedMinimumLength then
                let over, overResidual = Array.copy row, Array.copy residual
                let squares, dot = DeflationKernels.DeflateApplySquareAndDot(Span over, y, Span overResidual, scale, Span<float>.Empty, ReadOnlySpan next)
                for j in 0 .. n - 1 do
                    sameBits (sprintf "n=%d overwritten row[%d]" n j) candidate[j] over[j]
                    sameBits (sprintf "n=%d overwritten residual[%d]" n j) r0[j] overResidual[j]
                sameBits (sprintf "n=%d overwritten squares" n) refSquares squares
                sameBits (sprintf "n=%d next drive" n) (TensorPrimitives.Dot(ReadOnlySpan candidate, ReadOnlySpan next)) dot
                let kept2, kept2Residual, previous2 = Array.copy row, Array.copy residual, Array.zeroCreate n
                let squares2, dot2 = DeflationKernels.DeflateApplySquareAndDot(Span kept2, y, Span kept2Residual, scale, Span previous2, ReadOnlySpan next)
                for j in 0 .. n - 1 do
                    sameBits (sprintf "n=%d kept+dot row[%d]" n j) candidate[j] kept2[j]
                    sameBits (sprintf "n=%d kept+dot previous[%d]" n j) row[j] previous2[j]
                sameBits (sprintf "n=%d kept+dot squares" n) refSquares squares2
                sameBits (sprintf "n=%d kept+dot drive" n) dot dot2

[<Property(MaxTest = 200)>]
let ``GHA's candidate norm bound is never below a candidate row norm, and every written value is finite under it`` (seed: uint64) =
    let random = rng seed
    if CandidateNormKernels.IsFusedExact then
        let m = random.Next(1, 20)
        let n = if random.Next 3 = 0 then 784 else random.Next(4, 200)
        // Magnitudes from near underflow to near overflow; rows, input and rates of one magnitude each.
        let magnitude () = Math.Pow(10.0, float (random.Next(-160, 150)))
        let rowScale, xScale = magnitude (), magnitude ()
        let rows = Array.init (m * n) (fun _ -> rowScale * (random.NextDouble() - 0.5))
        let x = Array.init n (fun _ -> xScale * (random.NextDouble() - 0.5))
        // Rates either arbitrary or the true drive (aligned with the rows, where the bound is tighter), sometimes 0.
        let post =
            Array.init m (fun i ->
                match random.Next 4 with
                | 0 -> 0.0
                | 1 -> magnitude () * (random.NextDouble() - 0.5)
                | _ -> TensorPrimitives.Dot(ReadOnlySpan(rows, i * n, n), ReadOnlySpan x))
        let eta = Math.Pow(10.0, float (random.Next(-6, 3)) + random.NextDouble())
        let norms = Array.init m (fun i -> SafeNorm.Of(ReadOnlySpan(rows, i * n, n)))
        let bound = DeflationKernels.GhaCandidateNormBound(eta, ReadOnlySpan x, ReadOnlySpan post, ReadOnlySpan norms)
        if Double.IsFinite bound then
            let residual = Array.copy x
            for i in 0 .. m - 1 do
                DeflationKernels.DeflateApplyAndSquare(Span(rows, i * n, n), post[i], Span residual, eta * post[i], Span<float>.Empty) |> ignore
                let candidate = ReadOnlySpan(rows, i * n, n)
                let norm = SafeNorm.Of candidate
                require (Double.IsFinite(TensorPrimitives.MaxMagnitude candidate)) (sprintf "m=%d n=%d row %d: a written value is not finite under bound %g" m n i bound)
                require (norm <= bound) (sprintf "m=%d n=%d eta=%g row %d: candidate norm %.17g above the bound %.17g" m n eta i norm bound)
            require (Double.IsFinite(TensorPrimitives.MaxMagnitude(ReadOnlySpan residual))) (sprintf "m=%d n=%d: the residual overflowed under bound %g" m n bound)

/// An online GHA run from the same weights on the dense store and through the delegating store, with the observer's
/// snapshots of both.
let private bothRuns (random: Random) =
    let m = random.Next(1, 18)
    let d = match random.Next 3 with 0 -> 784 | 1 -> random.Next(1, 12) | _ -> random.Next(12, 80)
    let count = random.Next(2, 30)
    let samples = Array.init (count * d) (fun _ -> spreadValue random)
    let data = Dataset(count, d, samples)
    // From stable to fast blow-up (η·‖x‖² far above 2).
    let eta = Math.Pow(10.0, -4.0 + 4.0 * random.NextDouble())
    let order = [| PresentationOrder.Cyclic; PresentationOrder.Shuffled; PresentationOrder.Sampled |].[random.Next 3]
    let limit = [| 1e6; 20.0; 3.0; 1.5; infinity |].[random.Next 5]
    let recordEvery = random.Next(1, 7)
    let withObserver = random.Next 2 = 0
    let settings = TrainingSettings(random.Next(1, 4), order, TrainingMode.Online, 1, limit, recordEvery)
    let start = Array.init (m * d) (fun _ -> spreadValue random * 0.1)
    let orderSeed = uint64 (random.NextInt64())
    let run (store: IWeightMatrix) =
        let snapshots = ResizeArray<int64 * float[]>()
        let result =
            if withObserver then
                let observer = TrainingObserver(fun step w -> snapshots.Add((step, Array.init (m * d) (fun k -> w.[k / d, k % d]))))
                Trainer.Run(store, LinearTransfer.Instance, data, SangerRule(eta), settings, rng orderSeed, observer)
            else
                Trainer.Run(store, LinearTransfer.Instance, data, SangerRule(eta), settings, rng orderSeed)
        result, snapshots
    let fastStore = DenseWeightMatrix(m, d)
    start.CopyTo(fastStore.Data)
    let referenceStore = DenseWeightMatrix(m, d)
    start.CopyTo(referenceStore.Data)
    let fast = run fastStore
    let reference = run (RecordingWeightMatrix(referenceStore))
    (fastStore, fast), (referenceStore, reference), sprintf "m=%d d=%d eta=%g %A limit=%g every=%d observer=%b" m d eta order limit recordEvery withObserver

let private agree (((fastStore: DenseWeightMatrix), (fast: TrainingResult, fastSnapshots: ResizeArray<int64 * float[]>)), ((referenceStore: DenseWeightMatrix), (reference: TrainingResult, referenceSnapshots: ResizeArray<int64 * float[]>)), what) =
    require (fast.Steps = reference.Steps) (sprintf "%s: steps %d vs %d" what reference.Steps fast.Steps)
    require (fast.DivergedAtStep = reference.DivergedAtStep) (sprintf "%s: diverged at %A vs %A" what reference.DivergedAtStep fast.DivergedAtStep)
    require (fast.DivergenceNorm.HasValue = reference.DivergenceNorm.HasValue) (sprintf "%s: divergence norm %A vs %A" what reference.DivergenceNorm fast.DivergenceNorm)
    if reference.DivergenceNorm.HasValue then
        sameBits (what + " divergence norm") reference.DivergenceNorm.Value fast.DivergenceNorm.Value
    let a, b = referenceStore.Data.ToArray(), fastStore.Data.ToArray()
    require (Array.forall Double.IsFinite b) (sprintf "%s: a stored weight is not finite" what)
    for k in 0 .. a.Length - 1 do
        sameBits (sprintf "%s w[%d]" what k) a[k] b[k]
    require (fastSnapshots.Count = referenceSnapshots.Count) (sprintf "%s: %d vs %d observer calls" what referenceSnapshots.Count fastSnapshots.Count)
    for (s1, w1), (s2, w2) in Seq.zip referenceSnapshots fastSnapshots do
        require (s1 = s2) (sprintf "%s: observer step %d vs %d" what s1 s2)
        for k in 0 .. w1.Length - 1 do
            sameBits (sprintf "%s snapshot %d w[%d]" what s1 k) w1[k] w2[k]

[<Property(MaxTest = 60)>]
let ``Online GHA on the dense store (in place, bound, fused drive) equals the general store path bit for bit, divergence included`` (seed: uint64) =
    agree (bothRuns (rng seed))

[<Fact>]
let ``GHA divergence at d = 784 is reported at the same step, with the same norm, by the in-place path, with an ordinary or a near-overflow limit`` () =
    // 16 outputs, 784 inputs, unit-variance data (‖x‖² ≈ 784): η = 0.02 is far beyond the stable range, so the rows grow
    // geometrically; the run stops at the first step a candidate norm passes the limit (1e6, or 1e300 where the sums of
    // squares overflow and the norms come from SafeNorm's rescaled path). Early steps run under the bound (no copy of W
    // kept), so the step that diverges is one the bound no longer covers, undone from the kept copy.
    for limit in [ 1e6; 1e300 ] do
        let random = rng 20261201UL
        let m, d, count = 16, 784, 200
        let data = Dataset(count, d, Array.init (count * d) (fun _ -> random.NextDouble() * 3.4 - 1.7))
        let start = Array.init (m * d) (fun _ -> (random.NextDouble() - 0.5) * 0.07)
        let settings = TrainingSettings(50, PresentationOrder.Cyclic, TrainingMode.Online, 1, limit, Int32.MaxValue)
        let fastStore = DenseWeightMatrix(m, d)
        start.CopyTo(fastStore.Data)
        let referenceStore = DenseWeightMatrix(m, d)
        start.CopyTo(referenceStore.Data)
        let fast = Trainer.Run(fastStore, LinearTransfer.Instance, data, SangerRule(0.02), settings)
        let reference = Trainer.Run(RecordingWeightMatrix(referenceStore), LinearTransfer.Instance, data, SangerRule(0.02), settings)
        require fast.Diverged (sprintf "limit %g: the run should diverge" limit)
        require (fast.DivergedAtStep.Value > 2L) (sprintf "limit %g: diverged at step %d, too early to exercise the bound" limit fast.DivergedAtStep.Value)
        agree ((fastStore, (fast, ResizeArray())), (referenceStore, (reference, ResizeArray())), sprintf "limit %g" limit)
        require (not (fast.DivergenceNorm.Value <= limit)) (sprintf "divergence norm %g not above the limit %g" fast.DivergenceNorm.Value limit)
        require (Array.forall Double.IsFinite (fastStore.Data.ToArray())) (sprintf "limit %g: a stored weight is not finite" limit)
