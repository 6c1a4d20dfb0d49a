/// End-to-end tests of `plasticity bench`, run in-process: bench.json holds the machine facts and every benchmark with
/// positive finite timings, the checksums are seed-deterministic (equal for equal seeds, different for a different
/// seed), and bad options give one line and exit code 2. Timings are never asserted (speed is measured, not tested).
module Plasticity.Properties.BenchCliTests

open System
open System.IO
open System.Text.Json
open Xunit
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

/// The benchmarks of --quick, written out independently of BenchSuite (the oracle of "every benchmark present").
let private quickNames =
    [ "hopfield.capacity.one-step"
      "hopfield.capacity.fixed-point"
      "hopfield.fields.n1000"
      "rate.oja"
      "rate.gha"
      "spiking.song-miller-abbott"
      "spiking.stdp-post-spike" ]

/// Runs `bench --quick --repeat 1 --seed seed` and returns bench.json's root.
let private quickRun (seed: int) =
    let dir = tempDir ()
    let out, _ = runOk [ "bench"; "--quick"; "--repeat"; "1"; "--seed"; string seed; "--out"; dir ]
    // The warm-up caveat, written out (README "Spiking and STDP"), two lines within 80 columns.
    let lines = out.Split('\n') |> Array.map (fun l -> l.TrimEnd('\r'))
    for caveat in [ "note: --quick throughputs are warm-up dominated (small sizes, 0.25 s warm-up,"
                    "3 repetitions); run bench without --quick for the numbers of docs/performance.md" ] do
        require (Array.contains caveat lines && caveat.Length <= 80) (sprintf "bench --quick must print the caveat line %A: %s" caveat out)
    let file = Path.Combine(dir, "bench.json")
    require (File.Exists file) (sprintf "bench.json: oracle the file exists in %s, measured missing" dir)
    json file

let private benchmarks (root: JsonElement) =
    [ for b in root.GetProperty("benchmarks").EnumerateArray() -> string (b.GetProperty("name").GetString()), b ]

let private checksums (root: JsonElement) =
    benchmarks root |> List.map (fun (name, b) -> name, b.GetProperty("checksum").GetDouble())

[<Fact>]
let ``bench --quick --repeat 1 writes every benchmark with positive finite timings, machine facts, and seed-deterministic checksums`` () =
    let first = quickRun 1
    let machine = first.GetProperty("machine")
    require (machine.GetProperty("processor_count").GetInt32() = Environment.ProcessorCount)
        (sprintf "machine.processor_count: oracle %d, measured %d" Environment.ProcessorCount (machine.GetProperty("processor_count").GetInt32()))
    for flag in [ "vector256_hardware_accelerated"; "vector512_hardware_accelerated" ] do
        let kind = machine.GetProperty(flag).ValueKind
        require (kind = JsonValueKind.True || kind = JsonValueKind.False) (sprintf "machine.%s: oracle a boolean, measured %A" flag kind)
    for key in [ "os"; "dotnet" ] do
        require ((string (machine.GetProperty(key).GetString())).Length > 0) (sprintf "machine.%s: oracle non-empty text, measured empty" key)
    let present = benchmarks first
    require (List.map fst present = quickNames) (sprintf "benchmark names: oracle %A, measured %A" quickNames (List.map fst present))
    for name, b in present do
        require (b.GetProperty("repetitions").GetInt32() = 1) (sprintf "%s repetitions: oracle 1, measured %d" name (b.GetProperty("repetitions").GetInt32()))
        require (b.GetProperty("sizes").EnumerateObject() |> Seq.isEmpty |> not) (sprintf "%s: oracle at least one size parameter, measured none" name)
        for key in [ "median_seconds"; "min_seconds"; "throughput"; "median_seconds_per_unit"; "work" ] do
            let v = b.GetProperty(key)
            require (v.ValueKind = JsonValueKind.Number) (sprintf "%s.%s: oracle a number, measured %A" name key v.ValueKind)
            let x = v.GetDouble()
            require (Double.IsFinite x && x > 0.0) (sprintf "%s.%s: oracle finite and > 0, measured %g" name key x)
        // One repetition: the median and the minimum are that repetition's time.
        let median, least = b.GetProperty("median_seconds").GetDouble(), b.GetProperty("min_seconds").GetDouble()
        require (median = least) (sprintf "%s: oracle median = min with one repetition, measured %g vs %g" name median least)
        require ((string (b.GetProperty("throughput_unit").GetString())).EndsWith("/s")) (sprintf "%s: throughput_unit should end in /s" name)
        let c = b.GetProperty("checksum")
        require (c.ValueKind = JsonValueKind.Number && Double.IsFinite(c.GetDouble())) (sprintf "%s.checksum: oracle a finite number, measured %A" name c)
    let again = checksums (quickRun 1)
    require (checksums first = again) (sprintf "checksums with seed 1: oracle equal across runs %A, measured %A" (checksums first) again)
    // Guard against a checksum that ignores the work: each one must depend on the seed.
    let other = checksums (quickRun 2)
    for (name, a), (_, b) in List.zip (checksums first) other do
        require (a <> b) (sprintf "%s checksum: oracle differs between seeds 1 and 2, measured %.17g for both" name a)

[<Fact>]
let ``bench: bad options print one line naming the option and its range, exit 2`` () =
    let dir = tempDir ()
    usageError [ "bench"; "--repeat"; "0"; "--out"; dir ] [ "--repeat"; "[1, 100]" ]
    usageError [ "bench"; "--repeat"; "many"; "--out"; dir ] [ "--repeat"; "[1, 100]" ]
    usageError [ "bench"; "--quick"; "--repeat"; "101"; "--out"; dir ] [ "--repeat"; "[1, 100]" ]
    usageError [ "bench"; "--seed"; "-1"; "--out"; dir ] [ "--seed" ]
    let file = Path.Combine(dir, "a-file")
    File.WriteAllText(file, "x")
    usageError [ "bench"; "--quick"; "--out"; file ] [ "--out"; "directory" ]
    usageError [ "bench"; "--out"; "" ] [ "--out" ]
    usageError [ "bench"; "--bogus" ] [ "--bogus" ]

// ---- Issue 11 targets, machine limits, peers and scaling (added; the tests above are unchanged). ----

/// The targets of `bench --quick` (targets 1, 2, 4, 5 at tiny sizes; 3 only when asked; 6 is the limits object),
/// written out independently of TargetSuite.
let private quickTargets =
    [ 1, "capacity.one-step-sweep"
      2, "hopfield.fixed-point.n2000"
      4, "rate.oja.epoch"
      4, "rate.gha.epoch"
      5, "spiking.song-miller-abbott" ]

let private targetsOf (root: JsonElement) =
    [ for t in root.GetProperty("targets").EnumerateArray() -> t.GetProperty("target").GetInt32(), string (t.GetProperty("name").GetString()), t ]

let private positive (what: string) (v: JsonElement) =
    require (v.ValueKind = JsonValueKind.Number) (sprintf "%s: oracle a number, measured %A" what v.ValueKind)
    let x = v.GetDouble()
    require (Double.IsFinite x && x > 0.0) (sprintf "%s: oracle finite and > 0, measured %g" what x)
    x

[<Fact>]
let ``bench --quick --target 1,2,4,5,6 runs every target at tiny sizes with times, throughputs, limit fractions and the limits`` () =
    let dir = tempDir ()
    let out, _ = runOk [ "bench"; "--quick"; "--target"; "1,2,4,5,6"; "--seed"; "3"; "--out"; dir ]
    let root = json (Path.Combine(dir, "bench.json"))
    // --target runs the targets only: no hot-path benchmarks.
    require (root.GetProperty("benchmarks").GetArrayLength() = 0) "with --target, bench.json holds no hot-path benchmarks"
    require (root.GetProperty("scale").GetString() = "quick") (sprintf "scale: oracle quick, measured %s" (root.GetProperty("scale").GetString()))
    let present = targetsOf root
    require ([ for k, n, _ in present -> k, n ] = quickTargets) (sprintf "targets: oracle %A, measured %A" quickTargets [ for k, n, _ in present -> k, n ])
    for k, name, t in present do
        require (t.GetProperty("ran").GetBoolean()) (sprintf "target %d %s: oracle ran, measured not run (%s)" k name (t.GetProperty("refusal").ToString()))
        let median = positive (sprintf "%s.median_seconds" name) (t.GetProperty("median_seconds"))
        let work = positive (sprintf "%s.work" name) (t.GetProperty("work"))
        let throughput = positive (sprintf "%s.throughput" name) (t.GetProperty("throughput"))
        // Oracle: throughput is work / median, the definition in the table.
        require (abs (throughput - work / median) <= 1e-9 * throughput) (sprintf "%s: throughput %g, work/median %g" name throughput (work / median))
        require (Double.IsFinite(t.GetProperty("checksum").GetDouble())) (sprintf "%s: checksum finite" name)
        // Every dense or bit-packed target (all but the event-driven SMA run) states its model and its fraction.
        if k <> 5 then
            require ((string (t.GetProperty("limit_model").GetString())).Length > 0) (sprintf "%s: oracle a stated bytes/ops model" name)
            let f = positive (sprintf "%s.limit_fraction" name) (t.GetProperty("limit_fraction"))
            let amount = positive (sprintf "%s.model_amount" name) (t.GetProperty("model_amount"))
            ignore amount
            require (f < 100.0) (sprintf "%s: limit fraction %g is implausible" name f)
    let limits = root.GetProperty("limits")
    for key in [ "read_bytes_per_second"; "read_bytes_per_second_all_cores"; "popcount_words_per_second"; "popcount_words_per_second_all_cores" ] do
        positive (sprintf "limits.%s" key) (limits.GetProperty(key)) |> ignore
    require (limits.GetProperty("read_buffer_bytes").GetInt64() = (64L <<< 20)) "limits.read_buffer_bytes: oracle 64 MiB with --quick"
    // The fraction of a read-bandwidth target is model_amount / median / limit (target 4 runs on one core).
    let _, _, oja = present |> List.find (fun (_, n, _) -> n = "rate.oja.epoch")
    let expected = oja.GetProperty("model_amount").GetDouble() / oja.GetProperty("median_seconds").GetDouble() / limits.GetProperty("read_bytes_per_second").GetDouble()
    let measured = oja.GetProperty("limit_fraction").GetDouble()
    require (abs (measured - expected) <= 1e-9 * expected) (sprintf "rate.oja.epoch limit_fraction: oracle %g, measured %g" expected measured)
    // Model amount of target 4: samples·d·8 bytes (2000 samples of d = 49 with --quick).
    require (oja.GetProperty("model_amount").GetDouble() = 2000.0 * 49.0 * 8.0) "rate.oja.epoch model_amount: oracle 2000·49·8 bytes"
    let lines = out.Split('\n') |> Array.map (fun l -> l.TrimEnd('\r'))
    for header in [ "target"; "time s"; "throughput"; "peer s"; "ratio"; "of limit" ] do
        require (lines |> Array.exists (fun l -> l.Contains header)) (sprintf "table header %s missing: %s" header out)
    for name in [ "limit.read"; "limit.popcount" ] do
        require (lines |> Array.exists (fun l -> l.Contains name)) (sprintf "table row %s missing: %s" name out)
    for line in lines do
        require (line.Length <= 80) (sprintf "table line of %d columns: %s" line.Length line)
    require (lines |> Array.exists (fun l -> l.Contains "m = ")) (sprintf "the fixed-point target reports its final overlap: %s" out)

[<Fact>]
let ``bench --target 4 is seed-deterministic and --peers shows the peer's whole-process figure and ratio`` () =
    let dir = tempDir ()
    let peers = Path.Combine(dir, "peers.json")
    File.WriteAllText(peers, """{"timed": "whole process, median of 3", "peers": [{"target": 4, "peer": "test peer", "peer_seconds": 3.0, "toolkit_seconds": 0.25, "ratio": 12.0, "runs": 3}]}""")
    let checksums seed (extra: string list) =
        let out = Path.Combine(dir, sprintf "o%d" seed)
        let text, _ = runOk ([ "bench"; "--scale"; "quick"; "--target"; "4"; "--seed"; string seed; "--out"; out ] @ extra)
        let root = json (Path.Combine(out, "bench.json"))
        text, root, [ for _, n, t in targetsOf root -> n, t.GetProperty("checksum").GetDouble() ]
    let text, root, first = checksums 5 [ "--peers"; peers ]
    let _, _, again = checksums 5 []
    let _, _, other = checksums 6 []
    require (first = again) (sprintf "target 4 checksums, seed 5: oracle equal across runs %A, measured %A" first again)
    for (name, a), (_, b) in List.zip first other do
        require (a <> b) (sprintf "%s checksum: oracle differs between seeds 5 and 6, measured %.17g for both" name a)
    // Only target 4 ran (no limits object without 6), and it carries the peer figures: ratio = 3.0 / 0.25.
    require (root.GetProperty("limits").ValueKind = JsonValueKind.Null) "limits: oracle null without target 6"
    for _, name, t in targetsOf root do
        require (t.GetProperty("peer").GetString() = "test peer") (sprintf "%s: peer name from the file" name)
        require (t.GetProperty("peer_seconds").GetDouble() = 3.0) (sprintf "%s: peer_seconds from the file" name)
        require (t.GetProperty("peer_ratio").GetDouble() = 12.0) (sprintf "%s: peer_ratio oracle 3.0/0.25 = 12" name)
        // Without limits there is no fraction.
        require (t.GetProperty("limit_fraction").ValueKind = JsonValueKind.Null) (sprintf "%s: no limit fraction without target 6" name)
    require (text.Contains "12x") (sprintf "the table shows the ratio 12x: %s" text)

[<Fact>]
let ``bench --scaling --quick times each workload at four or more sizes and fits a finite exponent`` () =
    // Oracle of the fit: an exact power law t = 3 s^2 has exponent 2.
    let exact = Plasticity.Cli.Bench.ScalingSuite.Exponent([| 1.0; 2.0; 4.0; 8.0 |], [| 3.0; 12.0; 48.0; 192.0 |])
    require (abs (exact - 2.0) < 1e-12) (sprintf "Exponent of t = 3 s^2: oracle 2, measured %.17g" exact)
    let dir = tempDir ()
    let out, _ = runOk [ "bench"; "--quick"; "--scaling"; "--out"; dir ]
    let root = json (Path.Combine(dir, "bench.json"))
    let scaling = [ for w in root.GetProperty("scaling").EnumerateArray() -> w ]
    require (scaling.Length >= 5) (sprintf "scaling: oracle at least 5 workloads, measured %d" scaling.Length)
    for w in scaling do
        let name = string (w.GetProperty("name").GetString())
        let sizes = [ for s in w.GetProperty("sizes").EnumerateArray() -> s.GetDouble() ]
        let seconds = [ for s in w.GetProperty("seconds").EnumerateArray() -> s.GetDouble() ]
        require (sizes.Length >= 4 && seconds.Length = sizes.Length) (sprintf "%s: oracle ≥ 4 sizes with one time each, measured %d and %d" name sizes.Length seconds.Length)
        require (List.pairwise sizes |> List.forall (fun (a, b) -> a < b)) (sprintf "%s: sizes increasing %A" name sizes)
        for s in seconds do
            require (Double.IsFinite s && s > 0.0) (sprintf "%s: time %g" name s)
        // The reported exponent is the fit of the reported times.
        let refit = Plasticity.Cli.Bench.ScalingSuite.Exponent(Array.ofList sizes, Array.ofList seconds)
        require (w.GetProperty("exponent").GetDouble() = refit) (sprintf "%s: exponent %g, refit %g" name (w.GetProperty("exponent").GetDouble()) refit)
    require (out.Contains "exponent") (sprintf "the scaling table has an exponent column: %s" out)

[<Fact>]
let ``bench: bad --target, --scale and --peers print one line and exit 2`` () =
    let dir = tempDir ()
    usageError [ "bench"; "--target"; "0"; "--out"; dir ] [ "--target" ]
    usageError [ "bench"; "--target"; "7"; "--out"; dir ] [ "--target" ]
    usageError [ "bench"; "--target"; "x"; "--out"; dir ] [ "--target" ]
    usageError [ "bench"; "--target"; "1,1"; "--out"; dir ] [ "--target"; "twice" ]
    usageError [ "bench"; "--scale"; "huge"; "--out"; dir ] [ "--scale"; "quick" ]
    usageError [ "bench"; "--quick"; "--peers"; Path.Combine(dir, "missing.json"); "--out"; dir ] [ "--peers" ]
    let bad = Path.Combine(dir, "bad.json")
    File.WriteAllText(bad, "{\"peers\": [{\"target\": 9, \"peer\": \"x\", \"peer_seconds\": 1, \"toolkit_seconds\": 1}]}")
    usageError [ "bench"; "--quick"; "--peers"; bad; "--out"; dir ] [ "--peers"; "target 9" ]
    File.WriteAllText(bad, "not json")
    usageError [ "bench"; "--quick"; "--peers"; bad; "--out"; dir ] [ "--peers" ]
