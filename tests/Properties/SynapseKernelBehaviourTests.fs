/// Behaviour of the synaptic kernels, the conductance synapse and the dense weight matrix against closed forms
/// (science sheet §1) and hand-computed values, written to kill the mutants Stryker.NET left alive in
/// src/Core.CSharp/Synapses (see docs/testing.md, "Mutation testing"): the causal cut at t = 0, Reset clearing
/// every state variable, spike weights and superposition, the conductance synapse's derived quantities, and
/// the weight matrix's row-major layout, row updates, norms, copies and Gaussian initialisation.
///
/// Family-wise false-alarm probability of one CI run: 1.4e-5 (two 4.5-SE checks of the Gaussian initialiser at a
/// fixed seed, 6.8e-6 each); every other check is exact or a derived rounding bound.
module Plasticity.Properties.SynapseKernelBehaviourTests

open System
open Xunit
open Plasticity.Analysis
open Plasticity.Core.Synapses
open Plasticity.Core.Synapses.Kernels
open Plasticity.Properties.Support

let private u = unitRoundoff

/// Scale of the rounding of any kernel value here: 1 + 2/P with P the difference-of-exponentials normaliser (its
/// two exponentials are each ≤ 1/P, so cancellation near t = 0 leaves an error relative to 2/P, not to s).
let private magnitude = 1.0 + 2.0 / SpikingTheory.differencePeakValue 1.5 6.0

let private kernels () : ISynapseKernel list =
    [ ExponentialKernel 5.0; AlphaKernel 4.0; DifferenceOfExponentialsKernel(1.5, 6.0) ]

/// Closed forms of the science sheet (the F# theory layer), independent of the C# kernels.
let private closedForm (kernel: ISynapseKernel) (t: float) =
    match kernel with
    | :? ExponentialKernel as k -> SpikingTheory.exponentialKernel k.TimeConstant t
    | :? AlphaKernel as k -> SpikingTheory.alphaKernel k.TimeConstant t
    | :? DifferenceOfExponentialsKernel as k -> SpikingTheory.differenceKernel k.RiseTime k.DecayTime t
    | _ -> failwith "unknown kernel"

[<Fact>]
let ``kernels are causal: zero before the spike, and at t = 0 one for the exponential, zero for alpha and the difference`` () =
    // Oracle: s(t) = 0 for t < 0 (the kernel definition); s(0) = e⁰ = 1 (exponential), (0/τ)e¹ = 0 (alpha),
    // (1 − 1)/P = 0 (difference of exponentials).
    for kernel in kernels () do
        for t in [ -1e-300; -1e-9; -0.5; -100.0 ] do
            require (kernel.Value t = 0.0) (sprintf "%s: s(%g) = %g, expected 0 before the spike" kernel.Name t (kernel.Value t))
    require ((ExponentialKernel 5.0).Value 0.0 = 1.0) "exponential: s(0) must be 1"
    require ((AlphaKernel 4.0).Value 0.0 = 0.0) "alpha: s(0) must be 0"
    require ((DifferenceOfExponentialsKernel(1.5, 6.0)).Value 0.0 = 0.0) "difference of exponentials: s(0) must be 0"
    // Just after the spike the closed forms are positive (the cut is at 0, not beyond).
    for kernel in kernels () do
        let t = 1e-3
        within (sprintf "%s: s(%g)" kernel.Name t) "closed form" (closedForm kernel t) (kernel.Value t) (32.0 * u * magnitude) "32u·(1 + 2/P): the difference of two exponentials near 1"

[<Fact>]
let ``a spike of weight w scales the response by w, spikes superpose, and Reset clears every state variable`` () =
    // Oracle: linearity of the kernel ODE: after spikes w1 at step 0 and w2 at step m, s(n·dt) = w1 s(n dt) +
    // w2 s((n − m) dt) (closed forms), within the stepping rounding bound of SpikingTests (≤ n(4 + dt/τ)u + 20u
    // relative to the sum of the magnitudes). After Reset the state must behave as a fresh one: zero value and
    // mean, and the next spike alone gives exactly the fresh response (a state variable left over, such as the
    // alpha kernel's x or one exponential of the difference, would add to it).
    let dt = 0.1
    for kernel in kernels () do
        let state = kernel.CreateState dt
        require (state.TimeStep = dt) (sprintf "%s: TimeStep %g, expected %g" kernel.Name state.TimeStep dt)
        let w1, w2, m, n = 2.5, -0.75, 13, 40
        state.Spike w1
        for k in 1 .. n do
            state.Advance()
            if k = m then state.Spike w2
        let t = float n * dt
        let oracle = w1 * closedForm kernel t + w2 * closedForm kernel (t - float m * dt)
        let scale = (abs w1 + abs w2) * magnitude
        within (sprintf "%s: superposed response" kernel.Name) "w1 s(t) + w2 s(t − m dt)" oracle state.Value ((float n * 5.0 + 20.0) * u * scale) "(5n + 20)u·Σ|w|·(1 + 2/P)"
        state.Reset()
        require (state.Value = 0.0 && state.MeanOverStep = 0.0) (sprintf "%s: after Reset value %g, mean %g" kernel.Name state.Value state.MeanOverStep)
        let fresh = kernel.CreateState dt
        for s in [ state; fresh ] do
            s.Spike()
            for _ in 1 .. 7 do
                s.Advance()
        require (state.Value = fresh.Value && state.MeanOverStep = fresh.MeanOverStep)
            (sprintf "%s: after Reset a unit spike gives %.17g (mean %.17g), a fresh state %.17g (mean %.17g)" kernel.Name state.Value state.MeanOverStep fresh.Value fresh.MeanOverStep)
        // Default weight is 1: the response equals the closed form.
        within (sprintf "%s: unit spike after 7 steps" kernel.Name) "closed form" (closedForm kernel (7.0 * dt)) fresh.Value (60.0 * u * magnitude) "(5·7 + 25)u·(1 + 2/P)"

[<Fact>]
let ``the difference-of-exponentials magnitude is a + b = (e^(−t/τd) + e^(−t/τr))/P`` () =
    // Oracle: the two exponentials of the state-space form, each e^{−t/τ}/P after a unit spike (science sheet §1),
    // P from the F# theory layer.
    let rise, decay, dt, n = 1.5, 6.0, 0.1, 25
    let state = (DifferenceOfExponentialsKernel(rise, decay)).CreateState dt :?> DifferenceOfExponentialsKernel.State
    state.Spike()
    for _ in 1 .. n do
        state.Advance()
    let t = float n * dt
    let p = SpikingTheory.differencePeakValue rise decay
    let oracle = (exp (-t / decay) + exp (-t / rise)) / p
    within "a + b" "(e^(−t/τd) + e^(−t/τr))/P" oracle state.Magnitude ((3.0 * float n + 20.0) * u * oracle) "(3n + 20)u relative"
    within "difference-of-exponentials normaliser" "SpikingTheory.differencePeakValue" p (DifferenceOfExponentialsKernel(rise, decay)).Normaliser (16.0 * u) "16u"

[<Fact>]
let ``a conductance synapse gives g = ḡ s, I = ḡ s (E − V) and the step-mean conductance ḡ·mean s`` () =
    // Oracle: the definitions I_s = ḡ_s s(t)(E_s − V) (science sheet §1) with s from the closed form; excitatory
    // synapses default to E = 0 mV, inhibitory ones use the resting potential given.
    let kernel = ExponentialKernel 5.0
    let dt, gMax = 0.1, 0.3
    let ex = ConductanceSynapse.Excitatory(kernel, gMax, dt)
    let inh = ConductanceSynapse.Inhibitory(kernel, gMax, dt, -74.0)
    require (ex.Reversal = 0.0 && inh.Reversal = -74.0) (sprintf "reversals %g and %g, expected 0 and −74" ex.Reversal inh.Reversal)
    require (ex.MaxConductance = gMax && obj.ReferenceEquals(ex.Kernel, kernel)) "ḡ and the kernel are kept"
    require (ex.Conductance = 0.0 && ex.Current(-60.0) = 0.0) "no conductance before a spike"
    for syn in [ ex; inh ] do
        syn.Spike 2.0
        for _ in 1 .. 10 do
            syn.Advance()
    let s = 2.0 * SpikingTheory.exponentialKernel 5.0 1.0
    let tol = 40.0 * u * gMax * s
    for syn, name in [ ex, "excitatory"; inh, "inhibitory" ] do
        within (name + ": g") "ḡ·w·s(t)" (gMax * s) syn.Conductance tol "40u relative (10 steps)"
        for v in [ -80.0; -60.0; 10.0 ] do
            let oracle = gMax * s * (syn.Reversal - v)
            within (sprintf "%s: I(V = %g)" name v) "ḡ s (E − V)" oracle (syn.Current v) (tol * (abs syn.Reversal + abs v + 1.0)) "40u·ḡs·(|E| + |V| + 1)"
        // Mean of s over the next step: (1/dt)∫ s = s·τ(1 − e^{−dt/τ})/dt.
        let mean = s * 5.0 * (1.0 - exp (-dt / 5.0)) / dt
        within (name + ": mean conductance over the step") "ḡ·s·τ(1 − E)/dt" (gMax * mean) syn.MeanConductanceOverStep (1e-12 * gMax * mean) "1e-12 relative (cancellation in 1 − E ≤ 3u/x)"

// ---------------------------------------------------------------------------------------------------------
// Dense weight matrix
// ---------------------------------------------------------------------------------------------------------

[<Fact>]
let ``weights are row-major: the indexer, rows, Data, CopyRow and ToRows agree with the rows given`` () =
    // Oracle: the rows themselves (w_ij at i·Inputs + j).
    let rows = [| [| 1.0; 2.0; 3.0 |]; [| -4.0; 5.0; -6.0 |] |]
    let m = DenseWeightMatrix.FromRows rows
    require (m.Outputs = 2 && m.Inputs = 3) (sprintf "shape %d×%d, expected 2×3" m.Outputs m.Inputs)
    for i in 0 .. 1 do
        for j in 0 .. 2 do
            let expected = rows[i][j]
            let viaIndexer = m[i, j]
            let viaData = m.Data[i * 3 + j]
            require (viaIndexer = expected) (sprintf "w[%d,%d] = %g, expected %g" i j viaIndexer expected)
            require (viaData = expected) (sprintf "Data[%d] = %g, expected %g" (i * 3 + j) viaData expected)
        let copy = Array.zeroCreate 3
        m.CopyRow(i, Span copy)
        require (copy = rows[i]) (sprintf "CopyRow %d = %A, expected %A" i copy rows[i])
        require (m.Row(i).ToArray() = rows[i]) (sprintf "Row %d differs" i)
    require (m.ToRows() = rows) (sprintf "ToRows %A, expected %A" (m.ToRows()) rows)
    m[1, 2] <- 9.0
    require (m[1, 2] = 9.0 && m.Data[5] = 9.0 && m[0, 2] = 3.0) "the indexer's setter writes w_12 only"
    let zero = DenseWeightMatrix(3, 2)
    require (zero.Data.ToArray() |> Array.forall ((=) 0.0) && zero.Outputs = 3 && zero.Inputs = 2) "a new matrix is 3×2 zeros"
    let mismatch = Assert.Throws<ArgumentException>(fun () -> DenseWeightMatrix.FromRows [| [| 1.0 |]; [| 1.0; 2.0 |] |] |> ignore)
    require (mismatch.ParamName = "rows") "ragged rows are refused naming rows"
    let empty = Assert.Throws<ArgumentException>(fun () -> DenseWeightMatrix.FromRows(Array.empty<float[]>) |> ignore)
    require (empty.ParamName = "rows") "an empty row list is refused naming rows"
    // 65536 × 65537 = 2³² + 65536 overflows int: it must be refused, not wrapped to a 65536-entry matrix.
    Assert.Throws<OverflowException>(fun () -> DenseWeightMatrix(65536, 65537) |> ignore) |> ignore

[<Fact>]
let ``drive h = W x, row updates, row norms and copies follow their definitions`` () =
    // Oracle: integer-valued W and x, so every sum is exact in any order; the norm of (3, 4, 0, 12) is 13.
    let m = DenseWeightMatrix.FromRows [| [| 3.0; 4.0; 0.0; 12.0 |]; [| 1.0; -2.0; 3.0; -4.0 |]; [| 0.0; 0.0; 0.0; 1.0 |] |]
    let x = [| 2.0; -1.0; 5.0; 3.0 |]
    let expected = [| 6.0 - 4.0 + 0.0 + 36.0; 2.0 + 2.0 + 15.0 - 12.0; 3.0 |]
    let fast = Array.zeroCreate 3
    let reference = Array.zeroCreate 3
    m.Multiply(ReadOnlySpan x, Span fast)
    m.MultiplyReference(ReadOnlySpan x, Span reference)
    require (fast = expected && reference = expected) (sprintf "W x = %A (reference %A), expected %A" fast reference expected)
    require (m.RowNorm 0 = 13.0 && m.RowNorm 2 = 1.0) (sprintf "row norms %g, %g; expected 13 and 1" (m.RowNorm 0) (m.RowNorm 2))
    let copy = m.Copy()
    m.AddToRow(1, ReadOnlySpan [| 0.5; 0.5; -3.0; 4.0 |])
    require (m.Row(1).ToArray() = [| 1.5; -1.5; 0.0; 0.0 |]) (sprintf "row 1 after the update %A" (m.Row(1).ToArray()))
    require (m.Row(0).ToArray() = [| 3.0; 4.0; 0.0; 12.0 |] && m.Row(2).ToArray() = [| 0.0; 0.0; 0.0; 1.0 |]) "other rows unchanged"
    require (copy.Row(1).ToArray() = [| 1.0; -2.0; 3.0; -4.0 |] && copy.Outputs = 3 && copy.Inputs = 4) "the copy is independent of later updates"

[<Fact>]
let ``Gaussian initial weights have mean 0 and standard deviation scale`` () =
    // Oracle: N(0, σ²) entries. Mean: SE σ/√n; variance: SE σ²√(2/n) (normal fourth moment). 4.5 SE each at a
    // fixed seed (two-sided 6.8e-6 each).
    let outputs, inputs, scale = 40, 50, 0.7
    let m = DenseWeightMatrix.RandomGaussian(outputs, inputs, scale, rng 123UL)
    let w = m.Data.ToArray()
    let n = float w.Length
    let mean = Array.average w
    let variance = (w |> Array.sumBy (fun x -> x * x)) / n
    within "mean of the Gaussian weights" "0" 0.0 mean (4.5 * scale / sqrt n) "4.5 SE, SE = σ/√n"
    within "second moment of the Gaussian weights" "σ²" (scale * scale) variance (4.5 * scale * scale * sqrt (2.0 / n)) "4.5 SE, SE = σ²√(2/n)"
