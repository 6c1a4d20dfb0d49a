/// Issue 11, the command side of capacity at scale: per-N effort (`--trials`/`--retrievals` as one value or one per
/// `--n` value), the store metadata that must not change for single values, the memory guard of the packed Hebbian
/// fixed-point engine and the budget rule, and the cost model's count.
///
/// Oracles: the literal metadata text written before per-N effort existed (copied from a store of the previous
/// version); the point results of single-value runs (a point's streams depend only on the seed and the point, so a
/// per-N sweep's row must equal the row of a sweep of that N alone); integer arithmetic for the packed bytes
/// (⌈P/64⌉ 64-bit words per unit) and the budget min(max(T/2, T − 1 GB − T/10), T − L) with its stated numbers.
/// All checks are deterministic (no sampling): family-wise false-alarm probability 0. The CLI runs are in-process and
/// tiny (N ≤ 120), a few seconds in all.
module Plasticity.Properties.CapacityScaleTests

open System
open System.IO
open Xunit
open Plasticity.Cli.Arguments
open Plasticity.Core.Networks.Hopfield
open Plasticity.Experiments.Capacity
open Plasticity.Experiments.Results
open Plasticity.Experiments.Sweeps
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

let private fixedPoint trials retrievals =
    CapacitySettings(StorageRule.Hebbian, CapacityMeasure.FixedPoint, trials, 0.0, retrievals)

/// The metadata text of a two-size fixed-point sweep as the version before per-N effort wrote it.
let private legacySettings =
    """{"n":[1000,2000],"alpha":[0.1,0.12],"trials":3,"rule":"Hebbian","measure":"FixedPoint","cue_flip":0,"retrievals":4,"order":"AsyncRandomPermutation","max_sweeps":100,"diagonal":"Zero"}"""

[<Fact>]
let ``single-value effort writes the metadata of the previous version byte for byte, and reads it back`` () =
    let ns = [| 1000; 2000 |]
    let alphas = [| 0.1; 0.12 |]
    let plain = CapacitySweepSpec(ns, alphas, fixedPoint 3 4, 7UL)
    let one = CapacitySweepSpec(ns, alphas, (fixedPoint 3 4).WithEffort(ns, [| 3 |], [| 4 |]), 7UL)
    let equal = CapacitySweepSpec(ns, alphas, (fixedPoint 3 4).WithEffort(ns, [| 3; 3 |], [| 4; 4 |]), 7UL)
    for what, spec in [ "plain", plain; "one value", one; "equal list", equal ] do
        let text = spec.SettingsJson()
        require (text = legacySettings) (sprintf "%s: metadata %s, oracle (previous version) %s" what text legacySettings)
        require (isNull spec.Settings.TrialsByN && isNull spec.Settings.RetrievalsByN) (sprintf "%s: per-N maps should be null" what)
    // An old store's metadata rebuilds the same sweep.
    let back = CapacitySweepSpec.FromMetadata(RunMetadata("capacity", legacySettings, 7UL, 4, ShardSpec.All), "old.sqlite")
    require (back.SettingsJson() = legacySettings && back.Settings.Trials = 3 && back.Settings.RetrievalsPerTrial = 4) "old metadata did not round-trip"
    require (back.Settings = plain.Settings) (sprintf "old metadata settings %A, oracle %A" back.Settings plain.Settings)

[<Fact>]
let ``per-N effort is stored as arrays aligned with n and comes back per N`` () =
    let ns = [| 2000; 1000; 4000 |]
    let settings = (fixedPoint 1 1).WithEffort(ns, [| 5; 20; 1 |], [| 10; 10; 2 |])
    let spec = CapacitySweepSpec(ns, [| 0.1 |], settings, 3UL)
    let text = spec.SettingsJson()
    require (text.Contains "\"trials\":[5,20,1]" && text.Contains "\"retrievals\":[10,10,2]") (sprintf "per-N metadata: %s" text)
    require (settings.Trials = 20 && settings.RetrievalsPerTrial = 10) "Trials/RetrievalsPerTrial should hold the largest value"
    let back = CapacitySweepSpec.FromMetadata(spec.Metadata(ShardSpec.All), "s.sqlite")
    require (back.SettingsJson() = text) (sprintf "round trip %s, oracle %s" (back.SettingsJson()) text)
    for n, t, r in [ 2000, 5, 10; 1000, 20, 10; 4000, 1, 2 ] do
        let at = back.SettingsAt n
        require (at.Trials = t && at.RetrievalsPerTrial = r && not at.EffortByN) (sprintf "N = %d: %d trials, %d retrievals; oracle %d, %d" n at.Trials at.RetrievalsPerTrial t r)
    // A list of the wrong length is refused by the core too.
    let wrong = Assert.Throws<ArgumentException>(fun () -> (fixedPoint 1 1).WithEffort(ns, [| 1; 2 |], [| 1 |]) |> ignore)
    require (wrong.ParamName = "Trials") (sprintf "wrong-length list names %s" wrong.ParamName)

[<Fact>]
let ``--trials and --retrievals lists: bad forms are one line naming the option, exit 2`` () =
    let dir = tempDir ()
    let args extra = [ "capacity"; "--n"; "60,120"; "--alpha"; "0.1"; "--measure"; "fixed-point"; "--out"; dir ] @ extra
    usageError (args [ "--trials"; "3,2,1" ]) [ "--trials lists 3 values but --n has 2"; "one per --n value" ]
    usageError (args [ "--retrievals"; "1,2,3" ]) [ "--retrievals lists 3 values but --n has 2" ]
    usageError (args [ "--trials"; "2,x" ]) [ "--trials must be an integer in [1, 1000000] or a comma list"; "'x'" ]
    usageError (args [ "--trials"; "2," ]) [ "--trials"; "comma list" ]
    usageError (args [ "--retrievals"; "0,3" ]) [ "--retrievals"; "'0'" ]
    usageError (args [ "--trials"; "2:4" ]) [ "--trials" ]
    // A single bad value keeps the message of the plain integer option.
    usageError (args [ "--trials"; "0" ]) [ "--trials must be an integer in [1, 1000000] (got '0')" ]

/// The CSV row of N = `n` in the capacity.csv of `dir`.
let private rowOf (dir: string) (n: int) =
    File.ReadAllLines(Path.Combine(dir, "capacity.csv")) |> Array.filter (fun l -> l.StartsWith(sprintf "%d," n))

[<Fact>]
let ``a per-N sweep's rows are the single-N runs' rows, it resumes, and an all-equal list is the single value`` () =
    let root = tempDir ()
    let sweep name extra =
        let dir = Path.Combine(root, name)
        runOk ([ "capacity"; "--alpha"; "0.08,0.16"; "--measure"; "fixed-point"; "--seed"; "11"; "--out"; dir ] @ extra) |> ignore
        dir
    let perN = sweep "perN" [ "--n"; "60,120"; "--trials"; "3,2"; "--retrievals"; "4,5" ]
    let small = sweep "small" [ "--n"; "60"; "--trials"; "3"; "--retrievals"; "4" ]
    let large = sweep "large" [ "--n"; "120"; "--trials"; "2"; "--retrievals"; "5" ]
    for n, alone in [ 60, small; 120, large ] do
        let a, b = rowOf perN n, rowOf alone n
        require (a.Length = 2 && a = b) (sprintf "N = %d: per-N sweep rows %A, oracle (N alone) %A" n a b)
    let arguments = File.ReadAllText(Path.Combine(perN, "capacity.json"))
    require (arguments.Contains "\"3,2\"" && arguments.Contains "\"4,5\"") "capacity.json arguments should spell the per-N lists"
    let out, _ = runOk [ "capacity"; "--n"; "60,120"; "--alpha"; "0.08,0.16"; "--measure"; "fixed-point"; "--seed"; "11"; "--trials"; "3,2"; "--retrievals"; "4,5"; "--resume"; "--out"; perN ]
    require (out.Contains "0 point(s) computed, 4 reused") (sprintf "resume should recompute nothing: %s" out)
    let equal = sweep "equal" [ "--n"; "60,120"; "--trials"; "2,2"; "--retrievals"; "5,5" ]
    let single = sweep "single" [ "--n"; "60,120"; "--trials"; "2"; "--retrievals"; "5" ]
    for file in [ "capacity.csv"; "capacity.json" ] do
        let a, b = File.ReadAllBytes(Path.Combine(equal, file)), File.ReadAllBytes(Path.Combine(single, file))
        require (a = b) (sprintf "%s of --trials 2,2 --retrievals 5,5 differs from --trials 2 --retrievals 5" file)

[<Fact>]
let ``hebb fixed-point memory is the packed bits plus O(N + P); one-step keeps the byte estimate`` () =
    let cases = [ 1000, 100; 1000, 64; 1000, 65; 10000, 1600; 100000, 10000; 1000000, 100000; 1000000, 160000; 3, 1 ]
    for n, p in cases do
        // ⌈P/64⌉ words of 8 bytes per unit, in integers.
        let oracle = int64 ((p + 63) / 64) * 8L * int64 n
        let bits = CapacityMemory.PackedBits(n, p)
        require (bits = float oracle) (sprintf "N = %d, P = %d: packed bits %g B, oracle %d B" n p bits oracle)
        let trial = CapacityMemory.TrialBytes(n, p, StorageRule.Hebbian, CapacityMeasure.FixedPoint)
        let extra = trial - float oracle
        require (extra > 0.0 && extra <= 64.0 * float (n + p)) (sprintf "N = %d, P = %d: %g B beyond the bits, oracle in (0, 64·(N + P)]" n p extra)
        let oneStep = CapacityMemory.TrialBytes(n, p, StorageRule.Hebbian, CapacityMeasure.OneStep)
        let previous = 2.0 * float n * float p + 40.0 * float n + 12.0 * float p
        require (oneStep = previous && CapacityMemory.TrialBytes(n, p, StorageRule.Hebbian) = previous) (sprintf "one-step estimate %g, oracle (previous) %g" oneStep previous)
    require (CapacityMemory.PackedBits(1000000, 100000) = 12.504e9) "N = 10⁶, α = 0.1: 1563 words per unit, 12.5 GB of bits"
    require (CapacityMemory.PackedBits(1000000, 160000) = 20.0e9) "N = 10⁶, α = 0.16: 20.0 GB of bits"
    // Per-N trials: a point needs its own N's concurrent trials.
    let settings = (fixedPoint 1 1).WithEffort([| 1000; 1000000 |], [| 20; 1 |], [| 10; 2 |])
    let big = CapacityPoint(1000000, 0.1)
    require (CapacityMemory.PointBytes(big, settings) = CapacityMemory.TrialBytes(1000000, 100000, StorageRule.Hebbian, CapacityMeasure.FixedPoint))
        "N = 10⁶ with 1 trial: one trial's bytes at once"
    let small = CapacityPoint(1000, 0.1)
    let concurrent = float (min 20 Environment.ProcessorCount)
    require (CapacityMemory.PointBytes(small, settings) = concurrent * CapacityMemory.TrialBytes(1000, 100, StorageRule.Hebbian, CapacityMeasure.FixedPoint))
        "N = 1000 with 20 trials: min(20, processors) trials at once"
    // Kept overlaps: 8 bytes per retrieval of each trial, per N.
    let sweep = CapacityMemory.SweepBytes([| small; big |], settings)
    let oracle = CapacityMemory.PointBytes(big, settings) + 8.0 * (10.0 * 20.0 + 2.0 * 1.0)
    require (sweep = oracle) (sprintf "sweep bytes %g, oracle %g" sweep oracle)

[<Fact>]
let ``budget: T less 1 GB and 10 %, never below T/2, never above the memory free now`` () =
    let t = 25275990016.0 // this project's 24 GB machine (GC TotalAvailableMemoryBytes)
    let planned = t - 1e9 - 0.1 * t
    require (abs (MemoryBudget.Budget(t, 0.0) - planned) < 1.0) (sprintf "budget %g, oracle %g" (MemoryBudget.Budget(t, 0.0)) planned)
    let fixedBytes p = CapacityMemory.TrialBytes(1000000, p, StorageRule.Hebbian, CapacityMeasure.FixedPoint)
    require (fixedBytes 160000 < planned) "N = 10⁶, α = 0.16 (20.0 GB) should fit the 24 GB machine"
    require (fixedBytes 180000 > planned) "N = 10⁶, α = 0.18 (22.5 GB) should not"
    require (2.0 * fixedBytes 100000 > planned) "two concurrent trials at N = 10⁶, α = 0.1 (25 GB) should not"
    // Small machines keep half of T; the reserve never makes the budget smaller than that.
    for total in [ 1e9; 2e9; 2.5e9; 4e9; 8e9; 16e9; 64e9; 512e9 ] do
        let b = MemoryBudget.Budget(total, 0.0)
        let oracle = max (total / 2.0) (0.9 * total - 1e9)
        require (abs (b - oracle) <= 1e-6 * total && b >= total / 2.0 && b < total) (sprintf "T = %g: budget %g, oracle %g" total b oracle)
    // Memory in use by others bounds it; unknown (0) does not.
    require (MemoryBudget.Budget(t, t - 5e9) = 5e9) "5 GB free: budget 5 GB"
    require (MemoryBudget.Budget(t, 1e9) = planned) "1 GB in use: the planned budget binds"
    require (MemoryBudget.Budget(t, t + 1.0) = 0.0) "nothing free: budget 0"
    require ((MemoryBudget.Explain(t, t - 5e9)).Contains "free on this machine now" && (MemoryBudget.Explain(t, 0.0)).Contains "less a reserve") "the message says which term bound"

[<Fact>]
let ``cost model: packed fixed-point count and per-N trials`` () =
    let point = CapacityPoint(10000, 0.1)
    let settings = fixedPoint 4 10
    let lanes = 10000.0 * 1000.0 / 8.0
    let oracle = lanes + 10.0 * (lanes + 2.0 * lanes * 5.0)
    require (CapacityCost.TrialOperations(point, settings) = oracle) (sprintf "ops %g, oracle %g" (CapacityCost.TrialOperations(point, settings)) oracle)
    let perN = (fixedPoint 1 1).WithEffort([| 1000; 10000 |], [| 7; 3 |], [| 10; 2 |])
    let points = [| CapacityPoint(1000, 0.1); point |]
    let cores t = float (max 1 (min t Environment.ProcessorCount))
    let rounds t = ceil (float t / cores t)
    let expected =
        CapacityCost.TrialOperations(points[0], fixedPoint 7 10) * rounds 7
        + CapacityCost.TrialOperations(point, fixedPoint 3 2) * rounds 3
    let seconds = CapacityCost.Seconds(points, perN, 1.0)
    require (abs (seconds - expected) <= 1e-9 * expected) (sprintf "seconds %g, oracle %g" seconds expected)
