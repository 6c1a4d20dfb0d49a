/// The Student-t quantiles of the checks' tolerances at the far tails the checks use (level 10⁻⁵), where MathNet's
/// root search does not converge for one or two degrees of freedom (two or three trials): the closed forms are held
/// against MathNet's CDF (an independent computation) and against its InvCDF wherever that converges.
module Plasticity.Properties.StudentQuantileTests

open System
open Xunit
open MathNet.Numerics.Distributions
open Plasticity.Experiments.Checks
open Plasticity.Experiments.Checks.Catalog

/// Absolute CDF error allowed: the CDF is evaluated in double near 1, so a few ulps of 1 (2.2e-16 each) plus
/// MathNet's incomplete-beta accuracy (about 1e-14); 1e-12 leaves a margin and still rejects any other quantile
/// (the CDF's slope at these tails moves it by far more than 1e-12 for a relative change of t of 1e-6).
let cdfTolerance = 1e-12

[<Fact>]
let ``closed-form t quantiles for 1 and 2 degrees of freedom invert MathNet's CDF at every tail`` () =
    for dof in [ 1.0; 2.0 ] do
        for p in [ 0.5; 0.6; 0.9; 0.975; 0.999; 1.0 - 5e-6; 1.0 - 5e-7 ] do
            let t = CheckStatistics.StudentQuantile(dof, p)
            let back = StudentT.CDF(0.0, 1.0, dof, t)
            if not (Double.IsFinite t) || abs (back - p) > cdfTolerance then
                failwithf "dof %g p %.10g: t = %.17g, CDF(t) = %.17g, |CDF − p| > %g" dof p t back cdfTolerance

[<Fact>]
let ``closed-form t quantiles agree with MathNet's InvCDF where it converges`` () =
    for dof, p in [ 1.0, 0.9995; 2.0, 1.0 - 5e-6; 2.0, 0.975; 1.0, 0.975 ] do
        let closed = CheckStatistics.StudentQuantile(dof, p)
        let mathNet = StudentT.InvCDF(0.0, 1.0, dof, p)
        if abs (closed - mathNet) > 1e-8 * abs mathNet then
            failwithf "dof %g p %g: closed form %.17g, MathNet %.17g" dof p closed mathNet

[<Fact>]
let ``the AGS overlap tolerance exists for two and three pattern sets`` () =
    for trials in [ 2; 3 ] do
        let tol = HopfieldChecks.AgsOverlapTolerance(trials, Nullable 0.001)
        if not (Double.IsFinite tol.Width) || tol.Width <= 0.0 then
            failwithf "trials %d: tolerance %g (%s)" trials tol.Width tol.Derivation

/// The verdict column of the CSV row for (N, α) written by a fixed-point capacity run with the given trials.
let private fixedPointVerdict (n: int) (alpha: float) (trials: int) =
    let dir = Plasticity.Properties.CliSupport.tempDir ()
    Plasticity.Properties.CliSupport.runOk
        [ "capacity"; "--n"; string n; "--alpha"; sprintf "%g" alpha; "--trials"; string trials; "--retrievals"; "4"
          "--measure"; "fixed-point"; "--out"; dir ] |> ignore
    let lines = IO.File.ReadAllLines(IO.Path.Combine(dir, "capacity.csv"))
    let header = lines[0].Split(',')
    let row = lines[1].Split(',')
    row[Array.IndexOf(header, "verdict")], row[Array.IndexOf(header, "tolerance_derivation")]

[<Fact>]
let ``two pattern sets make the AGS check not a test; three keep it a test`` () =
    // t₁(1 − 5e-6) ≈ 6.4e4 makes a band far wider than m, which would pass any overlap; t₂ ≈ 316 with the
    // between-set SE of a few 1e-4 at N = 2000 stays below m.
    let two, why = fixedPointVerdict 2000 0.12 2
    if two <> "not a test" || not (why.Contains "pattern sets") then failwithf "2 sets: verdict %s (%s)" two why
    let three, why3 = fixedPointVerdict 2000 0.12 3
    if three = "not a test" then failwithf "3 sets: verdict %s (%s)" three why3
