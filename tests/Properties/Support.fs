/// Shared test support: assertions that print oracle, measured value and tolerance; FsCheck construction
/// inputs (small wrapper types with their preconditions) and their generators.
module Plasticity.Properties.Support

open System
open FsCheck
open FsCheck.FSharp
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Numerics

/// Fails unless |measured − oracle| ≤ tolerance; the message names the check, the oracle, the measured
/// value, the deviation in units of the tolerance and how the tolerance was derived.
let within (check: string) (oracleName: string) (oracle: float) (measured: float) (tolerance: float) (derivation: string) =
    let deviation = abs (measured - oracle)
    if not (deviation <= tolerance) then
        failwithf
            "%s: oracle (%s) = %.9g, measured = %.9g, |diff| = %.3g > tolerance %.3g [%s]"
            check oracleName oracle measured deviation tolerance derivation

/// |measured − oracle| ≤ tolerance, for exact and rounding-level checks whose derivation is in a comment.
let assertAbs (what: string) (oracle: float) (measured: float) (tolerance: float) =
    within what "oracle" oracle measured tolerance "absolute"

/// |measured − oracle| ≤ relTolerance·|oracle| (or |measured| ≤ relTolerance when the oracle is 0).
let assertRel (what: string) (oracle: float) (measured: float) (relTolerance: float) =
    let rel = if oracle = 0.0 then abs measured else abs (measured - oracle) / abs oracle
    if not (rel <= relTolerance) then
        failwithf "%s: oracle %.15g, measured %.15g, relative diff %.3g > tolerance %.3g" what oracle measured rel relTolerance

/// lo ≤ measured ≤ hi, for published values given as intervals.
let assertBetween (what: string) (lo: float) (hi: float) (measured: float) =
    if not (measured >= lo && measured <= hi) then
        failwithf "%s: oracle interval [%.6g, %.6g], measured %.9g (tolerance: the interval)" what lo hi measured

/// Fails unless the condition holds, with a message that states oracle and measurement.
let require (condition: bool) (message: string) = if not condition then failwith message

/// Fails unless f throws an exception accepted by `accepts` (an ArgumentException) whose ParamName is paramName.
let private throwsArgumentOf (kind: string) (accepts: exn -> bool) (what: string) (paramName: string) (f: unit -> unit) =
    let outcome =
        try
            f ()
            "no exception"
        with
        | :? ArgumentException as e when accepts e && e.ParamName = paramName -> "ok"
        | e -> sprintf "%s (ParamName %A)" (e.GetType().Name) (match e with :? ArgumentException as a -> a.ParamName | _ -> null)
    require (outcome = "ok") (sprintf "%s: expected %s naming %s, got %s" what kind paramName outcome)

/// Fails unless f throws ArgumentOutOfRangeException whose ParamName is the given name.
let throwsNamed (what: string) (paramName: string) (f: unit -> unit) =
    throwsArgumentOf "ArgumentOutOfRangeException" (fun e -> e :? ArgumentOutOfRangeException) what paramName f

/// Fails unless f throws an ArgumentException (or a subclass) whose ParamName is the given name.
let throwsArgumentNamed (what: string) (paramName: string) (f: unit -> unit) =
    throwsArgumentOf "an ArgumentException" (fun _ -> true) what paramName f

/// Unit roundoff u = 2^−53 of IEEE double precision (rounding bounds are multiples of it).
let unitRoundoff = 1.1102230246251565e-16

/// Two-sided tail probability of a standard normal deviate z.
let twoSidedP (z: float) = MathNet.Numerics.SpecialFunctions.Erfc(abs z / sqrt 2.0)

/// A random source for a test, from a seed (same seed → same draws).
let rng (seed: uint64) = SeedSequence.CreateRandom seed

/// A state s ∈ {−1, +1}^N drawn uniformly.
let randomState (n: int) (random: Random) =
    Array.init n (fun _ -> if random.Next 2 = 0 then -1y else 1y)

/// Small network shape for exact properties: 2 ≤ N ≤ 48, 1 ≤ P ≤ N, and a seed.
type SmallNetwork =
    { N: int; P: int; Seed: uint64 }
    override this.ToString() = sprintf "N=%d P=%d seed=%d" this.N this.P this.Seed

/// Shape with P < N (pseudo-inverse storage).
type UnderloadedNetwork =
    { N: int; P: int; Seed: uint64 }
    override this.ToString() = sprintf "N=%d P=%d seed=%d" this.N this.P this.Seed

/// A vector of entries in {−1, 0, +1} of length 0..300 (kernel inputs; lengths straddle SIMD widths).
type SignedVectorPair =
    { A: sbyte[]; B: sbyte[]; Scale: int }
    override this.ToString() = sprintf "len=%d scale=%d A=%A B=%A" this.A.Length this.Scale this.A this.B

/// A seed for a property case: uniform on [0, Int32.MaxValue] as uint64.
let genSeed = Gen.choose (0, Int32.MaxValue) |> Gen.map uint64

let private shrinkShape (n: int) (p: int) =
    seq {
        if n > 2 then yield (n - 1, min p (n - 1))
        if p > 1 then yield (n, p - 1)
    }

type Generators =
    static member SmallNetwork() : Arbitrary<SmallNetwork> =
        let gen =
            gen {
                let! n = Gen.choose (2, 48)
                let! p = Gen.choose (1, n)
                let! seed = genSeed
                return { SmallNetwork.N = n; P = p; Seed = seed }
            }
        let shrink (x: SmallNetwork) =
            shrinkShape x.N x.P |> Seq.map (fun (n, p) -> { x with N = n; P = max 1 p })
        Arb.fromGenShrink (gen, shrink)

    static member UnderloadedNetwork() : Arbitrary<UnderloadedNetwork> =
        let gen =
            gen {
                let! n = Gen.choose (2, 60)
                let! p = Gen.choose (1, n - 1)
                let! seed = genSeed
                return { UnderloadedNetwork.N = n; P = p; Seed = seed }
            }
        let shrink (x: UnderloadedNetwork) =
            shrinkShape x.N x.P
            |> Seq.filter (fun (n, p) -> p >= 1 && p < n)
            |> Seq.map (fun (n, p) -> { x with N = n; P = p })
        Arb.fromGenShrink (gen, shrink)

    static member SignedVectorPair() : Arbitrary<SignedVectorPair> =
        let entry = Gen.elements [ -1y; 0y; 1y ]
        let gen =
            gen {
                let! len = Gen.choose (0, 300)
                let! a = Gen.arrayOfLength len entry
                let! b = Gen.arrayOfLength len entry
                let! scale = Gen.choose (-5000, 5000)
                return { A = a; B = b; Scale = scale }
            }
        Arb.fromGen gen

/// Random patterns for a shape.
let patternsOf (n: int) (p: int) (seed: uint64) = PatternSet.Dense(n, p, rng seed)

/// A random symmetric N×N matrix with Gaussian entries and a non-negative diagonal (|N(0,1)|, or zero).
let randomSymmetric (n: int) (random: Random) (zeroDiagonal: bool) =
    let normal = MathNet.Numerics.Distributions.Normal(0.0, 1.0, random)
    let w = Array2D.zeroCreate n n
    for i in 0 .. n - 1 do
        for j in i + 1 .. n - 1 do
            let v = normal.Sample()
            w[i, j] <- v
            w[j, i] <- v
        w[i, i] <- (if zeroDiagonal then 0.0 else abs (normal.Sample()))
    w

/// Central-difference Jacobian of f at w, step h: column m = (f(w + h e_m) − f(w − h e_m))/(2h).
let numericJacobian (f: float[] -> float[]) (w: float[]) (h: float) =
    let n = w.Length
    let columns =
        Array.init n (fun m ->
            let plus = Array.copy w
            let minus = Array.copy w
            plus[m] <- plus[m] + h
            minus[m] <- minus[m] - h
            Array.map2 (fun a b -> (a - b) / (2.0 * h)) (f plus) (f minus))
    Array.init n (fun i -> Array.init n (fun m -> columns[m][i]))

/// Exact equality with a closed form evaluated on dyadic operands (few significant bits: no rounding anywhere, so the
/// tolerance is 0 whatever the evaluation order).
let exactDyadic (what: string) (oracle: float) (measured: float) =
    within what "closed form (exact: dyadic operands)" oracle measured 0.0 "exact"

/// A fast path against its reference, bit for bit (NaN payloads and signed zeros included): the message names both
/// values to 17 significant digits.
let sameBits (what: string) (reference: float) (fast: float) =
    require (BitConverter.DoubleToInt64Bits reference = BitConverter.DoubleToInt64Bits fast)
        (sprintf "%s: reference %.17g, fast %.17g" what reference fast)

/// A value over six decades and both signs, (u − 1/2)·10^k with k in −3 … 3, so roundings differ between summation
/// orders.
let spreadValue (random: Random) = (random.NextDouble() - 0.5) * Math.Pow(10.0, float (random.Next(-3, 4)))

/// Like spreadValue, but one draw in 200 each is NaN, +∞ or of order 10³⁰⁰ (sums overflow); tiny values come from
/// the callers' scale factors.
let wildValue (random: Random) =
    match random.Next 200 with
    | 0 -> nan
    | 1 -> infinity
    | 2 -> 1e300 * (random.NextDouble() - 0.5)
    | _ -> spreadValue random

/// The repository root: the first directory above the test assembly that holds Toolkit.sln (not
/// __SOURCE_DIRECTORY__, which a deterministic CI build maps to "/_/").
let repoRoot =
    let rec up (dir: System.IO.DirectoryInfo | null) =
        match dir with
        | null -> failwith "Toolkit.sln not found above the test assembly's directory"
        | d when System.IO.File.Exists(System.IO.Path.Combine(d.FullName, "Toolkit.sln")) -> d.FullName
        | d -> up d.Parent
    up (System.IO.DirectoryInfo(AppContext.BaseDirectory))
