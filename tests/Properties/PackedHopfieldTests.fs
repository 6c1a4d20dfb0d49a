/// Exact properties of the bit-packed, neuron-major Hebbian engine (Networks/Hopfield/Packed): every packed path
/// against the byte-pattern reference it replaces (PatternSet.Dense, HebbianCouplings, HopfieldDynamics.Run,
/// the capacity fixed-point trial) and every SIMD kernel against its scalar reference, bit for bit.
///
/// Shapes straddle the 64-bit word (P ∈ [1, 200], N ∈ [1, 160]: P not a multiple of 64, P > 64, N not a
/// multiple of 64) so padding bits, partial tiles and partial words are exercised. All checks are exact: no
/// false alarms.
module Plasticity.Properties.PackedHopfieldTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Networks.Hopfield.Packed
open Plasticity.Core.Numerics
open Plasticity.Experiments.Capacity
open Plasticity.Properties.Support

/// A packed-engine case: shape, seed, diagonal convention, update order, block size and thread count.
type PackedCase =
    { N: int; P: int; Seed: uint64; Diagonal: DiagonalConvention; Order: UpdateOrder; Block: int; Threads: int }
    override this.ToString() =
        sprintf "N=%d P=%d seed=%d %A %A B=%d threads=%d" this.N this.P this.Seed this.Diagonal this.Order this.Block this.Threads

/// A packed row of W words and an overlap vector of 64·W entries with |m_μ| ≤ MaxAbs (extremes over-weighted).
type PackedKernelCase =
    { Row: uint64[]; M: int[]; MaxAbs: int; Scale: int; Count: int }
    override this.ToString() = sprintf "W=%d maxAbs=%d scale=%d count=%d row=%A m=%A" this.Row.Length this.MaxAbs this.Scale this.Count this.Row this.M

type PackedGenerators =
    static member PackedCase() : Arbitrary<PackedCase> =
        let gen =
            gen {
                let! n = Gen.choose (1, 160)
                let! p = Gen.oneof [ Gen.choose (1, 70); Gen.choose (60, 200) ]
                let! seed = genSeed
                let! diagonal = Gen.elements [ DiagonalConvention.Zero; DiagonalConvention.Keep ]
                let! order = Gen.elements [ UpdateOrder.Synchronous; UpdateOrder.AsyncFixed; UpdateOrder.AsyncRandomPermutation ]
                let! block = Gen.oneof [ Gen.choose (1, 8); Gen.choose (9, 300) ]
                let! threads = Gen.choose (1, 3)
                return { N = n; P = p; Seed = seed; Diagonal = diagonal; Order = order; Block = block; Threads = threads }
            }
        Arb.fromGen gen

    static member PackedKernelCase() : Arbitrary<PackedKernelCase> =
        let gen =
            gen {
                let! w = Gen.choose (0, 12)
                let! row = Gen.arrayOfLength w (Gen.oneof [ Gen.constant 0UL; Gen.constant UInt64.MaxValue; ArbMap.defaults |> ArbMap.generate<uint64> ])
                // Large bounds make the int32 lanes overflow within a word or two unless they are widened in time.
                let! maxAbs = Gen.elements [ 1; 7; 1000; 1 <<< 20; 1 <<< 27; Int32.MaxValue / 8; Int32.MaxValue / 8 + 1; Int32.MaxValue ]
                let value = Gen.oneof [ Gen.choose (-maxAbs, maxAbs); Gen.elements [ maxAbs; -maxAbs ] ]
                let! m = Gen.arrayOfLength (64 * w) value
                let! scale = Gen.elements [ -2; 2; -1; 1; 5 ]
                let! count = Gen.choose (0, 64 * w)
                return { Row = row; M = m; MaxAbs = maxAbs; Scale = scale; Count = count }
            }
        Arb.fromGen gen

let private referencePatterns (c: PackedCase) = PatternSet.Dense(c.N, c.P, rng c.Seed)
let private packedPatterns (c: PackedCase) = PackedPatterns.Dense(c.N, c.P, rng c.Seed, c.Threads)

/// A state with entries in {−1, 0, +1} (zeros allowed where the field API allows them).
let private stateWithZeros (n: int) (seed: uint64) =
    let r = rng (seed + 17UL)
    Array.init n (fun _ -> sbyte (r.Next 3 - 1))

[<Property(Arbitrary = [| typeof<PackedGenerators> |], MaxTest = 100)>]
let ``Packed Dense draws exactly PatternSet.Dense's bits and leaves the generator in the same state`` (c: PackedCase) =
    let r1, r2 = rng c.Seed, rng c.Seed
    let reference = PatternSet.Dense(c.N, c.P, r1)
    let packed = PackedPatterns.Dense(c.N, c.P, r2, c.Threads)
    // A framework generator takes the NextBytes path (pieces of whole words).
    let s1, s2 = Random(int c.Seed), Random(int c.Seed)
    let sysReference = PatternSet.Dense(c.N, c.P, s1)
    let sysPacked = PackedPatterns.Dense(c.N, c.P, s2, c.Threads)
    let paddingClear =
        [ 0 .. c.N - 1 ]
        |> List.forall (fun i ->
            let row = packed.Row(i)
            let spare = 64 * row.Length - c.P
            spare = 0 || (row[row.Length - 1] >>> (64 - spare)) = 0UL)
    let same (a: PatternSet) (b: PatternSet) = a.Data.SequenceEqual(b.Data)
    same reference (packed.ToPatternSet())
    && same sysReference (sysPacked.ToPatternSet())
    && same reference ((PackedPatterns.FromPatternSet reference).ToPatternSet())
    && r1.NextInt64() = r2.NextInt64()
    && s1.Next() = s2.Next()
    && paddingClear
    && PackedPatterns.Bytes(c.N, c.P) = 8L * int64 c.N * int64 packed.Words
    && packed.Words = (c.P + 63) / 64

[<Property(Arbitrary = [| typeof<PackedGenerators> |], MaxTest = 60)>]
let ``Packed couplings equal HebbianCouplings entry for entry, row for row and in the diagonal`` (c: PackedCase) =
    let n = min c.N 40
    let reference = HebbianCouplings(PatternSet.Dense(n, c.P, rng c.Seed), c.Diagonal)
    let packed = PackedHebbianCouplings(PackedPatterns.Dense(n, c.P, rng c.Seed, c.Threads), c.Diagonal)
    let rowsEqual =
        [ 0 .. n - 1 ]
        |> List.forall (fun i ->
            let a, b = Array.zeroCreate<float> n, Array.zeroCreate<float> n
            reference.CopyRow(i, Span a)
            packed.CopyRow(i, Span b)
            a = b && packed.Diagonal i = reference.Diagonal i
            && [ 0 .. n - 1 ] |> List.forall (fun j -> BitConverter.DoubleToInt64Bits packed[i, j] = BitConverter.DoubleToInt64Bits reference[i, j]))
    rowsEqual && packed.Size = n && packed.Outputs = n && packed.Inputs = n

[<Property(Arbitrary = [| typeof<PackedGenerators> |], MaxTest = 100)>]
let ``Packed fields and scaled fields equal HebbianCouplings' bit for bit`` (c: PackedCase) =
    let reference = HebbianCouplings(referencePatterns c, c.Diagonal)
    let packed = PackedHebbianCouplings(packedPatterns c, c.Diagonal)
    let s = stateWithZeros c.N c.Seed
    let f1, f2 = Array.zeroCreate<float> c.N, Array.zeroCreate<float> c.N
    reference.ComputeFields(ReadOnlySpan s, Span f1)
    packed.ComputeFields(ReadOnlySpan s, Span f2)
    let i1, i2 = Array.zeroCreate<int> c.N, Array.zeroCreate<int64> c.N
    reference.ComputeScaledFields(ReadOnlySpan s, Span i1)
    packed.ComputeScaledFields(ReadOnlySpan s, Span i2)
    Array.map BitConverter.DoubleToInt64Bits f1 = Array.map BitConverter.DoubleToInt64Bits f2
    && Array.map int64 i1 = i2

[<Property(Arbitrary = [| typeof<PackedGenerators> |], MaxTest = 100)>]
let ``Packed tracker follows a random flip sequence exactly as the reference tracker`` (c: PackedCase) =
    let reference = HebbianCouplings(referencePatterns c, c.Diagonal)
    let packed = PackedHebbianCouplings(packedPatterns c, c.Diagonal)
    let r = rng (c.Seed + 3UL)
    let s = randomState c.N r
    let t1, t2 = reference.CreateTracker(ReadOnlySpan s), packed.CreateTracker(ReadOnlySpan s)
    let mutable ok = true
    for _ in 1 .. 3 * c.N do
        let i = r.Next c.N
        ok <- ok && BitConverter.DoubleToInt64Bits(t1.Field i) = BitConverter.DoubleToInt64Bits(t2.Field i)
        let j = r.Next c.N
        t1.Flip j
        t2.Flip j
    ok && [ 0 .. c.N - 1 ] |> List.forall (fun i -> t1.Field i = t2.Field i)

[<Property(Arbitrary = [| typeof<PackedGenerators> |], MaxTest = 150)>]
let ``Packed dynamics equal HopfieldDynamics.Run in outcome, sweeps, flips and final state`` (c: PackedCase) =
    let patterns = referencePatterns c
    let network = HopfieldNetwork(HebbianCouplings(patterns, c.Diagonal))
    let packed = PackedHebbianCouplings(packedPatterns c, c.Diagonal)
    let r = rng (c.Seed + 5UL)
    // A noisy cue of a stored pattern (retrieval) or a uniform random state (spurious attractors, 2-cycles).
    let start =
        if r.Next 2 = 0 then PatternOps.CueWithFlips(patterns[r.Next c.P], r.Next(c.N / 2 + 1), r)
        else randomState c.N r
    let s1, s2 = Array.copy start, Array.copy start
    let maxSweeps = if r.Next 4 = 0 then 1 + r.Next 3 else 60
    let a = HopfieldDynamics.Run(network, Span s1, c.Order, maxSweeps, rng (c.Seed + 7UL))
    let b = PackedDynamics.Run(packed, Span s2, c.Order, maxSweeps, rng (c.Seed + 7UL), null, c.Threads, c.Block)
    let d = Array.copy start
    let e = PackedDynamics.Run(packed, Span d, c.Order, maxSweeps, rng (c.Seed + 7UL), null, c.Threads)
    if a <> b || s1 <> s2 || a <> e || d <> s1 then
        failwithf "reference %A %A, packed %A %A, packed (default B) %A" a s1 b s2 e
    true

[<Property(Arbitrary = [| typeof<PackedGenerators> |], MaxTest = 300)>]
let ``Packed SIMD kernels equal their scalar references exactly`` (k: PackedKernelCase) =
    let row = ReadOnlySpan k.Row
    // The bound the callers pass is a true bound on |m|; the masked sum must not overflow for any such input.
    let masked = PackedKernels.MaskedSum(row, ReadOnlySpan k.M, k.MaxAbs) = PackedKernels.MaskedSumReference(row, ReadOnlySpan k.M)
    // Keep the updates inside int range: bounded overlaps (|m| ≤ N ≪ 2^31) are what the engine adds to.
    let small = k.M |> Array.map (fun v -> v % 1000000)
    let a, b = Array.copy small, Array.copy small
    PackedKernels.AddSigned(row, k.Scale, Span a, k.Count)
    PackedKernels.AddSignedReference(row, k.Scale, Span b, k.Count)
    let untouched = k.Count = small.Length || a[k.Count..] = small[k.Count..]
    let c, d = Array.copy small, Array.copy small
    PackedKernels.AddBits(row, k.Scale, Span c)
    PackedKernels.AddBitsReference(row, k.Scale, Span d)
    let tile = Array.init 64 (fun i -> if i < k.Row.Length then k.Row[i] * 0x9E3779B97F4A7C15UL else uint64 i * 0xD1B54A32D192ED03UL)
    let t1, t2 = Array.copy tile, Array.copy tile
    PackedKernels.Transpose64(Span t1)
    PackedKernels.Transpose64Reference(Span t2)
    masked && a = b && untouched && c = d && t1 = t2

/// The worst case of the int32 lanes: an all-ones row and every m_μ = +maxAbs (or −maxAbs), so each lane gains
/// 8·maxAbs per word; at N = 10⁶, P = 10⁵ (1563 words) a lane would pass 2³¹ after 268 words without widening.
[<Fact>]
let ``Packed masked sum stays exact at the overflow bound of its int32 lanes`` () =
    for maxAbs, words in [ 1000000, 1563; Int32.MaxValue / 8, 40; 1 <<< 27, 33; 46341, 6000 ] do
        for sign in [ 1; -1 ] do
            let row = Array.create words UInt64.MaxValue
            let m = Array.create (64 * words) (sign * maxAbs)
            let expected = int64 sign * int64 maxAbs * 64L * int64 words
            let fast = PackedKernels.MaskedSum(ReadOnlySpan row, ReadOnlySpan m, maxAbs)
            require (fast = expected && PackedKernels.MaskedSumReference(ReadOnlySpan row, ReadOnlySpan m) = expected)
                (sprintf "masked sum maxAbs=%d words=%d sign=%d: oracle %d, measured %d" maxAbs words sign expected fast)

/// Oracle: the capacity fixed-point trial rebuilt from public byte-pattern APIs (TrialPatterns, HebbianCouplings,
/// CueWithFlips with the cue generator, HopfieldDynamics.Run with the permutation generator).
let private referenceTrial (point: CapacityPoint) (settings: CapacitySettings) (seed: uint64) (trial: int) =
    let patterns = CapacityExperiment.TrialPatterns(point, seed, trial)
    let network = HopfieldNetwork(HebbianCouplings(patterns, settings.Diagonal))
    let n, p = point.N, point.P
    let flips = PatternOps.FlipCount(n, settings.CueFlip)
    let retrievals = min settings.RetrievalsPerTrial p
    let results =
        [| for nu in 0 .. retrievals - 1 ->
               let state =
                   if flips = 0 then patterns.Copy nu
                   else PatternOps.CueWithFlips(patterns[nu], flips, SeedSequence.CreateRandom(seed, ReadOnlySpan [| int64 n; int64 p; int64 trial; int64 nu; 1L |]))
               let r = HopfieldDynamics.Run(network, Span state, settings.Order, settings.MaxSweeps, SeedSequence.CreateRandom(seed, ReadOnlySpan [| int64 n; int64 p; int64 trial; int64 nu; 2L |]))
               let wrong = SignedKernels.CountDifferences(ReadOnlySpan state, patterns[nu])
               r.Outcome, wrong |]
    let errors = results |> Array.sumBy (fun (_, w) -> int64 w)
    let overlaps = results |> Array.map (fun (_, w) -> 1.0 - 2.0 * float w / float n)
    let nonConverged = results |> Array.filter (fun (o, _) -> o <> RunOutcome.FixedPoint) |> Array.length
    errors, int64 n * int64 retrievals, overlaps, nonConverged

[<Property(Arbitrary = [| typeof<PackedGenerators> |], MaxTest = 40)>]
let ``Capacity fixed-point Hebbian trial equals the explicit byte-pattern reference`` (c: PackedCase) =
    let n = max 2 c.N
    let point = CapacityPoint(n, float c.P / float n)
    let r = rng c.Seed
    let settings =
        CapacitySettings(
            StorageRule.Hebbian, CapacityMeasure.FixedPoint, 1 + r.Next 3, CueFlip = float (r.Next 5) * 0.1,
            RetrievalsPerTrial = 1 + r.Next 4, Order = c.Order, MaxSweeps = 1 + r.Next 30, Diagonal = c.Diagonal)
    let trial = r.Next 3
    let t = CapacityExperiment.RunTrial(point, settings, c.Seed, trial)
    let errors, total, overlaps, nonConverged = referenceTrial point settings c.Seed trial
    if (t.Index, t.ErrorBits, t.TotalBits, t.Overlaps, t.NonConverged) <> (trial, errors, total, overlaps, nonConverged) then
        failwithf "packed %A, reference %A" (t.ErrorBits, t.TotalBits, t.Overlaps, t.NonConverged) (errors, total, overlaps, nonConverged)
    true

[<Fact>]
let ``Hebbian fixed-point capacity accepts N·P ≥ 2^31; other measures and rules still reject it`` () =
    let point = CapacityPoint(1000000, 0.1)
    CapacityExperiment.Validate(point, CapacitySettings(StorageRule.Hebbian, CapacityMeasure.FixedPoint, 1))
    throwsNamed "one-step at N·P = 1e11" "Alpha" (fun () ->
        CapacityExperiment.Validate(point, CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 1)))
    throwsNamed "Storkey at N·P = 1e11" "Alpha" (fun () ->
        CapacityExperiment.Validate(point, CapacitySettings(StorageRule.Storkey, CapacityMeasure.FixedPoint, 1)))
    require (PackedPatterns.Bytes(1000000, 100000) = 12504000000L) "Bytes(1e6, 1e5) = 8·1e6·1563"

[<Fact>]
let ``Packed dynamics reject malformed arguments by name`` () =
    let w = PackedHebbianCouplings(PackedPatterns.Dense(10, 3, rng 1UL))
    throwsArgumentNamed "state length" "state" (fun () -> PackedDynamics.Run(w, Span(Array.create 9 1y), UpdateOrder.AsyncFixed, 5, null) |> ignore)
    throwsArgumentNamed "zero entry" "state" (fun () -> PackedDynamics.Run(w, Span(Array.create 10 0y), UpdateOrder.AsyncFixed, 5, null) |> ignore)
    throwsNamed "sweeps" "maxSweeps" (fun () -> PackedDynamics.Run(w, Span(Array.create 10 1y), UpdateOrder.AsyncFixed, 0, null) |> ignore)
    throwsArgumentNamed "random" "random" (fun () -> PackedDynamics.Run(w, Span(Array.create 10 1y), UpdateOrder.AsyncRandomPermutation, 5, null) |> ignore)

[<Property(MaxTest = 100)>]
let ``Xoshiro bulk fill equals as many NextUInt64 calls and leaves the same state`` (seed: uint64) (length: byte) =
    let bulk = Xoshiro256StarStarRandom(seed)
    let single = Xoshiro256StarStarRandom(seed)
    let filled = Array.zeroCreate<uint64> (int length)
    bulk.NextUInt64s(filled.AsSpan())
    let expected = Array.init (int length) (fun _ -> single.NextUInt64())
    filled = expected && bulk.NextUInt64() = single.NextUInt64()
