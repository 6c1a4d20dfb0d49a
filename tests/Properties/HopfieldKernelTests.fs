/// Exact unit tests of the Hopfield kernels: each fast path against its scalar reference, each storage rule
/// against its defining equation, and the hand-checkable conventions (ties, 2-cycles, cues, mixtures).
///
/// False alarms (family-wise, one CI run): every check is exact or a rounding bound except the coding-level
/// property (20 fresh-seed cases at 5.5 binomial SE, two-sided 3.8e-8 each, ≤ 8e-8 with the binomial skewness
/// at a = 0.02; formerly 4.5 SE, 1.4e-4 per run): ≤ 2e-6 per run.
module Plasticity.Properties.HopfieldKernelTests

open System
open Xunit
open FsCheck
open FsCheck.Xunit
open Plasticity.Analysis
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Numerics
open Plasticity.Core.Synapses
open Plasticity.Experiments.Capacity
open Plasticity.Properties.Support

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 200)>]
let ``SIMD dot product equals its scalar reference exactly`` (v: SignedVectorPair) =
    SignedKernels.Dot(ReadOnlySpan v.A, ReadOnlySpan v.B) = SignedKernels.DotReference(ReadOnlySpan v.A, ReadOnlySpan v.B)

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 200)>]
let ``SIMD multiply-add equals its scalar reference exactly`` (v: SignedVectorPair) =
    let start = Array.init v.A.Length (fun i -> i * 7 - 300)
    let fast = Array.copy start
    let reference = Array.copy start
    SignedKernels.MultiplyAdd(ReadOnlySpan v.A, v.Scale, Span fast)
    SignedKernels.MultiplyAddReference(ReadOnlySpan v.A, v.Scale, Span reference)
    fast = reference

/// Oracle: the defining sum w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ, accumulated in integers by the test itself.
let private explicitHebbianFields (patterns: PatternSet) (keepDiagonal: bool) (s: sbyte[]) =
    let n, p = patterns.Size, patterns.Count
    Array.init n (fun i ->
        let mutable sum = 0
        for j in 0 .. n - 1 do
            if keepDiagonal || j <> i then
                let mutable jij = 0
                for mu in 0 .. p - 1 do
                    jij <- jij + int patterns.[mu].[i] * int patterns.[mu].[j]
                sum <- sum + jij * int s[j]
        float sum / float n)

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 60)>]
let ``Hebbian fields from overlaps equal the dense matrix and the defining sum bit for bit`` (shape: SmallNetwork) (keep: bool) =
    let patterns = patternsOf shape.N shape.P shape.Seed
    let diagonal = if keep then DiagonalConvention.Keep else DiagonalConvention.Zero
    let s = randomState shape.N (rng (shape.Seed + 1UL))
    let viaOverlaps = Array.zeroCreate shape.N
    let viaDense = Array.zeroCreate shape.N
    HebbianCouplings(patterns, diagonal).ComputeFields(ReadOnlySpan s, Span viaOverlaps)
    HopfieldStorage.HebbianDense(patterns, diagonal).ComputeFields(ReadOnlySpan s, Span viaDense)
    let oracle = explicitHebbianFields patterns keep s
    require (viaOverlaps = oracle) (sprintf "overlap path %A differs from the defining sum %A" viaOverlaps oracle)
    require (viaDense = oracle) (sprintf "dense path %A differs from the defining sum %A" viaDense oracle)

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 60)>]
let ``field trackers stay exactly equal to fresh fields along random flips`` (shape: SmallNetwork) (keep: bool) =
    let patterns = patternsOf shape.N shape.P shape.Seed
    let diagonal = if keep then DiagonalConvention.Keep else DiagonalConvention.Zero
    let random = rng (shape.Seed + 2UL)
    for couplings in [ HebbianCouplings(patterns, diagonal) :> Plasticity.Core.Synapses.ICouplings
                       HopfieldStorage.HebbianDense(patterns, diagonal) ] do
        let s = randomState shape.N random
        let tracker = couplings.CreateTracker(ReadOnlySpan s)
        let fresh = Array.zeroCreate shape.N
        for _ in 1 .. 3 * shape.N do
            let j = random.Next shape.N
            s[j] <- -s[j]
            tracker.Flip j
            couplings.ComputeFields(ReadOnlySpan s, Span fresh)
            for i in 0 .. shape.N - 1 do
                require (tracker.Field i = fresh[i]) (sprintf "%s: tracked field %d = %g, fresh %g" (couplings.GetType().Name) i (tracker.Field i) fresh[i])

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 40)>]
let ``dense real-valued fields match the scalar reference within the summation rounding bound`` (shape: SmallNetwork) =
    let w = randomSymmetric shape.N (rng shape.Seed) false
    let couplings = DenseWeightMatrix.FromWeights w
    let s = randomState shape.N (rng (shape.Seed + 3UL))
    let fast = Array.zeroCreate shape.N
    let reference = Array.zeroCreate shape.N
    couplings.ComputeFields(ReadOnlySpan s, Span fast)
    couplings.ComputeFieldsReference(ReadOnlySpan s, Span reference)
    for i in 0 .. shape.N - 1 do
        // Any summation order of N terms errs by at most (N−1)·ε·Σ|terms| (Higham 2002, §4.2); twice for two orders.
        let bound = 2.0 * float shape.N * unitRoundoff * (Seq.sum (Seq.init shape.N (fun j -> abs w[i, j])))
        within "dense field" "scalar reference" reference[i] fast[i] bound "2(N−1)·u·Σ_j|w_ij|, u = 2^−53"

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 25)>]
let ``Storkey storage equals the published element-wise rule and is exactly symmetric`` (shape: SmallNetwork) =
    let n = min shape.N 24
    let p = min shape.P n
    let patterns = patternsOf n p shape.Seed
    let fast = HopfieldStorage.Storkey patterns
    let reference = HopfieldStorage.StorkeyReference patterns
    require (fast.IsSymmetric()) "Storkey matrix is not exactly symmetric"
    let scale = reference |> Seq.cast<float> |> Seq.map abs |> Seq.fold max 1.0
    for i in 0 .. n - 1 do
        require (fast.Diagonal i = 0.0) "Storkey diagonal must be zero"
        for j in 0 .. n - 1 do
            // Both evaluate the same rule with different operation order; each of the P updates adds O(N·u·scale).
            within (sprintf "Storkey w[%d,%d]" i j) "element-wise rule" reference[i, j] fast[i, j] (1e-13 * float (n * p) * scale) "N·P·1e-13·max|w|"

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 40)>]
let ``pseudo-inverse storage is the orthogonal projector onto the patterns`` (shape: UnderloadedNetwork) =
    let patterns = patternsOf shape.N shape.P shape.Seed
    let w = HopfieldStorage.PseudoInverse(patterns, DiagonalConvention.Keep)
    require (w.IsSymmetric()) "projector must be exactly symmetric"
    let field = Array.zeroCreate shape.N
    for mu in 0 .. shape.P - 1 do
        w.ComputeFields(patterns[mu], Span field)
        for i in 0 .. shape.N - 1 do
            within "W ξ = ξ" "ξ_i" (float patterns.[mu].[i]) field[i] 1e-9 "1e-9: pseudo-inverse of a well-conditioned Gram matrix"
    for i in 0 .. shape.N - 1 do
        let d = w.Diagonal i
        require (d >= -1e-12 && d <= 1.0 + 1e-12) (sprintf "projector diagonal %g outside [0, 1]" d)

[<Fact>]
let ``a single stored pattern gives field (N−1)/N·ξ with a zero diagonal and ξ with the diagonal kept`` () =
    let patterns = PatternSet.FromRows [| [| 1y; -1y; -1y; 1y; 1y |] |]
    let field = Array.zeroCreate 5
    HebbianCouplings(patterns).ComputeFields(patterns[0], Span field)
    Assert.Equal<float[]>([| 0.8; -0.8; -0.8; 0.8; 0.8 |], field)
    HebbianCouplings(patterns, DiagonalConvention.Keep).ComputeFields(patterns[0], Span field)
    Assert.Equal<float[]>([| 1.0; -1.0; -1.0; 1.0; 1.0 |], field)

[<Fact>]
let ``a tie keeps the current state`` () =
    Assert.Equal(1y, HopfieldNetwork.Sign(0.0, 1y))
    Assert.Equal(-1y, HopfieldNetwork.Sign(0.0, -1y))
    Assert.Equal(-1y, HopfieldNetwork.Sign(-1e-300, 1y))
    // Two patterns that disagree on unit 0 and agree elsewhere… a state where unit 0's field is exactly 0.
    let patterns = PatternSet.FromRows [| [| 1y; 1y |]; [| 1y; -1y |] |]
    let network = HopfieldNetwork(HebbianCouplings patterns)
    let next = Array.zeroCreate 2
    // w_01 = (1·1 + 1·(−1))/2 = 0: both fields are 0, so nothing changes.
    let changed = HopfieldDynamics.SynchronousStep(network, ReadOnlySpan [| -1y; 1y |], Span next)
    Assert.Equal(0, changed)
    Assert.Equal<sbyte[]>([| -1y; 1y |], next)

[<Fact>]
let ``N = 2 with w = −1: synchronous dynamics 2-cycle, asynchronous dynamics settle`` () =
    let w = array2D [ [ 0.0; -1.0 ]; [ -1.0; 0.0 ] ]
    let network = HopfieldNetwork(DenseWeightMatrix.FromWeights w)
    // Hand trajectory (inputs a = W s): s(0) = (+,+) → a = (−1,−1) → s(1) = (−,−) → a = (+1,+1) → s(2) = (+,+)
    // = s(0) and s(1) ≠ s(0): a 2-cycle, detected at step 2, both units flipped twice (4 flips); the run
    // leaves the state at s(2) = (+,+).
    let s = [| 1y; 1y |]
    let result = HopfieldDynamics.Run(network, Span s, UpdateOrder.Synchronous, 100)
    Assert.Equal(RunOutcome.TwoCycle, result.Outcome)
    Assert.Equal(2, result.Sweeps)
    Assert.Equal(4L, result.Flips)
    Assert.Equal<sbyte[]>([| 1y; 1y |], s)
    // One step only: not yet a cycle, the cap is reported, the state is s(1).
    let one = [| 1y; 1y |]
    Assert.Equal(RunResult(RunOutcome.SweepLimit, 1, 2L), HopfieldDynamics.Run(network, Span one, UpdateOrder.Synchronous, 1))
    Assert.Equal<sbyte[]>([| -1y; -1y |], one)
    // Asynchronous, fixed order 0, 1: sweep 1 flips unit 0 (a_0 = −1) and then unit 1 has a_1 = +1 (stays);
    // sweep 2 changes nothing: fixed point after 2 sweeps, 1 flip. Hand check of stability: a = W(−,+) = (−1,+1)
    // agrees in sign with (−,+). E = −½ sᵀWs = −½·(2·(−1)·(−1)·(+1)) = −1.
    let a = [| 1y; 1y |]
    let asyncResult = HopfieldDynamics.Run(network, Span a, UpdateOrder.AsyncFixed, 100)
    Assert.Equal(RunResult(RunOutcome.FixedPoint, 2, 1L), asyncResult)
    Assert.Equal<sbyte[]>([| -1y; 1y |], a) // unit 0 flips first (fixed order), then unit 1 is satisfied
    Assert.Equal(-1.0, network.Energy(ReadOnlySpan a))
    // With maxSweeps = 1 the same run flips unit 0 and must report the cap (the sweep changed a unit).
    let a1 = [| 1y; 1y |]
    Assert.Equal(RunResult(RunOutcome.SweepLimit, 1, 1L), HopfieldDynamics.Run(network, Span a1, UpdateOrder.AsyncFixed, 1))
    Assert.Equal<sbyte[]>([| -1y; 1y |], a1)

[<Fact>]
let ``energy includes external field and threshold as −(h − θ)ᵀs, matching the F# reference`` () =
    let random = rng 7UL
    let n = 9
    let w = randomSymmetric n random false
    let h = Array.init n (fun _ -> random.NextDouble() - 0.5)
    let theta = Array.init n (fun _ -> random.NextDouble() - 0.5)
    let network = HopfieldNetwork(DenseWeightMatrix.FromWeights w, h, theta)
    for _ in 1 .. 20 do
        let s = randomState n random
        let reference = Energy.energy w (Array.map float s) (Array.map2 (-) h theta)
        within "energy" "Energy.energy (F#)" reference (network.Energy(ReadOnlySpan s)) 1e-12 "1e-12: two summation orders of 90 terms of size < 3"

[<Property(MaxTest = 100)>]
let ``a cue flips exactly round(f·N) distinct bits`` (size: PositiveInt) (fraction: NormalFloat) (seed: int) =
    let n = 1 + size.Get % 500
    let f = abs fraction.Get % 1.0
    let pattern = randomState n (rng (uint64 seed))
    let cue = PatternOps.Cue(ReadOnlySpan pattern, f, rng (uint64 seed + 1UL))
    let k = PatternOps.FlipCount(n, f)
    let flipped = SignedKernels.CountDifferences(ReadOnlySpan pattern, ReadOnlySpan cue)
    require (flipped = k) (sprintf "flipped %d bits, expected k = %d" flipped k)
    // (N − 2k)/N and 1 − 2k/N differ by at most a few ulps.
    within "cue overlap" "1 − 2k/N" (HopfieldTheory.cueOverlap (Neurons n) k) (PatternOps.Overlap(ReadOnlySpan pattern, ReadOnlySpan cue)) 4e-16 "2 ulps of 1"

[<Fact>]
let ``a 3-mixture is the bitwise majority of its components`` () =
    let patterns = PatternSet.FromRows [| [| 1y; 1y; -1y; -1y |]; [| 1y; -1y; 1y; -1y |]; [| -1y; 1y; 1y; -1y |] |]
    Assert.Equal<sbyte[]>([| 1y; 1y; 1y; -1y |], PatternOps.Mixture(patterns, ReadOnlySpan [| 0; 1; 2 |]))
    Assert.Throws<ArgumentOutOfRangeException>(fun () -> PatternOps.Mixture(patterns, ReadOnlySpan [| 0; 1 |]) |> ignore) |> ignore

[<Fact>]
let ``same seed gives bit-identical patterns; different seeds differ`` () =
    let a = PatternSet.Dense(300, 20, SeedSequence.CreateRandom(SeedSequence.Derive(5UL, ReadOnlySpan [| 1L; 2L |])))
    let b = PatternSet.Dense(300, 20, SeedSequence.CreateRandom(SeedSequence.Derive(5UL, ReadOnlySpan [| 1L; 2L |])))
    let c = PatternSet.Dense(300, 20, SeedSequence.CreateRandom(SeedSequence.Derive(6UL, ReadOnlySpan [| 1L; 2L |])))
    Assert.True(a.Data.SequenceEqual(b.Data))
    Assert.False(a.Data.SequenceEqual(c.Data))

[<Fact>]
let ``capacity trials are bit-identical whether run in parallel or one by one`` () =
    for measure in [ CapacityMeasure.OneStep; CapacityMeasure.FixedPoint ] do
        let settings = CapacitySettings(StorageRule.Hebbian, measure, 6, CueFlip = 0.1)
        let point = CapacityPoint(300, 0.12)
        let parallelRun = CapacityExperiment.Run(point, settings, 42UL)
        for t in 0 .. settings.Trials - 1 do
            let alone = CapacityExperiment.RunTrial(point, settings, 42UL, t)
            let inRun = parallelRun.TrialResults[t]
            Assert.Equal(alone.ErrorBits, inRun.ErrorBits)
            Assert.Equal<float[]>(alone.Overlaps, inRun.Overlaps)

[<Fact>]
let ``invalid capacity input names the parameter`` () =
    let settings = CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 1)
    let paramOf (f: unit -> unit) =
        (Assert.ThrowsAny<ArgumentException>(fun () -> f ())).ParamName
    Assert.Equal("N", paramOf (fun () -> CapacityExperiment.Validate(CapacityPoint(1, 0.1), settings)))
    Assert.Equal("Alpha", paramOf (fun () -> CapacityExperiment.Validate(CapacityPoint(100, 0.0), settings)))
    Assert.Equal("Alpha", paramOf (fun () -> CapacityExperiment.Validate(CapacityPoint(100, 0.001), settings)))
    Assert.Equal("Trials", paramOf (fun () -> CapacityExperiment.Validate(CapacityPoint(100, 0.1), CapacitySettings(StorageRule.Hebbian, CapacityMeasure.OneStep, 0))))
    Assert.Equal("Alpha", paramOf (fun () -> CapacityExperiment.Validate(CapacityPoint(100, 1.0), CapacitySettings(StorageRule.PseudoInverse, CapacityMeasure.OneStep, 1))))

[<Property(MaxTest = 20)>]
let ``sparse patterns have coding level a within binomial standard errors`` (seed: int) =
    let random = rng (uint64 seed)
    let a = 0.02 + 0.96 * random.NextDouble()
    // N·P = 30000 (was 20000 at 4.5 SE): 5.5/√1.5 = 4.49 < 4.5, so the absolute band is no wider than before.
    let n, p = 1000, 30
    let patterns = PatternSet.Sparse(n, p, a, random)
    let mutable active = 0
    for x in patterns.Data.ToArray() do
        require (x = 1y || x = -1y) (sprintf "entry %d is not ±1" x)
        if x = 1y then active <- active + 1
    let total = float (n * p)
    // Entries are independent Bernoulli(a): SE = √(a(1−a)/(N·P)).
    within (sprintf "coding level (a = %.3f)" a) "a" a (float active / total) (5.5 * sqrt (a * (1.0 - a) / total)) "5.5 × binomial SE"

[<Fact>]
let ``Wilson interval: exact ends at 0 and n, and the textbook value at 5 of 100`` () =
    let struct (low0, high0) = Plasticity.Core.Numerics.ConfidenceInterval.Wilson(0L, 1000L)
    Assert.Equal(0.0, low0)
    // Upper bound at k = 0: z²/(n + z²) = 3.8415/1003.8415.
    within "Wilson upper bound, 0 of 1000" "z²/(n+z²)" (3.841458820694124 / 1003.841458820694) high0 1e-12 "1e-12 rounding"
    let struct (lowN, highN) = Plasticity.Core.Numerics.ConfidenceInterval.Wilson(1000L, 1000L)
    Assert.Equal(1.0, highN)
    let struct (low, high) = Plasticity.Core.Numerics.ConfidenceInterval.Wilson(5L, 100L)
    // Newcombe (1998), Table I: 5/100 → 0.0215 to 0.1118.
    within "Wilson low, 5 of 100" "Newcombe 1998" 0.0215 low 5e-5 "4-decimal published value"
    within "Wilson high, 5 of 100" "Newcombe 1998" 0.1118 high 5e-5 "4-decimal published value"
    Assert.True(lowN < 1.0)
