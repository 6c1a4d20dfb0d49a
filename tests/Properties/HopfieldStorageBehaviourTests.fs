/// Behaviour of the Hopfield coupling storage (dense matrices with a divisor, Hebbian couplings, pseudo-inverse and
/// Storkey storage), of cues and mixtures, and of the shape and argument contracts of the Hopfield API, written to
/// kill the mutants Stryker.NET left alive in src/Core.CSharp/Networks/Hopfield after HopfieldDynamicsBehaviourTests
/// (see /work/fragments/mut1.md, "Networks/Hopfield after mut3"). Every oracle is a definition or a closed form
/// computed here from integer data, never a call of the code under test.
///
/// Family-wise false-alarm probability of one CI run: 2e-7 (the two one-sided sparse-pattern checks at coding
/// levels 1e-9 and 1 − 1e-9, each ≤ M·1e-9 = 1e-7 by the union bound); every other check is exact or a rounding bound.
module Plasticity.Properties.HopfieldStorageBehaviourTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

// Guards are checked with Support.throwsArgumentNamed: a guard that is removed lets the call fail later with another
// exception (index out of range, a kernel's length check naming its own span) or not at all.

/// Σ_j J_ij s_j in exact integer arithmetic (the oracle of every field below; a float division of it by d is then
/// correctly rounded, so the code's one division must give the same bits).
let private integerFields (j: int[,]) (s: sbyte[]) =
    let n = s.Length
    Array.init n (fun i -> Seq.sum (seq { for k in 0 .. n - 1 -> j[i, k] * int s[k] }))

let private flatten (j: int[,]) =
    let n = Array2D.length1 j
    Array.init (n * n) (fun k -> float j[k / n, k % n])

let private genIntegerMatrix =
    gen {
        let! n = Gen.choose (1, 6)
        let! entries = Gen.arrayOfLength (n * n) (Gen.choose (-3, 3))
        let! symmetric = Gen.elements [ true; false ]
        let j = Array2D.init n n (fun r c -> if symmetric && c < r then entries[c * n + r] else entries[r * n + c])
        let! state = Gen.arrayOfLength n (Gen.elements [ 1y; -1y ])
        let! divisor = Gen.elements [ 1.0; 3.0; 4.0; 7.5 ]
        return j, state, divisor
    }

[<Property(MaxTest = 200)>]
let ``dense couplings are J over the divisor: entries, diagonal, fields, reference fields and tracker`` () =
    // Oracle: w_ij = J_ij / d with J integer, h_i = (Σ_j J_ij s_j) / d (integer sum, one correctly rounded division);
    // symmetry is J = Jᵀ by definition. Divisors 3, 4, 7.5 make / d and · d differ (the old tests used d = 1 only).
    Prop.forAll (Arb.fromGen genIntegerMatrix) (fun (j, s, d) ->
        let n = s.Length
        let w = DenseWeightMatrix(n, flatten j, d)
        require (w.Divisor = d) "divisor kept"
        for r in 0 .. n - 1 do
            for c in 0 .. n - 1 do
                require (w[r, c] = float j[r, c] / d) (sprintf "w[%d,%d] = %g, expected J/d = %g" r c w[r, c] (float j[r, c] / d))
            require (w.Diagonal r = float j[r, r] / d) (sprintf "diagonal %d = %g, expected %g" r (w.Diagonal r) (float j[r, r] / d))
        let expected = integerFields j s |> Array.map (fun x -> float x / d)
        let fields = Array.create n nan
        w.ComputeFields(ReadOnlySpan s, Span fields)
        require (fields = expected) (sprintf "fields %A, expected %A" fields expected)
        let reference = Array.create n nan
        w.ComputeFieldsReference(ReadOnlySpan s, Span reference)
        require (reference = expected) (sprintf "reference fields %A, expected %A" reference expected)
        let tracker = w.CreateTracker(ReadOnlySpan s)
        require (Array.init n tracker.Field = expected) "tracker fields"
        let symmetric = Seq.forall (fun (r, c) -> j[r, c] = j[c, r]) (seq { for r in 0 .. n - 1 do for c in 0 .. n - 1 -> r, c })
        require (w.IsSymmetric() = symmetric) (sprintf "IsSymmetric %b, J = Jᵀ is %b" (w.IsSymmetric()) symmetric))

[<Fact>]
let ``one asymmetric pair anywhere makes a matrix asymmetric`` () =
    // Oracle: definition of symmetry. Every off-diagonal pair (r, c), r < c, of a 5×5 all-ones matrix is broken in
    // turn (the last pair (3, 4) is reached only by the full loop bounds); a broken diagonal entry keeps symmetry.
    let n = 5
    for r in 0 .. n - 1 do
        for c in 0 .. n - 1 do
            let j = Array2D.create n n 1
            j[r, c] <- 2
            let w = DenseWeightMatrix(n, flatten j, 2.0)
            require (w.IsSymmetric() = (r = c)) (sprintf "J with J[%d,%d] = 2: IsSymmetric %b" r c (w.IsSymmetric()))

[<Fact>]
let ``dense Hebbian storage is Σ ξξᵀ over N with the chosen diagonal`` () =
    // Oracle: J_ij = Σ_μ ξ_i^μ ξ_j^μ (integer), w = J/N, w_ii = 0 (zero convention) or P/N (included).
    let rows = [| [| 1y; 1y; -1y; 1y; -1y |]; [| 1y; -1y; -1y; 1y; 1y |]; [| -1y; 1y; 1y; 1y; 1y |] |]
    let n, p = 5, 3
    let set = PatternSet.FromRows rows
    for diag in [ DiagonalConvention.Zero; DiagonalConvention.Keep ] do
        let w = HopfieldStorage.HebbianDense(set, diag)
        require (w.Divisor = float n) (sprintf "divisor %g, expected N = %d" w.Divisor n)
        for r in 0 .. n - 1 do
            for c in 0 .. n - 1 do
                let jrc = if r = c && diag = DiagonalConvention.Zero then 0 else Array.sumBy (fun (x: sbyte[]) -> int x[r] * int x[c]) rows
                require (w[r, c] = float jrc / float n) (sprintf "%A: w[%d,%d] = %g, expected %g" diag r c w[r, c] (float jrc / float n))
            let dii = if diag = DiagonalConvention.Zero then 0.0 else float p / float n
            require (w.Diagonal r = dii) (sprintf "%A: diagonal %g, expected %g" diag (w.Diagonal r) dii)

[<Fact>]
let ``Hebbian couplings report their diagonal: zero, or P/N when it is included`` () =
    // Oracle: w_ii = (1/N) Σ_μ (ξ_i^μ)² = P/N; 0 under the zero-diagonal convention. P = 3, N = 5: P/N = 0.6.
    let rows = [| [| 1y; 1y; -1y; 1y; -1y |]; [| 1y; -1y; -1y; 1y; 1y |]; [| -1y; 1y; 1y; 1y; 1y |] |]
    let set = PatternSet.FromRows rows
    let included = HebbianCouplings(set, DiagonalConvention.Keep)
    let zero = HebbianCouplings(set, DiagonalConvention.Zero)
    for i in 0 .. 4 do
        let sumSquares = rows |> Array.sumBy (fun x -> int x[i] * int x[i])
        require (included.Diagonal i = float sumSquares / 5.0) (sprintf "included diagonal %g, expected 3/5" (included.Diagonal i))
        require (zero.Diagonal i = 0.0) (sprintf "zero-convention diagonal %g" (zero.Diagonal i))

[<Fact>]
let ``scaled Hebbian fields overwrite a dirty buffer`` () =
    // Oracle: N h_i = Σ_μ ξ_i^μ (ξ^μ·s) − P s_i (zero diagonal) or without the −P s_i term (included), integers;
    // the buffer is filled with garbage first, as a caller reusing it would leave it.
    let rows = [| [| 1y; 1y; -1y; 1y; -1y; 1y |]; [| 1y; -1y; -1y; 1y; 1y; -1y |] |]
    let set = PatternSet.FromRows rows
    let s = [| 1y; -1y; 1y; 1y; -1y; -1y |]
    let j = Array2D.init 6 6 (fun r c -> rows |> Array.sumBy (fun x -> int x[r] * int x[c]))
    for diag in [ DiagonalConvention.Zero; DiagonalConvention.Keep ] do
        let w = HebbianCouplings(set, diag)
        let expected = integerFields j s |> Array.mapi (fun i h -> if diag = DiagonalConvention.Zero then h - 2 * int s[i] else h)
        let buffer = Array.create 6 12345
        w.ComputeScaledFields(ReadOnlySpan s, Span buffer)
        require (buffer = expected) (sprintf "%A: scaled fields %A, expected %A" diag buffer expected)
        let fields = Array.create 6 nan
        w.ComputeFields(ReadOnlySpan s, Span fields)
        require (fields = Array.map (fun h -> float h / 6.0) expected) (sprintf "%A: fields %A" diag fields)

/// Largest |a − b| over two equally long arrays.
let private maxAbsDiff (a: float[]) (b: float[]) = Array.map2 (fun x y -> abs (x - y)) a b |> Array.max

[<Fact>]
let ``pseudo-inverse storage is the orthogonal projector onto the patterns, with the chosen diagonal`` () =
    // Oracle: W = Ξᵀ(ΞΞᵀ)⁺Ξ is the orthogonal projector onto span{ξ^μ}. Closed forms:
    //  (a) N = 3, ξ¹ = (1, 1, 1), ξ² = (1, 1, −1): span = {x₁ = x₂}, projector [[½, ½, 0], [½, ½, 0], [0, 0, 1]];
    //  (b) N = 4, two Hadamard rows (ΞΞᵀ = N I): projector (1/N) Σ ξξᵀ.
    // Tolerance: the SVD-based pseudo-inverse of a Gram matrix with condition number ≤ 2 (eigenvalues 4, 2 and N, N) and the two products
    // are backward stable: 64 N u per entry (entries are O(1)); the zero diagonal is set exactly.
    let check (rows: sbyte[][]) (projector: float[,]) =
        let n = rows[0].Length
        let tol = 64.0 * float n * unitRoundoff
        for diag in [ DiagonalConvention.Zero; DiagonalConvention.Keep ] do
            let w = HopfieldStorage.PseudoInverse(PatternSet.FromRows rows, diag)
            require (w.Divisor = 1.0 && w.IsSymmetric()) "projector stored symmetric with divisor 1"
            let got = Array.init (n * n) (fun k -> w[k / n, k % n])
            let expected =
                Array.init (n * n) (fun k -> if k / n = k % n && diag = DiagonalConvention.Zero then 0.0 else projector[k / n, k % n])
            let dev = maxAbsDiff got expected
            require (dev <= tol) (sprintf "%A, N = %d: max |W − projector| = %g > %g (64 N u)\n%A" diag n dev tol got)
            if diag = DiagonalConvention.Zero then
                for i in 0 .. n - 1 do
                    require (w.Diagonal i = 0.0) (sprintf "diagonal %d = %g, must be exactly 0" i (w.Diagonal i))
    check [| [| 1y; 1y; 1y |]; [| 1y; 1y; -1y |] |] (array2D [ [ 0.5; 0.5; 0.0 ]; [ 0.5; 0.5; 0.0 ]; [ 0.0; 0.0; 1.0 ] ])
    let hadamard = [| [| 1y; 1y; 1y; 1y |]; [| 1y; -1y; 1y; -1y |] |]
    check hadamard (Array2D.init 4 4 (fun r c -> (hadamard |> Array.sumBy (fun x -> float (int x[r] * int x[c]))) / 4.0))

[<Fact>]
let ``Storkey storage refuses an included diagonal and the storage rules dispatch`` () =
    // Oracle: the documented contract (Storkey is defined with a zero diagonal only); Store returns the rule asked.
    let set = PatternSet.FromRows [| [| 1y; -1y; 1y |] |]
    throwsNamed "Storkey with an included diagonal" "diagonal" (fun () -> HopfieldStorage.Storkey(set, DiagonalConvention.Keep) |> ignore)
    require (HopfieldStorage.Store(set, StorageRule.Hebbian) :? HebbianCouplings) "Hebbian rule gives Hebbian couplings"

[<Fact>]
let ``the flip count is round-half-away-from-zero of f·N and a cue differs in exactly that many units`` () =
    // Oracle: hand table of round(f·N) with halves rounded up, and the Hamming distance between cue and pattern.
    let table = [ 10, 0.25, 3; 9, 1.0 / 3.0, 3; 7, 0.5, 4; 100, 0.1, 10; 5, 0.0, 0; 5, 1.0, 5; 8, 0.3, 2; 1000, 0.0625, 63 ]
    for n, f, k in table do
        require (PatternOps.FlipCount(n, f) = k) (sprintf "FlipCount(%d, %g) = %d, expected %d" n f (PatternOps.FlipCount(n, f)) k)
        let pattern = Array.init n (fun i -> if i % 3 = 0 then -1y else 1y)
        let cue = PatternOps.Cue(ReadOnlySpan pattern, f, rng (uint64 n))
        let distance = Array.map2 (fun a b -> if a = b then 0 else 1) pattern cue |> Array.sum
        require (distance = k) (sprintf "Cue(N = %d, f = %g) differs in %d units, expected %d" n f distance k)

[<Fact>]
let ``cue arguments: f in [0, 1] and flips in [0, N], all flips negate the pattern`` () =
    // Oracle: the documented ranges (ends included); flipping every unit gives −ξ exactly.
    let pattern = [| 1y; -1y; -1y; 1y; 1y |]
    for f in [ -0.1; 1.1; nan; -infinity ] do
        throwsNamed (sprintf "Cue f = %g" f) "flipFraction" (fun () -> PatternOps.Cue(ReadOnlySpan pattern, f, rng 1UL) |> ignore)
    require (PatternOps.Cue(ReadOnlySpan pattern, 1.0, rng 1UL) = Array.map (fun v -> -v) pattern) "f = 1 negates every unit"
    require (PatternOps.Cue(ReadOnlySpan pattern, 0.0, rng 1UL) = pattern) "f = 0 keeps the pattern"
    for k in [ -1; 6 ] do
        throwsNamed (sprintf "CueWithFlips k = %d" k) "flips" (fun () -> PatternOps.CueWithFlips(ReadOnlySpan pattern, k, rng 1UL) |> ignore)
    require (PatternOps.CueWithFlips(ReadOnlySpan pattern, 5, rng 1UL) = Array.map (fun v -> -v) pattern) "k = N negates every unit"
    throwsArgumentNamed "overlap of unequal lengths" "state" (fun () -> PatternOps.Overlap(ReadOnlySpan pattern, ReadOnlySpan [| 1y |]) |> ignore)

[<Fact>]
let ``a mixture takes an odd number of valid pattern indices and one component is the pattern itself`` () =
    // Oracle: sgn of an odd sum of ±1 patterns; one component gives the pattern; the documented index range.
    let rows = [| [| 1y; 1y; -1y; -1y |]; [| 1y; -1y; 1y; -1y |]; [| -1y; 1y; 1y; -1y |] |]
    let set = PatternSet.FromRows rows
    require (PatternOps.Mixture(set, ReadOnlySpan [| 2 |]) = rows[2]) "one component gives that pattern"
    require (PatternOps.Mixture(set, ReadOnlySpan [| 0; 1; 2 |]) = [| 1y; 1y; 1y; -1y |]) "majority of three (hand-computed)"
    for components in [ [||]; [| 0; 1 |] ] do
        throwsNamed (sprintf "mixture of %d" components.Length) "components" (fun () -> PatternOps.Mixture(set, ReadOnlySpan components) |> ignore)
    for mu in [ -1; 3 ] do
        throwsNamed (sprintf "mixture index %d" mu) "components" (fun () -> PatternOps.Mixture(set, ReadOnlySpan [| mu |]) |> ignore)

[<Fact>]
let ``extreme coding levels give all −1 or all +1 and every entry is ±1`` () =
    // Oracle: ξ = +1 with probability a independently. At a = 1e-9 any +1 among M = 100 entries has probability
    // ≤ M a = 1e-7 (union bound), likewise any −1 at a = 1 − 1e-9: the two false-alarm terms of this file.
    let n, p = 20, 5
    let low = PatternSet.Sparse(n, p, 1e-9, rng 5UL)
    require (low.Data.ToArray() |> Array.forall ((=) -1y)) (sprintf "a = 1e-9: entries %A, expected all −1" (low.Data.ToArray()))
    let high = PatternSet.Sparse(n, p, 1.0 - 1e-9, rng 6UL)
    require (high.Data.ToArray() |> Array.forall ((=) 1y)) (sprintf "a = 1 − 1e-9: entries %A, expected all +1" (high.Data.ToArray()))
    require (low.Load = 0.25 && high.Load = 0.25) (sprintf "load α = P/N = 0.25, got %g" low.Load)
    require (PatternSet.Dense(1, 1, rng 7UL).Size = 1) "N = 1 is allowed"

[<Fact>]
let ``pattern shapes and coding levels are checked before anything is allocated`` () =
    // Oracle: the documented contract: N ≥ 1, P ≥ 1, N·P ≤ 2³¹ − 1, a ∈ (0, 1). N·P = 2³¹ − 1 exactly is a valid
    // shape (an invalid coding level must then be what is refused), N·P = 2³² is not.
    for a in [ 0.0; 1.0; -0.1; 1.5; nan ] do
        throwsNamed (sprintf "coding level %g" a) "codingLevel" (fun () -> PatternSet.Sparse(4, 2, a, rng 1UL) |> ignore)
    throwsNamed "N = 0" "size" (fun () -> PatternSet.Sparse(0, 2, 0.3, rng 1UL) |> ignore)
    throwsNamed "P = 0" "count" (fun () -> PatternSet.Dense(4, 0, rng 1UL) |> ignore)
    throwsNamed "N·P = 2³¹ − 1 with a = 0" "codingLevel" (fun () -> PatternSet.Sparse(Int32.MaxValue, 1, 0.0, rng 1UL) |> ignore)
    throwsNamed "N·P = 2³²" "count" (fun () -> PatternSet.Sparse(65536, 65536, 0.0, rng 1UL) |> ignore)
    throwsArgumentNamed "no rows" "rows" (fun () -> PatternSet.FromRows [||] |> ignore)
    throwsNamed "rows of length 0" "size" (fun () -> PatternSet.FromRows [| [||] |] |> ignore)
    throwsArgumentNamed "ragged rows" "rows" (fun () -> PatternSet.FromRows [| [| 1y; 1y |]; [| 1y |] |] |> ignore)
    for bad in [ [| 0y; 1y; 1y |]; [| 1y; 1y; 2y |]; [| 1y; -3y; 1y |] ] do
        throwsArgumentNamed (sprintf "entry not ±1 in %A" bad) "rows" (fun () -> PatternSet.FromRows [| [| 1y; 1y; 1y |]; bad |] |> ignore)

[<Fact>]
let ``dense couplings refuse bad shapes, divisors and weights`` () =
    // Oracle: the documented contract: N ≥ 1, N² entries, 0 < d < ∞, square finite weights.
    throwsNamed "N = 0" "size" (fun () -> DenseWeightMatrix(0, [||]) |> ignore)
    throwsArgumentNamed "3 entries for N = 2" "matrix" (fun () -> DenseWeightMatrix(2, Array.zeroCreate 3) |> ignore)
    for d in [ 0.0; -1.0; nan; infinity ] do
        throwsNamed (sprintf "divisor %g" d) "divisor" (fun () -> DenseWeightMatrix(1, [| 1.0 |], d) |> ignore)
    require (DenseWeightMatrix(1, [| 1.0 |], 1e-300).Divisor = 1e-300) "a tiny positive divisor is valid"
    throwsArgumentNamed "non-square weights" "weights" (fun () -> DenseWeightMatrix.FromWeights(Array2D.zeroCreate 2 3) |> ignore)
    for w in [ nan; infinity ] do
        throwsArgumentNamed (sprintf "weight %g" w) "weights" (fun () -> DenseWeightMatrix.FromWeights(array2D [ [ 0.0; w ]; [ 1.0; 0.0 ] ]) |> ignore)

[<Fact>]
let ``the network checks state, field and threshold lengths and values`` () =
    // Oracle: the documented contract: every vector has N entries, fields and thresholds are finite; a run with a
    // state of the wrong length or maxSweeps < 1 is refused naming the argument.
    let w = HebbianCouplings(PatternSet.FromRows [| [| 1y; -1y; 1y |] |])
    for name, v in [ "field", [| 0.0; 0.0; 0.0; 0.0 |]; "field", [| 0.0; 0.0 |]; "field", [| 0.0; nan; 0.0 |] ] do
        throwsArgumentNamed (sprintf "%s %A" name v) name (fun () -> HopfieldNetwork(w, field = v) |> ignore)
    for v in [ [| 0.0; 0.0; 0.0; 0.0 |]; [| 0.0; 0.0 |]; [| infinity; 0.0; 0.0 |] ] do
        throwsArgumentNamed (sprintf "threshold %A" v) "threshold" (fun () -> HopfieldNetwork(w, threshold = v) |> ignore)
    let net = HopfieldNetwork(w)
    for s in [ [| 1y; 1y |]; [| 1y; 1y; 1y; 1y |] ] do
        throwsArgumentNamed (sprintf "inputs of a state of length %d" s.Length) "state" (fun () -> net.ComputeInputs(ReadOnlySpan s, Span(Array.zeroCreate 3)))
        throwsArgumentNamed (sprintf "energy of a state of length %d" s.Length) "state" (fun () -> net.Energy(ReadOnlySpan s) |> ignore)
        throwsArgumentNamed (sprintf "run from a state of length %d" s.Length) "state" (fun () ->
            HopfieldDynamics.Run(net, Span(Array.copy s), UpdateOrder.AsyncFixed, 3) |> ignore)
    throwsNamed "maxSweeps = 0" "maxSweeps" (fun () -> HopfieldDynamics.Run(net, Span [| 1y; 1y; 1y |], UpdateOrder.AsyncFixed, 0) |> ignore)
