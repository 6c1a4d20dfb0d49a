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
