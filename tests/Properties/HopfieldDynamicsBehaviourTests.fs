/// Behaviour of HopfieldDynamics.Run against oracles that do not call it: a reference simulator written from
/// the definition of the dynamics (fields recomputed from an integer matrix for every update, so every sign is
/// exact), the uniform distribution of a random visiting order, and hand-derived small networks. Written to kill
/// the mutants Stryker.NET left alive (flip and sweep counts never checked, maxSweeps = 1 never run, the
/// per-sweep shuffle removable); see docs/testing.md, "Mutation testing".
///
/// Family-wise false-alarm probability of one CI run: 2e-5 (two χ² checks at 1e-5 each, fixed seeds); every
/// other check is exact.
module Plasticity.Properties.HopfieldDynamicsBehaviourTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open MathNet.Numerics.Distributions
open Plasticity.Core.Networks.Hopfield
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

/// A small network with integer couplings (|w_ij| ≤ 2, optionally asymmetric) and half-integer biases, an
/// initial state, an order and a sweep cap 1…6: with integer fields every sign is exact in any summation order,
/// and short caps make SweepLimit, FixedPoint and TwoCycle outcomes all frequent.
type IntegerNetwork =
    { W: int[,]; Bias: float[]; Start: sbyte[]; Order: UpdateOrder; MaxSweeps: int; Seed: int }
    override this.ToString() =
        sprintf "N=%d order=%A maxSweeps=%d seed=%d W=%A bias=%A start=%A" this.Start.Length this.Order this.MaxSweeps this.Seed this.W this.Bias this.Start

type DynamicsGenerators =
    static member IntegerNetwork() : Arbitrary<IntegerNetwork> =
        let gen =
            gen {
                let! n = Gen.choose (1, 10)
                let! symmetric = Gen.elements [ true; false ]
                let! entries = Gen.arrayOfLength (n * n) (Gen.choose (-2, 2))
                let w =
                    Array2D.init n n (fun i j ->
                        if i = j then abs entries[i * n + i] % 2 // w_ii ∈ {0, 1}: never negative
                        elif symmetric && j < i then entries[j * n + i]
                        else entries[i * n + j])
                // Biases in {−1, −½, 0, ½, 1}: integer ones produce ties (a_i = 0 keeps s_i), halves never do.
                let! bias = Gen.arrayOfLength n (Gen.choose (-2, 2) |> Gen.map (fun k -> 0.5 * float k))
                let! start = Gen.arrayOfLength n (Gen.elements [ -1y; 1y ])
                let! order = Gen.elements [ UpdateOrder.Synchronous; UpdateOrder.AsyncFixed; UpdateOrder.AsyncRandomPermutation ]
                let! maxSweeps = Gen.choose (1, 6)
                let! seed = Gen.choose (0, Int32.MaxValue)
                return { W = w; Bias = bias; Start = start; Order = order; MaxSweeps = maxSweeps; Seed = seed }
            }
        Arb.fromGen gen

/// a_i = Σ_j w_ij s_j + b_i from the definition (exact: integers plus a half-integer).
let private field (w: int[,]) (b: float[]) (s: sbyte[]) (i: int) =
    let mutable sum = 0
    for j in 0 .. s.Length - 1 do
        sum <- sum + w[i, j] * int s[j]
    float sum + b[i]

/// sgn(a) with a tie keeping the current value (the network's documented convention).
let private sgn (a: float) (current: sbyte) = if a > 0.0 then 1y elif a < 0.0 then -1y else current

/// Durstenfeld's in-place Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P) of the visiting order,
/// applied at the start of every sweep as UpdateOrder.AsyncRandomPermutation documents.
let private durstenfeld (order: int[]) (random: Random) =
    for i in order.Length - 1 .. -1 .. 1 do
        let j = random.Next(i + 1)
        let t = order[i]
        order[i] <- order[j]
        order[j] <- t

/// Reference run from the definition: returns (outcome, sweeps, flips, final state).
/// Synchronous: s(t) = sgn(a(s(t−1))); a fixed point at the first t with s(t) = s(t−1), a 2-cycle at the first
/// t ≥ 2 with s(t) = s(t−2) (the state is then s(t)). Asynchronous: sweeps of N single-unit updates; a fixed point
/// at the first sweep without a flip. Sweeps count the confirming sweep; flips count unit changes.
let private referenceRun (net: IntegerNetwork) =
    let n = net.Start.Length
    let mutable s = Array.copy net.Start
    let mutable flips = 0L
    let mutable result = None
    match net.Order with
    | UpdateOrder.Synchronous ->
        let mutable previous: sbyte[] option = None
        let mutable t = 1
        while result.IsNone && t <= net.MaxSweeps do
            let next = Array.init n (fun i -> sgn (field net.W net.Bias s i) s[i])
            let changed = Seq.zip next s |> Seq.filter (fun (a, b) -> a <> b) |> Seq.length
            flips <- flips + int64 changed
            if changed = 0 then result <- Some(RunOutcome.FixedPoint, t)
            elif previous = Some next then
                s <- next
                result <- Some(RunOutcome.TwoCycle, t)
            else
                previous <- Some s
                s <- next
            t <- t + 1
    | _ ->
        let random = if net.Order = UpdateOrder.AsyncRandomPermutation then Some(rng (uint64 net.Seed)) else None
        let order = Array.init n id
        let mutable sweep = 1
        while result.IsNone && sweep <= net.MaxSweeps do
            random |> Option.iter (durstenfeld order)
            let mutable changed = 0
            for i in order do
                let next = sgn (field net.W net.Bias s i) s[i]
                if next <> s[i] then
                    s[i] <- next
                    changed <- changed + 1
            flips <- flips + int64 changed
            if changed = 0 then result <- Some(RunOutcome.FixedPoint, sweep)
            sweep <- sweep + 1
    let outcome, sweeps = defaultArg result (RunOutcome.SweepLimit, net.MaxSweeps)
    outcome, sweeps, flips, s

/// The random source Run needs: one for the random-permutation order, none (null) otherwise.
let private randomFor (order: UpdateOrder) (seed: int) : Random | null =
    if order = UpdateOrder.AsyncRandomPermutation then rng (uint64 seed) else null

let private networkOf (net: IntegerNetwork) =
    let n = net.Start.Length
    HopfieldNetwork(DenseWeightMatrix.FromWeights(Array2D.init n n (fun i j -> float net.W[i, j])), net.Bias)

[<Property(Arbitrary = [| typeof<DynamicsGenerators> |], MaxTest = 300)>]
let ``Run reports the outcome, sweeps, flips and final state of the reference simulation`` (net: IntegerNetwork) =
    // Oracle: referenceRun above (the definition of the dynamics, fields from the integer matrix), exact.
    let s = Array.copy net.Start
    let random = randomFor net.Order net.Seed
    let result = HopfieldDynamics.Run(networkOf net, Span s, net.Order, net.MaxSweeps, random)
    let outcome, sweeps, flips, final = referenceRun net
    require (result.Outcome = outcome) (sprintf "outcome %A, reference %A" result.Outcome outcome)
    require (result.Sweeps = sweeps) (sprintf "sweeps %d, reference %d" result.Sweeps sweeps)
    require (result.Flips = flips) (sprintf "flips %d, reference %d" result.Flips flips)
    require (s = final) (sprintf "final state %A, reference %A" s final)

[<Property(Arbitrary = [| typeof<Generators> |], MaxTest = 40)>]
let ``Hebbian runs match the reference simulation on the integer matrix Σ ξξᵀ`` (shape: SmallNetwork) (keep: bool) (orderIndex: int) (maxSweeps: PositiveInt) =
    // Oracle: referenceRun on J = Σ_μ ξ^μ ξ^μᵀ (J_ii = P or 0): w = J/N has the same signs as J, so the pattern-based
    // couplings and their overlap tracker must reproduce the plain simulation on J exactly.
    let n = min shape.N 24
    let patterns = patternsOf n (min shape.P n) shape.Seed
    let rows = Array.init patterns.Count patterns.Copy
    let j = Array2D.init n n (fun a b -> if a = b && not keep then 0 else rows |> Array.sumBy (fun xi -> int xi[a] * int xi[b]))
    let order = [| UpdateOrder.Synchronous; UpdateOrder.AsyncFixed; UpdateOrder.AsyncRandomPermutation |][abs (orderIndex % 3)]
    let start = randomState n (rng (shape.Seed + 17UL))
    let net = { W = j; Bias = Array.zeroCreate n; Start = start; Order = order; MaxSweeps = 1 + maxSweeps.Get % 5; Seed = int (shape.Seed % 1000000UL) }
    let s = Array.copy start
    let random = randomFor order net.Seed
    let diagonal = if keep then DiagonalConvention.Keep else DiagonalConvention.Zero
    let result = HopfieldDynamics.Run(HopfieldNetwork(HebbianCouplings(patterns, diagonal)), Span s, order, net.MaxSweeps, random)
    let outcome, sweeps, flips, final = referenceRun net
    require ((result.Outcome, result.Sweeps, result.Flips) = (outcome, sweeps, flips))
        (sprintf "(outcome, sweeps, flips) = %A, reference %A" (result.Outcome, result.Sweeps, result.Flips) (outcome, sweeps, flips))
    require (s = final) (sprintf "final state %A, reference %A" s final)

[<Fact>]
let ``one sweep from a stored pattern is a fixed point; one sweep from a cue is a sweep limit with its flips`` () =
    // Oracle (hand-derived): one pattern ξ stored with w = ξξᵀ/N and a zero diagonal gives
    // a_i = ξ_i (ξ·s − ξ_i s_i)/N. From a cue with k flipped bits (ξ·s = N − 2k, growing as bits are restored) an
    // intact unit sees the sign of ξ_i while N − 2k − 1 > 0, a flipped unit too: one sweep (or one synchronous
    // step) flips exactly the k cue bits back and has not yet confirmed the fixed point; the second sweep does.
    let n, k = 9, 3
    let xi = [| 1y; -1y; -1y; 1y; 1y; -1y; 1y; -1y; 1y |]
    let network = HopfieldNetwork(HebbianCouplings(PatternSet.FromRows [| xi |]))
    for order in [ UpdateOrder.Synchronous; UpdateOrder.AsyncFixed; UpdateOrder.AsyncRandomPermutation ] do
        let random = rng 5UL
        let atPattern = Array.copy xi
        let r0 = HopfieldDynamics.Run(network, Span atPattern, order, 1, random)
        require (r0 = RunResult(RunOutcome.FixedPoint, 1, 0L)) (sprintf "%A from ξ with maxSweeps = 1: %A, expected (FixedPoint, 1, 0)" order r0)
        let cue = Array.copy xi
        for i in [ 1; 4; 7 ] do
            cue[i] <- -cue[i]
        let r1 = HopfieldDynamics.Run(network, Span cue, order, 1, random)
        require (r1 = RunResult(RunOutcome.SweepLimit, 1, int64 k)) (sprintf "%A from a %d-bit cue, maxSweeps = 1: %A, expected (SweepLimit, 1, %d)" order k r1 k)
        require (cue = xi) (sprintf "%A: one sweep did not restore ξ: %A" order cue)
        let again = Array.copy xi
        for i in [ 1; 4; 7 ] do
            again[i] <- -again[i]
        let r2 = HopfieldDynamics.Run(network, Span again, order, 2, random)
        require (r2 = RunResult(RunOutcome.FixedPoint, 2, int64 k)) (sprintf "%A from a %d-bit cue, maxSweeps = 2: %A, expected (FixedPoint, 2, %d)" order k r2 k)

[<Fact>]
let ``a synchronous 2-cycle is detected at step 2 with two flips per step, and step 1 alone is a sweep limit`` () =
    // Oracle (hand-derived): N = 2, w_12 = w_21 = −1, s = (+1, +1): s(1) = (−1, −1), s(2) = (+1, +1) = s(0).
    let network = HopfieldNetwork(DenseWeightMatrix.FromWeights(array2D [ [ 0.0; -1.0 ]; [ -1.0; 0.0 ] ]))
    let s = [| 1y; 1y |]
    let r = HopfieldDynamics.Run(network, Span s, UpdateOrder.Synchronous, 10)
    require (r = RunResult(RunOutcome.TwoCycle, 2, 4L)) (sprintf "%A, expected (TwoCycle, 2, 4)" r)
    require (s = [| 1y; 1y |]) (sprintf "state after the cycle %A, expected s(2) = (+1, +1)" s)
    let one = [| 1y; 1y |]
    let r1 = HopfieldDynamics.Run(network, Span one, UpdateOrder.Synchronous, 1)
    require (r1 = RunResult(RunOutcome.SweepLimit, 1, 2L)) (sprintf "maxSweeps = 1: %A, expected (SweepLimit, 1, 2)" r1)
    require (one = [| -1y; -1y |]) (sprintf "state after one step %A, expected (−1, −1)" one)

/// Winner-take-all network: w_ij = −1 for i ≠ j, b_i = −(N − 2), start all −1. The first unit visited sees
/// a = (N − 1) − (N − 2) = 1 > 0 and turns on; every later unit then sees a = (N − 2) − 1 − (N − 2) = −1 < 0 and
/// stays off; the second sweep confirms. So the final state is one-hot at the first unit of the first sweep.
let private firstVisited (n: int) (order: UpdateOrder) (random: Random | null) =
    let w = Array2D.init n n (fun i j -> if i = j then 0.0 else -1.0)
    let network = HopfieldNetwork(DenseWeightMatrix.FromWeights w, Array.create n (-(float (n - 2))))
    let s = Array.create n -1y
    let r = HopfieldDynamics.Run(network, Span s, order, 10, random)
    require (r = RunResult(RunOutcome.FixedPoint, 2, 1L)) (sprintf "winner-take-all run %A, expected (FixedPoint, 2, 1)" r)
    let winners = s |> Array.indexed |> Array.filter (fun (_, x) -> x = 1y) |> Array.map fst
    require (winners.Length = 1) (sprintf "winner-take-all state %A is not one-hot" s)
    winners[0]

/// χ² statistic of counts against equal expected frequencies.
let private chiSquareUniform (counts: int[]) =
    let total = float (Array.sum counts)
    let expected = total / float counts.Length
    counts |> Array.sumBy (fun c -> (float c - expected) ** 2.0 / expected)

[<Fact>]
let ``the first unit of a random-permutation sweep is uniform, and the fixed order starts at unit 0`` () =
    // Oracle: a uniform permutation puts each of the N units first with probability 1/N. χ² with N − 1 degrees of
    // freedom; critical value at false-alarm probability 1e-5 (a fixed seed, but it would pass for other seeds with
    // probability 1 − 1e-5). Without the shuffle the winner is always unit 0: χ² = (N − 1)·R, far above it.
    let n, runs = 5, 1000
    let random = rng 31UL
    let counts = Array.zeroCreate n
    for _ in 1 .. runs do
        let w = firstVisited n UpdateOrder.AsyncRandomPermutation random
        counts[w] <- counts[w] + 1
    let chi2 = chiSquareUniform counts
    let critical = ChiSquared.InvCDF(float (n - 1), 1.0 - 1e-5)
    require (chi2 <= critical) (sprintf "first-visited counts %A: χ² = %.2f > χ²(%d; 1 − 1e-5) = %.2f (oracle: uniform 1/N)" counts chi2 (n - 1) critical)
    require (firstVisited n UpdateOrder.AsyncFixed null = 0) "AsyncFixed did not visit unit 0 first"

/// Couplings w = 0 that record which unit's field each asynchronous update reads: the visiting order itself.
type private OrderSpy(n: int) =
    member val Visits = System.Collections.Generic.List<int>()
    interface Plasticity.Core.Synapses.ICouplings with
        member _.Outputs = n
        member _.Inputs = n
        member _.Item with get (_, _) = 0.0
        member _.CopyRow(_, destination) = destination.Clear()
        member _.Size = n
        member _.Diagonal _ = 0.0
        member _.ComputeFields(_, fields) = fields.Clear()
        member this.CreateTracker _ =
            { new Plasticity.Core.Synapses.IFieldTracker with
                member _.Field i =
                    this.Visits.Add i
                    0.0
                member _.Flip _ = () }

[<Fact>]
let ``every sweep visits each unit once, in a fresh uniform permutation for the random order and 0…N−1 for the fixed one`` () =
    // Oracle: the definition of the orders. With w = 0 and b_i = ±½ every unit takes sgn(b_i) in sweep 1 and sweep 2
    // confirms, so each run has exactly two sweeps, observed through the fields the updates read. Each sweep must be a
    // permutation of 0…N−1; for the random order the pair (first unit of sweep 1, first unit of sweep 2) of fresh
    // independent uniform permutations is uniform over the N² pairs: χ² with N² − 1 degrees of freedom at
    // false-alarm probability 1e-5. Shuffling once per run (or never) makes both firsts equal: χ² ≈ (N − 1)·R.
    let n, runs = 4, 1000
    let bias = [| 0.5; -0.5; 0.5; -0.5 |]
    let random = rng 47UL
    let counts = Array.zeroCreate (n * n)
    let sweepsOf (order: UpdateOrder) (random: Random | null) =
        let spy = OrderSpy n
        let s = [| -1y; 1y; 1y; -1y |]
        let r = HopfieldDynamics.Run(HopfieldNetwork(spy, bias), Span s, order, 10, random)
        require (r = RunResult(RunOutcome.FixedPoint, 2, 2L)) (sprintf "%A run %A, expected (FixedPoint, 2, 2)" order r)
        let visits = spy.Visits.ToArray()
        require (visits.Length = 2 * n) (sprintf "%A: %d field reads in 2 sweeps, expected 2N = %d" order visits.Length (2 * n))
        let sweeps = Array.chunkBySize n visits
        for sweep in sweeps do
            require (Array.sort sweep = Array.init n id) (sprintf "%A: sweep order %A is not a permutation of 0…%d" order sweep (n - 1))
        sweeps
    for _ in 1 .. runs do
        let sweeps = sweepsOf UpdateOrder.AsyncRandomPermutation random
        let cell = sweeps[0][0] * n + sweeps[1][0]
        counts[cell] <- counts[cell] + 1
    let chi2 = chiSquareUniform counts
    let critical = ChiSquared.InvCDF(float (n * n - 1), 1.0 - 1e-5)
    require (chi2 <= critical) (sprintf "(first of sweep 1, first of sweep 2) counts %A: χ² = %.2f > χ²(%d; 1 − 1e-5) = %.2f (oracle: uniform over N² pairs)" counts chi2 (n * n - 1) critical)
    for sweep in sweepsOf UpdateOrder.AsyncFixed null do
        require (sweep = Array.init n id) (sprintf "AsyncFixed visited %A, expected 0…N−1" sweep)
