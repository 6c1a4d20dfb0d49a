/// End-to-end tests of `plasticity learn`, `plasticity eigen` and `plasticity generate`, run in-process: the Oja
/// reproduction of a plain loop, one-line errors with exit code 2, output files, determinism, reported divergence, the
/// eigen file against HebbianTheory, and the issue's acceptance run (20-d Gaussian, 10 % eigengap).
module Plasticity.Properties.LearnCliTests

open System
open System.Globalization
open System.IO
open System.Text.Json
open Xunit
open Plasticity.Analysis
open Plasticity.Cli
open Plasticity.Core.Simulation.Data
open Plasticity.Properties.Support
open Plasticity.Properties.CliSupport

let private writeLines (path: string) (lines: string list) = File.WriteAllText(path, String.Join("\n", lines) + "\n")

/// A small seeded Gaussian sample file (n × d) with a known spectrum, and its rows.
let private smallData (dir: string) (n: int) (d: int) (seed: uint64) =
    let drawn = DataSources.GaussianWithSpectrum(DataSources.EigengapSpectrum(d, 0.3), n, rng seed)
    let path = Path.Combine(dir, "x.csv")
    CsvDataset.Write(path, drawn.Data)
    path, Array.init n (fun k -> drawn.Data.Sample(k).ToArray())

let private vector (e: JsonElement) = [| for v in e.EnumerateArray() -> v.GetDouble() |]

let private absCos (a: float[]) (b: float[]) =
    abs (Array.fold2 (fun s x y -> s + x * y) 0.0 a b) / sqrt (Array.sumBy (fun x -> x * x) a) / sqrt (Array.sumBy (fun x -> x * x) b)

[<Fact>]
let ``online cyclic Oja from --init reproduces the plain double loop y = w·x; w += η·y·(x − y·w) to 1e-12`` () =
    let dir = tempDir ()
    let data, rows = smallData dir 40 5 11UL
    let w0 = [| 0.3; -0.2; 0.5; 0.1; -0.4 |]
    let init = Path.Combine(dir, "w0.csv")
    CsvDataset.WriteRows(init, [| w0 |])
    let eta, epochs = 0.02, 25
    let out = Path.Combine(dir, "oja")
    let code, _, err =
        run [ "learn"; "--rule"; "oja"; "--data"; data; "--init"; init; "--order"; "cyclic"; "--eta"; "0.02"; "--epochs"; string epochs; "--out"; out ]
    require (code = 0) (sprintf "exit code %d: %s" code err)
    let w = Array.copy w0
    for _ in 1..epochs do
        for x in rows do
            let y = Array.fold2 (fun s a b -> s + a * b) 0.0 w x
            for j in 0 .. w.Length - 1 do
                w[j] <- w[j] + eta * y * (x[j] - y * w[j])
    let measured = (CsvDataset.ReadRows(Path.Combine(out, "weights.csv")))[0]
    // The CLI's kernel evaluates x·(ηy) − w·(ηαy²) and a vectorised dot product, the loop η·y·(x − y·w): the
    // same mathematics in a different operation order, so each of the 1000 contracting steps differs by a few u·|w|;
    // the issue asks for ~1e-12 (about 10^4 u).
    for j in 0 .. w.Length - 1 do
        within (sprintf "w[%d] after %d cyclic steps" j (epochs * rows.Length)) "plain F# loop" w[j] measured[j] 1e-12 "issue's reproduction bound (≈ 10^4 unit roundoffs over 1000 steps)"

[<Fact>]
let ``bad data files exit with 2 and one line naming the file and the row`` () =
    let dir = tempDir ()
    let file name (lines: string list) =
        let p = Path.Combine(dir, name)
        writeLines p lines
        p
    let missing = Path.Combine(dir, "missing.csv")
    usageError [ "learn"; "--rule"; "oja"; "--data"; missing; "--out"; dir ] [ "missing.csv"; "not found" ]
    let ragged = file "ragged.csv" [ "1,2,3"; "4,5,6"; "7,8" ]
    usageError [ "learn"; "--rule"; "oja"; "--data"; ragged; "--out"; dir ] [ "ragged.csv"; "row 3" ]
    let text = file "text.csv" [ "a,b"; "1,2"; "3,x" ]
    usageError [ "learn"; "--rule"; "oja"; "--data"; text; "--out"; dir ] [ "text.csv"; "row 3"; "\"x\"" ]
    let one = file "one.csv" [ "1,2" ]
    usageError [ "learn"; "--rule"; "oja"; "--data"; one; "--out"; dir ] [ "one.csv"; "at least 2" ]
    let nan = file "nan.csv" [ "1,2"; "NaN,3"; "4,5" ]
    usageError [ "learn"; "--rule"; "oja"; "--data"; nan; "--out"; dir ] [ "nan.csv"; "row 2" ]
    usageError [ "eigen"; "--data"; ragged; "--out"; dir ] [ "ragged.csv"; "row 3" ]
    // A typo in the first data row is a bad cell, not a header (a header has no numeric cell).
    let typo = file "typo.csv" [ "1,2x"; "3,4.5"; "-1,0.5" ]
    usageError [ "learn"; "--rule"; "oja"; "--data"; typo; "--out"; dir ] [ "typo.csv"; "row 1"; "\"2x\"" ]

[<Fact>]
let ``bad options exit with 2 and one line naming the option and its allowed range`` () =
    let dir = tempDir ()
    let data, _ = smallData dir 20 3 3UL
    let learn extra = [ "learn"; "--rule"; "oja"; "--data"; data; "--out"; dir ] @ extra
    usageError (learn [ "--eta"; "-1" ]) [ "--eta"; "> 0" ]
    usageError (learn [ "--epochs"; "0" ]) [ "--epochs"; "[1," ]
    usageError [ "learn"; "--rule"; "nope"; "--data"; data; "--out"; dir ] [ "--rule"; "oja"; "gha"; "competitive" ]
    usageError (learn [ "--order"; "sideways" ]) [ "--order"; "cyclic|shuffled" ]
    usageError (learn [ "--mode"; "fast" ]) [ "--mode"; "online|minibatch|averaged" ]
    usageError (learn [ "--mode"; "averaged"; "--order"; "sampled" ]) [ "--order"; "averaged" ]
    usageError [ "learn"; "--rule"; "taylor"; "--taylor"; "1,2,3"; "--data"; data; "--out"; dir ] [ "--taylor"; "6" ]
    usageError [ "learn"; "--rule"; "competitive"; "--eta"; "2"; "--data"; data; "--out"; dir ] [ "--eta"; "(0, 1]" ]
    usageError (learn [ "--alpha"; "0" ]) [ "--alpha" ]
    usageError (learn [ "--seed"; "-3" ]) [ "--seed" ]
    usageError [ "learn"; "--rule"; "bcm"; "--data"; data; "--out"; dir; "--eta-theta"; "2" ] [ "--eta-theta"; "(0, 1]" ]
    usageError [ "learn"; "--rule"; "gha"; "--outputs"; "4"; "--data"; data; "--out"; dir ] [ "--outputs"; "[1, 3]" ]
    let init = Path.Combine(dir, "w0.csv")
    CsvDataset.WriteRows(init, [| [| 1.0; 2.0 |] |])
    usageError (learn [ "--init"; init ]) [ "--init"; "of 3 values"; "got 1 row(s) of 2" ]
    usageError [ "eigen"; "--data"; data; "--out"; dir; "--outputs"; "9" ] [ "--outputs"; "[1, 3]" ]
    usageError [ "generate"; "gaussian"; "--eigengap"; "1.5"; "--out"; Path.Combine(dir, "g.csv") ] [ "--eigengap"; "(0, 1)" ]

[<Fact>]
let ``learn writes weights, trajectory, summary and plot; the files parse, weights round-trip, and the same seed gives the same bytes`` () =
    let dir = tempDir ()
    let data, rows = smallData dir 200 4 5UL
    let out = Path.Combine(dir, "gha")
    let args = [ "learn"; "--rule"; "gha"; "--outputs"; "2"; "--data"; data; "--eta"; "0.01"; "--epochs"; "5"; "--seed"; "7"; "--out"; out ]
    let code, stdout, err = run args
    require (code = 0) (sprintf "exit code %d: %s" code err)
    for f in [ "weights.csv"; "trajectory.csv"; "summary.json"; "convergence.png"; "convergence.svg" ] do
        require (File.Exists(Path.Combine(out, f))) (sprintf "%s missing; stdout: %s" f stdout)
    let weightsText = File.ReadAllText(Path.Combine(out, "weights.csv"))
    let weights = CsvDataset.ReadRows(Path.Combine(out, "weights.csv"))
    require (weights.Length = 2 && weights[0].Length = 4) (sprintf "weights shape %dx%d, oracle 2x4" weights.Length weights[0].Length)
    // Round trip: writing the parsed doubles again in the round-trip format gives the file back byte for byte.
    let again = Path.Combine(dir, "again.csv")
    CsvDataset.WriteRows(again, weights)
    Assert.Equal(weightsText, File.ReadAllText again)
    let trajectory = File.ReadAllLines(Path.Combine(out, "trajectory.csv"))
    Assert.Equal("step,norm_1,cos_1_e1,cos_1_e2,cos_1_e3,norm_2,cos_2_e1,cos_2_e2,cos_2_e3", trajectory[0])
    Assert.Equal("1000", trajectory[trajectory.Length - 1].Split(',')[0])
    let s = json (Path.Combine(out, "summary.json"))
    Assert.Equal(1, s.GetProperty("schema_version").GetInt32())
    Assert.Equal("learn", s.GetProperty("command").GetString())
    Assert.Equal("gha", s.GetProperty("rule").GetProperty("name").GetString())
    Assert.Equal(200, s.GetProperty("data").GetProperty("samples").GetInt32())
    Assert.Equal(4, s.GetProperty("data").GetProperty("dimension").GetInt32())
    Assert.False(s.GetProperty("data").GetProperty("centered").GetBoolean())
    Assert.Equal(1000L, s.GetProperty("steps").GetInt64())
    Assert.False(s.GetProperty("diverged").GetBoolean())
    Assert.Equal(2, s.GetProperty("final_norms").GetArrayLength())
    let names = [ for c in s.GetProperty("theory").GetProperty("comparisons").EnumerateArray() -> string (c.GetProperty("name").GetString()) ]
    Assert.Contains("abs_cos_target", names)
    Assert.Contains("max_abs_wwt_minus_identity", names)
    // The reference eigenvalues are HebbianTheory's, bit for bit (same function on the same rows).
    let oracle = (HebbianTheory.eigen (HebbianTheory.correlation rows)).Values
    Assert.Equal<float[]>(oracle, vector (s.GetProperty("reference").GetProperty("eigenvalues")))
    let summaryText = File.ReadAllText(Path.Combine(out, "summary.json"))
    let trajectoryText = File.ReadAllText(Path.Combine(out, "trajectory.csv"))
    let code2, _, _ = run args
    require (code2 = 0) "second run failed"
    Assert.Equal(weightsText, File.ReadAllText(Path.Combine(out, "weights.csv")))
    Assert.Equal(trajectoryText, File.ReadAllText(Path.Combine(out, "trajectory.csv")))
    Assert.Equal(summaryText, File.ReadAllText(Path.Combine(out, "summary.json")))

[<Fact>]
let ``plain Hebb divergence is reported with its step, exit code 0`` () =
    let dir = tempDir ()
    let data, _ = smallData dir 100 3 9UL
    let out = Path.Combine(dir, "hebb")
    let code, stdout, err = run [ "learn"; "--rule"; "hebb"; "--data"; data; "--eta"; "0.05"; "--epochs"; "100"; "--out"; out ]
    require (code = 0) (sprintf "divergence is a result: oracle exit 0, measured %d: %s" code err)
    let s = json (Path.Combine(out, "summary.json"))
    Assert.True(s.GetProperty("diverged").GetBoolean())
    let step = s.GetProperty("diverged_at_step").GetInt64()
    require (step > 0L && step < 10_000L) (sprintf "diverged_at_step %d outside (0, 10000)" step)
    Assert.Equal(step, s.GetProperty("steps").GetInt64())
    require (s.GetProperty("divergence_norm").GetDouble() > 1e6) "divergence_norm should exceed the limit 1e6"
    Assert.Contains(sprintf "diverged at step %d" step, stdout)

[<Fact>]
let ``eigen.json eigenvalues and eigenvectors equal HebbianTheory.eigen on the same data`` () =
    let dir = tempDir ()
    let data, rows = smallData dir 300 4 21UL
    let code, stdout, err = run [ "eigen"; "--data"; data; "--out"; dir; "--outputs"; "2" ]
    require (code = 0) (sprintf "exit code %d: %s" code err)
    Assert.Contains("λ_k of C", stdout)
    let e = json (Path.Combine(dir, "eigen.json"))
    // Same function on the same rows, and JSON doubles are written in round-trip form: equality is exact.
    for name, matrix in [ "correlation", HebbianTheory.correlation rows; "covariance", HebbianTheory.covariance rows ] do
        let oracle = HebbianTheory.eigen matrix
        Assert.Equal<float[]>(oracle.Values, vector (e.GetProperty(name).GetProperty("eigenvalues")))
        let vectors = [| for v in e.GetProperty(name).GetProperty("eigenvectors").EnumerateArray() -> vector v |]
        for k in 0 .. 3 do
            Assert.Equal<float[]>(oracle.Vectors[k], vectors[k])
    Assert.Equal<float[]>(HebbianTheory.mean rows, vector (e.GetProperty("data").GetProperty("mean")))
    let oja = e.GetProperty("predictions").GetProperty("oja")
    Assert.Equal(HebbianTheory.ojaTimeConstant ((HebbianTheory.eigen (HebbianTheory.correlation rows)).Values), oja.GetProperty("time_constant").GetDouble())

[<Fact>]
let ``acceptance: Oja on a 20-d Gaussian with a 10 % eigengap reaches |cos| > 0.99 in the predicted number of steps`` () =
    let dir = tempDir ()
    let data = Path.Combine(dir, "X.csv")
    let code, _, err = run [ "generate"; "gaussian"; "--dimension"; "20"; "--eigengap"; "0.1"; "--samples"; "5000"; "--seed"; "1"; "--out"; data ]
    require (code = 0) (sprintf "generate: exit code %d: %s" code err)
    // η = 5e-4: the stationary misalignment of online Oja, E[1 − |cos|] ≈ η Σ_{j≥2} λ1λj/(4(λ1 − λj)), is then
    // about 4.5e-3 for this spectrum (the measured mean over the second half of the run is 9e-4), inside the 1e-2 margin to 0.99; 40 epochs = 200 000 steps
    // is four times the predicted crossing time (≈ 5e4 steps) and about ten averaged time constants 1/(η(λ1 − λ2)).
    let out = Path.Combine(dir, "oja")
    let code, stdout, err =
        run [ "learn"; "--rule"; "oja"; "--data"; data; "--eta"; "5e-4"; "--epochs"; "40"; "--seed"; "1"; "--center"; "--out"; out ]
    require (code = 0) (sprintf "learn: exit code %d: %s" code err)
    let s = json (Path.Combine(out, "summary.json"))
    let reference = s.GetProperty("reference")
    let values = vector (reference.GetProperty("eigenvalues"))
    let noiseFloor = 5e-4 * Seq.sum (seq { for j in 1 .. values.Length - 1 -> values[0] * values[j] / (4.0 * (values[0] - values[j])) })
    let w = (CsvDataset.ReadRows(Path.Combine(out, "weights.csv")))[0]
    // Sample principal component: the top eigenvector of the centred data's covariance (what numpy/LAPACK gives).
    let samplePc = vector ((reference.GetProperty("eigenvectors").EnumerateArray() |> Seq.head))
    let cosSample = absCos w samplePc
    require (cosSample > 0.99) (sprintf "final |cos(w, sample PC)|: oracle > 0.99, measured %.6f (noise floor estimate 1 − %.2g)" cosSample noiseFloor)
    // True principal axis from X.eigen.json: the sample PC itself is off by O(1/√n) (here |cos| ≈ 0.996).
    let truth = json (Path.Combine(dir, "X.eigen.json"))
    let trueE1 = vector ((truth.GetProperty("eigenvectors").EnumerateArray() |> Seq.head))
    let cosTrue = absCos w trueE1
    require (cosTrue > 0.99) (sprintf "final |cos(w, true e1)|: oracle > 0.99, measured %.6f; |cos(sample PC, true e1)| = %.6f" cosTrue (absCos samplePc trueE1))
    let comparison =
        s.GetProperty("theory").GetProperty("comparisons").EnumerateArray()
        |> Seq.find (fun c -> c.GetProperty("name").GetString() = "steps_to_cos_0.99")
    let predicted = comparison.GetProperty("theory").GetDouble()
    let measured = comparison.GetProperty("measured").GetDouble()
    let tau = 1.0 / (5e-4 * (values[0] - values[1]))
    // Band for measured/predicted: the crossing lies in the exponential tail, where 1 − |cos| ∝ e^{−2(λ1−λ2)ηt}; an
    // online fluctuation that changes 1 − |cos| by a factor 2 (the noise-floor estimate is ~45 % of the 0.01 margin)
    // shifts the crossing by ln 2/(2(λ1−λ2)η) = 0.35 τ ≈ 0.15 of the predicted steps; the early, noise-driven escape from
    // the random start adds a similar amount. Hence [0.7, 1.4]. Measured once before fixing the band: 0.985.
    assertBetween
        (sprintf "measured/predicted steps to |cos| ≥ 0.99 (predicted %.0f, measured %.0f, τ = %.0f steps; stdout: %s)" predicted measured tau stdout)
        0.7 1.4 (measured / predicted)

[<Fact>]
let ``learn --rule taylor with a2corr = 1 and no slope is plain Hebb bit for bit`` () =
    // Taylor (0,0,0,1,0,0)·η evaluates x·(0 + η y) + 0 = x·(η y), exactly HebbRule's x·(η y) − 0.
    let dir = tempDir ()
    let data, _ = smallData dir 30 4 5UL
    let runRule rule =
        let out = Path.Combine(dir, rule)
        let code, _, err = run [ "learn"; "--rule"; rule; "--data"; data; "--eta"; "0.01"; "--epochs"; "3"; "--seed"; "2"; "--out"; out ]
        require (code = 0) (sprintf "%s exit %d: %s" rule code err)
        File.ReadAllText(Path.Combine(out, "weights.csv"))
    let hebb, taylor = runRule "hebb", runRule "taylor"
    require (hebb = taylor) (sprintf "taylor weights differ from hebb:\n%s\n%s" taylor hebb)
