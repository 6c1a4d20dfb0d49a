/// Two-factor rule kernels (issue 3, first part): every vectorised row kernel equals its scalar reference bit
/// for bit, every scalar reference equals its published equation evaluated here from the rule's parameters
/// (an oracle that does not call the kernel), named rules equal the general Taylor form, and scaling
/// preserves weight ratios.
///
/// False alarms: every check here is exact or a rounding bound, none is statistical, so the family-wise
/// false-alarm probability of one CI run is 0.
module Plasticity.Properties.TwoFactorRuleTests

open System
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Plasticity.Core.Plasticity.TwoFactor
open Plasticity.Properties.Support

/// One postsynaptic row: presynaptic rates, weights, a postsynaptic rate and rule coefficients. Lengths
/// straddle the SIMD widths and the kernels' 512-element stack buffers.
type RuleRow =
    { Pre: float[]; Weights: float[]; Post: float; Coefficients: float[] }
    override this.ToString() = sprintf "len=%d post=%g coefficients=%A" this.Pre.Length this.Post this.Coefficients

type RuleGenerators =
    static member RuleRow() : Arbitrary<RuleRow> =
        let value = Gen.choose (-1_000_000, 1_000_000) |> Gen.map (fun k -> float k / 250_000.0)
        let gen =
            gen {
                let! len = Gen.oneof [ Gen.choose (0, 40); Gen.choose (500, 530) ]
                let! pre = Gen.arrayOfLength len value
                let! weights = Gen.arrayOfLength len value
                let! post = value
                let! coefficients = Gen.arrayOfLength 6 value
                return { Pre = pre; Weights = weights; Post = post; Coefficients = coefficients }
            }
        Arb.fromGen gen

let private rulesOf (c: float[]) : ILocalRule list =
    [ TaylorRule(c[0], c[1], c[2], c[3], c[4], c[5])
      HebbRule(c[0], c[1])
      OjaRule(abs c[0] + 1e-3, abs c[1] + 1e-3) // Oja requires η, α > 0
      CovarianceRule(c[0], c[1], c[2])
      CovarianceRule.PresynapticallyGated(c[0], c[1])
      CovarianceRule.PostsynapticallyGated(c[0], c[1])
      SynapticScalingRule(c[0], c[1])
      TaylorRule(TaylorCoefficients(c[0], c[1], c[2], c[3], c[4], c[5]), TaylorCoefficients(c[5], c[4], c[3], c[2], c[1], c[0]))
      InstarRule(c[0])
      OutstarRule(c[0]) ]

[<Property(Arbitrary = [| typeof<RuleGenerators> |], MaxTest = 100)>]
let ``every rule's row kernel equals its scalar reference bit for bit`` (row: RuleRow) =
    for rule in rulesOf row.Coefficients do
        let delta = Array.zeroCreate row.Pre.Length
        rule.DeltaRow(ReadOnlySpan row.Pre, row.Post, ReadOnlySpan row.Weights, Span delta)
        for j in 0 .. row.Pre.Length - 1 do
            let reference = rule.Delta(row.Pre[j], row.Post, row.Weights[j])
            require (BitConverter.DoubleToInt64Bits delta[j] = BitConverter.DoubleToInt64Bits reference)
                (sprintf "%A: row kernel %.17g ≠ scalar reference %.17g at j = %d" rule delta[j] reference j)

/// Σ|terms| of a sum: the rounding of a k-term evaluation is ≤ k·u·Σ|terms| (Higham, Accuracy and Stability §3).
let private magnitude (terms: float list) = terms |> List.sumBy abs

[<Property(Arbitrary = [| typeof<RuleGenerators> |], MaxTest = 100)>]
let ``every rule's scalar reference equals its equation written out in the test`` (row: RuleRow) =
    // Oracle: the rule's equation from the science sheet (§2) evaluated here in a different grouping from the
    // rule's parameters. Each side rounds ≤ 8 times per term, so |difference| ≤ 16·u·Σ|terms| (+ the minimal
    // subnormal spacing for results near 0). A kernel with a wrong gate (η y² instead of η y), a wrong sign or a
    // swapped pre/post fails by O(|term|), far above this bound for the generated |values| ≥ 4e-6.
    let c = row.Coefficients
    let eta, a, b = c[0], c[1], c[2]
    let etaOja, alpha = abs c[0] + 1e-3, abs c[1] + 1e-3
    let slopes = TaylorCoefficients(c[5], c[4], c[3], c[2], c[1], c[0])
    let cases: (string * ILocalRule * (float -> float -> float -> float list)) list =
        [ "Taylor (constant)", TaylorRule(c[0], c[1], c[2], c[3], c[4], c[5]),
          (fun x y _ -> [ c[0]; c[1] * x; c[2] * y; c[3] * x * y; c[4] * x * x; c[5] * y * y ])
          "Taylor (weight slopes)", TaylorRule(TaylorCoefficients(c[0], c[1], c[2], c[3], c[4], c[5]), slopes),
          (fun x y w ->
              [ c[0]; c[1] * x; c[2] * y; c[3] * x * y; c[4] * x * x; c[5] * y * y
                w * c[5]; w * c[4] * x; w * c[3] * y; w * c[2] * x * y; w * c[1] * x * x; w * c[0] * y * y ])
          "Hebb η x y − c", HebbRule(eta, a), (fun x y _ -> [ eta * x * y; -a ])
          "Oja η (x y − α y² w)", OjaRule(etaOja, alpha), (fun x y w -> [ etaOja * x * y; -(etaOja * alpha * y * y * w) ])
          "covariance η (x − θx)(y − θy)", CovarianceRule(eta, a, b), (fun x y _ -> [ eta * x * y; -(eta * a * y); -(eta * x * b); eta * a * b ])
          "presynaptically gated η x (y − θ)", CovarianceRule.PresynapticallyGated(eta, a), (fun x y _ -> [ eta * x * y; -(eta * x * a) ])
          "postsynaptically gated η y (x − θ)", CovarianceRule.PostsynapticallyGated(eta, a), (fun x y _ -> [ eta * y * x; -(eta * y * a) ])
          "synaptic scaling η w (y_target − y)", SynapticScalingRule(eta, a), (fun _ y w -> [ eta * w * a; -(eta * w * y) ])
          "instar η y (x − w)", InstarRule(eta), (fun x y w -> [ eta * y * x; -(eta * y * w) ])
          "outstar η x (y − w)", OutstarRule(eta), (fun x y w -> [ eta * x * y; -(eta * x * w) ]) ]
    for name, rule, terms in cases do
        for j in 0 .. min (row.Pre.Length - 1) 40 do
            let x, y, w = row.Pre[j], row.Post, row.Weights[j]
            let t = terms x y w
            within (sprintf "%s at x=%g y=%g w=%g" name x y w) "equation evaluated in the test" (List.sum t) (rule.Delta(x, y, w))
                (16.0 * unitRoundoff * magnitude t + 1e-300) "16·u·Σ|terms|"

[<Property(Arbitrary = [| typeof<RuleGenerators> |], MaxTest = 100)>]
let ``BCM's scalar reference is η x y (y − θ)`` (row: RuleRow) =
    // Oracle: the BCM equation (Bienenstock, Cooper & Munro 1982; science sheet §2) evaluated here; θ is the third
    // argument of BcmRule.Delta. Same 16·u·Σ|terms| rounding bound as above.
    let c = row.Coefficients
    let eta = abs c[0] + 1e-3 // BCM requires η > 0
    let rule = BcmRule(eta, 0.5, 1.0)
    for j in 0 .. min (row.Pre.Length - 1) 40 do
        let x, y, theta = row.Pre[j], row.Post, row.Weights[j]
        let t = [ eta * x * y * y; -(eta * x * y * theta) ]
        within (sprintf "BCM at x=%g y=%g θ=%g" x y theta) "η x y (y − θ)" (List.sum t) (rule.Delta(x, y, theta)) (16.0 * unitRoundoff * magnitude t + 1e-300) "16·u·Σ|terms|"

[<Property(Arbitrary = [| typeof<RuleGenerators> |], MaxTest = 100)>]
let ``Hebb with decay and the covariance rules are members of the Taylor family`` (row: RuleRow) =
    let c = row.Coefficients
    let eta, a, b = c[0], c[1], c[2]
    // η x y − c = Taylor(a0 = −c, a2corr = η);  η (x − θx)(y − θy) = Taylor(ηθxθy, −ηθy, −ηθx, η, 0, 0).
    let pairs: (string * ILocalRule * ILocalRule) list =
        [ "Hebb with decay", HebbRule(eta, a), TaylorRule(-a, 0.0, 0.0, eta, 0.0, 0.0)
          "covariance", CovarianceRule(eta, a, b), TaylorRule(eta * a * b, -eta * b, -eta * a, eta, 0.0, 0.0) ]
    for name, rule, taylor in pairs do
        for j in 0 .. row.Pre.Length - 1 do
            let x, y = row.Pre[j], row.Post
            let expected = taylor.Delta(x, y, row.Weights[j])
            // Different groupings of the same polynomial: ≤ 8 roundings on each side, each ≤ 2u·scale.
            let scale = 1.0 + abs eta * (abs x + abs a) * (abs y + abs b) + abs a
            within (sprintf "%s at x=%g y=%g" name x y) "Taylor form" expected (rule.Delta(x, y, row.Weights[j])) (32.0 * unitRoundoff * scale) "32·u·scale"

[<Property(Arbitrary = [| typeof<RuleGenerators> |], MaxTest = 100)>]
let ``synaptic scaling changes every weight of a neuron by the same factor`` (row: RuleRow) =
    let rule = SynapticScalingRule(row.Coefficients[0] * 0.01, row.Coefficients[1])
    let delta = Array.zeroCreate row.Pre.Length
    rule.DeltaRow(ReadOnlySpan row.Pre, row.Post, ReadOnlySpan row.Weights, Span delta)
    let factor = 1.0 + rule.Eta * (rule.Target - row.Post)
    for j in 0 .. row.Pre.Length - 1 do
        let w = row.Weights[j]
        // w + w·g equals w·(1 + g) up to two roundings of |w|·(1 + |g|).
        within "scaled weight" "w·(1 + η(y_target − y))" (w * factor) (w + delta[j]) (4.0 * unitRoundoff * abs w * (1.0 + abs (factor - 1.0))) "4·u·|w|·(1+|g|)"

[<Property(Arbitrary = [| typeof<RuleGenerators> |], MaxTest = 100)>]
let ``Oja and soft-bounded Hebb are Taylor rules with weight-dependent coefficients`` (row: RuleRow) =
    let c = row.Coefficients
    let eta, alpha, wMax = abs c[0] + 1e-3, abs c[1] + 1e-3, c[2] // Oja requires η, α > 0
    // Oja: c2corr = η, d2post = −ηα.  Soft-bounded Hebb η x y (w_max − w): c2corr = η w_max, d2corr = −η.
    let oja = TaylorRule(TaylorCoefficients(0.0, 0.0, 0.0, eta, 0.0, 0.0), TaylorCoefficients(0.0, 0.0, 0.0, 0.0, 0.0, -(eta * alpha)))
    for j in 0 .. row.Pre.Length - 1 do
        let x, y, w = row.Pre[j], row.Post, row.Weights[j]
        // Same products, grouped differently only by additions of exact zeros: equal bit for bit.
        let reference = OjaRule(eta, alpha).Delta(x, y, w)
        require (oja.Delta(x, y, w) = reference) (sprintf "Oja as Taylor %.17g ≠ OjaRule %.17g at x=%g y=%g w=%g" (oja.Delta(x, y, w)) reference x y w)
        let soft = TaylorRule(TaylorCoefficients(0.0, 0.0, 0.0, eta * wMax, 0.0, 0.0), TaylorCoefficients(0.0, 0.0, 0.0, -eta, 0.0, 0.0))
        let expected = eta * x * y * (wMax - w)
        // Two groupings of a 4-factor product plus one subtraction: ≤ 6 roundings of |η x y|(|w_max| + |w|).
        within "soft-bounded Hebb" "η x y (w_max − w)" expected (soft.Delta(x, y, w)) (8.0 * unitRoundoff * abs (eta * x * y) * (abs wMax + abs w)) "8·u·|ηxy|(|w_max|+|w|)"
