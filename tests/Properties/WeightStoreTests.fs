/// The one weight store (issue 9 §2–§3): DenseWeightMatrix's fast paths against their scalar definitions, bit for
/// bit; the bounds policy (clamp on every write, NaN never hidden, validation naming the parameter); the square matrix
/// as Hopfield couplings (fields, diagonal, tracker) against exact integer Hebbian arithmetic; pattern-based Hebbian
/// couplings read as a weight view; any store (recording, quantising) running in HopfieldDynamics and
/// LeakyIntegrator; and both loops on StepLoop (progress, cancellation, fixed points, divergence).
module Plasticity.Properties.WeightStoreTests

open System
open System.Threading
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Networks.RateDynamics
open Plasticity.Core.Neurons
open Plasticity.Core.Numerics.Stepping
open Plasticity.Core.Synapses
open Plasticity.Properties.Support
open Plasticity.Properties.TestStores

// ---------------------------------------------------------------------------------------------------------------
// Oracles typed here (the specification, not the code under test).

/// The bits of a double: equality of bits distinguishes −0 from +0 and compares NaN payloads.
let private bits (x: float) = BitConverter.DoubleToInt64Bits x

let private sameBits (what: string) (expected: float[]) (measured: float[]) =
    require (expected.Length = measured.Length) (sprintf "%s: length %d, expected %d" what measured.Length expected.Length)
    for k in 0 .. expected.Length - 1 do
        require (bits expected[k] = bits measured[k]) (sprintf "%s: entry %d = %.17g, expected %.17g (bit for bit)" what k measured[k] expected[k])

/// Equal values bit for bit, except that −0 and +0 count as equal: a SIMD dot product of all-zero terms may return
/// −0 (e.g. N = 2, a zero row, s = (−1, −1)), which no update can see (sgn keeps the unit at ±0 alike).
let private sameFields (what: string) (expected: float[]) (measured: float[]) =
    require (expected.Length = measured.Length) (sprintf "%s: length %d, expected %d" what measured.Length expected.Length)
    for k in 0 .. expected.Length - 1 do
        let same = bits expected[k] = bits measured[k] || (expected[k] = 0.0 && measured[k] = 0.0)
        require same (sprintf "%s: entry %d = %.17g, expected %.17g (bit for bit, ±0 alike)" what k measured[k] expected[k])

/// clamp(x, lo, hi) as specified: below lo → lo, above hi → hi, otherwise x (NaN compares false both ways: stays NaN).
let private clampSpec (lo: float) (hi: float) (x: float) = if x < lo then lo elif x > hi then hi else x

/// All entries of a store, row-major, read through the view's indexer.
let private entries (w: IWeightView) = Array.init (w.Outputs * w.Inputs) (fun k -> w.[k / w.Inputs, k % w.Inputs])

// ---------------------------------------------------------------------------------------------------------------
// Generators: shapes straddling the SIMD widths (2, 4, 8 doubles), values over many binades (so the order of
// additions matters), and bounds that contain 0.

type StoreCase =
    { Outputs: int; Inputs: int; Seed: uint64; Lower: float; Upper: float }
    override this.ToString() = sprintf "%d×%d seed=%d bounds=[%g, %g]" this.Outputs this.Inputs this.Seed this.Lower this.Upper

let private genStoreCase =
    gen {
        let! outputs = Gen.choose (1, 12)
        let! inputs = Gen.choose (1, 37)
        let! seed = Gen.choose (0, Int32.MaxValue) |> Gen.map uint64
        let! lower, upper =
            Gen.elements [ (-infinity, infinity); (-0.5, 0.5); (0.0, 1.0); (-1.0, 0.0); (-infinity, 0.3); (-0.2, infinity); (0.0, 0.0) ]
        return { Outputs = outputs; Inputs = inputs; Seed = seed; Lower = lower; Upper = upper }
    }

type StoreGenerators =
    static member StoreCase() : Arbitrary<StoreCase> = Arb.fromGen genStoreCase

/// A value of random sign and magnitude 2^k·U(0.5, 1), k ∈ [−20, 20]; one in ten exactly zero.
let private wideValue (random: Random) =
    if random.Next 10 = 0 then 0.0
    else
        let magnitude = (0.5 + 0.5 * random.NextDouble()) * Math.Pow(2.0, float (random.Next(-20, 21)))
        if random.Next 2 = 0 then -magnitude else magnitude

let private wideValues (random: Random) (count: int) = Array.init count (fun _ -> wideValue random)

/// A bounded store of the case's shape with every row programmed from wide values (SetRow clamps them).
let private storeOf (c: StoreCase) (random: Random) =
    let m = DenseWeightMatrix(c.Outputs, c.Inputs, WeightBounds(c.Lower, c.Upper))
    for i in 0 .. c.Outputs - 1 do
        m.SetRow(i, ReadOnlySpan(wideValues random c.Inputs))
    m

/// The case's store (storeOf), a wide-valued input of length `inputs` drawn after it from the same generator, and a
/// fast kernel and its reference each run on that input into its own NaN-filled output of length `outputs` (an
/// entry a kernel fails to write stays NaN).
let private fastAndReference (c: StoreCase) (inputs: int) (outputs: int) (fast: DenseWeightMatrix -> float[] -> float[] -> unit)
                             (reference: DenseWeightMatrix -> float[] -> float[] -> unit) =
    let random = rng c.Seed
    let m = storeOf c random
    let input = wideValues random inputs
    let fastOut = Array.create outputs nan
    let referenceOut = Array.create outputs nan
    fast m input fastOut
    reference m input referenceOut
    m, input, fastOut, referenceOut

// ---------------------------------------------------------------------------------------------------------------
// §2 DenseWeightMatrix: fast paths against their references, bit for bit.

[<Property(Arbitrary = [| typeof<StoreGenerators> |], MaxTest = 200)>]
let ``MultiplyTransposed equals its scalar reference and the sum over i in order, bit for bit`` (c: StoreCase) =
    // Oracle: r_j = Σ_i w_ij δ_i summed left to right over i (the definition), typed here; the reference kernel too.
    let m, post, fast, reference =
        fastAndReference c c.Outputs c.Inputs (fun m x y -> m.MultiplyTransposed(ReadOnlySpan x, Span y)) (fun m x y -> m.MultiplyTransposedReference(ReadOnlySpan x, Span y))
    let spec = Array.init c.Inputs (fun j -> (0.0, [ 0 .. c.Outputs - 1 ]) ||> List.fold (fun sum i -> sum + m[i, j] * post[i]))
    sameBits "MultiplyTransposed vs the in-order sum" spec fast
    sameBits "MultiplyTransposedReference vs the in-order sum" spec reference

[<Property(Arbitrary = [| typeof<StoreGenerators> |], MaxTest = 200)>]
let ``Apply is the element-wise clamp(w + Δ), bit for bit`` (c: StoreCase) =
    let random = rng c.Seed
    let m = storeOf c random
    let before = entries m
    let delta = wideValues random (c.Outputs * c.Inputs)
    m.Apply(ReadOnlySpan delta)
    sameBits "Apply" (Array.map2 (fun w d -> clampSpec c.Lower c.Upper (w + d)) before delta) (entries m)

[<Property(Arbitrary = [| typeof<StoreGenerators> |], MaxTest = 200)>]
let ``AddToRow is clamp(w + δ) on its row and leaves the other rows alone`` (c: StoreCase) =
    let random = rng c.Seed
    let m = storeOf c random
    let before = entries m
    let row = random.Next c.Outputs
    let delta = wideValues random c.Inputs
    m.AddToRow(row, ReadOnlySpan delta)
    let expected = before |> Array.mapi (fun k w -> if k / c.Inputs = row then clampSpec c.Lower c.Upper (w + delta[k % c.Inputs]) else w)
    sameBits (sprintf "AddToRow(%d)" row) expected (entries m)

[<Property(Arbitrary = [| typeof<StoreGenerators> |], MaxTest = 200)>]
let ``AddOuterProduct is clamp(w + (scale·post_i)·pre_j), bit for bit`` (c: StoreCase) =
    // Oracle: the documented evaluation order (scale·post_i first, then ·pre_j, then + w_ij, each rounded once).
    let random = rng c.Seed
    let m = storeOf c random
    let before = entries m
    let scale = wideValue random
    let post = wideValues random c.Outputs
    let pre = wideValues random c.Inputs
    m.AddOuterProduct(scale, ReadOnlySpan post, ReadOnlySpan pre)
    let expected = before |> Array.mapi (fun k w -> clampSpec c.Lower c.Upper (w + (scale * post[k / c.Inputs]) * pre[k % c.Inputs]))
    sameBits "AddOuterProduct" expected (entries m)

[<Property(Arbitrary = [| typeof<StoreGenerators> |], MaxTest = 200)>]
let ``SetRow programs clamp(values) into its row only; CopyRow and ToRows read it back`` (c: StoreCase) =
    let random = rng c.Seed
    let m = storeOf c random
    let before = entries m
    let row = random.Next c.Outputs
    let values = wideValues random c.Inputs |> Array.map (fun v -> 4.0 * v)
    m.SetRow(row, ReadOnlySpan values)
    let expected = before |> Array.mapi (fun k w -> if k / c.Inputs = row then clampSpec c.Lower c.Upper values[k % c.Inputs] else w)
    sameBits (sprintf "SetRow(%d)" row) expected (entries m)
    let copied = Array.create c.Inputs nan
    m.CopyRow(row, Span copied)
    sameBits "CopyRow" expected[row * c.Inputs .. (row + 1) * c.Inputs - 1] copied
    sameBits "ToRows" expected (Array.concat (m.ToRows()))
    // Every programmed weight lies within the bounds: what the store guarantees.
    require (entries m |> Array.forall (fun w -> w >= c.Lower && w <= c.Upper)) "a weight outside the bounds after SetRow"

[<Property(Arbitrary = [| typeof<StoreGenerators> |], MaxTest = 100)>]
let ``Multiply equals the left-to-right reference within the summation bound, and Copy keeps bounds and every product`` (c: StoreCase) =
    // Oracle: any order of n sums errs by ≤ (n−1)·u·Σ|terms| (Higham 2002, §4.2); twice for two orders.
    let m, x, fast, reference =
        fastAndReference c c.Inputs c.Outputs (fun m x y -> m.Multiply(ReadOnlySpan x, Span y)) (fun m x y -> m.MultiplyReference(ReadOnlySpan x, Span y))
    for i in 0 .. c.Outputs - 1 do
        let scale = Seq.sum (Seq.init c.Inputs (fun j -> abs (m[i, j] * x[j])))
        within (sprintf "Multiply row %d" i) "left-to-right sum" reference[i] fast[i] (2.0 * float c.Inputs * unitRoundoff * scale) "2n·u·Σ|w_ij x_j|"
    let copy = m.Copy()
    require (copy.Bounds = m.Bounds) (sprintf "Copy bounds %A, original %A" copy.Bounds m.Bounds)
    let copied = Array.create c.Outputs nan
    copy.Multiply(ReadOnlySpan x, Span copied)
    sameBits "Multiply of the copy" fast copied
    // The copy is independent: a write to it leaves the original alone.
    let snapshot = entries m
    copy.AddToRow(0, ReadOnlySpan(Array.create c.Inputs 1.0))
    sameBits "original after writing the copy" snapshot (entries m)
    require (copy.Bounds = m.Bounds) "bounds lost"

[<Fact>]
let ``bounds clamp every write and never hide a NaN`` () =
    // Oracle: the WeightBounds contract: clamp to [lower, upper]; NaN stays NaN (divergence is never hidden); ±∞ is
    // clamped like any other value; the indexer setter goes through the same policy.
    let m = DenseWeightMatrix(2, 3, WeightBounds(-1.0, 2.0))
    m.Apply(ReadOnlySpan [| nan; infinity; -infinity; 5.0; -5.0; 0.25 |])
    sameBits "Apply through [−1, 2]" [| nan; 2.0; -1.0; 2.0; -1.0; 0.25 |] (entries m)
    m.AddToRow(1, ReadOnlySpan [| nan; 0.0; 0.0 |])
    require (Double.IsNaN m[1, 0]) "AddToRow hid a NaN"
    m.AddOuterProduct(1.0, ReadOnlySpan [| 0.0; 1.0 |], ReadOnlySpan [| nan; 0.0; 0.0 |])
    require (Double.IsNaN m[1, 0] && m[1, 1] = -1.0) "AddOuterProduct hid a NaN or moved an entry it should not"
    m.SetRow(0, ReadOnlySpan [| nan; 3.0; -3.0 |])
    sameBits "SetRow through [−1, 2]" [| nan; 2.0; -1.0 |] [| m[0, 0]; m[0, 1]; m[0, 2] |]
    m[0, 1] <- 7.0
    m[0, 2] <- nan
    require (m[0, 1] = 2.0 && Double.IsNaN m[0, 2]) (sprintf "indexer setter: %g, %g (expected 2, NaN)" m[0, 1] m[0, 2])
    // Unbounded: writes are the exact sums.
    let free = DenseWeightMatrix(1, 2)
    free.Apply(ReadOnlySpan [| 1e300; -0.5 |])
    free.Apply(ReadOnlySpan [| 1e300; 0.25 |])
    sameBits "unbounded Apply" [| 2e300; -0.25 |] (entries free)
    require (free.Bounds = WeightBounds.None && free.Bounds.IsUnbounded) "default bounds are (−∞, ∞)"

[<Fact>]
let ``the store validates bounds, indices and span lengths, naming the parameter`` () =
    // Oracle: the documented contract. Bounds need lower ≤ upper, no NaN, and must contain the initial w = 0.
    for lo, hi in [ (1.0, 0.0); (nan, 1.0); (0.0, nan); (0.1, 1.0); (-1.0, -0.1); (infinity, infinity) ] do
        throwsNamed (sprintf "bounds [%g, %g]" lo hi) "bounds" (fun () -> DenseWeightMatrix(2, 2, WeightBounds(lo, hi)) |> ignore)
    throwsNamed "Validated names its caller's parameter" "limits" (fun () -> WeightBounds(2.0, 1.0).Validated("limits") |> ignore)
    require (WeightBounds(0.0, 0.0).Validated("b") = WeightBounds(0.0, 0.0)) "a point interval [0, 0] is valid"
    throwsNamed "0 outputs" "outputs" (fun () -> DenseWeightMatrix(0, 2) |> ignore)
    throwsNamed "0 inputs" "inputs" (fun () -> DenseWeightMatrix(2, 0) |> ignore)
    throwsNamed "negative scale" "scale" (fun () -> DenseWeightMatrix.RandomGaussian(2, 2, -1.0, rng 1UL) |> ignore)
    throwsNamed "NaN scale" "scale" (fun () -> DenseWeightMatrix.RandomGaussian(2, 2, nan, rng 1UL) |> ignore)
    throwsArgumentNamed "a null row" "rows" (fun () -> DenseWeightMatrix.FromRows([| [| 1.0 |]; Unchecked.defaultof<float[]> |]) |> ignore)
    let m = DenseWeightMatrix(2, 3)
    throwsNamed "output −1" "output" (fun () -> m[-1, 0] |> ignore)
    throwsNamed "output 2" "output" (fun () -> m[2, 0] |> ignore)
    // (1, −1) and (0, 3) would address valid flat positions (row 0, last entry; row 1, first): the guard is per index.
    throwsNamed "input −1" "input" (fun () -> m[1, -1] |> ignore)
    throwsNamed "input 3" "input" (fun () -> m[0, 3] |> ignore)
    throwsNamed "Row 2" "output" (fun () -> m.Row(2).Length |> ignore)
    throwsNamed "AddToRow 2" "output" (fun () -> m.AddToRow(2, ReadOnlySpan(Array.zeroCreate 3)))
    throwsNamed "SetRow −1" "output" (fun () -> m.SetRow(-1, ReadOnlySpan(Array.zeroCreate 3)))
    throwsNamed "CopyRow 5" "output" (fun () -> m.CopyRow(5, Span(Array.zeroCreate 3)))
    throwsArgumentNamed "CopyRow into 2" "destination" (fun () -> m.CopyRow(0, Span(Array.zeroCreate 2)))
    throwsArgumentNamed "AddToRow with 4" "delta" (fun () -> m.AddToRow(0, ReadOnlySpan(Array.zeroCreate 4)))
    throwsArgumentNamed "Apply with 5" "delta" (fun () -> m.Apply(ReadOnlySpan(Array.zeroCreate 5)))
    throwsArgumentNamed "Apply with 7" "delta" (fun () -> m.Apply(ReadOnlySpan(Array.zeroCreate 7)))
    throwsArgumentNamed "outer product, post of 3" "post" (fun () -> m.AddOuterProduct(1.0, ReadOnlySpan(Array.zeroCreate 3), ReadOnlySpan(Array.zeroCreate 3)))
    throwsArgumentNamed "outer product, pre of 2" "pre" (fun () -> m.AddOuterProduct(1.0, ReadOnlySpan(Array.zeroCreate 2), ReadOnlySpan(Array.zeroCreate 2)))
    throwsArgumentNamed "SetRow with 4" "values" (fun () -> m.SetRow(0, ReadOnlySpan(Array.zeroCreate 4)))
    throwsArgumentNamed "transposed, post of 3" "post" (fun () -> m.MultiplyTransposed(ReadOnlySpan(Array.zeroCreate 3), Span(Array.zeroCreate 3)))
    throwsArgumentNamed "transposed, result of 4" "result" (fun () -> m.MultiplyTransposed(ReadOnlySpan(Array.zeroCreate 2), Span(Array.zeroCreate 4)))
    throwsArgumentNamed "reference, result of 2" "result" (fun () -> m.MultiplyTransposedReference(ReadOnlySpan(Array.zeroCreate 2), Span(Array.zeroCreate 2)))
    // A failed write changed nothing.
    sameBits "after refused writes" (Array.zeroCreate 6) (entries m)

// ---------------------------------------------------------------------------------------------------------------
// The square store as couplings: the divisor, Hebbian fields in exact integer arithmetic, the couplings' view.

/// J = Σ_μ ξ^μ ξ^μᵀ in integers, with J_ii = 0 under the zero convention (P under Keep).
let private hebbianIntegers (patterns: PatternSet) (keep: bool) =
    let n = patterns.Size
    let rows = Array.init patterns.Count patterns.Copy
    Array2D.init n n (fun a b -> if a = b && not keep then 0 else rows |> Array.sumBy (fun xi -> int xi[a] * int xi[b]))

let private integerFields (j: int[,]) (s: sbyte[]) =
    Array.init s.Length (fun i -> Seq.sum (seq { for k in 0 .. s.Length - 1 -> j[i, k] * int s[k] }))

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 60)>]
let ``a Hebbian matrix held as (J, N) gives the pattern couplings' fields bit for bit; as w = J/N, N·u rounds to J s`` (shape: SmallNetwork) (keep: bool) =
    // Oracle: J s in exact integers (typed here); u = (J s)/N is then one correctly rounded division, so the dense
    // store with divisor N and the pattern-based couplings must both give float(J s)/N exactly. With w = J/N stored
    // (divisor 1) each w_ij carries one rounding and the sum n more: |u − (J s)/N| ≤ 2(N+1)·u·Σ_j|J_ij|/N, so
    // |N·u − J s| ≤ 2(N+1)·u·N·P < 0.5 for N ≤ 48 and N·u rounds to the integer J s.
    let n = shape.N
    let patterns = patternsOf n shape.P shape.Seed
    let j = hebbianIntegers patterns keep
    let diagonal = if keep then DiagonalConvention.Keep else DiagonalConvention.Zero
    let exact = DenseWeightMatrix(n, Array.init (n * n) (fun k -> float j[k / n, k % n]), float n)
    let rounded = DenseWeightMatrix.FromWeights(Array2D.map (fun x -> float x / float n) j)
    let hebbian = HebbianCouplings(patterns, diagonal)
    let random = rng (shape.Seed + 9UL)
    for trial in 1 .. 3 do
        let s = randomState n random
        let js = integerFields j s
        let oracle = js |> Array.map (fun x -> float x / float n)
        let fields (c: ICouplings) =
            let u = Array.create n nan
            c.ComputeFields(ReadOnlySpan s, Span u)
            u
        sameFields (sprintf "trial %d: dense (J, N) fields" trial) oracle (fields exact)
        sameFields (sprintf "trial %d: Hebbian couplings' fields" trial) oracle (fields hebbian)
        sameFields (sprintf "trial %d: HebbianDense fields" trial) oracle (fields (HopfieldStorage.HebbianDense(patterns, diagonal)))
        let u = fields rounded
        for i in 0 .. n - 1 do
            let absRow = Seq.sum (Seq.init n (fun k -> abs (float j[i, k])))
            within (sprintf "trial %d: field %d of w = J/N" trial i) "(J s)/N" oracle[i] u[i] (2.0 * float (n + 1) * unitRoundoff * absRow / float n) "2(N+1)·u·Σ|J_ij|/N"
            require (Math.Round(float n * u[i]) = float js[i]) (sprintf "trial %d: round(N·u_%d) = %g, J s = %d" trial i (Math.Round(float n * u[i])) js[i])
        // Trackers follow single flips exactly: a tracked field equals a fresh ComputeFields of the flipped state.
        let tracker = exact.CreateTracker(ReadOnlySpan s)
        for _ in 1 .. 5 do
            let k = random.Next n
            s[k] <- -s[k]
            tracker.Flip k
            sameFields "tracked fields after a flip" (integerFields j s |> Array.map (fun x -> float x / float n)) (Array.init n tracker.Field)

[<Fact>]
let ``a zero field may come back as −0 from the SIMD dot product, and a tie keeps the unit either way`` () =
    // Oracle: IEEE 754 (0·(−1) = −0, −0 + −0 = −0) and the tie rule sgn(0) = keep. N = 2 with J = 0 and s = (−1, −1)
    // is the case the Hebbian field property above met at random (found by FsCheck with bit-for-bit comparison).
    let zero = DenseWeightMatrix(2, Array.zeroCreate 4, 2.0)
    let u = Array.create 2 nan
    zero.ComputeFields(ReadOnlySpan [| -1y; -1y |], Span u)
    require (u |> Array.forall (fun x -> x = 0.0)) (sprintf "fields %A, expected ±0" u)
    for order in [ UpdateOrder.Synchronous; UpdateOrder.AsyncFixed ] do
        let s = [| -1y; -1y |]
        let r = HopfieldDynamics.Run(HopfieldNetwork(zero), Span s, order, 5)
        require (r = RunResult(RunOutcome.FixedPoint, 1, 0L) && s = [| -1y; -1y |]) (sprintf "%A: %A, state %A" order r s)

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 40)>]
let ``Hebbian couplings read as a weight view give float(J_ij)/N entry by entry and row by row`` (shape: SmallNetwork) (keep: bool) =
    // Oracle: w_ij = J_ij/N from the integers typed here (diagonal 0, or P/N when kept); the dense Hebbian matrix holds
    // the same doubles; Outputs = Inputs = Size = N.
    let n = shape.N
    let patterns = patternsOf n shape.P shape.Seed
    let j = hebbianIntegers patterns keep
    let diagonal = if keep then DiagonalConvention.Keep else DiagonalConvention.Zero
    let view = HebbianCouplings(patterns, diagonal) :> ICouplings
    let dense = HopfieldStorage.HebbianDense(patterns, diagonal)
    require (view.Outputs = n && view.Inputs = n && view.Size = n) (sprintf "shape %d×%d, Size %d, expected N = %d" view.Outputs view.Inputs view.Size n)
    require ((dense :> ICouplings).Outputs = n && dense.Size = n && dense.Divisor = float n) "dense Hebbian shape and divisor"
    let oracle = Array.init (n * n) (fun k -> float j[k / n, k % n] / float n)
    sameBits "Hebbian view entries" oracle (entries view)
    sameBits "HebbianDense entries" oracle (entries dense)
    let row = Array.create n nan
    for i in 0 .. n - 1 do
        view.CopyRow(i, Span row)
        sameBits (sprintf "Hebbian view row %d" i) oracle[i * n .. i * n + n - 1] row
        dense.CopyRow(i, Span row)
        sameBits (sprintf "HebbianDense row %d" i) oracle[i * n .. i * n + n - 1] row
        require (bits (view.Diagonal i) = bits oracle[i * n + i] && bits (dense.Diagonal i) = bits oracle[i * n + i]) (sprintf "diagonal %d" i)
    throwsNamed "Hebbian entry (N, 0)" "output" (fun () -> view[n, 0] |> ignore)
    throwsNamed "Hebbian entry (0, −1)" "input" (fun () -> view[0, -1] |> ignore)
    throwsArgumentNamed "Hebbian row into N + 1" "destination" (fun () -> view.CopyRow(0, Span(Array.zeroCreate (n + 1))))

[<Fact>]
let ``a write turns a (J, d) matrix into plain weights with the same entries; Copy keeps the divisor`` () =
    // Oracle: J = [[3, 1], [1, 3]], d = 3: the entries are J/d (one correctly rounded division each, typed here); a
    // zero write keeps them bit for bit and sets d = 1; writable views do the same; Copy keeps (J, d) and its fields.
    let jOf () = [| 3.0; 1.0; 1.0; 3.0 |]
    let expected = [| 3.0 / 3.0; 1.0 / 3.0; 1.0 / 3.0; 3.0 / 3.0 |]
    let writes : (string * (DenseWeightMatrix -> unit)) list =
        [ "Apply", (fun m -> m.Apply(ReadOnlySpan(Array.zeroCreate 4)))
          "AddToRow", (fun m -> m.AddToRow(1, ReadOnlySpan(Array.zeroCreate 2)))
          "AddOuterProduct", (fun m -> m.AddOuterProduct(0.0, ReadOnlySpan [| 1.0; 1.0 |], ReadOnlySpan [| 1.0; 1.0 |]))
          "SetRow", (fun m -> m.SetRow(0, ReadOnlySpan [| 1.0; 1.0 / 3.0 |]))
          "indexer", (fun m -> m[0, 0] <- 1.0)
          "Row", (fun m -> m.Row(0).Length |> ignore)
          "Data", (fun m -> m.Data.Length |> ignore) ]
    for name, write in writes do
        let m = DenseWeightMatrix(2, jOf (), 3.0)
        require (m.Divisor = 3.0) "divisor kept before a write"
        sameBits (sprintf "%s: entries before" name) expected (entries m)
        write m
        require (m.Divisor = 1.0) (sprintf "%s: divisor %g after a write, expected 1" name m.Divisor)
        sameBits (sprintf "%s: entries after" name) expected (entries m)
        sameBits (sprintf "%s: Data after" name) expected (m.Data.ToArray())
    let m = DenseWeightMatrix(2, jOf (), 3.0)
    let c = m.Copy()
    require (c.Divisor = 3.0) "Copy lost the divisor"
    let s = [| 1y; -1y |]
    let fm, fc = Array.zeroCreate 2, Array.zeroCreate 2
    m.ComputeFields(ReadOnlySpan s, Span fm)
    c.ComputeFields(ReadOnlySpan s, Span fc)
    sameBits "fields (J s)/d of the copy" [| 2.0 / 3.0; -2.0 / 3.0 |] fc
    sameBits "fields (J s)/d" [| 2.0 / 3.0; -2.0 / 3.0 |] fm
    // Products divide once at the end: Multiply (J x)/d, MultiplyTransposed (Jᵀ δ)/d.
    let drive = Array.zeroCreate 2
    m.Multiply(ReadOnlySpan [| 1.0; 2.0 |], Span drive)
    sameBits "Multiply (J x)/d" [| 5.0 / 3.0; 7.0 / 3.0 |] drive
    m.MultiplyTransposed(ReadOnlySpan [| 1.0; 2.0 |], Span drive)
    sameBits "MultiplyTransposed (Jᵀ δ)/d" [| 5.0 / 3.0; 7.0 / 3.0 |] drive
    require (m.Divisor = 3.0) "a read turned the matrix into plain weights"

[<Fact>]
let ``a rectangular store is no coupling matrix; a square one is, with Outputs = Inputs = Size`` () =
    // Oracle: the ICouplings contract (N×N); the network refuses non-square couplings naming its parameter.
    let rect = DenseWeightMatrix(2, 3)
    Assert.Throws<InvalidOperationException>(fun () -> rect.Size |> ignore) |> ignore
    Assert.Throws<InvalidOperationException>(fun () -> rect.ComputeFields(ReadOnlySpan [| 1y; 1y; 1y |], Span(Array.zeroCreate 2))) |> ignore
    throwsArgumentNamed "a 2×3 network" "couplings" (fun () -> HopfieldNetwork(rect) |> ignore)
    require (not (rect.IsSymmetric())) "a rectangular matrix is not symmetric"
    let square = DenseWeightMatrix.FromWeights(array2D [ [ 0.0; 0.5; -1.0 ]; [ 0.5; 0.0; 2.0 ]; [ -1.0; 2.0; 0.25 ] ])
    let c = square :> ICouplings
    require (c.Outputs = 3 && c.Inputs = 3 && c.Size = 3 && square.IsSymmetric() && c.Diagonal 2 = 0.25) "square couplings shape"
    throwsNamed "diagonal 3" "i" (fun () -> c.Diagonal 3 |> ignore)

// ---------------------------------------------------------------------------------------------------------------
// §3 Any store runs in HopfieldDynamics (every order) and LeakyIntegrator (both schemes).

let private orders = [ UpdateOrder.Synchronous; UpdateOrder.AsyncFixed; UpdateOrder.AsyncRandomPermutation ]

let private randomFor (order: UpdateOrder) (seed: uint64) : Random | null =
    if order = UpdateOrder.AsyncRandomPermutation then rng seed else null

/// A cue: ξ¹ with a quarter of its bits flipped at random.
let private cueOf (patterns: PatternSet) (random: Random) =
    let s = patterns.Copy 0
    for _ in 1 .. max 1 (patterns.Size / 4) do
        let k = random.Next patterns.Size
        s[k] <- -s[k]
    s

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 40)>]
let ``a recording couplings store gives every Hopfield run bit for bit, and sees one field pass per sweep`` (shape: SmallNetwork) =
    // Oracle: the run on the inner couplings (the same code path with no wrapper) and the algorithm's own counts:
    // synchronous runs evaluate all fields once per sweep (no tracker); asynchronous runs make one tracker, read N
    // fields per sweep and record one flip per unit flipped.
    let n = shape.N
    let patterns = patternsOf n (max 1 (shape.P / 4)) shape.Seed
    for inner in [ HopfieldStorage.Storkey patterns :> ICouplings; HebbianCouplings(patterns) :> ICouplings ] do
        for order in orders do
            let cue = cueOf patterns (rng (shape.Seed + 1UL))
            let plain = Array.copy cue
            let expected = HopfieldDynamics.Run(HopfieldNetwork(inner), Span plain, order, 30, randomFor order shape.Seed)
            let recording = RecordingCouplings(inner)
            let recorded = Array.copy cue
            let result = HopfieldDynamics.Run(HopfieldNetwork(recording), Span recorded, order, 30, randomFor order shape.Seed)
            let what = sprintf "%s, %A" (inner.GetType().Name) order
            require (result = expected) (sprintf "%s: recorded run %A, plain run %A" what result expected)
            require (recorded = plain) (sprintf "%s: final states differ" what)
            if order = UpdateOrder.Synchronous then
                require (recording.FieldCalls = result.Sweeps && recording.Trackers = 0)
                    (sprintf "%s: %d field passes and %d trackers for %d sweeps" what recording.FieldCalls recording.Trackers result.Sweeps)
            else
                require (recording.Trackers = 1 && recording.FieldReads = int64 n * int64 result.Sweeps && recording.Flips = result.Flips)
                    (sprintf "%s: %d trackers, %d reads, %d flips for %A" what recording.Trackers recording.FieldReads recording.Flips result)

/// Reference synchronous update typed here: s_i ← sgn(Σ_j q_ij s_j) in integers, ties keep s_i.
let private referenceUpdate (levels: int[,]) (s: sbyte[]) =
    Array.init s.Length (fun i ->
        let a = Seq.sum (seq { for j in 0 .. s.Length - 1 -> levels[i, j] * int s[j] })
        if a > 0 then 1y elif a < 0 then -1y else s[i])

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 40)>]
let ``a quantising couplings store runs in every order; its fixed points and 2-cycles pass the reference update`` (shape: SmallNetwork) =
    // Oracle: the integer reference update above on the store's own levels q_ij = round(N·w_ij) (Storkey weights on the
    // grid 1/N). A fixed point is unchanged by it; a 2-cycle returns after two updates and changes after one. The
    // same levels in the dense store with divisor N must give the same run (the fields differ only by rounding of
    // one division, never in sign: q s is an integer), which checks the outcome and counts independently.
    let n = shape.N
    let patterns = patternsOf n (max 1 (shape.P / 4)) shape.Seed
    let quantised = QuantisingCouplings(HopfieldStorage.Storkey patterns, 1.0 / float n)
    let levels = quantised.Levels
    let asDense = DenseWeightMatrix(n, Array.init (n * n) (fun k -> float levels[k / n, k % n]), float n)
    let mutable ended = []
    for order in orders do
        let cue = cueOf patterns (rng (shape.Seed + 2UL))
        let s = Array.copy cue
        let result = HopfieldDynamics.Run(HopfieldNetwork(quantised), Span s, order, 40, randomFor order shape.Seed)
        let d = Array.copy cue
        let dense = HopfieldDynamics.Run(HopfieldNetwork(asDense), Span d, order, 40, randomFor order shape.Seed)
        require (result = dense && s = d) (sprintf "%A: quantised run %A, same levels in the dense store %A" order result dense)
        match result.Outcome with
        | RunOutcome.FixedPoint ->
            require (referenceUpdate levels s = s) (sprintf "%A: reported fixed point is moved by the reference update" order)
        | RunOutcome.TwoCycle ->
            let once = referenceUpdate levels s
            require (once <> s && referenceUpdate levels once = s) (sprintf "%A: reported 2-cycle fails the reference update" order)
        | _ -> ()
        ended <- result.Outcome :: ended
    true |> Prop.classify (List.contains RunOutcome.SweepLimit ended) "a run hit the sweep limit (not re-checked)"

let private rateSystems (m: IWeightMatrix) (h: float[]) : (string * ILeakySystem) list =
    [ "rate network", RecurrentRateNetwork(m, ReadOnlySpan h, 10.0, TanhTransfer 1.5) :> ILeakySystem
      "continuous Hopfield", ContinuousHopfieldNetwork(m, ReadOnlySpan h, 10.0, TanhTransfer 1.5) :> ILeakySystem ]

[<Property(MaxTest = 30)>]
let ``recording and quantising stores integrate bit for bit like the dense store, in both schemes`` (seed: uint64) (size: PositiveInt) =
    // Oracle: the same system on the plain DenseWeightMatrix holding the same weights: integration only multiplies,
    // so a recording wrapper must change no bit and record no write; a quantising store programmed row by row holds
    // grid values (OnGrid) and integrates like the dense store holding them.
    let n = 1 + size.Get % 12
    let random = rng seed
    let weights = Array.init n (fun _ -> Array.init n (fun _ -> 0.3 * (random.NextDouble() - 0.5)))
    let h = Array.init n (fun _ -> random.NextDouble() - 0.5)
    let v0 = Array.init n (fun _ -> random.NextDouble() - 0.5)
    let quantising = QuantisingWeightMatrix(DenseWeightMatrix(n, n), 1.0 / 64.0)
    for i in 0 .. n - 1 do
        (quantising :> IWeightMatrix).SetRow(i, ReadOnlySpan weights[i])
    require (quantising.OnGrid()) "programmed weights off the grid"
    let onGrid = DenseWeightMatrix.FromRows(quantising.Inner.ToRows())
    let recording = RecordingWeightMatrix(DenseWeightMatrix.FromRows weights)
    for scheme in [ IntegrationScheme.ExponentialEuler; IntegrationScheme.RungeKutta4 ] do
        let run (m: IWeightMatrix) (pick: int) =
            let _, system = List.item pick (rateSystems m h)
            let state = Array.copy v0
            LeakyIntegrator(system, scheme, 0.7).Run(Span state, 25)
            state
        for pick in 0 .. 1 do
            let name, _ = List.item pick (rateSystems (DenseWeightMatrix(n, n)) h)
            let what = sprintf "%A, %s" scheme name
            sameBits (what + ": recording store") (run (DenseWeightMatrix.FromRows weights) pick) (run recording pick)
            sameBits (what + ": quantising store") (run onGrid pick) (run quantising pick)
    require (recording.Writes = 0) (sprintf "integration wrote %d times" recording.Writes)

// ---------------------------------------------------------------------------------------------------------------
// §4 Both loops on StepLoop: progress, cancellation, fixed points, divergence.

/// Collects progress reports synchronously (System.Progress would post them to a thread pool).
type private Reports(onReport: StepProgress -> unit) =
    let items = ResizeArray<StepProgress>()
    new() = Reports(ignore)
    member _.Items = List.ofSeq items
    interface IProgress<StepProgress> with
        member _.Report p =
            items.Add p
            onReport p

/// One stored pattern ξ (N = 9): a 3-bit cue is restored in sweep 1 and confirmed in sweep 2 (hand-derived in
/// HopfieldDynamicsBehaviourTests); a run from ξ is a fixed point at sweep 1.
let private xi = [| 1y; -1y; -1y; 1y; 1y; -1y; 1y; -1y; 1y |]
let private oneMemory () = HopfieldNetwork(HebbianCouplings(PatternSet.FromRows [| xi |]))
let private threeBitCue () =
    let cue = Array.copy xi
    for i in [ 1; 4; 7 ] do
        cue[i] <- -cue[i]
    cue

[<Fact>]
let ``Hopfield runs report progress per sweep, and a fixed point ends the loop with a final report`` () =
    // Oracle: the StepLoop contract (a report every ProgressEvery steps, after the last step and at the step that
    // stops the loop; time in sweeps) and the hand-derived sweep counts above.
    let at (step: int64) (total: int64) = StepProgress(step, total, float step)
    for order in orders do
        let run (start: sbyte[]) (maxSweeps: int) (every: int64) =
            let reports = Reports()
            let s = Array.copy start
            let r = HopfieldDynamics.Run(oneMemory (), Span s, order, maxSweeps, rng 3UL, RunControl(Progress = reports, ProgressEvery = every))
            r, reports.Items, s
        let r, reports, s = run (threeBitCue ()) 10 1L
        require (r = RunResult(RunOutcome.FixedPoint, 2, 3L) && s = xi) (sprintf "%A cue run %A" order r)
        require (reports = [ at 1L 10L; at 2L 10L ]) (sprintf "%A: reports %A, expected sweeps 1 and 2 of 10" order reports)
        let _, reports, _ = run (threeBitCue ()) 10 5L
        require (reports = [ at 2L 10L ]) (sprintf "%A, every 5: reports %A, expected only the finishing sweep 2" order reports)
        let r, reports, _ = run (threeBitCue ()) 1 5L
        require (r.Outcome = RunOutcome.SweepLimit && reports = [ at 1L 1L ]) (sprintf "%A, maxSweeps 1: %A, reports %A" order r reports)
        let r, reports, _ = run xi 10 1L
        require (r = RunResult(RunOutcome.FixedPoint, 1, 0L) && reports = [ at 1L 10L ]) (sprintf "%A from ξ: %A, reports %A" order r reports)
    // A 2-cycle ends the loop too: N = 2, w_12 = w_21 = −1 from (+1, +1) cycles with period 2 (detected at step 2).
    let reports = Reports()
    let cycle = HopfieldNetwork(DenseWeightMatrix.FromWeights(array2D [ [ 0.0; -1.0 ]; [ -1.0; 0.0 ] ]))
    let r = HopfieldDynamics.Run(cycle, Span [| 1y; 1y |], UpdateOrder.Synchronous, 10, null, RunControl(Progress = reports, ProgressEvery = 100L))
    require (r = RunResult(RunOutcome.TwoCycle, 2, 4L) && reports.Items = [ at 2L 10L ]) (sprintf "2-cycle %A, reports %A" r reports.Items)

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 30)>]
let ``cancelling a Hopfield run after k sweeps throws and leaves the state of a k-sweep run`` (shape: SmallNetwork) (k: PositiveInt) =
    // Oracle: the same run with maxSweeps = k (same random source seed). If it needs more than k sweeps, cancelling at
    // the k-th report must throw OperationCanceledException with the caller's state equal to its final state; if it
    // finishes within k, cancellation comes too late and the result is the same.
    let k = 1 + k.Get % 3
    let n = shape.N
    let patterns = patternsOf n shape.P shape.Seed
    let network = HopfieldNetwork(HopfieldStorage.Storkey patterns)
    let mutable cancelled = 0
    for order in orders do
        let cue = cueOf patterns (rng (shape.Seed + 4UL))
        let short = Array.copy cue
        let expected = HopfieldDynamics.Run(network, Span short, order, k, randomFor order shape.Seed)
        use source = new CancellationTokenSource()
        let reports = Reports(fun p -> if p.Step = int64 k then source.Cancel())
        let s = Array.copy cue
        let control = RunControl(source.Token, reports, 1L)
        let outcome =
            try
                Choice1Of2(HopfieldDynamics.Run(network, Span s, order, 100, randomFor order shape.Seed, control))
            with :? OperationCanceledException -> Choice2Of2()
        match expected.Outcome, outcome with
        | RunOutcome.SweepLimit, Choice2Of2() ->
            cancelled <- cancelled + 1
            require (s = short) (sprintf "%A: state after cancelling at sweep %d differs from the %d-sweep run" order k k)
            require (reports.Items |> List.map _.Step = [ 1L .. int64 k ]) (sprintf "%A: reports %A" order reports.Items)
        | RunOutcome.SweepLimit, Choice1Of2 r -> failwithf "%A: not cancelled after %d sweeps (%A)" order k r
        | _, Choice1Of2 r -> require (r = expected && s = short) (sprintf "%A: finished run %A, %d-sweep run %A" order r k expected)
        | _, Choice2Of2() -> failwithf "%A: cancelled although the run finishes at sweep %d ≤ %d" order expected.Sweeps k
    true |> Prop.classify (cancelled > 0) "some run was cancelled"

[<Fact>]
let ``a Hopfield run cancelled before it starts throws and leaves the state alone; bad controls are refused`` () =
    use source = new CancellationTokenSource()
    source.Cancel()
    for order in orders do
        let s = threeBitCue ()
        Assert.Throws<OperationCanceledException>(fun () ->
            HopfieldDynamics.Run(oneMemory (), Span s, order, 10, rng 1UL, RunControl(source.Token)) |> ignore) |> ignore
        require (s = threeBitCue ()) (sprintf "%A: a pre-cancelled run changed the state" order)
        throwsNamed "ProgressEvery = 0" "ProgressEvery" (fun () ->
            HopfieldDynamics.Run(oneMemory (), Span s, order, 10, rng 1UL, RunControl(ProgressEvery = 0L)) |> ignore)
        throwsNamed "maxSweeps = 0" "maxSweeps" (fun () -> HopfieldDynamics.Run(oneMemory (), Span s, order, 0) |> ignore)

/// τ dv/dt = −v + h with M = 0 (identity transfer): a system that neither diverges nor finishes.
let private relaxation () =
    RecurrentRateNetwork(DenseWeightMatrix(2, 2), ReadOnlySpan [| 1.0; -2.0 |], 10.0, LinearTransfer.Instance)

[<Fact>]
let ``integrator runs report progress in ms and can be cancelled between steps, in both schemes`` () =
    // Oracle: the StepLoop contract (reports at multiples of ProgressEvery and at the last step; time = total steps·dt);
    // a cancelled run's state and step count equal those of the same number of single Step calls (bit for bit).
    let dt = 0.5
    for scheme in [ IntegrationScheme.ExponentialEuler; IntegrationScheme.RungeKutta4 ] do
        let integrator = LeakyIntegrator(relaxation (), scheme, dt)
        let reports = Reports()
        let v = [| 0.0; 0.0 |]
        integrator.Run(Span v, 10, RunControl(Progress = reports, ProgressEvery = 3L))
        let expected = [ 3L; 6L; 9L; 10L ] |> List.map (fun k -> StepProgress(k, 10L, float k * dt))
        require (reports.Items = expected) (sprintf "%A: reports %A, expected %A" scheme reports.Items expected)
        let again = Reports()
        integrator.Run(Span v, 4, RunControl(Progress = again, ProgressEvery = 4L))
        require (again.Items = [ StepProgress(4L, 4L, 14.0 * dt) ]) (sprintf "%A: second run reports %A (time continues at 10 steps)" scheme again.Items)
        // Cancel at the 3rd report of a 100-step run.
        let stepped = LeakyIntegrator(relaxation (), scheme, dt)
        let reference = [| 0.25; -0.75 |]
        for _ in 1 .. 3 do
            stepped.Step(Span reference)
        let cancelling = LeakyIntegrator(relaxation (), scheme, dt)
        use source = new CancellationTokenSource()
        let reports = Reports(fun p -> if p.Step = 3L then source.Cancel())
        let state = [| 0.25; -0.75 |]
        Assert.Throws<OperationCanceledException>(fun () -> cancelling.Run(Span state, 100, RunControl(source.Token, reports, 1L))) |> ignore
        sameBits (sprintf "%A: state after cancelling at step 3" scheme) reference state
        require (cancelling.StepsTaken = 3L) (sprintf "%A: %d steps taken, expected 3" scheme cancelling.StepsTaken)
        // Cancelled before it starts: nothing happens.
        let untouched = [| 0.25; -0.75 |]
        Assert.Throws<OperationCanceledException>(fun () -> cancelling.Run(Span untouched, 5, RunControl(source.Token))) |> ignore
        sameBits "pre-cancelled run" [| 0.25; -0.75 |] untouched
        require (cancelling.StepsTaken = 3L) "a pre-cancelled run took a step"
        throwsNamed "ProgressEvery = −1" "ProgressEvery" (fun () -> cancelling.Run(Span untouched, 5, RunControl(ProgressEvery = -1L)))

[<Fact>]
let ``a diverging integration stops at the diverged step: its report, the exception and the last finite state`` () =
    // Oracle (hand-derived, as in RateDynamicsTests): F(u) = 3u, M = [1], dt = 50τ: v grows ×3 per step and overflows at
    // step 647. The loop stops there (Diverged): the last report is step 647, the exception names it, and the state is
    // that of 646 single steps (bit for bit).
    let network () = RecurrentRateNetwork(DenseWeightMatrix.FromRows([| [| 1.0 |] |]), ReadOnlySpan [| 0.0 |], 10.0, LinearGainTransfer 3.0)
    let integrator = LeakyIntegrator(network (), IntegrationScheme.ExponentialEuler, 500.0)
    let reports = Reports()
    let v = [| 1.0 |]
    let ex = Assert.Throws<RateDynamicsDivergedException>(fun () -> integrator.Run(Span v, 10_000, RunControl(Progress = reports, ProgressEvery = 100L)))
    require (ex.Step = 647L && integrator.StepsTaken = 647L) (sprintf "diverged at step %d (steps taken %d), expected 647" ex.Step integrator.StepsTaken)
    let expectedReports = [ 100L .. 100L .. 600L ] @ [ 647L ] |> List.map (fun k -> StepProgress(k, 10_000L, float k * 500.0))
    require (reports.Items = expectedReports) (sprintf "reports %A, expected every 100 steps and the diverged step 647" reports.Items)
    let stepped = LeakyIntegrator(network (), IntegrationScheme.ExponentialEuler, 500.0)
    let reference = [| 1.0 |]
    for _ in 1 .. 646 do
        stepped.Step(Span reference)
    sameBits "state after divergence" reference v
    require (Double.IsFinite v[0]) "the state is not finite"
