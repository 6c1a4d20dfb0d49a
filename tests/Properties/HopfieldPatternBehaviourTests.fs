/// Behaviour of the Hopfield pattern generators and pattern operations against their definitions, written to kill
/// mutants Stryker.NET left alive in src/Core.CSharp/Networks/Hopfield (see docs/testing.md, "Mutation testing"):
/// unbiased patterns must be independent fair bits (the byte-unpacking fast path), sparse ones must have coding
/// level a, and overlaps and mixtures follow their formulas.
///
/// Family-wise false-alarm probability of one CI run: 2.0e-5 (three 4.5-SE checks at fixed seeds, 6.8e-6 each).
module Plasticity.Properties.HopfieldPatternBehaviourTests

open System
open Xunit
open Plasticity.Core.Networks.Hopfield
open Plasticity.Properties.Support

[<Fact>]
let ``unbiased patterns are independent fair bits: half are +1 and half of all neighbours agree`` () =
    // Oracle: ξ_i^μ i.i.d. fair ±1. The fraction of +1 has SE √(¼/M); for fair bits the indicators
    // [x_k = x_{k+1}] are mutually independent Bernoulli(½), so the fraction of agreeing neighbours (row-major,
    // across byte boundaries of the bit-unpacking path) also has SE √(¼/(M − 1)). 4.5 SE at a fixed seed each.
    let n, p = 1000, 20
    let x = (PatternSet.Dense(n, p, rng 2024UL)).Data.ToArray()
    let m = float x.Length
    let plus = x |> Array.filter ((=) 1y) |> Array.length
    require (x |> Array.forall (fun v -> v = 1y || v = -1y)) "entries must be ±1"
    within "fraction of +1 entries" "½" 0.5 (float plus / m) (4.5 * sqrt (0.25 / m)) "4.5 SE, SE = √(¼/M)"
    let agree = Seq.pairwise x |> Seq.filter (fun (a, b) -> a = b) |> Seq.length
    within "fraction of agreeing neighbours" "½" 0.5 (float agree / (m - 1.0)) (4.5 * sqrt (0.25 / (m - 1.0))) "4.5 SE, SE = √(¼/(M − 1))"

[<Fact>]
let ``sparse patterns have coding level a and the pattern set reports N, P and α = P/N`` () =
    // Oracle: ξ = +1 with probability a, independently: SE √(a(1 − a)/M); 4.5 SE at a fixed seed.
    let n, p, a = 500, 16, 0.2
    let set = PatternSet.Sparse(n, p, a, rng 77UL)
    require (set.Size = n && set.Count = p) (sprintf "shape %d×%d, expected %d×%d" set.Count set.Size p n)
    assertAbs "load α" (float p / float n) set.Load 0.0
    let x = set.Data.ToArray()
    let m = float x.Length
    let plus = x |> Array.filter ((=) 1y) |> Array.length
    within "coding level" "a" a (float plus / m) (4.5 * sqrt (a * (1.0 - a) / m)) "4.5 SE, SE = √(a(1 − a)/M)"
    // Rows are the patterns, row-major: Copy and the indexer see the same data.
    for mu in [ 0; 7; p - 1 ] do
        require (set.Copy mu = x[mu * n .. mu * n + n - 1]) (sprintf "pattern %d is not row %d of Data" mu mu)

[<Fact>]
let ``overlaps are (1/N) ξ·s and explicit rows are kept as given`` () =
    // Oracle: hand-computed dot products.
    let rows = [| [| 1y; 1y; -1y; -1y |]; [| 1y; -1y; 1y; -1y |] |]
    let set = PatternSet.FromRows rows
    let s = [| 1y; 1y; 1y; -1y |]
    let m = PatternOps.Overlaps(set, ReadOnlySpan s)
    require (m = [| 0.5; 0.5 |]) (sprintf "overlaps %A, expected (½, ½)" m)
    assertAbs "overlap with −ξ" -1.0 (PatternOps.Overlap(ReadOnlySpan rows[0], ReadOnlySpan(Array.map (fun v -> -v) rows[0]))) 0.0
    require (set.Copy 1 = rows[1] && set.Size = 4 && set.Count = 2) "rows kept"
    let bad = Assert.Throws<ArgumentException>(fun () -> PatternSet.FromRows [| [| 1y; 0y |] |] |> ignore)
    require (bad.ParamName = "rows") "an entry 0 is refused naming rows"
    let cue = PatternOps.CueWithFlips(ReadOnlySpan rows[0], 0, rng 1UL)
    require (cue = rows[0] && not (obj.ReferenceEquals(cue, rows[0]))) "zero flips give a copy of the pattern"
