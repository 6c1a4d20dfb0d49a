/// The sparse STDP fast path (ISparseRuleState → IWeightMatrix.AddAt) against its dense reference
/// (ComputeDelta → Apply): for every STDP rule over seeded spike trains the sparse ΔW scattered into a zero array is the
/// dense ΔW bit for bit at every step and the touched entries are exactly those the rule's equations can change; a
/// whole Song–Miller–Abbott run on the sparse path equals the dense run bit for bit; AddAt equals Apply of the
/// scattered ΔW bit for bit (bounds, −0.0 and NaN included); the vectorised clamp of Apply equals the scalar
/// WeightBounds.Clamp element by element. Every check is exact (bit patterns, counts): the false-alarm probability is 0.
module Plasticity.Properties.SparseStdpTests

open System
open Xunit
open Plasticity.Core.Networks.Spiking
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.Stdp
open Plasticity.Core.Plasticity.ThreeFactor
open Plasticity.Core.Synapses
open Plasticity.Properties.StdpTestSupport
open Plasticity.Properties.Support
open Plasticity.Properties.TestStores

let private spikeTrain (outputs: int) (inputs: int) (steps: int) (pPre: float) (pPost: float) (seed: uint64) =
    let random = rng seed
    Array.init steps (fun _ ->
        Array.init inputs (fun _ -> if random.NextDouble() < pPre then 1.0 else 0.0),
        Array.init outputs (fun _ -> if random.NextDouble() < pPost then 1.0 else 0.0))

[<Fact>]
let ``every STDP rule: the sparse delta scattered equals the dense delta bit for bit at every step, touching only what can change`` () =
    // 3 outputs × 9 inputs in a store bounded to [0, 1], amplitudes that reach both bounds; the dense reference and the
    // sparse path each run on their own state and store, so agreement at every step also checks AdvanceSparse and AddAt.
    let outputs, inputs, steps = 3, 9, 3000
    let size = outputs * inputs
    let train = spikeTrain outputs inputs steps 0.08 0.08 123UL
    let window = StdpWindow(0.05, 0.0525, 16.8, 33.7)
    for name, rule in allRules window 1.0 1.0 do
        let start = let r = rng 7UL in Array.init size (fun _ -> r.NextDouble())
        let storeOf () =
            let m = DenseWeightMatrix(outputs, inputs, WeightBounds(0.0, 1.0))
            for i in 0 .. outputs - 1 do
                m.SetRow(i, ReadOnlySpan(start, i * inputs, inputs))
            m
        let denseStore, sparseStore = storeOf (), storeOf ()
        let dense = rule.CreateState(outputs, inputs)
        let sparse =
            match rule.CreateState(outputs, inputs) with
            | :? ISparseRuleState as s -> s
            | s -> failwithf "%s: %s does not implement ISparseRuleState" name (s.GetType().Name)
        let listed =
            match rule.CreateState(outputs, inputs) with
            | :? ISparseRuleState as s -> s
            | s -> failwithf "%s: %s does not implement ISparseRuleState" name (s.GetType().Name)
        let listedStore = storeOf ()
        let delta = Array.zeroCreate size
        let indices = Array.zeroCreate<int> size
        let values = Array.zeroCreate size
        let indices2 = Array.zeroCreate<int> size
        let values2 = Array.zeroCreate size
        let mutable sparseSteps = 0
        for k in 0 .. steps - 1 do
            let pre, post = train[k]
            let cd, cs = StepContext(0.1, denseStore), StepContext(0.1, sparseStore)
            dense.ComputeDelta(ReadOnlySpan pre, ReadOnlySpan post, &cd, Span delta)
            let count = sparse.ComputeSparseDelta(ReadOnlySpan pre, ReadOnlySpan post, &cs, Span indices, Span values)
            // Oracle for the touched set, from the rule's equations: a pre spike changes its column, a post spike its row.
            let expected =
                [| for i in 0 .. outputs - 1 do
                     for j in 0 .. inputs - 1 do
                         if post[i] <> 0.0 || pre[j] <> 0.0 then yield i * inputs + j |]
            if indices[.. count - 1] <> expected then failwithf "%s step %d: touched %A, expected %A" name k indices[.. count - 1] expected
            let scattered = Array.zeroCreate size
            for m in 0 .. count - 1 do
                scattered[indices[m]] <- values[m]
            if bits scattered <> bits delta then failwithf "%s step %d: sparse ΔW %A differs from dense %A" name k scattered delta
            if count < size then sparseSteps <- sparseSteps + 1
            // The spike-list overload (the caller's ascending list of spiking inputs) gives the same entries.
            let spikes = [| for j in 0 .. inputs - 1 do if pre[j] <> 0.0 then yield j |]
            let cl = StepContext(0.1, listedStore)
            let count2 = listed.ComputeSparseDelta(ReadOnlySpan pre, ReadOnlySpan spikes, ReadOnlySpan post, &cl, Span indices2, Span values2)
            if count2 <> count || indices2[.. count2 - 1] <> indices[.. count - 1] || bits values2[.. count2 - 1] <> bits values[.. count - 1] then
                failwithf "%s step %d: the spike-list overload differs" name k
            listedStore.AddAt(ReadOnlySpan(indices2, 0, count2), ReadOnlySpan(values2, 0, count2))
            listed.AdvanceSparse(ReadOnlySpan pre, ReadOnlySpan post, &cl, ReadOnlySpan(indices2, 0, count2), ReadOnlySpan(values2, 0, count2))
            denseStore.Apply(ReadOnlySpan delta)
            sparseStore.AddAt(ReadOnlySpan(indices, 0, count), ReadOnlySpan(values, 0, count))
            if bits (denseStore.Data.ToArray()) <> bits (sparseStore.Data.ToArray()) then failwithf "%s step %d: weights differ" name k
            dense.Advance(ReadOnlySpan pre, ReadOnlySpan post, &cd, ReadOnlySpan delta)
            sparse.AdvanceSparse(ReadOnlySpan pre, ReadOnlySpan post, &cs, ReadOnlySpan(indices, 0, count), ReadOnlySpan(values, 0, count))
        require (sparseSteps > steps / 2) (sprintf "%s: only %d of %d steps were sparse (vacuous)" name sparseSteps steps)
        require (bits (denseStore.Data.ToArray()) <> bits start) (sprintf "%s: the rule never changed the weights (vacuous)" name)

[<Fact>]
let ``the sparse path refuses short output spans and AdvanceSparse with other pre spikes`` () =
    let rule = PairStdpRule(StdpWindow(0.05, 0.0525, 16.8, 33.7), StdpPairing.AllToAll, StdpWeightDependence.Additive)
    let state = rule.CreateState(2, 4)
    let store = DenseWeightMatrix(2, 4, WeightBounds(0.0, 1.0))
    let pre, post = [| 0.0; 1.0; 0.0; 0.0 |], [| 0.0; 0.0 |]
    throwsNamed "indices shorter than outputs·inputs" "indices" (fun () ->
        let c = StepContext(0.1, store)
        state.ComputeSparseDelta(ReadOnlySpan pre, ReadOnlySpan post, &c, Span(Array.zeroCreate<int> 7), Span(Array.zeroCreate 8)) |> ignore)
    throwsNamed "values shorter than outputs·inputs" "values" (fun () ->
        let c = StepContext(0.1, store)
        state.ComputeSparseDelta(ReadOnlySpan pre, ReadOnlySpan post, &c, Span(Array.zeroCreate<int> 8), Span(Array.zeroCreate 7)) |> ignore)
    throwsNamed "a spike list naming a silent input" "preSpikes" (fun () ->
        let c = StepContext(0.1, store)
        state.ComputeSparseDelta(ReadOnlySpan pre, ReadOnlySpan [| 2 |], ReadOnlySpan post, &c, Span(Array.zeroCreate<int> 8), Span(Array.zeroCreate 8)) |> ignore)
    throwsNamed "a spike list not ascending" "preSpikes" (fun () ->
        let c = StepContext(0.1, store)
        let two = [| 0.0; 1.0; 1.0; 0.0 |]
        state.ComputeSparseDelta(ReadOnlySpan two, ReadOnlySpan [| 2; 1 |], ReadOnlySpan post, &c, Span(Array.zeroCreate<int> 8), Span(Array.zeroCreate 8)) |> ignore)
    let c = StepContext(0.1, store)
    let count = state.ComputeSparseDelta(ReadOnlySpan pre, ReadOnlySpan post, &c, Span(Array.zeroCreate<int> 8), Span(Array.zeroCreate 8))
    require (count = 2) (sprintf "one pre spike onto 2 outputs touches 2 entries (got %d)" count)
    throwsArgumentNamed "AdvanceSparse with a pre vector missing the step's spike" "pre" (fun () ->
        let c = StepContext(0.1, store)
        state.AdvanceSparse(ReadOnlySpan(Array.zeroCreate 4), ReadOnlySpan post, &c, ReadOnlySpan.Empty, ReadOnlySpan.Empty))

let private smaParameters = SongMillerAbbottParameters(Duration = 500.0)

[<Fact>]
let ``a whole SMA run on the sparse path equals the dense run bit for bit, and the paths really differ in their writes`` () =
    let p = smaParameters
    let window = StdpWindow(0.1 * p.MaxWeight, 0.105 * p.MaxWeight, 20.0, 20.0)
    let chosen =
        allRules window p.MaxWeight (10.0 * p.MaxWeight)
        |> List.filter (fun (name, _) -> name.EndsWith "additive" || name.EndsWith "gutig 0.5" || name.EndsWith "van-rossum")
    for name, rule in chosen do
        let run (r: IPlasticityRule) =
            let random = rng 55UL
            let w = Array.init p.Inputs (fun _ -> random.NextDouble() * p.MaxWeight)
            let source = Plasticity.Core.Neurons.Spiking.PoissonSource(p.Inputs, p.InputRateHz, p.TimeStep, random)
            let dense = DenseWeightMatrix(1, p.Inputs, WeightBounds(0.0, p.MaxWeight))
            dense.SetRow(0, ReadOnlySpan w)
            let store = RecordingWeightMatrix(dense)
            SongMillerAbbottRunner(p, source, store, r).Run(), store
        let sparse, sparseStore = run rule
        let dense, denseStore = run (EligibilityTrace(rule, 0.0, 1.0))
        let classic = SongMillerAbbottRunner(p, rule, rng 55UL).Run()
        require (sparse.OutputSpikeTimes.Length >= 1) (sprintf "%s: the run should fire (got %d spikes)" name sparse.OutputSpikeTimes.Length)
        require (bits sparse.OutputSpikeTimes = bits dense.OutputSpikeTimes) (sprintf "%s: output spikes differ" name)
        require (bits sparse.FinalWeights = bits dense.FinalWeights) (sprintf "%s: final weights differ" name)
        require (bits classic.FinalWeights = bits dense.FinalWeights) (sprintf "%s: the classic constructor's run differs" name)
        require (bits sparse.FinalWeights <> bits sparse.InitialWeights) (sprintf "%s: the rule never changed the weights (vacuous)" name)
        require (sparseStore.SparseWrites > 0 && sparseStore.FullWrites = 0) (sprintf "%s: sparse path: %d sparse, %d full writes" name sparseStore.SparseWrites sparseStore.FullWrites)
        require (denseStore.FullWrites > 0 && denseStore.SparseWrites = 0) (sprintf "%s: dense path: %d sparse, %d full writes" name denseStore.SparseWrites denseStore.FullWrites)
        require (sparseStore.SparseWrites = denseStore.FullWrites) (sprintf "%s: %d sparse writes vs %d dense writes (one per step with a non-zero change)" name sparseStore.SparseWrites denseStore.FullWrites)

/// Random doubles of every kind a write meets: ordinary values in and out of the bounds, ±0.0, NaN, ±∞.
let private special (random: Random) =
    match random.Next 10 with
    | 0 -> 0.0
    | 1 -> -0.0
    | 2 -> nan
    | 3 -> infinity
    | 4 -> -infinity
    | _ -> (random.NextDouble() - 0.5) * 4.0

let private boundsCases =
    [ WeightBounds(0.0, 1.0); WeightBounds.None; WeightBounds(-1.0, 0.5); WeightBounds(-0.0, 0.0); WeightBounds(0.0, infinity) ]

[<Fact>]
let ``Apply's vectorised clamp equals the scalar WeightBounds.Clamp bit for bit, NaN and signed zeros included`` () =
    let random = rng 77UL
    for bounds in boundsCases do
        for outputs, inputs in [ 1, 1; 1, 3; 2, 5; 3, 7; 1, 1000 ] do
            for _ in 1 .. 20 do
                let size = outputs * inputs
                let m = DenseWeightMatrix(outputs, inputs, bounds)
                let w0 = Array.init size (fun _ -> special random)
                w0.CopyTo(m.Data)
                let d = Array.init size (fun _ -> special random)
                // Oracle: the scalar definition, element by element.
                let expected = Array.init size (fun k -> bounds.Clamp(w0[k] + d[k]))
                m.Apply(ReadOnlySpan d)
                if bits (m.Data.ToArray()) <> bits expected then failwithf "%A %dx%d: Apply %A, expected %A" bounds outputs inputs (m.Data.ToArray()) expected
    // The case TensorPrimitives.Max would get wrong: −0.0 + −0.0 against a lower bound of +0.0 stays −0.0.
    let m = DenseWeightMatrix(1, 8, WeightBounds(0.0, 1.0))
    m.Data.Fill(-0.0)
    m.Apply(ReadOnlySpan(Array.create 8 -0.0))
    require (m.Data.ToArray() |> Array.forall (fun x -> BitConverter.DoubleToInt64Bits x = BitConverter.DoubleToInt64Bits -0.0)) "−0.0 stays −0.0"
    m.Apply(ReadOnlySpan(Array.create 8 nan))
    require (m.Data.ToArray() |> Array.forall Double.IsNaN) "NaN stays NaN through the clamp"

[<Fact>]
let ``AddAt equals Apply of the scattered delta bit for bit, bounds and NaN included`` () =
    let random = rng 78UL
    for bounds in boundsCases do
        for outputs, inputs in [ 1, 1; 1, 9; 3, 7; 1, 1000 ] do
            for _ in 1 .. 20 do
                let size = outputs * inputs
                // Weights that a write of +0.0 keeps (in bounds, no −0.0; NaN is kept): the precondition of the equality.
                let w0 = Array.init size (fun _ -> let x = bounds.Clamp(special random) in if BitConverter.DoubleToInt64Bits x = BitConverter.DoubleToInt64Bits -0.0 then 0.0 else x)
                let storeOf () =
                    let m = DenseWeightMatrix(outputs, inputs, bounds)
                    w0.CopyTo(m.Data)
                    m
                let viaApply, viaAddAt = storeOf (), storeOf ()
                let indices = [| for k in 0 .. size - 1 do if random.NextDouble() < 0.3 then yield k |]
                let values = indices |> Array.map (fun _ -> special random)
                let scattered = Array.zeroCreate size
                Array.iteri (fun m k -> scattered[k] <- values[m]) indices
                viaApply.Apply(ReadOnlySpan scattered)
                viaAddAt.AddAt(ReadOnlySpan indices, ReadOnlySpan values)
                if bits (viaApply.Data.ToArray()) <> bits (viaAddAt.Data.ToArray()) then
                    failwithf "%A %dx%d: AddAt %A, Apply %A" bounds outputs inputs (viaAddAt.Data.ToArray()) (viaApply.Data.ToArray())
    let m = DenseWeightMatrix(2, 3, WeightBounds(0.0, 1.0))
    throwsNamed "indices not ascending" "flatIndices" (fun () -> m.AddAt(ReadOnlySpan [| 2; 1 |], ReadOnlySpan [| 0.1; 0.1 |]))
    throwsNamed "a repeated index" "flatIndices" (fun () -> m.AddAt(ReadOnlySpan [| 1; 1 |], ReadOnlySpan [| 0.1; 0.1 |]))
    throwsNamed "an index past the end" "flatIndices" (fun () -> m.AddAt(ReadOnlySpan [| 6 |], ReadOnlySpan [| 0.1 |]))
    throwsNamed "a negative index" "flatIndices" (fun () -> m.AddAt(ReadOnlySpan [| -1 |], ReadOnlySpan [| 0.1 |]))
    throwsArgumentNamed "values of another length" "values" (fun () -> m.AddAt(ReadOnlySpan [| 0; 1 |], ReadOnlySpan [| 0.1 |]))
    require (m.Data.ToArray() |> Array.forall ((=) 0.0)) "refused writes leave the weights unchanged"

[<Fact>]
let ``the quantising store's AddAt keeps the touched weights on its grid`` () =
    let level = 1.0 / 64.0
    let device = QuantisingWeightMatrix(DenseWeightMatrix(1, 10, WeightBounds(0.0, 1.0)), level)
    (device :> IWeightMatrix).SetRow(0, ReadOnlySpan(Array.init 10 (fun j -> float j / 10.0)))
    require (device.OnGrid()) "programming puts the weights on the grid"
    (device :> IWeightMatrix).AddAt(ReadOnlySpan [| 1; 4; 9 |], ReadOnlySpan [| 0.0123; -0.5; 0.33 |])
    require (device.OnGrid()) "AddAt keeps the weights on the grid"
    let w = device.Inner.Data.ToArray()
    let q (x: float) = Math.Round(x / level) * level
    require (w[4] = q (0.0) && w[1] = q (q 0.1 + 0.0123) && w[9] = 1.0 && w[2] = q 0.2)
        (sprintf "touched entries rounded to the grid and clamped, untouched unchanged: %A" w)
