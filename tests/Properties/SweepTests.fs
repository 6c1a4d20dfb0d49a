/// The experiments layer's sweep machinery, as a library (no CLI): shard slicing and `--shard auto`, the seed path,
/// the SQLite results store (refusals, durability across reopening, merge rules) and resume at the library level.
///
/// False alarms (family-wise, one CI run): none. Every check is exact: set identities, equality of stored text, or the
/// documented seed-path formula; the "different seeds differ" check compares whole trial records, which coincide for
/// two independent pattern draws with probability far below 1e-30 (N·P = 2000 random ±1 bits per trial).
module Plasticity.Properties.SweepTests

open System
open System.Collections.Generic
open System.IO
open Xunit
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Numerics
open Plasticity.Experiments.Capacity
open Plasticity.Experiments.Results
open Plasticity.Experiments.Seeds
open Plasticity.Experiments.Sweeps
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

let private env (pairs: (string * string) list) : Func<string, string | null> =
    let d = dict pairs
    Func<string, string | null>(fun name -> match d.TryGetValue name with | true, v -> v | _ -> null)

let private spec (seed: uint64) =
    CapacitySweepSpec([| 100; 120 |], [| 0.1; 0.15; 0.2 |], CapacitySettings(StorageRule.Hebbian, CapacityMeasure.FixedPoint, 2, CueFlip = 0.1), seed)

let private storePath () = Path.Combine(tempDir (), "store.sqlite")

let private runAll (s: CapacitySweepSpec) (shard: ShardSpec) (path: string) =
    use store = ResultStore.Open(path, s.Metadata shard, false)
    CapacitySweep.Run(s, store) |> ignore
    store.Points |> Seq.map (fun r -> r.Index, r.Result) |> List.ofSeq

let private throwsStore (what: string) (fragment: string) (f: unit -> unit) =
    let outcome =
        try
            f ()
            "no exception"
        with
        | :? ResultStoreException as e when e.Message.Contains(fragment: string) && not (e.Message.Contains '\n') -> "ok"
        | e -> sprintf "%s: %s" (e.GetType().Name) e.Message
    require (outcome = "ok") (sprintf "%s: expected a one-line ResultStoreException containing '%s', got %s" what fragment outcome)

[<Fact>]
let ``shards 1/n … n/n partition every grid: disjoint, complete, sized as SizeOf says`` () =
    // Oracle: set arithmetic on the indices, and the documented rule index mod n = k − 1.
    for count in 1 .. 23 do
        for n in 1 .. 7 do
            let seen = HashSet<int>()
            for k in 1 .. n do
                let shard = ShardSpec.Create(k, n)
                let members = [ for i in 0 .. count - 1 do if shard.Contains i then i ]
                require (members.Length = shard.SizeOf count) (sprintf "%d points, shard %d/%d: %d members, SizeOf %d" count k n members.Length (shard.SizeOf count))
                for i in members do
                    require (i % n = k - 1) (sprintf "point %d in shard %d/%d" i k n)
                    require (seen.Add i) (sprintf "point %d in two shards of %d" i n)
            require (seen.Count = count) (sprintf "%d points, %d shards: union has %d" count n seen.Count)

[<Fact>]
let ``k/n parses and bad shards are refused with one line naming the parameter`` () =
    let none = env []
    Assert.Equal(ShardSpec(2, 3), ShardSpec.Parse("2/3", none))
    Assert.Equal(ShardSpec.All, ShardSpec.Parse(" 1/1 ", none))
    for bad in [ "0/3"; "4/3"; "1/0"; "-1/3"; "1/3/4"; "x"; ""; "1/"; "/3"; "1.5/3" ] do
        throwsArgumentNamed (sprintf "--shard %s" bad) "text" (fun () -> ShardSpec.Parse(bad, none) |> ignore)
    throwsNamed "Create(0, 3)" "Index" (fun () -> ShardSpec.Create(0, 3) |> ignore)
    throwsNamed "Create(1, 0)" "Count" (fun () -> ShardSpec.Create(1, 0) |> ignore)

[<Fact>]
let ``--shard auto reads Slurm job-array and Kubernetes Indexed Job variables`` () =
    // Oracle: the documented mappings k = id − min + 1, n = count (Slurm) and k = index + 1, n = completions (Kubernetes).
    for id in 0 .. 2 do
        let parsed = ShardSpec.Parse("auto", env [ "SLURM_ARRAY_TASK_ID", string id; "SLURM_ARRAY_TASK_COUNT", "3" ])
        Assert.Equal(ShardSpec(id + 1, 3), parsed)
    Assert.Equal(ShardSpec(3, 3), ShardSpec.Parse("auto", env [ "SLURM_ARRAY_TASK_ID", "3"; "SLURM_ARRAY_TASK_COUNT", "3"; "SLURM_ARRAY_TASK_MIN", "1" ]))
    for index in 0 .. 3 do
        let parsed = ShardSpec.Parse("AUTO", env [ "JOB_COMPLETION_INDEX", string index; "JOB_COMPLETIONS", "4" ])
        Assert.Equal(ShardSpec(index + 1, 4), parsed)
    // Slurm wins when both are set (a Slurm job inside a pod).
    Assert.Equal(ShardSpec(1, 2), ShardSpec.Parse("auto", env [ "SLURM_ARRAY_TASK_ID", "0"; "SLURM_ARRAY_TASK_COUNT", "2"; "JOB_COMPLETION_INDEX", "3"; "JOB_COMPLETIONS", "4" ]))
    let refused (vars: (string * string) list) (fragment: string) =
        let e = Assert.ThrowsAny<ArgumentException>(fun () -> ShardSpec.Parse("auto", env vars) |> ignore)
        require (e.ParamName = "text" && e.Message.Contains(fragment: string)) (sprintf "%A: expected ParamName text and '%s', got %s / %s" vars fragment e.ParamName e.Message)
    refused [] "none is set"
    refused [ "SLURM_ARRAY_TASK_ID", "0" ] "SLURM_ARRAY_TASK_COUNT is not set"
    refused [ "SLURM_ARRAY_TASK_ID", "4"; "SLURM_ARRAY_TASK_COUNT", "3" ] "contiguous"
    refused [ "SLURM_ARRAY_TASK_ID", "x"; "SLURM_ARRAY_TASK_COUNT", "3" ] "non-negative integer"
    refused [ "JOB_COMPLETION_INDEX", "0" ] "JOB_COMPLETIONS is not"
    refused [ "JOB_COMPLETION_INDEX", "3"; "JOB_COMPLETIONS", "3" ] "0 <= i < completions"

[<Fact>]
let ``trial seeds follow the documented path Derive(seed, [1, N, P, t]) from the full 64-bit seed`` () =
    let grid = (spec 7UL).Grid()
    for point in grid.Points do
        let value = grid.Values[point.Index]
        Assert.Equal(CapacitySweepSpec.Key value, point.Key)
        for t in 0 .. 1 do
            // The command id 1 (SeedPath.Capacity) first, then the point identity and the trial (docs/seeds.md).
            let documented = SeedSequence.Derive(7UL, ReadOnlySpan [| 1L; int64 value.N; int64 value.P; int64 t |])
            Assert.Equal(documented, point.TrialSeed(7UL, t))
            // The patterns of trial t are drawn from exactly this seed: CapacityExperiment's own derivation
            // (N, P, t) below the seed the sweep hands it, (spec 7).ExperimentSeed = Prefix(7, [1]).
            let fromGrid = PatternSet.Dense(value.N, value.P, SeedSequence.CreateRandom(point.TrialSeed(7UL, t)))
            let fromCore = PatternSet.Dense(value.N, value.P, SeedSequence.CreateRandom((spec 7UL).ExperimentSeed, ReadOnlySpan [| int64 value.N; int64 value.P; int64 t |]))
            require (fromGrid.Data.ToArray() = fromCore.Data.ToArray()) (sprintf "%s trial %d: grid seed and core seed draw different patterns" point.Key t)
            Assert.NotEqual(point.TrialSeed(7UL, t), point.TrialSeed(7UL + (1UL <<< 32), t))

[<Fact>]
let ``seeds s and s + 2^32 give different sweep results, the same seed the same results`` () =
    let s = 12345UL
    let a = runAll (spec s) ShardSpec.All (storePath ())
    let again = runAll (spec s) ShardSpec.All (storePath ())
    let b = runAll (spec (s + (1UL <<< 32))) ShardSpec.All (storePath ())
    Assert.Equal<(int * string) list>(a, again)
    // A point far below capacity retrieves perfectly under either seed (every overlap 1), so equal trial records
    // there are no evidence against the seed path; the sweep as a whole must differ, and every point's patterns must.
    for (ia, _), (ib, _) in List.zip a b do
        Assert.Equal(ia, ib)
    require (a <> b) (sprintf "seeds %d and %d + 2^32 gave identical sweeps %A" s s a)
    let grid = (spec s).Grid()
    for point in grid.Points do
        let value = grid.Values[point.Index]
        let patterns (seed: uint64) = PatternSet.Dense(value.N, value.P, SeedSequence.CreateRandom(point.TrialSeed(seed, 0))).Data.ToArray()
        require (patterns s <> patterns (s + (1UL <<< 32))) (sprintf "point %s: seeds %d and %d + 2^32 drew the same patterns" point.Key s s)

[<Fact>]
let ``a store keeps its points across reopening and refuses another run's settings, seed or shard`` () =
    let path = storePath ()
    let s = spec 3UL
    let grid = s.Grid()
    do
        use store = ResultStore.Open(path, s.Metadata ShardSpec.All, false)
        store.Save(grid.Points[1], "{\"x\":1}", 0.5)
        throwsArgumentNamed "saving a point twice" "point" (fun () -> store.Save(grid.Points[1], "{}", 0.0))
    do
        use shardStore = ResultStore.Open(storePath (), s.Metadata(ShardSpec(2, 2)), false)
        throwsNamed "saving a point outside the shard" "point" (fun () -> shardStore.Save(grid.Points[0], "{}", 0.0))
    do
        use reopened = ResultStore.Open(path, s.Metadata ShardSpec.All, true)
        Assert.Equal(1, reopened.Finished.Count)
        Assert.Equal("{\"x\":1}", reopened.Finished[1].Result)
        Assert.Equal(grid.Points[1].Key, reopened.Finished[1].Key)
    throwsStore "other seed" "seed (stored 3, requested 4)" (fun () -> ResultStore.Open(path, (spec 4UL).Metadata ShardSpec.All, true).Dispose())
    let otherSettings = CapacitySweepSpec(s.Ns, s.Alphas, CapacitySettings(StorageRule.Hebbian, CapacityMeasure.FixedPoint, 3, CueFlip = 0.1), s.Seed)
    throwsStore "other settings" "settings (stored" (fun () -> ResultStore.Open(path, otherSettings.Metadata ShardSpec.All, true).Dispose())
    throwsStore "other shard" "shard (stored 1/1, requested 1/2)" (fun () -> ResultStore.Open(path, s.Metadata(ShardSpec(1, 2)), true).Dispose())
    let notAStore = Path.Combine(tempDir (), "x.sqlite")
    File.WriteAllText(notAStore, "this is not a database, just text that is long enough to have a header")
    throwsStore "a text file" "cannot be read" (fun () -> ResultStore.OpenExisting(notAStore).Dispose())
    throwsStore "replacing a text file" "is left alone" (fun () -> ResultStore.Open(notAStore, s.Metadata ShardSpec.All, false).Dispose())
    require (File.ReadAllText notAStore = "this is not a database, just text that is long enough to have a header") "a file that is not a store was changed"
    // Without resume the store starts afresh.
    use fresh = ResultStore.Open(path, s.Metadata ShardSpec.All, false)
    Assert.Equal(0, fresh.Finished.Count)

[<Fact>]
let ``merging refuses duplicate, missing, incomplete and mismatched shards, and merges complete ones exactly`` () =
    let s = spec 5UL
    let dir = tempDir ()
    let shardPath k = Path.Combine(dir, sprintf "s%d.sqlite" k)
    let shards = [ for k in 1 .. 3 -> runAll s (ShardSpec(k, 3)) (shardPath k) ]
    let whole = runAll s ShardSpec.All (storePath ())
    let out () = Path.Combine(tempDir (), "merged.sqlite")
    do
        use merged = ResultStore.Merge([| shardPath 3; shardPath 1; shardPath 2 |], out ())
        Assert.Equal(ShardSpec.All, merged.Metadata.Shard)
        Assert.Equal<(int * string) list>(whole, merged.Points |> Seq.map (fun r -> r.Index, r.Result) |> List.ofSeq)
    Assert.Equal(6, shards |> List.sumBy List.length)
    throwsStore "duplicate shard" "are both shard 1/3" (fun () -> ResultStore.Merge([| shardPath 1; shardPath 1; shardPath 2 |], out ()).Dispose())
    throwsStore "missing shard" "shard 3/3 is missing" (fun () -> ResultStore.Merge([| shardPath 1; shardPath 2 |], out ()).Dispose())
    let otherSeed = Path.Combine(dir, "other.sqlite")
    runAll (spec 6UL) (ShardSpec(3, 3)) otherSeed |> ignore
    throwsStore "other seed" "belongs to a different run" (fun () -> ResultStore.Merge([| shardPath 1; shardPath 2; otherSeed |], out ()).Dispose())
    let otherCount = Path.Combine(dir, "half.sqlite")
    runAll s (ShardSpec(2, 2)) otherCount |> ignore
    throwsStore "other shard count" "the shard counts differ" (fun () -> ResultStore.Merge([| shardPath 1; shardPath 2; otherCount |], out ()).Dispose())
    let partial = Path.Combine(dir, "partial.sqlite")
    do
        use store = ResultStore.Open(partial, s.Metadata(ShardSpec(3, 3)), false)
        store.Save(s.Grid().Points[2], "{}", 0.0)
    throwsStore "incomplete shard" "holds 1 of its 2 points" (fun () -> ResultStore.Merge([| shardPath 1; shardPath 2; partial |], out ()).Dispose())

[<Fact>]
let ``a sweep stopped after two points resumes without recomputing them and ends with the uninterrupted results`` () =
    let s = spec 9UL
    let whole = runAll s ShardSpec.All (storePath ())
    let path = storePath ()
    let stopped =
        use store = ResultStore.Open(path, s.Metadata ShardSpec.All, false)
        use cancel = new System.Threading.CancellationTokenSource()
        let mutable stored = 0
        try
            CapacitySweep.Run(s, store, onPointStored = Action<CapacityPoint, StoredPoint>(fun _ _ ->
                stored <- stored + 1
                if stored = 2 then cancel.Cancel()), cancellationToken = cancel.Token) |> ignore
            "not cancelled"
        with :? OperationCanceledException -> "cancelled"
    Assert.Equal("cancelled", stopped)
    use store = ResultStore.Open(path, s.Metadata ShardSpec.All, true)
    let before = store.Points |> Seq.map (fun r -> r.Index, r.FinishedUtc) |> List.ofSeq
    Assert.Equal(2, before.Length)
    let summary = CapacitySweep.Run(s, store)
    Assert.Equal(SweepRunSummary(6, 2, 4), summary)
    Assert.Equal<(int * string) list>(whole, store.Points |> Seq.map (fun r -> r.Index, r.Result) |> List.ofSeq)
    for index, finished in before do
        Assert.Equal(finished, store.Finished[index].FinishedUtc)
    // Read back, the results are the library's own, bit for bit.
    let results = CapacitySweep.Results(s, store)
    for point, result in Seq.zip s.Points results do
        // The sweep hands the experiment Prefix(seed, [SeedPath.Capacity]) (CapacitySweepSpec.ExperimentSeed).
        let direct = CapacityExperiment.Run(point, s.Settings, SeedPath.CommandSeed(s.Seed, SeedPath.Capacity))
        Assert.Equal(direct.ErrorRate, result.ErrorRate)
        Assert.Equal(direct.OverlapMean, result.OverlapMean)
        Assert.Equal(direct.OverlapSd, result.OverlapSd)
        Assert.Equal(direct.ErrorConfidenceInterval95, result.ErrorConfidenceInterval95)
