/// End-to-end tests of `plasticity capacity`, run in-process: argument parsing, files written, exit codes,
/// the CSV's agreement with the library run it reports, and its theory columns against computations written
/// here by other paths than HopfieldTheory (MathNet binomial sums, quadrature, fixed-point iteration).
///
/// False alarms (family-wise, one CI run): none. Every check is exact (bit-identical to the library run) or a
/// numerical-accuracy bound between two deterministic computations.
module Plasticity.Properties.CapacityCliTests

open System
open System.Globalization
open System.IO
open Xunit
open MathNet.Numerics
open MathNet.Numerics.Distributions
open Plasticity.Analysis
open Plasticity.Cli.Arguments
open Plasticity.Experiments.Seeds
open Plasticity.Core.Networks.Hopfield
open Plasticity.Experiments.Capacity
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

let private readCsv (path: string) =
    let lines = File.ReadAllLines path
    let header = lines[0].Split ','
    lines[1..]
    |> Array.map (fun l ->
        let cells = l.Split ','
        Map.ofArray (Array.zip header cells))

let private num (row: Map<string, string>) key = Double.Parse(row[key], CultureInfo.InvariantCulture)

// ---------------------------------------------------------------------------------------------------------
// Independent theory: the laws the CLI reports, computed here without HopfieldTheory.
// ---------------------------------------------------------------------------------------------------------

/// Pr(B ≤ k), B ~ Binomial(M, ½), as a direct sum of MathNet binomial probabilities (log-gamma PMF, relative
/// accuracy ≈ 1e-13 per term at M ≤ 2e4; the terms are positive, so the sum keeps it).
let private binomialHalfCdfBySum (m: int) (k: int) =
    if k < 0 then 0.0 else Seq.sum (seq { for j in 0 .. min k m -> Binomial.PMF(0.5, m, j) })

/// Exact one-step error from its definition: from ξ^ν, N·h_i ξ_i^ν = (N − 1) + (2B − M), M = (N − 1)(P − 1);
/// the bit flips iff this is < 0 (a tie keeps the correct state), i.e. B < (N − 1)(P − 2)/2.
let private independentOneStepError (n: int) (p: int) =
    let m = (n - 1) * (p - 1)
    // Largest integer B with 2B < (N − 1)(P − 2).
    let bound = (n - 1) * (p - 2)
    let kmax = if bound <= 0 then -1 else (bound - 1) / 2
    binomialHalfCdfBySum m kmax

/// Exact first-step overlap from a cue with k flipped bits, from the definition: signal D = N − 2k ∓ 1 for an
/// unflipped (−) or flipped (+) bit; unflipped is wrong iff D + 2B − M < 0, flipped is wrong iff ≤ 0 (tie keeps it wrong).
let private independentFirstStepOverlap (n: int) (p: int) (k: int) =
    let m = (n - 1) * (p - 1)
    let count predicate = seq { for b in 0 .. m do if predicate b then yield Binomial.PMF(0.5, m, b) } |> Seq.sum
    let dU, dF = n - 2 * k - 1, n - 2 * k + 1
    let wrongUnflipped = count (fun b -> dU + 2 * b - m < 0)
    let wrongFlipped = count (fun b -> dF + 2 * b - m <= 0)
    (float (n - k) * (1.0 - 2.0 * wrongUnflipped) + float k * (1.0 - 2.0 * wrongFlipped)) / float n

/// Standard normal upper tail Pr(Z > t) by double-exponential quadrature of the density (no erf/erfc).
let private normalUpperTail (t: float) =
    Integrate.DoubleExponential((fun z -> exp (-z * z / 2.0) / sqrt (2.0 * Math.PI)), t, t + 40.0, 1e-15)

/// AGS retrieval overlap by plain fixed-point iteration of the three saddle-point equations
/// m = erf(m/√(2αr)), C = √(2/(παr))·exp(−m²/(2αr)), r = 1/(1 − C)², started at the pattern (m = 1, r = 1)
/// (a different root finder from HopfieldTheory's Brent solve of the reduced equation in y). Below α_c the
/// iteration contracts onto the retrieval branch; returns None if m drops below 0.5 (no retrieval state).
let private agsByIteration (alpha: float) =
    let mutable m, r = 1.0, 1.0
    for _ in 1 .. 20000 do
        let c = sqrt (2.0 / (Math.PI * alpha * r)) * exp (-m * m / (2.0 * alpha * r))
        r <- 1.0 / ((1.0 - c) * (1.0 - c))
        m <- SpecialFunctions.Erf(m / sqrt (2.0 * alpha * r))
    if m > 0.5 then Some m else None

/// Relative agreement bound between two double computations of the same law: the binomial sums and the
/// quadrature are accurate to ≈ 1e-13 relative; 1e-10 leaves three decades of margin.
let private numericalTolerance = 1e-10

let private agrees (what: string) (oracle: float) (measured: float) =
    within what "independent computation" oracle measured (numericalTolerance * max (abs oracle) 1e-300) "1e-10 relative (accuracy of the sums/quadrature)"

[<Fact>]
let ``the independent AGS iteration reproduces the published critical behaviour`` () =
    // Guards the oracle itself: at small load 1 − m ≈ √(2α/π)·e^{−1/(2α)} (m = erf(y), y → 1/√(2α)); at α = 0.05
    // the leading term is 8.10e-6 and the true value 4 % lower (next order O(α)), so 1 − m must lie within 10 %
    // of it (this rejects m = 1); retrieval at 0.137, none at 0.139 (α_c = 0.138, Amit–Gutfreund–Sompolinsky 1987).
    let leading = sqrt (0.1 / Math.PI) * exp (-10.0)
    within "AGS 1 − m(0.05)" "√(2α/π)e^{−1/(2α)}" leading (1.0 - (agsByIteration 0.05).Value) (0.1 * leading) "10 % (next order ≈ α = 5 %)"
    require ((agsByIteration 0.137).IsSome && (agsByIteration 0.139).IsNone) "AGS iteration: retrieval must exist at α = 0.137 and not at 0.139"

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
        // The CLI is a thin layer: its numbers are the library's, bit for bit (same seed → same trials), the library
        // run under the command's seed Prefix(9, [SeedPath.Capacity]) so its trials are Derive(9, [1, N, P, t]).
        let library = CapacityExperiment.Run(point, CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 3), SeedPath.CommandSeed(9UL, SeedPath.Capacity))
        Assert.Equal(library.ErrorRate, num row "error_rate")
        Assert.Equal(library.OverlapMean, num row "overlap_mean")
        // Theory columns against computations written here (not the F# functions the CLI calls).
        let p = point.P
        let error = independentOneStepError n p
        agrees (sprintf "theory_error N=%d P=%d (direct binomial sum)" n p) error (num row "theory_error")
        agrees (sprintf "theory_overlap N=%d P=%d (1 − 2·error)" n p) (1.0 - 2.0 * error) (num row "theory_overlap")
        agrees (sprintf "theory_error_gaussian N=%d P=%d (quadrature, t = (N−1)/√M)" n p)
            (normalUpperTail (float (n - 1) / sqrt (float ((n - 1) * (p - 1))))) (num row "theory_error_gaussian")
        agrees (sprintf "theory_error_large_n α=%g (quadrature, t = 1/√α)" alpha) (normalUpperTail (1.0 / sqrt alpha)) (num row "theory_error_large_n")
        Assert.True(num row "error_ci_low" <= num row "error_rate" && num row "error_rate" <= num row "error_ci_high")
    Assert.True(FileInfo(Path.Combine(dir, "capacity.png")).Length > 10_000L, "the PNG looks empty")

[<Fact>]
let ``fixed-point runs report the AGS overlap as theory and leave it empty above α_c`` () =
    let dir = tempDir ()
    let code, _, err = run [ "capacity"; "--n"; "300"; "--alpha"; "0.05,0.2"; "--trials"; "2"; "--measure"; "fixed-point"; "--cue-flip"; "0.1"; "--out"; dir ]
    Assert.True((code = 0), err)
    let rows = readCsv (Path.Combine(dir, "capacity.csv"))
    // Oracle: the saddle-point equations solved here by fixed-point iteration; the CLI uses Brent on y.
    // Iteration and Brent both converge to machine precision; 1e-12 allows the iteration's last-digit noise.
    let m = (agsByIteration 0.05).Value
    within "theory_overlap α=0.05" "AGS by fixed-point iteration" m (num rows[0] "theory_overlap") 1e-12 "1e-12 (both solvers converged)"
    within "theory_error α=0.05" "(1 − m_AGS)/2" ((1.0 - m) / 2.0) (num rows[0] "theory_error") 1e-12 "1e-12 (both solvers converged)"
    Assert.Equal("", rows[1]["theory_overlap"])
    Assert.Equal("", rows[1]["theory_error"])

[<Fact>]
let ``one-step runs from a cue report the exact first-step law and its large-N limit`` () =
    let dir = tempDir ()
    let code, _, err = run [ "capacity"; "--n"; "200"; "--alpha"; "0.1,0.15"; "--trials"; "1"; "--cue-flip"; "0.1"; "--out"; dir ]
    Assert.True((code = 0), err)
    for row in readCsv (Path.Combine(dir, "capacity.csv")) do
        let n, alpha = int row["n"], num row "alpha"
        let p = CapacityPoint(n, alpha).P
        let k = PatternOps.FlipCount(n, 0.1)
        let m1 = independentFirstStepOverlap n p k
        agrees (sprintf "theory_overlap N=%d P=%d k=%d (direct binomial sums)" n p k) m1 (num row "theory_overlap")
        agrees (sprintf "theory_error N=%d P=%d k=%d" n p k) ((1.0 - m1) / 2.0) (num row "theory_error")
        // Large-N: error = Pr(m0 + √α z < 0) = Pr(Z > m0/√α), m0 = 1 − 2k/N.
        let m0 = 1.0 - 2.0 * float k / float n
        agrees (sprintf "theory_error_large_n α=%g m0=%g (quadrature)" alpha m0) (normalUpperTail (m0 / sqrt alpha)) (num row "theory_error_large_n")
        Assert.Equal("", row["theory_error_gaussian"])

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

[<Fact>]
let ``capacity prints and writes a verdict per row: CSV columns at the end, an 80-column table, the summary line and JSON verdicts`` () =
    let dir = tempDir ()
    let out, _ = runOk [ "capacity"; "--n"; "200"; "--alpha"; "0.1,0.2"; "--trials"; "3"; "--seed"; "5"; "--out"; dir ]
    let header = (File.ReadAllLines(Path.Combine(dir, "capacity.csv"))[0]).Split ','
    // The columns before the verdicts keep their names and order (scripts read them); the new ones come last.
    let before =
        [| "n"; "alpha"; "p"; "trials"; "rule"; "measure"; "cue_flip"; "error_rate"; "error_se"; "error_ci_low"; "error_ci_high"
           "overlap_mean"; "overlap_sd"; "theory_error"; "theory_overlap"; "theory_error_gaussian"; "theory_error_large_n"; "z_score"; "nonconverged" |]
    Assert.Equal<string[]>(before, header[.. before.Length - 1])
    Assert.Equal<string[]>([| "verdict"; "tolerance"; "tolerance_kind"; "false_alarm_rate"; "tolerance_derivation" |], header[before.Length ..])
    let rows = readCsv (Path.Combine(dir, "capacity.csv"))
    for row in rows do
        Assert.Equal("PASS", row["verdict"])
        Assert.Equal("k·SE", row["tolerance_kind"])
        // 2(1 − Φ(5)), by quadrature here.
        within "false_alarm_rate" "2·Pr(Z > 5)" (2.0 * normalUpperTail 5.0) (num row "false_alarm_rate") 1e-12 "1e-12 (quadrature)"
    let lines = out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
    let first = lines |> Array.findIndex (fun l -> l.TrimStart().StartsWith "n ")
    let last = lines |> Array.findIndex (fun l -> l.Contains " rows PASS, ")
    for line in lines[first..last] do
        Assert.True(line.TrimEnd('\r').Length <= 80, sprintf "wider than 80 columns: %A" line)
    Assert.Contains(lines, fun l -> l.TrimEnd().EndsWith "verdict" && l.TrimStart().StartsWith "n ")
    Assert.Contains(lines, fun l -> l.StartsWith "2 of 2 rows PASS, 0 FAIL, 0 not a test")
    let verdicts = (json (Path.Combine(dir, "capacity.json"))).GetProperty "verdicts"
    Assert.Equal(2, verdicts.GetProperty("pass").GetInt32())
    Assert.Equal(0, verdicts.GetProperty("fail").GetInt32())
    let rowsJson = (json (Path.Combine(dir, "capacity.json"))).GetProperty "rows"
    for r in rowsJson.EnumerateArray() do
        Assert.Equal("PASS", r.GetProperty("verdict").GetString())

[<Fact>]
let ``cue runs test the first-step overlap with Student-t; Storkey rows say no theory`` () =
    let dir = tempDir ()
    runOk [ "capacity"; "--n"; "200"; "--alpha"; "0.1"; "--trials"; "4"; "--cue-flip"; "0.1"; "--out"; dir ] |> ignore
    for row in readCsv (Path.Combine(dir, "capacity.csv")) do
        Assert.Equal("PASS", row["verdict"])
        Assert.Equal("Student-t", row["tolerance_kind"])
    let st = tempDir ()
    let out, _ = runOk [ "capacity"; "--n"; "100"; "--alpha"; "0.1"; "--trials"; "2"; "--rule"; "storkey"; "--out"; st ]
    for row in readCsv (Path.Combine(st, "capacity.csv")) do
        Assert.Equal("no theory", row["verdict"])
        Assert.Equal("", row["tolerance"])
    Assert.Contains("0 of 1 rows PASS, 0 FAIL, 1 not a test", out)
