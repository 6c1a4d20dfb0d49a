/// The one-step Gram-matrix kernel (Core Networks/Hopfield/OneStep, issue 11 target 1) against its scalar references
/// and the capacity trial against the path it replaced, rebuilt here from public APIs (HebbianCouplings +
/// HopfieldDynamics.SynchronousStep). Every check is exact (integers, bit-identical doubles): no false alarms.
///
/// Shapes straddle the kernel's widths: N and P not multiples of 64 (pad bits), P > 64 (two words of unit-major bits,
/// groups of four patterns cut by the end), Q > 64 (several column blocks, a partial last block).
module Plasticity.Properties.OneStepKernelTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Networks.Hopfield.OneStep
open Plasticity.Core.Numerics
open Plasticity.Experiments.Capacity
open Plasticity.Properties.Support

/// N, P, the number of cues Q ≤ P, the flips per cue, a diagonal convention and a seed.
type OneStepShape =
    { N: int; P: int; Q: int; Flips: int; Keep: bool; Seed: uint64 }
    override this.ToString() = sprintf "N=%d P=%d Q=%d flips=%d keep=%b seed=%d" this.N this.P this.Q this.Flips this.Keep this.Seed

type OneStepGenerators =
    static member Shape() : Arbitrary<OneStepShape> =
        let gen =
            gen {
                let! n = Gen.frequency [ 3, Gen.choose (2, 70); 2, Gen.choose (60, 200) ]
                let! p = Gen.frequency [ 3, Gen.choose (1, 40); 2, Gen.choose (60, 150) ]
                let! q = Gen.frequency [ 2, Gen.constant p; 1, Gen.choose (1, p) ]
                let! flips = Gen.frequency [ 1, Gen.constant 0; 1, Gen.choose (0, n / 3) ]
                let! keep = Gen.elements [ false; true ]
                let! seed = genSeed
                return { N = n; P = p; Q = q; Flips = flips; Keep = keep; Seed = seed }
            }
        Arb.fromGen gen

let private diagonalOf keep = if keep then DiagonalConvention.Keep else DiagonalConvention.Zero

/// The patterns of a shape, and its cues: the first Q patterns with Flips units flipped each (or the patterns
/// themselves, the same object, when Q = P and there are no flips: the kernel's symmetric Gram path).
let private inputsOf (s: OneStepShape) =
    let patterns = SignBits.Dense(s.N, s.P, rng s.Seed)
    if s.Flips = 0 && s.Q = s.P then
        patterns, patterns
    else
        let cues = SignBits(s.Q, s.N)
        let row = Array.zeroCreate<sbyte> s.N
        for nu in 0 .. s.Q - 1 do
            patterns.CopyRowTo(nu, Span row)
            cues.SetRow(nu, ReadOnlySpan(PatternOps.CueWithFlips(ReadOnlySpan row, s.Flips, rng (s.Seed + 1000UL + uint64 nu))))
        patterns, cues

[<Property(Arbitrary = [| typeof<OneStepGenerators> |], MaxTest = 60)>]
let ``bits drawn directly equal PatternSet.Dense, and the transpose is entry for entry`` (s: OneStepShape) =
    let bits = SignBits.Dense(s.N, s.P, rng s.Seed)
    let patterns = PatternSet.Dense(s.N, s.P, rng s.Seed)
    let packed = SignBits.FromPatterns patterns
    let t = bits.Transpose()
    require (t.Rows = s.N && t.Columns = s.P) "transpose shape"
    for mu in 0 .. s.P - 1 do
        require (bits.Row(mu).SequenceEqual(packed.Row(mu))) (sprintf "row %d: words differ from the packed PatternSet (pad bits included)" mu)
        for i in 0 .. s.N - 1 do
            require (bits.[mu, i] = patterns.[mu].[i]) (sprintf "entry (%d, %d)" mu i)
            require (t.[i, mu] = bits.[mu, i]) (sprintf "transpose entry (%d, %d)" i mu)
    // Pad bits of the transpose are zero (the kernel's popcounts and nibbles rely on it).
    let mask = if s.P % 64 = 0 then UInt64.MaxValue else (1UL <<< (s.P % 64)) - 1UL
    for i in 0 .. s.N - 1 do
        let row = t.Row(i)
        require (row.[row.Length - 1] &&& ~~~mask = 0UL) (sprintf "transpose row %d has pad bits set" i)

[<Property(Arbitrary = [| typeof<OneStepGenerators> |], MaxTest = 60)>]
let ``kernel fields equal the reference fields exactly, in int16 and in int32 lanes`` (s: OneStepShape) =
    let patterns, cues = inputsOf s
    let reference = Array.zeroCreate (s.Q * s.N)
    HebbianOneStep.ScaledFieldsReference(patterns, cues, diagonalOf s.Keep, Span reference)
    // These shapes (N ≤ 200) are all within the int16 bound, so narrow = true takes the int16 lanes and
    // narrow = false the int32 ones.
    for narrow in [ true; false ] do
        let fast = Array.zeroCreate (s.Q * s.N)
        HebbianOneStep.ScaledFields(patterns, cues, diagonalOf s.Keep, Span fast, narrow)
        let first = Array.tryFindIndex id (Array.map2 (<>) fast reference)
        require first.IsNone (sprintf "narrow=%b, field %A: kernel %d, reference %d" narrow (first |> Option.map (fun k -> k / s.N, k % s.N)) (first |> Option.map (fun k -> fast[k]) |> Option.defaultValue 0) (first |> Option.map (fun k -> reference[k]) |> Option.defaultValue 0))

[<Property(Arbitrary = [| typeof<OneStepGenerators> |], MaxTest = 60)>]
let ``kernel error counts equal the reference exactly, sequential and parallel, int16 and int32 lanes`` (s: OneStepShape) =
    let patterns, cues = inputsOf s
    let reference = Array.zeroCreate s.Q
    HebbianOneStep.CountErrorsReference(patterns, cues, diagonalOf s.Keep, Span reference)
    for inParallel in [ false; true ] do
        for narrow in [ true; false ] do
            let fast = Array.create s.Q -1
            HebbianOneStep.CountErrors(patterns, cues, diagonalOf s.Keep, Span fast, inParallel, narrow)
            require (fast = reference) (sprintf "parallel=%b narrow=%b: kernel %A, reference %A" inParallel narrow fast reference)

[<Fact>]
let ``past the int16 bound the kernel keeps int32 lanes: N = 40000 fields are exact`` () =
    // |N·h| reaches N ± crosstalk ≈ 40000 > 2^15 − 1 here, so int16 lanes would wrap: the per-block bound
    // A_ν = Σ_μ |O_μν| + P must send every block to the int32 lanes. Near the bound (N = 32600, P = 5: A_ν a few
    // hundred either side of 2^15 − 1) blocks of either kind give the reference fields too. P = 70 cues fill every
    // lane of the first int32 block and part of a second, so a fault in any lane of the wide path shows here too.
    for n, p in [ 40000, 4; 40000, 70; 32600, 5 ] do
        for keep in [ false; true ] do
            let patterns = SignBits.Dense(n, p, rng (uint64 n))
            let fast = Array.zeroCreate (p * n)
            let reference = Array.zeroCreate (p * n)
            HebbianOneStep.ScaledFields(patterns, patterns, diagonalOf keep, Span fast)
            HebbianOneStep.ScaledFieldsReference(patterns, patterns, diagonalOf keep, Span reference)
            let first = Array.tryFindIndex id (Array.map2 (<>) fast reference)
            require first.IsNone (sprintf "N=%d P=%d keep=%b field %A: kernel %A, reference %A" n p keep first (first |> Option.map (fun k -> fast[k])) (first |> Option.map (fun k -> reference[k])))
            let wrongFast = Array.zeroCreate p
            let wrongReference = Array.zeroCreate p
            HebbianOneStep.CountErrors(patterns, patterns, diagonalOf keep, Span wrongFast)
            HebbianOneStep.CountErrorsReference(patterns, patterns, diagonalOf keep, Span wrongReference)
            require (wrongFast = wrongReference) (sprintf "N=%d P=%d keep=%b: errors %A, reference %A" n p keep wrongFast wrongReference)

/// The old capacity one-step path, from public APIs: the trial's PatternSet, HebbianCouplings, a synchronous step
/// from each pattern (or its cue), differences counted, overlap 1 − 2·wrong/N.
let private explicitTrial (point: CapacityPoint) (settings: CapacitySettings) (seed: uint64) (trial: int) =
    let patterns = CapacityExperiment.TrialPatterns(point, seed, trial)
    let network = HopfieldNetwork(HebbianCouplings(patterns, settings.Diagonal))
    let n, p = patterns.Size, patterns.Count
    let flips = PatternOps.FlipCount(n, settings.CueFlip)
    let next = Array.zeroCreate<sbyte> n
    let mutable errors = 0L
    let overlaps =
        Array.init p (fun nu ->
            let cue =
                if flips = 0 then patterns.Copy nu
                else PatternOps.CueWithFlips(patterns.[nu], flips, SeedSequence.CreateRandom(seed, ReadOnlySpan [| int64 n; int64 p; int64 trial; int64 nu; 1L |]))
            HopfieldDynamics.SynchronousStep(network, ReadOnlySpan cue, Span next) |> ignore
            let mutable wrong = 0
            for i in 0 .. n - 1 do
                if next[i] <> patterns.[nu].[i] then wrong <- wrong + 1
            errors <- errors + int64 wrong
            1.0 - 2.0 * float wrong / float n)
    errors, int64 n * int64 p, overlaps

[<Property(Arbitrary = [| typeof<OneStepGenerators> |], MaxTest = 40)>]
let ``capacity one-step trial is bit-identical to the synchronous step on Hebbian couplings`` (s: OneStepShape) =
    // α = P/N exactly representable enough that round(αN) = P; the cue flip fraction gives Flips = round(f·N).
    let point = CapacityPoint(s.N, float s.P / float s.N)
    require (point.P = s.P) "the shape's P"
    let flip = if s.Flips = 0 then 0.0 else min 0.49 (float s.Flips / float s.N)
    let settings = CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 1, CueFlip = flip, Diagonal = diagonalOf s.Keep)
    let trial = int (s.Seed % 7UL)
    let actual = CapacityExperiment.RunTrial(point, settings, s.Seed, trial)
    let errors, bits, overlaps = explicitTrial point settings s.Seed trial
    require (actual.ErrorBits = errors) (sprintf "errors %d, explicit %d" actual.ErrorBits errors)
    require (actual.TotalBits = bits) "bit count"
    require (actual.NonConverged = 0) "one step never counts non-convergence"
    require (Array.map BitConverter.DoubleToInt64Bits actual.Overlaps = Array.map BitConverter.DoubleToInt64Bits overlaps) "overlaps differ"

[<Fact>]
let ``capacity one-step at N = 1000 with errors in every block matches the explicit path`` () =
    // A realistic point of the benchmark sweep (α = 0.3, P = 300: five blocks, errors ≈ 3 %), both diagonals.
    for keep in [ false; true ] do
        let point = CapacityPoint(1000, 0.3)
        let settings = CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 1, Diagonal = diagonalOf keep)
        let actual = CapacityExperiment.RunTrial(point, settings, 42UL, 3)
        let errors, _, overlaps = explicitTrial point settings 42UL 3
        require (actual.ErrorBits = errors && errors > 0L) (sprintf "keep=%b: errors %d, explicit %d" keep actual.ErrorBits errors)
        require (Array.map BitConverter.DoubleToInt64Bits actual.Overlaps = Array.map BitConverter.DoubleToInt64Bits overlaps) "overlaps differ"

[<Fact>]
let ``the int32 bound is N·(P + 1) ≤ 2^31 − 1 and beyond it the kernel refuses`` () =
    require (HebbianOneStep.IsExact(65536, 32766)) "65536 · 32767 < 2^31 fits"
    require (not (HebbianOneStep.IsExact(65536, 32767))) "65536 · 32768 = 2^31 does not fit"
    require (HebbianOneStep.IsExact(1000, 300)) "the benchmark shape fits"
    // A shape past the bound with few words: N = 2^31 / 3 units would be too large to allocate, so check the refusal
    // through the argument check on a small pattern set claiming nothing else.
    let small = SignBits(3, 5)
    let ex = Assert.Throws<ArgumentException>(fun () -> HebbianOneStep.CountErrors(small, SignBits(4, 5), DiagonalConvention.Zero, Span(Array.zeroCreate 4)))
    require (ex.ParamName = "cues") "more cues than patterns is refused"
