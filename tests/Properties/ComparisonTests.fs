/// Comparison (src/Experiments/Checks/Comparison.cs): the one verdict line every command and verify print. Oracles:
/// hand-computed verdicts for each sense at and just beyond the boundary (Within |m − p| ≤ w, AtMost m ≤ p + w, Below
/// m < p − w strictly; a non-finite value fails), and the printed text written out character for character.
module Plasticity.Properties.ComparisonTests

open System
open Xunit
open Plasticity.Cli.Verify
open Plasticity.Experiments.Checks
open Plasticity.Properties.Support

let private tol kind width = Tolerance(kind, width, "given", Nullable 0.0)

[<Fact>]
let ``Comparison.Test judges each sense as hand-computed, at and beyond the boundary; NaN fails`` () =
    let cases =
        [ // sense, measured, predicted, width, oracle
          ComparisonSense.Within, 1.2, 1.0, 0.5, Verdict.Pass
          ComparisonSense.Within, 1.5, 1.0, 0.5, Verdict.Pass // |m − p| = w exactly: inside
          ComparisonSense.Within, 0.5, 1.0, 0.5, Verdict.Pass
          ComparisonSense.Within, 1.5000001, 1.0, 0.5, Verdict.Fail
          ComparisonSense.Within, 0.4999999, 1.0, 0.5, Verdict.Fail
          ComparisonSense.AtMost, 1.0, 0.0, 1.0, Verdict.Pass // m = p + w exactly
          ComparisonSense.AtMost, 1.0000001, 0.0, 1.0, Verdict.Fail
          ComparisonSense.AtMost, -1e9, 0.0, 1.0, Verdict.Pass // any amount below passes
          ComparisonSense.Below, 0.4, 1.0, 0.5, Verdict.Pass
          ComparisonSense.Below, 0.5, 1.0, 0.5, Verdict.Fail // m = p − w: not strictly below
          ComparisonSense.Below, 2.0, 1.0, 0.5, Verdict.Fail
          ComparisonSense.Within, nan, 1.0, 0.5, Verdict.Fail
          ComparisonSense.AtMost, nan, 1.0, 0.5, Verdict.Fail
          ComparisonSense.Below, nan, 1.0, 0.5, Verdict.Fail
          ComparisonSense.Within, 1.0, nan, 0.5, Verdict.Fail
          ComparisonSense.Within, infinity, 1.0, 0.5, Verdict.Fail
          ComparisonSense.AtMost, -infinity, 1.0, 0.5, Verdict.Fail ]
    for sense, measured, predicted, width, expected in cases do
        let c = Comparison.Test("q", measured, predicted, tol ToleranceKind.StandardErrors width, sense)
        require (c.Verdict = expected) (sprintf "%A m=%g p=%g w=%g: oracle %A, measured %A" sense measured predicted width expected c.Verdict)
        require (c.Line().StartsWith(Comparison.VerdictText expected + " q: ")) (sprintf "line must start with the verdict: %s" (c.Line()))

[<Fact>]
let ``the text form: PASS, FAIL and not a test with values, bound and kind, or the reason`` () =
    let cases =
        [ Comparison.Test("one-step bit error rate", 0.0012, 0.0011, tol ToleranceKind.StandardErrors 0.0003),
          "PASS one-step bit error rate: measured 0.0012, predicted 0.0011, tolerance ±0.0003 (k·SE)"
          Comparison.Test("ΔE per step", 1.0000001, 0.0, tol ToleranceKind.RoundingBound 1.0, ComparisonSense.AtMost),
          "FAIL ΔE per step: measured 1, predicted 0, tolerance ≤ predicted + 1 (rounding bound)"
          Comparison.Test("overlap m", 0.4, 1.0, tol ToleranceKind.StudentT 0.5, ComparisonSense.Below),
          "PASS overlap m: measured 0.4, predicted 1, tolerance < predicted − 0.5 (Student-t)"
          Comparison.Test("x", nan, 2.0, tol ToleranceKind.Empirical 0.123456789),
          "FAIL x: measured —, predicted 2, tolerance ±0.123457 (empirical)"
          Comparison.NotATest("BCM θ", 2.5, 5.21, "one end-of-run value of a noisy average"),
          "not a test BCM θ: measured 2.5, predicted 5.21 (one end-of-run value of a noisy average)"
          Comparison.NotATest("m", 0.96, nan, "no theory above α_c"), "not a test m: measured 0.96, predicted — (no theory above α_c)" ]
    for c, expected in cases do
        require (c.Line() = expected) (sprintf "line: oracle\n  %s\nmeasured\n  %s" expected (c.Line()))
    require (Comparison.VerdictText Verdict.Pass = "PASS" && Comparison.VerdictText Verdict.Fail = "FAIL" && Comparison.VerdictText Verdict.NotATest = "not a test") "verdict words"
    for value, oracle in [ 1234567.0, "1.23457×10⁶"; 2.89332e-15, "2.89332×10⁻¹⁵"; -4.5e-7, "-4.5×10⁻⁷"; 0.000737, "0.000737" ] do
        require (Comparison.Number value = oracle) (sprintf "Number(%g): oracle %s, measured %s" value oracle (Comparison.Number value))
    require (Comparison.Number infinity = "—") "a non-finite number prints as —"

/// A check with given numbers (an oracle independent of any model).
let private fixedCheck (id: string) (informational: bool) (sense: ComparisonSense) (predicted: float) (measured: float) (width: float) =
    CheckDefinition(
        id, "test", "a fixed number", "a fixed number", OracleKind.ClosedForm, "this test", CheckLevel.Quick, sense,
        Func<uint64, CheckCase>(fun _ ->
            CheckCase(Func<float>(fun () -> predicted), Func<Measurement>(fun () -> Measurement(measured)),
                      Func<float, Measurement, Tolerance>(fun _ _ -> tol ToleranceKind.RoundingBound width))),
        OracleText = "given", Informational = informational)

[<Fact>]
let ``Comparison.Of a check result carries verify's verdict, and verify's console line is its Line`` () =
    let cases =
        [ fixedCheck "t.within" false ComparisonSense.Within 1.0 1.2 0.5, Verdict.Pass, "PASS t.within: measured 1.2, predicted 1, tolerance ±0.5 (rounding bound)"
          fixedCheck "t.atmost" false ComparisonSense.AtMost 0.0 2.0 1.0, Verdict.Fail, "FAIL t.atmost: measured 2, predicted 0, tolerance ≤ predicted + 1 (rounding bound)"
          fixedCheck "t.below" false ComparisonSense.Below 1.0 0.25 0.5, Verdict.Pass, "PASS t.below: measured 0.25, predicted 1, tolerance < predicted − 0.5 (rounding bound)"
          fixedCheck "t.info" true ComparisonSense.Within 1.0 9.0 0.5, Verdict.NotATest, "not a test t.info: measured 9, predicted 1 (informational (see the check's derivation))" ]
    for check, expected, line in cases do
        let result = CheckEvaluator.Evaluate(check, 1UL)
        let c = Comparison.Of result
        require (result.Verdict = expected && c.Verdict = expected) (sprintf "%s: oracle %A, verify %A, Comparison.Of %A" check.Id expected result.Verdict c.Verdict)
        require (c.Line() = line) (sprintf "Comparison.Of line: oracle\n  %s\nmeasured\n  %s" line (c.Line()))
        let printed = VerifyReport.Line result
        require (printed.StartsWith(line + ", ") && printed.EndsWith(" s")) (sprintf "verify line must be the comparison line plus the time: %s" printed)
        require (not (printed.Contains "INFO")) (sprintf "no INFO: %s" printed)
