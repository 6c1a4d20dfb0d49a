/// The theory-versus-simulation catalogue (src/Experiments/Checks, docs/verify.md) run as property tests: the same
/// check definitions `plasticity verify` evaluates, so oracles and tolerances have one source. Every quick check must
/// pass with the verify default seed, and every check must reject a deliberately wrong prediction (three tolerances
/// away, CheckEvaluator.AgainstWrongPrediction): the power of each check is shown, not assumed. The full-level checks
/// (acceptance sizes) run only in `verify --level full`.
///
/// False alarms: the statistical quick checks are listed in docs/verify.md with their levels (one-step error 5 SE
/// 5.7e-7, first-step overlap, AGS and collapse Student-t 1e-5 each, BCM 2 × 2e-6, SMA conductance 4.5 SE 6.8e-6,
/// STDP drift 5e-6); union ≤ 4.7e-5 per run. The rounding, interval and contraction bounds cannot fail a correct build; the RK4 order
/// band is empirical (listed apart, as in docs/testing.md). Power demonstrations fail by chance only if a statistical
/// tolerance more than doubles at the wrong prediction, which none of the tolerance functions can do (they scale at
/// most as √prediction).
module Plasticity.Properties.VerifyTests

open System
open System.IO
open Xunit
open Plasticity.Cli.Commands
open Plasticity.Cli.Verify
open Plasticity.Experiments.Checks
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

/// The verify command's default base seed (VerifyCommand.DefaultSeed), so the tests and CI's verify run the same cases.
let private baseSeed = UInt64.Parse VerifyCommand.DefaultSeed

/// Ids of the quick checks the tests run (all quick checks marked InTests; today every quick check).
let quickChecks: obj[] seq =
    CheckCatalog.Select(CheckLevel.Quick, [||]) |> Seq.filter (fun c -> c.InTests) |> Seq.map (fun c -> [| c.Id :> obj |])

let private find (id: string) = CheckCatalog.All |> Seq.find (fun c -> c.Id = id)

let private explain (r: CheckResult) =
    sprintf "%s\n  measured %g (SE %A), predicted %g, tolerance %g [%s: %s], false-alarm rate %A"
        (r.Describe()) r.Measurement.Value r.Measurement.StandardError r.Predicted r.Tolerance.Width r.Tolerance.KindText r.Tolerance.Derivation r.Tolerance.FalseAlarmRate

[<Theory>]
[<MemberData(nameof quickChecks)>]
let ``every quick check passes, and fails against a prediction three tolerances away`` (id: string) =
    let check = find id
    let result = CheckEvaluator.Evaluate(check, baseSeed)
    // The comparison every command prints says what verify says: Comparison.Of carries the verdict into the line,
    // and Comparison.Test on the same numbers judges them the same way (for a test; an informational check is "not a test").
    let line = VerifyReport.Line result
    require (Comparison.Of(result).Verdict = result.Verdict && line.StartsWith(Comparison.VerdictText result.Verdict + " " + id + ": "))
        (sprintf "verify line %s for verdict %A" line result.Verdict)
    if not check.Informational then
        let rejudged = Comparison.Test(id, result.Measurement.Value, result.Predicted, result.Tolerance, check.Sense)
        require (rejudged.Verdict = result.Verdict) (sprintf "Comparison.Test: %A, verify: %A; %s" rejudged.Verdict result.Verdict (explain result))
    if check.Informational then
        require (result.Verdict = Verdict.NotATest) (sprintf "informational check must report NotATest: %s" (explain result))
        require (Double.IsFinite result.Measurement.Value && Double.IsFinite result.Predicted) (sprintf "informational check must still measure and predict: %s" (explain result))
    else
        require (result.Verdict = Verdict.Pass) (sprintf "oracle: Pass; %s" (explain result))
        require (result.Tolerance.Width >= 0.0 && Double.IsFinite result.Tolerance.Width) (sprintf "tolerance must be finite and ≥ 0: %s" (explain result))
        require (result.Tolerance.Derivation.Length > 0) (sprintf "tolerance without derivation: %s" (explain result))
        let struct (wrong, verdict) = CheckEvaluator.AgainstWrongPrediction result
        require (verdict = Verdict.Fail)
            (sprintf "no power: the same measurement against the wrong prediction %g (three tolerances away) gave %A; %s" wrong verdict (explain result))

[<Fact>]
let ``the catalogue covers every family, ids are unique and every check states its oracle, source and level`` () =
    // Oracle: the families of docs/verify.md and issue 9 §8, written out here.
    let families = [ "hopfield"; "rate"; "bcm"; "scaling"; "gha"; "competitive"; "continuous-hopfield"; "spiking"; "stdp" ]
    require (List.ofSeq CheckCatalog.Families = families) (sprintf "families: oracle %A, measured %A" families (List.ofSeq CheckCatalog.Families))
    for family in families do
        let quick = CheckCatalog.Select(CheckLevel.Quick, [| family |])
        require (quick.Count > 0) (sprintf "family %s has no quick check" family)
    let ids = CheckCatalog.All |> Seq.map (fun c -> c.Id) |> List.ofSeq
    require (List.length (List.distinct ids) = List.length ids) (sprintf "duplicate ids in %A" ids)
    for c in CheckCatalog.All do
        require (c.Id.StartsWith(c.Family + ".") || c.Family = "rate") (sprintf "%s: id must start with its family (rate rules use the rule name)" c.Id)
        for what, text in [ "model", c.Model; "quantity", c.Quantity; "oracle", c.OracleText; "source", c.Source ] do
            require (String.IsNullOrWhiteSpace text |> not) (sprintf "%s: empty %s" c.Id what)
    // Full includes quick; --only matches families and id prefixes, case-insensitively.
    require (CheckCatalog.Select(CheckLevel.Full, [||]).Count > CheckCatalog.Select(CheckLevel.Quick, [||]).Count) "full must add checks to quick"
    let ojas = CheckCatalog.Select(CheckLevel.Quick, [| "OJA" |]) |> Seq.map (fun c -> c.Id) |> List.ofSeq
    require (ojas = [ "oja.averaged.direction.d5"; "oja.averaged.norm.d5.alpha2" ]) (sprintf "--only oja: measured %A" ojas)
    require (List.ofSeq (CheckCatalog.Unknown [| "hopfield"; "nosuch"; "stdp.drift" |]) = [ "nosuch" ]) "Unknown must name only the unmatched names"

[<Fact>]
let ``the verdict rules: two-sided, at-most and strictly-below comparisons, non-finite values fail`` () =
    let cases =
        [ ComparisonSense.Within, 1.0, 1.5, 0.5, Verdict.Pass
          ComparisonSense.Within, 1.0, 1.5000001, 0.5, Verdict.Fail
          ComparisonSense.Within, 1.0, 0.5, 0.5, Verdict.Pass
          ComparisonSense.AtMost, 0.0, 1.0, 1.0, Verdict.Pass
          ComparisonSense.AtMost, 0.0, 1.0000001, 1.0, Verdict.Fail
          ComparisonSense.AtMost, 0.0, -1e9, 1.0, Verdict.Pass
          ComparisonSense.Below, 1.0, 0.4, 0.5, Verdict.Pass
          ComparisonSense.Below, 1.0, 0.5, 0.5, Verdict.Fail
          ComparisonSense.Within, 1.0, nan, 0.5, Verdict.Fail
          ComparisonSense.Within, nan, 1.0, 0.5, Verdict.Fail
          ComparisonSense.Within, 1.0, 1.0, infinity, Verdict.Fail
          ComparisonSense.Within, 1.0, 1.0, -1.0, Verdict.Fail ]
    for sense, predicted, measured, width, expected in cases do
        let verdict = CheckEvaluator.Judge(sense, predicted, measured, width)
        require (verdict = expected) (sprintf "%A p=%g m=%g w=%g: oracle %A, measured %A" sense predicted measured width expected verdict)
    // The default wrong predictions: Within moves 3w away from the measurement's side; AtMost puts the bound 3w
    // below the measurement; Below puts the level at the measurement.
    require (CheckEvaluator.DefaultWrongPrediction(ComparisonSense.Within, 1.0, 1.2, 0.5) = -0.5) "Within, m above p: p − 3w"
    require (CheckEvaluator.DefaultWrongPrediction(ComparisonSense.Within, 1.0, 0.8, 0.5) = 2.5) "Within, m below p: p + 3w"
    require (CheckEvaluator.DefaultWrongPrediction(ComparisonSense.AtMost, 0.0, 0.25, 0.5) = -1.25) "AtMost: m − 3w"
    require (CheckEvaluator.DefaultWrongPrediction(ComparisonSense.Below, 1.0, 0.25, 0.5) = 0.25) "Below: m"

/// A check whose prediction, measurement and tolerance are given numbers (for the injected-failure test).
let private fixedCheck (id: string) (predicted: float) (measured: float) (width: float) =
    CheckDefinition(
        id, "test", "a fixed number", "a fixed number", OracleKind.ClosedForm, "this test", CheckLevel.Quick, ComparisonSense.Within,
        Func<uint64, CheckCase>(fun _ ->
            CheckCase(Func<float>(fun () -> predicted), Func<Measurement>(fun () -> Measurement(measured)),
                      Func<float, Measurement, Tolerance>(fun _ _ -> Tolerance(ToleranceKind.RoundingBound, width, "given", Nullable 0.0)))),
        OracleText = "given")

let private runInjected (checks: CheckDefinition list) =
    let dir = tempDir ()
    let out, err = new StringWriter(), new StringWriter()
    let context = CommandContext(out, err, false, [| "verify"; "(injected)" |])
    let code = VerifyRunner.Run(context, Array.ofList checks, CheckLevel.Quick, 1UL, [||], dir)
    code, out.ToString(), dir

[<Fact>]
let ``an injected failing check makes verify exit 1 and the report name it as failed`` () =
    let code, out, dir = runInjected [ fixedCheck "test.passes" 1.0 1.2 0.5; fixedCheck "test.fails" 1.0 2.0 0.5 ]
    require (code = 1) (sprintf "exit code: oracle 1 (a check failed), measured %d; stdout %s" code out)
    require (out.Contains "FAIL test.fails" && out.Contains "PASS test.passes") (sprintf "stdout must list both verdicts: %s" out)
    let root = json (Path.Combine(dir, "report.json"))
    let verdicts = [ for c in root.GetProperty("checks").EnumerateArray() -> string (c.GetProperty("id").GetString()), string (c.GetProperty("verdict").GetString()) ]
    require (verdicts = [ "test.passes", "Pass"; "test.fails", "Fail" ]) (sprintf "report.json verdicts: %A" verdicts)
    require (root.GetProperty("summary").GetProperty("failed").GetInt32() = 1) "summary.failed must be 1"
    let code2, _, _ = runInjected [ fixedCheck "test.passes" 1.0 1.2 0.5 ]
    require (code2 = 0) (sprintf "all passing: oracle exit 0, measured %d" code2)

[<Fact>]
let ``verify --level quick --only spiking writes the three reports, self-contained html, and exits 0`` () =
    let dir = tempDir ()
    let out, _ = runOk [ "verify"; "--level"; "quick"; "--only"; "spiking"; "--out"; dir ]
    // Oracle: the quick spiking checks, written out.
    let expected = [ "spiking.lif-rate.ri25.dt0.1"; "spiking.lif-rate.ri60.dt0.1"; "spiking.lif-first-spike.ri30.dt0.1"; "spiking.sma-mean-conductance.t5s" ]
    for id in expected do
        require (out.Contains("PASS " + id + ":")) (sprintf "stdout must have a PASS line for %s: %s" id out)
    require (out.Contains "4 checks, 4 passed, 0 failed") (sprintf "summary line: %s" out)
    let root = json (Path.Combine(dir, "report.json"))
    let ids = [ for c in root.GetProperty("checks").EnumerateArray() -> string (c.GetProperty("id").GetString()) ]
    require (ids = expected) (sprintf "report.json ids: oracle %A, measured %A" expected ids)
    for c in root.GetProperty("checks").EnumerateArray() do
        for key in [ "predicted"; "measured" ] do
            require (Double.IsFinite(c.GetProperty(key).GetDouble())) (sprintf "%s.%s must be a finite number" (string (c.GetProperty("id").GetString())) key)
        let tolerance = c.GetProperty("tolerance")
        require ((string (tolerance.GetProperty("derivation").GetString())).Length > 0) "tolerance.derivation must be given"
    let md = File.ReadAllText(Path.Combine(dir, "report.md"))
    for id in expected do
        require (md.Contains id) (sprintf "report.md must list %s" id)
    let html = File.ReadAllText(Path.Combine(dir, "report.html"))
    require (html.Contains "data:image/png;base64,") "report.html must inline its figures as base64 PNG"
    for external in [ "http://"; "https://"; "<link"; "<script" ] do
        require (not (html.Contains external)) (sprintf "report.html must be self-contained, found '%s'" external)
    let leftovers = Directory.GetFiles dir |> Array.filter (fun (f: string) -> Plasticity.Cli.Output.AtomicFile.IsTemporaryName(string (Path.GetFileName f)))
    require (Array.isEmpty leftovers) (sprintf "temporary files left: %A" leftovers)

[<Fact>]
let ``verify refuses unknown families, levels and seeds with one line and exit code 2`` () =
    usageError [ "verify"; "--only"; "hopfield,nosuch"; "--out"; tempDir () ] [ "--only"; "nosuch" ]
    usageError [ "verify"; "--level"; "medium"; "--out"; tempDir () ] [ "--level"; "quick or full" ]
    usageError [ "verify"; "--seed"; "-1"; "--out"; tempDir () ] [ "--seed" ]
