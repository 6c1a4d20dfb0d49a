/// Acceptance tests of the capacity sweep's crash safety and scale-out through the CLI: kill -9 of a real
/// `plasticity capacity` process then `--resume`, shards 1/3 + 2/3 + 3/3 merged by `plasticity merge`, `--shard auto`
/// in a child process that sees a Kubernetes Indexed Job's variables, and the one-line refusals.
///
/// False alarms (family-wise, one CI run): none; every check is byte equality of files, exact counts, or exit codes.
/// The kill test needs the process to be killed between its first stored point and its end: it waits for the
/// "point 1/6 stored" line and kills at once, while the five remaining points take about 0.6 s on an idle
/// 2-core machine (N = 600, P = 60…210; scaled from 1.9 s measured for the same grid at N = 1000), against a kill
/// latency of milliseconds; a process that finished first would fail the stored-count check loudly, not pass silently.
module Plasticity.Properties.ResumeShardTests

open System
open System.Diagnostics
open System.IO
open System.Text.RegularExpressions
open Xunit
open Plasticity.Experiments.Results
open Plasticity.Experiments.Sweeps
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

/// The built CLI next to the test assembly (the test project references the CLI project), else its own bin folder.
let private cliDll () =
    let candidates =
        [ Path.Combine(AppContext.BaseDirectory, "plasticity.dll")
          Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Cli", "bin", "Release", "net10.0", "plasticity.dll")) ]
    match candidates |> List.tryFind File.Exists with
    | Some path -> path
    | None -> failwithf "plasticity.dll not found (looked in %A)" candidates

/// The dotnet host running the tests (dotnet test sets DOTNET_HOST_PATH), else `dotnet` from PATH.
let private dotnetHost () =
    match Environment.GetEnvironmentVariable "DOTNET_HOST_PATH" with
    | null | "" -> "dotnet"
    | path -> path

let private startCli (args: string list) (environment: (string * string) list) =
    let info = ProcessStartInfo(dotnetHost (), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
    info.ArgumentList.Add(cliDll ())
    for a in args do info.ArgumentList.Add a
    for name, value in environment do info.Environment[name] <- value
    match Process.Start info with
    | null -> failwith "the CLI process did not start"
    | p -> p

let private bytes (dir: string) (file: string) = File.ReadAllBytes(Path.Combine(dir, file))

let private sameOutputs (what: string) (expected: string) (actual: string) =
    for file in [ "capacity.csv"; "capacity.json" ] do
        require (bytes expected file = bytes actual file) (sprintf "%s: %s differs from the uninterrupted run's (%s vs %s)" what file expected actual)

let private counts (stdout: string) =
    let m = Regex.Match(stdout, @"capacity: (\d+) point\(s\) computed, (\d+) reused")
    require m.Success (sprintf "no computed/reused line in: %s" stdout)
    int m.Groups[1].Value, int m.Groups[2].Value

// Six points of growing cost (one-step Hebbian work ∝ N·P² per trial).
let private killSweep = [ "capacity"; "--n"; "600"; "--alpha"; "0.1:0.35:0.05"; "--trials"; "2"; "--seed"; "77" ]

[<Fact>]
let ``kill -9 during a capacity sweep, then --resume: CSV and JSON byte-identical to an uninterrupted run, stored points not recomputed`` () =
    let clock = Stopwatch.StartNew()
    let reference = tempDir ()
    let refOut, _ = runOk (killSweep @ [ "--out"; reference ])
    Assert.Equal((6, 0), counts refOut)
    let dir = tempDir ()
    use child = startCli (killSweep @ [ "--out"; dir ]) []
    let rec waitForStoredPoint () =
        match child.StandardOutput.ReadLine() with
        | null -> failwithf "the child ended without storing a point (stderr: %s)" (child.StandardError.ReadToEnd())
        | line when line.Contains "stored:" -> ()
        | _ -> waitForStoredPoint ()
    waitForStoredPoint ()
    child.Kill() // SIGKILL on Unix: no clean-up code runs
    child.WaitForExit()
    let killedAt = clock.Elapsed.TotalSeconds
    require (child.ExitCode <> 0) "the child finished before it was killed"
    let store = Path.Combine(dir, "capacity.sqlite")
    let before =
        use s = ResultStore.OpenExisting store
        s.Points |> Seq.map (fun r -> r.Index, r.FinishedUtc, r.Result) |> List.ofSeq
    require (before.Length >= 1 && before.Length < 6) (sprintf "oracle 1 ≤ stored points < 6 after the kill, measured %d" before.Length)
    require (not (File.Exists(Path.Combine(dir, "capacity.csv")))) "a CSV exists although the sweep never finished"
    let out, _ = runOk (killSweep @ [ "--out"; dir; "--resume" ])
    let computed, reused = counts out
    require ((computed, reused) = (6 - before.Length, before.Length)) (sprintf "oracle %d computed and %d reused, measured %d and %d" (6 - before.Length) before.Length computed reused)
    sameOutputs "killed and resumed" reference dir
    use s = ResultStore.OpenExisting store
    for index, finished, result in before do
        require (s.Finished[index].FinishedUtc = finished && s.Finished[index].Result = result) (sprintf "point %d was rewritten by the resumed run" index)
    printfn "kill/resume test: killed after %.2f s with %d of 6 points stored; whole test %.2f s" killedAt before.Length clock.Elapsed.TotalSeconds

[<Fact>]
let ``shards 1/3, 2/3 and 3/3 merged are byte-identical to the unsharded run; resuming the merged store computes nothing`` () =
    let sweep = [ "capacity"; "--n"; "120,150"; "--alpha"; "0.05,0.1,0.15,0.2"; "--trials"; "3"; "--measure"; "fixed-point"; "--cue-flip"; "0.1"; "--seed"; "4" ]
    let reference = tempDir ()
    runOk (sweep @ [ "--out"; reference ]) |> ignore
    let shards = tempDir ()
    for k in [ 3; 1; 2 ] do
        let out, _ = runOk (sweep @ [ "--out"; shards; "--shard"; sprintf "%d/3" k ])
        require (not (File.Exists(Path.Combine(shards, "capacity.csv")))) "a shard wrote a CSV of a part of the sweep"
        require (out.Contains(sprintf "shard %d/3 complete" k)) out
    let merged = tempDir ()
    let stores = [ for k in 1 .. 3 -> Path.Combine(shards, sprintf "capacity-shard-%d-of-3.sqlite" k) ]
    runOk ([ "merge"; "--out"; merged ] @ stores) |> ignore
    sameOutputs "merged shards" reference merged
    let out, _ = runOk (sweep @ [ "--out"; merged; "--resume" ])
    Assert.Equal((0, 8), counts out)
    sameOutputs "merged store resumed" reference merged

[<Fact>]
let ``--shard auto in a process with JOB_COMPLETION_INDEX and JOB_COMPLETIONS runs that shard`` () =
    let dir = tempDir ()
    use child = startCli [ "capacity"; "--n"; "60"; "--alpha"; "0.1,0.2,0.3"; "--trials"; "1"; "--shard"; "auto"; "--out"; dir ] [ "JOB_COMPLETION_INDEX", "1"; "JOB_COMPLETIONS", "2" ]
    let out = child.StandardOutput.ReadToEnd()
    child.WaitForExit()
    require (child.ExitCode = 0) (sprintf "exit code %d: %s %s" child.ExitCode out (child.StandardError.ReadToEnd()))
    use s = ResultStore.OpenExisting(Path.Combine(dir, "capacity-shard-2-of-2.sqlite"))
    Assert.Equal(ShardSpec(2, 2), s.Metadata.Shard)
    // Shard 2/2 of three points is point 1 (index mod 2 = 1).
    Assert.Equal<int list>([ 1 ], s.Points |> Seq.map (fun r -> r.Index) |> List.ofSeq)

[<Fact>]
let ``a store of other settings, a duplicate shard and a missing shard are one-line usage errors`` () =
    let dir = tempDir ()
    let points seed = [ "capacity"; "--n"; "60"; "--alpha"; "0.1,0.2"; "--trials"; "1"; "--seed"; seed ]
    let sweep seed = points seed @ [ "--out"; dir ]
    runOk (sweep "1") |> ignore
    usageError (sweep "2" @ [ "--resume" ]) [ "--results"; "seed (stored 1, requested 2)" ]
    usageError ([ "capacity"; "--n"; "60"; "--alpha"; "0.1,0.2"; "--trials"; "2"; "--seed"; "1"; "--out"; dir; "--resume" ]) [ "--results"; "settings" ]
    usageError ([ "capacity"; "--shard"; "4/3"; "--out"; dir ]) [ "--shard"; "4/3" ]
    usageError ([ "capacity"; "--alpha"; "0.1,0.1"; "--out"; dir ]) [ "--alpha"; "twice" ]
    let shards = tempDir ()
    for k in 1 .. 2 do runOk (points "1" @ [ "--shard"; sprintf "%d/2" k; "--out"; shards ]) |> ignore
    let one = Path.Combine(shards, "capacity-shard-1-of-2.sqlite")
    usageError [ "merge"; "--out"; tempDir (); one; one ] [ "merge"; "both shard 1/2" ]
    usageError [ "merge"; "--out"; tempDir (); one ] [ "merge"; "shard 2/2 is missing" ]
    usageError [ "merge"; "--out"; tempDir (); Path.Combine(shards, "nothing.sqlite") ] [ "merge"; "does not exist" ]
