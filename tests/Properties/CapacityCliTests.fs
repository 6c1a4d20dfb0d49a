/// End-to-end tests of `plasticity capacity`, run in-process: argument parsing, files written, exit codes,
/// and the CSV's agreement with the library and theory layers it reports.
module Plasticity.Properties.CapacityCliTests

open System
open System.Globalization
open System.IO
open Xunit
open Plasticity.Analysis
open Plasticity.Cli
open Plasticity.Cli.Arguments
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Simulation.Capacity
open Plasticity.Properties.Support
open Plasticity.Properties.CliSupport

let private readCsv (path: string) =
    let lines = File.ReadAllLines path
    let header = lines[0].Split ','
    lines[1..]
    |> Array.map (fun l ->
        let cells = l.Split ','
        Map.ofArray (Array.zip header cells))

let private num (row: Map<string, string>) key = Double.Parse(row[key], CultureInfo.InvariantCulture)

[<Fact>]
let ``inclusive ranges are robust to rounding`` () =
    Assert.Equal<float list>([ 0.10; 0.12 ], InclusiveRange.Parse "0.10:0.12:0.02" |> List.ofSeq)
    let values = InclusiveRange.Parse "0.02:0.30:0.02" |> Array.ofSeq
    Assert.Equal(15, values.Length)
    Assert.Equal(0.30, values[14])
    Assert.Equal(0.14, values[6])
    Assert.Equal<float list>([ 0.05; 0.1; 0.2 ], ValueListParser.ParseDoubles "0.05,0.1,0.2" |> List.ofSeq)
    Assert.Equal<int list>([ 500; 1000; 2000 ], ValueListParser.ParseIntegers "500,1000,2000" |> List.ofSeq)

[<Fact>]
let ``capacity writes CSV, JSON, PNG and SVG whose rows equal the library run and the theory layer`` () =
    let dir = tempDir ()
    let code, _, err = run [ "capacity"; "--n"; "200,300"; "--alpha"; "0.1:0.2:0.1"; "--trials"; "3"; "--seed"; "9"; "--out"; dir ]
    Assert.True((code = 0), sprintf "exit code %d, stderr: %s" code err)
    for f in [ "capacity.csv"; "capacity.json"; "capacity.png"; "capacity.svg" ] do
        Assert.True(File.Exists(Path.Combine(dir, f)), sprintf "%s missing" f)
    let header = File.ReadAllLines(Path.Combine(dir, "capacity.csv"))[0]
    for column in [ "n"; "alpha"; "p"; "trials"; "rule"; "measure"; "error_rate"; "error_ci_low"; "error_ci_high"; "overlap_mean"; "overlap_sd"; "theory_error"; "theory_overlap" ] do
        Assert.Contains(column, header.Split ',')
    let rows = readCsv (Path.Combine(dir, "capacity.csv"))
    Assert.Equal(4, rows.Length)
    for row in rows do
        let n, alpha = int row["n"], num row "alpha"
        let point = CapacityPoint(n, alpha)
        Assert.Equal(point.P, int row["p"])
        // The CLI is a thin layer: its numbers are the library's, bit for bit (same seed → same trials).
        let library = CapacityExperiment.Run(point, CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 3), 9UL)
        Assert.Equal(library.ErrorRate, num row "error_rate")
        Assert.Equal(library.OverlapMean, num row "overlap_mean")
        Assert.Equal(HopfieldTheory.oneStepErrorExact (Neurons n) (Patterns point.P), num row "theory_error")
        Assert.Equal(HopfieldTheory.oneStepErrorLargeN alpha, num row "theory_error_large_n")
        Assert.True(num row "error_ci_low" <= num row "error_rate" && num row "error_rate" <= num row "error_ci_high")
    Assert.True(FileInfo(Path.Combine(dir, "capacity.png")).Length > 10_000L, "the PNG looks empty")

[<Fact>]
let ``fixed-point runs report the AGS overlap as theory and leave it empty above α_c`` () =
    let dir = tempDir ()
    let code, _, err = run [ "capacity"; "--n"; "300"; "--alpha"; "0.05,0.2"; "--trials"; "2"; "--measure"; "fixed-point"; "--cue-flip"; "0.1"; "--out"; dir ]
    Assert.True((code = 0), err)
    let rows = readCsv (Path.Combine(dir, "capacity.csv"))
    Assert.Equal((HopfieldTheory.agsRetrievalOverlap 0.05).Value, num rows[0] "theory_overlap")
    Assert.Equal("", rows[1]["theory_overlap"])

[<Fact>]
let ``the same command twice gives byte-identical CSV and JSON`` () =
    let a, b = tempDir (), tempDir ()
    let args dir = [ "capacity"; "--n"; "150"; "--alpha"; "0.1,0.15"; "--trials"; "4"; "--measure"; "fixed-point"; "--seed"; "3"; "--out"; dir ]
    let ca, _, _ = run (args a)
    let cb, _, _ = run (args b)
    Assert.Equal(0, ca)
    Assert.Equal(0, cb)
    Assert.Equal(File.ReadAllText(Path.Combine(a, "capacity.csv")), File.ReadAllText(Path.Combine(b, "capacity.csv")))
    // The JSON records the command line, which names the (different) output directories.
    let json (dir: string) = File.ReadAllText(Path.Combine(dir, "capacity.json")).Replace(dir, "OUT")
    Assert.Equal(json a, json b)

[<Theory>]
[<InlineData("--n", "1", "n")>]
[<InlineData("--alpha", "0", "alpha")>]
[<InlineData("--alpha", "-0.1", "alpha")>]
[<InlineData("--alpha", "0.1:0.05:x", "alpha")>]
[<InlineData("--trials", "0", "trials")>]
[<InlineData("--rule", "oja", "rule")>]
[<InlineData("--measure", "two-step", "measure")>]
[<InlineData("--cue-flip", "0.5", "cue-flip")>]
let ``bad arguments get a one-line error naming the parameter and exit code 2`` (option: string) (value: string) (name: string) =
    let code, _, err = run [ "capacity"; option; value; "--out"; tempDir () ]
    Assert.Equal(2, code)
    let lines = err.Trim().Split('\n')
    Assert.True(lines.Length = 1, sprintf "expected one line, got: %s" err)
    Assert.Contains(name, lines[0])

[<Fact>]
let ``an unwritable output directory is a usage error with exit code 2`` () =
    let file = Path.Combine(tempDir (), "not-a-directory")
    File.WriteAllText(file, "x")
    let code, _, err = run [ "capacity"; "--n"; "50"; "--alpha"; "0.1"; "--trials"; "1"; "--out"; Path.Combine(file, "sub") ]
    Assert.Equal(2, code)
    Assert.Equal(1, err.Trim().Split('\n').Length)
    Assert.Contains("out", err)
