/// End-to-end tests of `plasticity learn`, `plasticity eigen` and `plasticity generate`, run in-process: the Oja
/// reproduction of a plain loop, one-line errors with exit code 2, output files, determinism, reported divergence, the
/// eigen file and the theory columns of summary.json against an independent computation in the test (the correlation
/// built here, MathNet's symmetric EVD, the published closed forms, the averaged Oja ODE integrated here by RK4), and
/// the issue's acceptance run (20-d Gaussian, 10 % eigengap).
///
/// False alarms: every check is exact, a rounding or perturbation bound (Weyl, Davis–Kahan), a Richardson bound, or
/// a deterministic seeded run; the acceptance band is an empirical Student-t prediction interval (see that test),
/// which a fresh seed leaves with probability 2e-4. Family-wise false-alarm probability of one CI run, counted as
/// for the other files (as if the seeds were fresh draws): ≤ 2e-4.
module Plasticity.Properties.LearnCliTests

open System
open System.Globalization
open System.IO
open System.Text.Json
open Xunit
open MathNet.Numerics.LinearAlgebra
open Plasticity.Analysis
open Plasticity.Core.Data
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

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

/// The data's second-moment matrix built here, (1/n) Σ (x − c)(x − c)ᵀ with c = 0 (correlation) or the mean
/// (covariance), decomposed by MathNet's symmetric EVD (not HebbianTheory.eigen): eigenvalues descending,
/// unit eigenvectors, and a bound on how far ANY backward-stable decomposition of the same data (the CLI's) can
/// be from these eigenvalues: Weyl, |Δλ| ≤ ‖ΔC‖₂ + 2·64·d·u·‖C‖_F, where ΔC is the difference of two summation
/// orders of the entries, ≤ 8(n + 4)·u·E[(|x_a| + |c_a|)(|x_b| + |c_b|)] each (so ‖ΔC‖₂ ≤ d·max).
type private IndependentEigen = { Values: float[]; Vectors: float[][]; Mean: float[]; Tolerance: float }

let private independentEigen (rows: float[][]) (centred: bool) =
    let n, d = rows.Length, rows[0].Length
    let mean = Array.init d (fun j -> (rows |> Array.sumBy (fun x -> x[j])) / float n)
    let c0 = if centred then mean else Array.zeroCreate d
    let c = Matrix<float>.Build.Dense(d, d, fun a b -> (rows |> Array.sumBy (fun x -> (x[a] - c0[a]) * (x[b] - c0[b]))) / float n)
    let evd = c.Evd(Symmetricity.Symmetric)
    let order = [| 0 .. d - 1 |] |> Array.sortByDescending (fun k -> evd.EigenValues[k].Real)
    let entry a b = (rows |> Array.sumBy (fun x -> (abs x[a] + abs c0[a]) * (abs x[b] + abs c0[b]))) / float n
    let formation = Seq.max (seq { for a in 0 .. d - 1 do for b in 0 .. d - 1 -> 8.0 * float (n + 4) * unitRoundoff * entry a b })
    { Values = order |> Array.map (fun k -> evd.EigenValues[k].Real)
      Vectors = order |> Array.map (fun k -> evd.EigenVectors.Column(k).ToArray())
      Mean = mean
      Tolerance = float d * formation + 2.0 * 64.0 * float d * unitRoundoff * c.FrobeniusNorm() }

/// Davis–Kahan: a unit eigenvector computed from a perturbation of size ≤ tol is within sin θ ≤ tol/(gap − tol) of
/// the exact one, gap the distance to the nearest other eigenvalue; 1 − |cos θ| ≤ sin²θ.
let private checkEigenvectors (what: string) (oracle: IndependentEigen) (vectors: float[][]) (count: int) =
    let d = oracle.Values.Length
    for k in 0 .. count - 1 do
        let gap = Seq.min (seq { for j in 0 .. d - 1 do if j <> k then yield abs (oracle.Values[j] - oracle.Values[k]) })
        let sine = oracle.Tolerance / (gap - oracle.Tolerance)
        within (sprintf "%s: 1 − |cos(e_%d, MathNet e_%d)|" what (k + 1) (k + 1)) "0 (same eigenvector up to sign)" 0.0 (1.0 - absCos vectors[k] oracle.Vectors[k])
            (sine * sine + 8.0 * float d * unitRoundoff) "sin²θ (Davis–Kahan, tol/gap) + 8du"
        // Sign convention of the files (largest-|entry| positive): a property of the output, not of MathNet.
        let big = vectors[k] |> Array.maxBy abs
        require (big > 0.0) (sprintf "%s: largest-|entry| of e_%d is %g; the documented sign convention makes it positive" what (k + 1) big)

let private checkEigenvalues (what: string) (oracle: IndependentEigen) (values: float[]) =
    require (values.Length = oracle.Values.Length) (sprintf "%s: %d eigenvalues, oracle %d" what values.Length oracle.Values.Length)
    for k in 0 .. values.Length - 1 do
        within (sprintf "%s: λ_%d" what (k + 1)) "MathNet EVD of C built in the test" oracle.Values[k] values[k] oracle.Tolerance "d·ΔC + 2·64du‖C‖_F (Weyl)"

/// GHA linearised rates written out from the Jacobian blocks J_ii = C − Σ_{m<i} λ_m e_m e_mᵀ − λ_i I − 2λ_i e_i e_iᵀ:
/// −λ_i on e_m (m < i), −2λ_i on e_i, λ_j − λ_i on e_j (j > i); the slowest is the smallest |rate|.
let private ghaSlowestRate (l: float[]) (k: int) =
    seq {
        for i in 0 .. k - 1 do
            for j in 0 .. l.Length - 1 do
                yield abs (if j < i then -l[i] elif j = i then -2.0 * l[i] else l[j] - l[i])
    }
    |> Seq.min

let private comparisons (summary: JsonElement) (name: string) =
    [ for c in summary.GetProperty("theory").GetProperty("comparisons").EnumerateArray() do
          if c.GetProperty("name").GetString() = name then yield c ]

let private nullableReal (e: JsonElement) (name: string) =
    let v = e.GetProperty(name)
    if v.ValueKind = JsonValueKind.Null then None else Some(v.GetDouble())

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
    Assert.Equal("step,norm_1,cos_1_e1,cos_1_e2,cos_1_e3,norm_2,cos_2_e1,cos_2_e2,cos_2_e3,norm_theory_1,norm_theory_2", trajectory[0])
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
    // The reference eigenvalues and the theory/measured columns against an independent computation: MathNet's EVD of
    // the correlation built here, the hand-derived GHA rates, and |cos|, W Wᵀ recomputed from weights.csv.
    let oracle = independentEigen rows false
    checkEigenvalues "summary reference" oracle (vector (s.GetProperty("reference").GetProperty("eigenvalues")))
    let slowest = ghaSlowestRate oracle.Values 2
    // The slowest rate is a difference of two eigenvalues (or one, or twice one): error ≤ 2·tol; 1/(η r) moves by
    // ≤ 2·tol/r relative.
    let tauSteps = 1.0 / (0.01 * slowest)
    match comparisons s "time_constant_steps" with
    | [ c ] -> within "GHA time_constant_steps (theory)" "1/(η·min|GHA rate|), rates from MathNet eigenvalues" tauSteps (c.GetProperty("theory").GetDouble()) (tauSteps * (2.0 * oracle.Tolerance / slowest + 8.0 * unitRoundoff)) "τ·(2·tol/r + 8u)"
    | other -> failwithf "expected one time_constant_steps comparison, got %d" other.Length
    for c in comparisons s "abs_cos_target" do
        let i = c.GetProperty("output").GetInt32() - 1
        require (c.GetProperty("theory").GetDouble() = 1.0) "abs_cos_target theory: fixed point |cos| = 1"
        // The CLI's e_i differs from MathNet's by sin θ ≤ tol/gap; |cos| of the same w moves by at most that.
        let gap = Seq.min (seq { for j in 0 .. 3 do if j <> i then yield abs (oracle.Values[j] - oracle.Values[i]) })
        within (sprintf "abs_cos_target measured, output %d" (i + 1)) "|cos(w_i, e_i)| from weights.csv and MathNet e_i" (absCos weights[i] oracle.Vectors[i]) (c.GetProperty("measured").GetDouble())
            (oracle.Tolerance / (gap - oracle.Tolerance) + 16.0 * unitRoundoff) "tol/gap (Davis–Kahan) + 16u"
    match comparisons s "max_abs_wwt_minus_identity" with
    | [ c ] ->
        let defect = Seq.max (seq { for i in 0 .. 1 do for j in 0 .. 1 -> abs (Array.fold2 (fun acc a b -> acc + a * b) 0.0 weights[i] weights[j] - (if i = j then 1.0 else 0.0)) })
        within "max |W Wᵀ − I| measured" "recomputed from weights.csv" defect (c.GetProperty("measured").GetDouble()) (8.0 * 4.0 * unitRoundoff * 2.0) "two summation orders of 4-term dot products of ‖w‖ ≤ √2 rows"
    | other -> failwithf "expected one max_abs_wwt_minus_identity comparison, got %d" other.Length
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
let ``eigen.json eigenpairs and every prediction equal an independent computation on the same data`` () =
    let dir = tempDir ()
    let data, rows = smallData dir 300 4 21UL
    let eta, alpha, k = 0.01, 2.0, 2
    let code, stdout, err = run [ "eigen"; "--data"; data; "--out"; dir; "--outputs"; string k; "--eta"; "0.01"; "--alpha"; "2" ]
    require (code = 0) (sprintf "exit code %d: %s" code err)
    Assert.Contains("λ_k of C", stdout)
    let e = json (Path.Combine(dir, "eigen.json"))
    // Oracles: MathNet's EVD of C and C⁰ built here (Weyl and Davis–Kahan bounds, see independentEigen), the sample
    // mean summed here, and the closed forms of the science sheet (§2) evaluated on the MathNet eigenvalues.
    let c = independentEigen rows false
    let c0 = independentEigen rows true
    for name, oracle in [ "correlation", c; "covariance", c0 ] do
        checkEigenvalues name oracle (vector (e.GetProperty(name).GetProperty("eigenvalues")))
        checkEigenvectors name oracle [| for v in e.GetProperty(name).GetProperty("eigenvectors").EnumerateArray() -> vector v |] 4
    let mean = vector (e.GetProperty("data").GetProperty("mean"))
    for j in 0 .. 3 do
        let scale = (rows |> Array.sumBy (fun x -> abs x[j])) / float rows.Length
        within (sprintf "mean[%d]" j) "(1/n) Σ x_j summed in the test" c.Mean[j] mean[j] (2.0 * float (rows.Length + 2) * unitRoundoff * scale) "2(n+2)u·E|x_j|"
    let p = e.GetProperty("predictions")
    let real (obj: string) (field: string) = p.GetProperty(obj).GetProperty(field).GetDouble()
    let tol = c.Tolerance
    let l = c.Values
    // Hebb: growth λ1 per unit time, ln(1 + ηλ1) per step (Δ ln ≤ η·Δλ/(1 + ηλ1) + 4u); direction e1.
    for obj, o in [ "hebb", c; "covariance", c0 ] do
        within (sprintf "%s growth_rate" obj) "λ1 (MathNet)" o.Values[0] (real obj "growth_rate") o.Tolerance "Weyl"
        within (sprintf "%s growth_rate_per_step" obj) "ln(1 + ηλ1)" (Math.Log(1.0 + eta * o.Values[0])) (real obj "growth_rate_per_step") (eta * o.Tolerance + 4.0 * unitRoundoff) "η·tol + 4u"
        checkEigenvectors (obj + " direction") o [| vector (p.GetProperty(obj).GetProperty("direction")) |] 1
    // Oja: norm 1/√α, τ = 1/(λ1 − λ2) (relative error ≤ 2 tol/(λ1 − λ2)), norm relaxation 1/(2λ1), linearised rates
    // λ_j − λ1 (j ≥ 2) and −2λ1 (Oja 1982; science sheet §2).
    within "oja norm" "1/√α" (1.0 / sqrt alpha) (real "oja" "norm") (2.0 * unitRoundoff) "2u"
    let tau = 1.0 / (l[0] - l[1])
    let tauTol = tau * (2.0 * tol / (l[0] - l[1]) + 4.0 * unitRoundoff)
    within "oja time_constant" "1/(λ1 − λ2)" tau (real "oja" "time_constant") tauTol "τ·(2 tol/(λ1−λ2) + 4u)"
    within "oja time_constant_steps" "1/(η(λ1 − λ2))" (tau / eta) (real "oja" "time_constant_steps") (tauTol / eta) "same, /η"
    within "oja norm_relaxation_time" "1/(2λ1)" (0.5 / l[0]) (real "oja" "norm_relaxation_time") (0.5 / l[0] * (tol / l[0] + 4.0 * unitRoundoff)) "relative tol/λ1 + 4u"
    within "oja norm_relaxation_steps" "1/(2ηλ1)" (0.5 / l[0] / eta) (real "oja" "norm_relaxation_steps") (0.5 / l[0] / eta * (tol / l[0] + 8.0 * unitRoundoff)) "relative tol/λ1 + 8u"
    let rates = vector (p.GetProperty("oja").GetProperty("linearised_rates"))
    let expectedRates = Array.append [| for j in 1 .. 3 -> l[j] - l[0] |] [| -2.0 * l[0] |]
    require (rates.Length = expectedRates.Length) (sprintf "oja linearised_rates: %d values, oracle %d" rates.Length expectedRates.Length)
    for j in 0 .. rates.Length - 1 do
        within (sprintf "oja linearised_rates[%d]" j) "λ_j − λ1, then −2λ1" expectedRates[j] rates[j] (2.0 * tol + 4.0 * unitRoundoff) "2·tol + 4u"
    checkEigenvectors "oja direction" c [| vector (p.GetProperty("oja").GetProperty("direction")) |] 1
    // GHA: targets e1..ek, slowest |rate| from the hand-derived blocks, τ = 1/rate, steps = τ/η.
    checkEigenvectors "gha targets" c [| for v in p.GetProperty("gha").GetProperty("targets").EnumerateArray() -> vector v |] k
    let slowest = ghaSlowestRate l k
    within "gha slowest_rate" "min |GHA rate| (hand-derived blocks)" slowest (real "gha" "slowest_rate") (2.0 * tol + 4.0 * unitRoundoff) "2·tol + 4u"
    within "gha time_constant" "1/slowest" (1.0 / slowest) (real "gha" "time_constant") (1.0 / slowest * (2.0 * tol / slowest + 4.0 * unitRoundoff)) "relative 2·tol/r + 4u"
    within "gha time_constant_steps" "1/(η·slowest)" (1.0 / slowest / eta) (real "gha" "time_constant_steps") (1.0 / slowest / eta * (2.0 * tol / slowest + 8.0 * unitRoundoff)) "relative 2·tol/r + 8u"

/// RK4 of the averaged Oja ODE dw/dt = C w − α (wᵀCw) w with C built in the test (no eigen-decomposition), from w0,
/// until |cos(w, e1)| first reaches the target; the crossing inside the last step is found by bisection over single
/// RK4 steps of the bisected length from the last grid point. Returns the crossing time t (units of 1/η).
let private ojaCrossingByRk4 (c: float[][]) (alpha: float) (e1: float[]) (w0: float[]) (target: float) (h: float) =
    let d = w0.Length
    let field (w: float[]) =
        let cw = Array.init d (fun a -> Array.fold2 (fun acc x y -> acc + x * y) 0.0 c[a] w)
        let q = Array.fold2 (fun acc x y -> acc + x * y) 0.0 w cw
        Array.init d (fun a -> cw[a] - alpha * q * w[a])
    let step (w: float[]) (dt: float) =
        let axpy (s: float) (v: float[]) = Array.init d (fun a -> w[a] + s * v[a])
        let k1 = field w
        let k2 = field (axpy (dt / 2.0) k1)
        let k3 = field (axpy (dt / 2.0) k2)
        let k4 = field (axpy dt k3)
        Array.init d (fun a -> w[a] + dt / 6.0 * (k1[a] + 2.0 * k2[a] + 2.0 * k3[a] + k4[a]))
    let cosine (w: float[]) = absCos w e1
    let mutable w = Array.copy w0
    let mutable t = 0.0
    while cosine (step w h) < target do
        w <- step w h
        t <- t + h
    let mutable lo, hi = 0.0, h
    for _ in 1 .. 60 do
        let mid = 0.5 * (lo + hi)
        if cosine (step w mid) < target then lo <- mid else hi <- mid
    t + hi

[<Fact>]
let ``learn's predicted steps to |cos| ≥ 0.99 for Oja equal the averaged ODE integrated in the test`` () =
    // Oracle: the first crossing of |cos(w, e1)| = 0.99 along dw/dt = C w − α(wᵀCw)w from the --init weights, by RK4
    // in the test on C built from the data (the CLI uses the closed-form trajectory on its own eigenpairs and Brent's
    // root). RK4 error: the crossing time at step h and h/2 differ by ≈ 15/16 of the error at h, so the h/2 crossing is
    // within |t_h − t_{h/2}|/15 of the exact one; tolerance 2|t_h − t_{h/2}| (30× margin) plus the eigenvector
    // perturbation (the cosine moves by ≤ tol/gap, i.e. the time by ≤ (tol/gap)/|dcos/dt|) and Brent's 8u·t.
    let dir = tempDir ()
    let data, rows = smallData dir 200 5 13UL
    let w0 = [| 0.1; 0.6; -0.4; 0.3; 0.5 |]
    let init = Path.Combine(dir, "w0.csv")
    CsvDataset.WriteRows(init, [| w0 |])
    let eta = 0.01
    let out = Path.Combine(dir, "oja")
    let code, _, err = run [ "learn"; "--rule"; "oja"; "--data"; data; "--init"; init; "--eta"; "0.01"; "--alpha"; "1"; "--epochs"; "1"; "--out"; out ]
    require (code = 0) (sprintf "exit code %d: %s" code err)
    let s = json (Path.Combine(out, "summary.json"))
    let predicted =
        match comparisons s "steps_to_cos_0.99" with
        | [ c ] -> (nullableReal c "theory") |> Option.defaultWith (fun () -> failwith "steps_to_cos_0.99 has no theory value")
        | other -> failwithf "expected one steps_to_cos_0.99 comparison, got %d" other.Length
    let oracle = independentEigen rows false
    let n, d = rows.Length, 5
    let c = Array.init d (fun a -> Array.init d (fun b -> (rows |> Array.sumBy (fun x -> x[a] * x[b])) / float n))
    require (absCos w0 oracle.Vectors[0] < 0.99) "w0 already aligned: the crossing time would be 0 and test nothing"
    let h = 0.02 / oracle.Values[0]
    let coarse = ojaCrossingByRk4 c 1.0 oracle.Vectors[0] w0 0.99 h
    let fine = ojaCrossingByRk4 c 1.0 oracle.Vectors[0] w0 0.99 (h / 2.0)
    // |dcos/dt| at the crossing is at least (λ1 − λ2)·cos·(1 − cos²) (the tangential mass decays at ≥ 2(λ1 − λ2)).
    let slope = (oracle.Values[0] - oracle.Values[1]) * 0.99 * (1.0 - 0.99 * 0.99)
    let gap = oracle.Values[0] - oracle.Values[1]
    let eigenShift = oracle.Tolerance / (gap - oracle.Tolerance) / slope
    let tolerance = 2.0 * abs (coarse - fine) + eigenShift + 8.0 * unitRoundoff * fine + 1e-12 * fine
    within "steps_to_cos_0.99 (theory) × η" "RK4 crossing of the averaged Oja ODE, h/2" fine (predicted * eta) tolerance "2|t_h − t_{h/2}| + (tol/gap)/|dcos/dt| + 8u·t"

[<Fact>]
let ``learn's theory and measured columns for hebb, covariance, oja, scaling and instar equal an independent computation`` () =
    // Theory columns against closed forms on MathNet eigenvalues of C/C⁰ built here (ln(1 + ηλ1), 1/√α,
    // 1/(η(λ1 − λ2)), y_target as given); measured columns recomputed from weights.csv (⟨w·x⟩, |cos(w, w0)|,
    // ‖w − E[y x]/E[y]‖ with y = w·x). Tolerances: Weyl (see independentEigen) propagated through each closed form,
    // and two summation orders of n-term means, 4(n + d)u·scale.
    let dir = tempDir ()
    let data, rows = smallData dir 100 4 31UL
    let n, d = rows.Length, 4
    let init = Path.Combine(dir, "w0.csv")
    let w0 = [| 0.4; 0.3; 0.2; 0.5 |]
    CsvDataset.WriteRows(init, [| w0 |])
    let eta = 0.001
    let learn (rule: string) (extra: string list) =
        let out = Path.Combine(dir, rule)
        let code, _, err = run ([ "learn"; "--rule"; rule; "--data"; data; "--eta"; "0.001"; "--epochs"; "3"; "--seed"; "2"; "--out"; out ] @ extra)
        require (code = 0) (sprintf "%s: exit code %d: %s" rule code err)
        json (Path.Combine(out, "summary.json")), (CsvDataset.ReadRows(Path.Combine(out, "weights.csv")))[0]
    let single (s: JsonElement) (name: string) (field: string) =
        match comparisons s name with
        | [ c ] -> (nullableReal c field) |> Option.defaultWith (fun () -> failwithf "%s has no %s value" name field)
        | other -> failwithf "expected one %s comparison, got %d" name other.Length
    let c, c0 = independentEigen rows false, independentEigen rows true
    for rule, o in [ "hebb", c; "covariance", c0 ] do
        let s, _ = learn rule []
        within (sprintf "%s growth_rate_per_step (theory)" rule) "ln(1 + ηλ1), λ1 from MathNet" (Math.Log(1.0 + eta * o.Values[0])) (single s "growth_rate_per_step" "theory") (eta * o.Tolerance + 4.0 * unitRoundoff) "η·tol + 4u"
    let s, _ = learn "oja" [ "--alpha"; "2" ]
    within "oja norm (theory)" "1/√α" (1.0 / sqrt 2.0) (single s "norm" "theory") (2.0 * unitRoundoff) "2u"
    let tau = 1.0 / (eta * (c.Values[0] - c.Values[1]))
    within "oja time_constant_steps (theory)" "1/(η(λ1 − λ2))" tau (single s "time_constant_steps" "theory") (tau * (2.0 * c.Tolerance / (c.Values[0] - c.Values[1]) + 8.0 * unitRoundoff)) "τ·(2tol/(λ1−λ2) + 8u)"
    let dot (a: float[]) (b: float[]) = Array.fold2 (fun acc x y -> acc + x * y) 0.0 a b
    let s, w = learn "scaling" [ "--target"; "1.5"; "--init"; init ]
    within "scaling mean_response (theory)" "y_target = 1.5 as given" 1.5 (single s "mean_response" "theory") 0.0 "exact"
    let meanY = (rows |> Array.sumBy (dot w)) / float n
    let scaleY = (rows |> Array.sumBy (fun x -> Array.fold2 (fun acc a b -> acc + abs (a * b)) 0.0 w x)) / float n
    within "scaling mean_response (measured)" "⟨w·x⟩ from weights.csv" meanY (single s "mean_response" "measured") (4.0 * float (n + d) * unitRoundoff * scaleY) "4(n+d)u·E|w||x|"
    within "scaling abs_cos_initial (measured)" "|cos(w, w0)| from weights.csv" (absCos w w0) (single s "abs_cos_initial" "measured") (16.0 * float d * unitRoundoff) "16du"
    let s, w = learn "instar" [ "--init"; init ]
    let ys = rows |> Array.map (dot w)
    let ey = Array.average ys
    let star = Array.init d (fun j -> (Array.fold2 (fun acc (x: float[]) y -> acc + y * x[j]) 0.0 rows ys) / float n / ey)
    let distance = sqrt (Array.fold2 (fun acc a b -> acc + (a - b) * (a - b)) 0.0 w star)
    let scale = (Array.fold2 (fun acc (x: float[]) y -> acc + abs y * (Array.sumBy abs x)) 0.0 rows ys) / float n / abs ey + Array.sumBy abs w
    within "instar distance_to_fixed_point (measured)" "‖w − E[y x]/E[y]‖, y = w·x, from weights.csv" distance (single s "distance_to_fixed_point" "measured") (8.0 * float (n + d + 4) * unitRoundoff * scale) "8(n+d+4)u·(E[|y||x|]/|E[y]| + ‖w‖₁)"

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
    // Band for measured/predicted (EMPIRICAL; no closed bound on the online delay exists): the crossing lies in the
    // exponential tail, where 1 − |cos| ∝ e^{−2(λ1−λ2)ηt}, so online fluctuations shift it by a fraction of τ. The
    // former band [0.7, 1.4] was set from one measurement (0.985). Measured since on this command with data and learn
    // seeds 1…9 (Dec 2026): ratios 0.985, 0.946, 1.047, 0.994, 0.960, 1.061, 0.984, 0.941, 0.959; mean 0.986, sd
    // 0.042 (n = 9). Band: a two-sided 2e-4 Student-t prediction interval for one more seed,
    // mean ± t₈(1 − 1e-4)·sd·√(1 + 1/9) = [0.701, 1.271]: another seed falls outside it with probability 2e-4
    // (counted in the suite's false-alarm budget, docs/testing.md), and it is narrower than the former band on both
    // sides.
    let lcMean, lcSd, lcRuns = 0.986, 0.042, 9.0
    let lcHalfWidth = MathNet.Numerics.Distributions.StudentT.InvCDF(0.0, 1.0, lcRuns - 1.0, 1.0 - 1e-4) * lcSd * sqrt (1.0 + 1.0 / lcRuns)
    assertBetween
        (sprintf "measured/predicted steps to |cos| ≥ 0.99 (predicted %.0f, measured %.0f, τ = %.0f steps; band mean %g ± t₈·sd·√(1+1/n) = ±%.3g; stdout: %s)" predicted measured tau lcMean lcHalfWidth stdout)
        (lcMean - lcHalfWidth) (lcMean + lcHalfWidth) (measured / predicted)

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
