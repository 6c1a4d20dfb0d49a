/// The plasticity seam for spiking rules (issue 9 §1 and §3): every STDP rule wrapped in EligibilityTrace(rule, τ_e = 0,
/// η = 1) with M ≡ 1 reproduces the unwrapped rule bit for bit, in a bare step loop and inside the Song–Miller–Abbott
/// runner; the runner accepts any weight store (a recording store gives the dense run bit for bit, a quantising one keeps
/// every weight on its grid); a third factor M ≡ 0 freezes the weights; progress and cancellation follow RunControl.
/// Every check is exact (bit patterns, grid membership, counts): the family-wise false-alarm probability is 0.
module Plasticity.Properties.StdpEligibilityTests

open System
open System.Threading
open Xunit
open Plasticity.Core.Networks.Spiking
open Plasticity.Core.Neurons.Spiking
open Plasticity.Core.Numerics.Stepping
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.Stdp
open Plasticity.Core.Plasticity.ThreeFactor
open Plasticity.Core.Synapses
open Plasticity.Properties.StdpTestSupport
open Plasticity.Properties.Support
open Plasticity.Properties.TestStores

/// A seeded spike train for `steps` steps: each input and each output spikes with probability 0.08 per step, so
/// coincident pre and post spikes (the case the store's single clamp is about) are frequent.
let private spikeTrain (outputs: int) (inputs: int) (steps: int) (seed: uint64) =
    let random = rng seed
    Array.init steps (fun _ ->
        Array.init inputs (fun _ -> if random.NextDouble() < 0.08 then 1.0 else 0.0),
        Array.init outputs (fun _ -> if random.NextDouble() < 0.08 then 1.0 else 0.0))

[<Fact>]
let ``EligibilityTrace with tau_e = 0 and M = 1 reproduces every STDP rule bit for bit in a bare step loop`` () =
    // 3 outputs × 9 inputs, weights in a store bounded to [0, 1] starting uniform, amplitudes large enough (0.05 and
    // the presets' up to 7e-3 per spike) that weights reach both bounds; ΔW and W compared at every step.
    let outputs, inputs, steps = 3, 9, 3000
    let train = spikeTrain outputs inputs steps 91UL
    let window = StdpWindow(0.05, 0.0525, 16.8, 33.7)
    for name, rule in allRules window 1.0 1.0 do
        let wrapped = EligibilityTrace(rule, 0.0, 1.0) :> IPlasticityRule
        let start = let r = rng 5UL in Array.init (outputs * inputs) (fun _ -> r.NextDouble())
        let storeOf () =
            let m = DenseWeightMatrix(outputs, inputs, WeightBounds(0.0, 1.0))
            for i in 0 .. outputs - 1 do
                m.SetRow(i, ReadOnlySpan(start, i * inputs, inputs))
            m
        let plain, through = storeOf (), storeOf ()
        let a, b = rule.CreateState(outputs, inputs), wrapped.CreateState(outputs, inputs)
        let da, db = Array.zeroCreate (outputs * inputs), Array.zeroCreate (outputs * inputs)
        for k in 0 .. steps - 1 do
            let pre, post = train[k]
            let ca, cb = StepContext(0.1, plain), StepContext(0.1, through)
            a.ComputeDelta(ReadOnlySpan pre, ReadOnlySpan post, &ca, Span da)
            b.ComputeDelta(ReadOnlySpan pre, ReadOnlySpan post, &cb, Span db)
            if bits da <> bits db then failwithf "%s step %d: ΔW differs (unwrapped %A, wrapped %A)" name k da db
            plain.Apply(ReadOnlySpan da)
            through.Apply(ReadOnlySpan db)
            a.Advance(ReadOnlySpan pre, ReadOnlySpan post, &ca, ReadOnlySpan da)
            b.Advance(ReadOnlySpan pre, ReadOnlySpan post, &cb, ReadOnlySpan db)
        require (bits (plain.Data.ToArray()) = bits (through.Data.ToArray())) (sprintf "%s: final weights differ" name)
        require (bits (plain.Data.ToArray()) <> bits start) (sprintf "%s: the rule never changed the weights (vacuous)" name)

/// A short Song–Miller–Abbott run (0.5 s, 5000 steps) whose output fires.
let private smaParameters = SongMillerAbbottParameters(Duration = 500.0)

[<Fact>]
let ``EligibilityTrace with tau_e = 0 and M = 1 reproduces every STDP rule bit for bit inside the SMA runner`` () =
    let p = smaParameters
    let window = StdpWindow(0.1 * p.MaxWeight, 0.105 * p.MaxWeight, 20.0, 20.0)
    for name, rule in allRules window p.MaxWeight (10.0 * p.MaxWeight) do
        let plain = SongMillerAbbottRunner(p, rule, rng 33UL).Run()
        let through = SongMillerAbbottRunner(p, EligibilityTrace(rule, 0.0, 1.0), rng 33UL, modulator = ConstantModulator(1.0)).Run()
        require (plain.OutputSpikeTimes.Length >= 1) (sprintf "%s: the run should fire at least once, so the potentiation path runs (got %d spikes)" name plain.OutputSpikeTimes.Length)
        require (bits plain.OutputSpikeTimes = bits through.OutputSpikeTimes) (sprintf "%s: output spikes differ" name)
        require (bits plain.FinalWeights = bits through.FinalWeights) (sprintf "%s: final weights differ" name)
        require (bits plain.FinalWeights <> bits plain.InitialWeights) (sprintf "%s: the rule never changed the weights (vacuous)" name)

/// The classic runner's draws, reproduced: N weights U·g_max, then the Poisson source on the same generator.
let private classicSetUp (p: SongMillerAbbottParameters) (seed: uint64) =
    let random = rng seed
    let w = Array.init p.Inputs (fun _ -> random.NextDouble() * p.MaxWeight)
    w, PoissonSource(p.Inputs, p.InputRateHz, p.TimeStep, random)

[<Fact>]
let ``SMA runner accepts a recording store (bit-identical to the dense run) and a quantising store (weights stay on the grid)`` () =
    let p = smaParameters
    let rule = PairStdpRule(StdpWindow(0.1 * p.MaxWeight, 0.105 * p.MaxWeight, 20.0, 20.0), StdpPairing.AllToAll, StdpWeightDependence.Gutig(0.5, p.MaxWeight))
    let classic = SongMillerAbbottRunner(p, rule, rng 44UL).Run()
    let w, source = classicSetUp p 44UL
    let dense = storeOf (WeightBounds(0.0, p.MaxWeight)) w
    let recording = RecordingWeightMatrix(dense)
    let recorded = SongMillerAbbottRunner(p, source, recording, rule).Run()
    require (bits recorded.InitialWeights = bits classic.InitialWeights) "recording store: same initial weights as the classic run"
    require (bits recorded.OutputSpikeTimes = bits classic.OutputSpikeTimes) "recording store: output spikes differ from the dense run"
    require (bits recorded.FinalWeights = bits classic.FinalWeights) "recording store: final weights differ from the dense run"
    require (bits (rowOf dense) = bits classic.FinalWeights) "the run wrote through the store it was given"
    // Pair STDP takes the sparse path (ISparseRuleState → AddAt): one sparse write per step with a non-zero change, no full write.
    require (recording.SparseWrites > 0 && recording.SparseWrites <= int p.Steps && recording.FullWrites = 0 && recording.Writes = recording.SparseWrites)
        (sprintf "one sparse ΔW write per step with a non-zero change: %d sparse, %d full of %d writes in %d steps" recording.SparseWrites recording.FullWrites recording.Writes p.Steps)
    // Quantising store: a device with 64 levels over [0, g_max]; every snapshot and the final weights are on the grid.
    let level = p.MaxWeight / 64.0
    let w2, source2 = classicSetUp p 44UL
    let device = QuantisingWeightMatrix(DenseWeightMatrix(1, p.Inputs, WeightBounds(0.0, p.MaxWeight)), level)
    (device :> IWeightMatrix).SetRow(0, ReadOnlySpan w2)
    require (device.OnGrid()) "programming puts the initial weights on the grid"
    let recordingOptions = SpikingRecordingOptions(WeightSnapshotTimes = [| 100.0; 250.0; 400.0 |])
    let quantised = SongMillerAbbottRunner(p, source2, device, rule, recordingOptions).Run()
    require (device.OnGrid()) "final weights are on the device grid"
    let onGrid (x: float) = x = 0.0 || x = p.MaxWeight || Math.Round(x / level) * level = x
    require (quantised.WeightSnapshots.Count = 3) (sprintf "3 snapshots (got %d)" quantised.WeightSnapshots.Count)
    for snapshot in quantised.WeightSnapshots do
        require (Array.forall onGrid snapshot.Weights) (sprintf "snapshot at %g ms off the grid" snapshot.Time)
    require (Array.forall onGrid quantised.FinalWeights && Array.forall onGrid quantised.InitialWeights) "result weights on the grid"
    require (bits quantised.FinalWeights <> bits quantised.InitialWeights) "the quantised run changed the weights (not vacuous)"

[<Fact>]
let ``a third factor M = 0 through EligibilityTrace freezes the weights, M = 1 does not`` () =
    let p = smaParameters
    let window = StdpWindow(0.1 * p.MaxWeight, 0.105 * p.MaxWeight, 20.0, 20.0)
    for name, rule in [ "pair", PairStdpRule(window, StdpPairing.AllToAll, StdpWeightDependence.Additive) :> IPlasticityRule
                        "triplet", TripletStdpRule.FromPreset(TripletStdpPresets.VisualCortexAllToAllFull, StdpWeightDependence.VanRossum p.MaxWeight) ] do
        for tau in [ 0.0; 25.0 ] do
            let frozen = SongMillerAbbottRunner(p, EligibilityTrace(rule, tau, 1.0), rng 55UL, modulator = ConstantModulator(0.0)).Run()
            require (frozen.OutputSpikeTimes.Length > 3) (sprintf "%s τ_e=%g: the run should fire" name tau)
            require (bits frozen.FinalWeights = bits frozen.InitialWeights) (sprintf "%s τ_e=%g: M ≡ 0 changed the weights" name tau)
            let moving = SongMillerAbbottRunner(p, EligibilityTrace(rule, tau, 1.0), rng 55UL, modulator = ConstantModulator(1.0)).Run()
            require (bits moving.FinalWeights <> bits moving.InitialWeights) (sprintf "%s τ_e=%g: M ≡ 1 left the weights unchanged (the M ≡ 0 check would be vacuous)" name tau)
    // The modulator sees the step number, the time and the step's spikes (the post indicator has one entry).
    let seen = ResizeArray<int64 * float * int * int>()
    let probe =
        { new IModulator with
            member _.Value(step, time, pre, post) =
                let mutable spikes = 0
                for x in pre do
                    if x <> 0.0 then spikes <- spikes + 1
                seen.Add((step, time, spikes, post.Length))
                1.0 }
    let probed = SongMillerAbbottRunner(p, PairStdpRule(window, StdpPairing.AllToAll, StdpWeightDependence.Additive), rng 55UL, modulator = probe).Run()
    require (seen.Count = int p.Steps) (sprintf "the modulator is asked once per step: %d of %d" seen.Count p.Steps)
    seen |> Seq.iteri (fun k (step, time, _, posts) ->
        if step <> int64 (k + 1) || abs (time - float (k + 1) * p.TimeStep) > 1e-9 || posts <> 1 then
            failwithf "modulator call %d saw step %d, time %g, %d post entries" k step time posts)
    let total = seen |> Seq.sumBy (fun (_, _, s, _) -> int64 s)
    require (total = probed.InputSpikeCount) (sprintf "the pre indicators carry every input spike: %d of %d" total probed.InputSpikeCount)

[<Fact>]
let ``SMA runner reports progress and stops on cancellation through RunControl`` () =
    let p = SongMillerAbbottParameters(Duration = 200.0)
    let rule = PairStdpRule(StdpWindow.Classic(p.MaxWeight), StdpPairing.AllToAll, StdpWeightDependence.Additive)
    let reports = ResizeArray<StepProgress>()
    let progress = { new IProgress<StepProgress> with member _.Report v = reports.Add v }
    SongMillerAbbottRunner(p, rule, rng 3UL).Run(RunControl(Progress = progress, ProgressEvery = 300L)) |> ignore
    // 2000 steps, every 300: steps 300, 600, …, 1800, then the last step 2000.
    let expected = [ 300L .. 300L .. 1800L ] @ [ 2000L ]
    require ([ for r in reports -> r.Step ] = expected) (sprintf "progress steps %A, expected %A" [ for r in reports -> r.Step ] expected)
    for r in reports do
        require (r.TotalSteps = p.Steps) "total steps"
        assertAbs (sprintf "time at step %d" r.Step) (float r.Step * p.TimeStep) r.Time 1e-9
    assertAbs "last fraction" 1.0 reports[reports.Count - 1].Fraction 0.0
    // Cancelled from the first report: the loop checks before every step, so no step after it runs.
    use cts = new CancellationTokenSource()
    let seen = ResizeArray<StepProgress>()
    let cancelling = { new IProgress<StepProgress> with member _.Report v = (seen.Add v; cts.Cancel()) }
    let stopped =
        try
            SongMillerAbbottRunner(p, rule, rng 3UL).Run(RunControl(cts.Token, cancelling, 100L)) |> ignore
            false
        with :? OperationCanceledException -> true
    require stopped "cancellation surfaces as OperationCanceledException"
    require (seen.Count = 1 && seen[0].Step = 100L) (sprintf "one report at step 100 before the stop (got %A)" [ for s in seen -> s.Step ])
    // A token cancelled before the run: no step, no report.
    let none = ResizeArray<StepProgress>()
    let silent = { new IProgress<StepProgress> with member _.Report v = none.Add v }
    let before =
        try
            SongMillerAbbottRunner(p, rule, rng 3UL).Run(RunControl(cts.Token, silent, 1L)) |> ignore
            false
        with :? OperationCanceledException -> true
    require (before && none.Count = 0) "a cancelled token stops the run before its first step"
