/// Rate neurons, rate dynamics and the continuous Hopfield network (issue 3): transfer functions against their
/// scalar references, inverses, closed-form integrals and derivatives; integrators against exact solutions with
/// their error bounds and convergence orders; the Lyapunov function along trajectories (symmetric M) and a
/// counterexample (asymmetric M). Oracles are the F# module ContinuousHopfieldTheory (reference formulas written
/// independently of the C# core) and closed forms.
///
/// False alarms: the observed convergence order under dt halving has an EMPIRICAL band (no case of 5,662 fresh
/// draws came within 1.29× of it; its tail has no derived bound, so it replays a fixed FsCheck seed and is listed
/// apart from the budget in docs/testing.md). The asymmetric counterexample search is seeded (deterministic); every
/// other check is a rounding, truncation or integrator bound. Family-wise false-alarm probability of one CI run
/// counted in the budget: 0.
module Plasticity.Properties.RateDynamicsTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open MathNet.Numerics
open MathNet.Numerics.LinearAlgebra
open Plasticity.Analysis
open Plasticity.Core.Networks.FeedForward
open Plasticity.Core.Networks.RateDynamics
open Plasticity.Core.Neurons
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

/// γ_k = k·u / (1 − k·u): the relative error bound of a k-term floating-point sum or product chain.
let private gamma (k: int) = float k * unitRoundoff / (1.0 - float k * unitRoundoff)

let private dense (m: float[,]) =
    DenseWeightMatrix.FromRows([| for i in 0 .. Array2D.length1 m - 1 -> m[i, *] |])

let private normInf (v: float[]) = v |> Array.fold (fun acc x -> max acc (abs x)) 0.0

/// ‖M‖∞ = max row sum of |m_ij| (bounds ‖M x‖∞ ≤ ‖M‖∞ ‖x‖∞).
let private matrixNormInf (m: float[,]) =
    seq { for i in 0 .. Array2D.length1 m - 1 -> m[i, *] |> Array.sumBy abs } |> Seq.max

/// Spectral norm ‖M‖₂ (largest singular value, MathNet SVD).
let private spectralNorm (m: float[,]) = Matrix<float>.Build.DenseOfArray(m).L2Norm()

// ---------------------------------------------------------------------------------------------------------
// Transfer functions
// ---------------------------------------------------------------------------------------------------------

type TransferKind =
    | Sigmoid
    | Tanh
    | Linear

/// A saturating or linear invertible transfer with its gain, plus bounds on |F′|, |F″| and |F‴| over ℝ
/// (sigmoid: β/4, β²/(6√3), β³/8; tanh: β, 4β²/(3√3), 2β³; linear: β, 0, 0).
type InvertibleCase =
    { Kind: TransferKind; Gain: float }
    member this.Transfer: IInvertibleTransfer =
        match this.Kind with
        | Sigmoid -> SigmoidTransfer this.Gain
        | Tanh -> TanhTransfer this.Gain
        | Linear -> LinearGainTransfer this.Gain
    member this.MaxDerivative =
        match this.Kind with
        | Sigmoid -> this.Gain / 4.0
        | Tanh | Linear -> this.Gain
    member this.MaxSecond =
        match this.Kind with
        | Sigmoid -> this.Gain ** 2.0 / (6.0 * sqrt 3.0)
        | Tanh -> 4.0 * this.Gain ** 2.0 / (3.0 * sqrt 3.0)
        | Linear -> 0.0
    member this.MaxThird =
        match this.Kind with
        | Sigmoid -> this.Gain ** 3.0 / 8.0
        | Tanh -> 2.0 * this.Gain ** 3.0
        | Linear -> 0.0
    override this.ToString() = sprintf "%A(β=%g)" this.Kind this.Gain

/// Drives for the bit-exactness check: ordinary values plus ±0, ±∞, NaN and values beyond exp's range.
type DriveVector =
    { Drives: float[]; Gain: float }
    override this.ToString() = sprintf "β=%g drives=%A" this.Gain this.Drives

/// A transfer and drives u with |βu| ≤ 5, where F⁻¹ is well conditioned (|F′| ≥ β·1.8e-4).
type TransferSample =
    { Case: InvertibleCase; Drives: float[] }
    override this.ToString() = sprintf "%O u=%A" this.Case this.Drives

let private genGain = Gen.choose (10, 400) |> Gen.map (fun k -> float k / 100.0)

let private genInvertible =
    gen {
        let! kind = Gen.elements [ Sigmoid; Tanh; Linear ]
        let! gain = genGain
        return { Kind = kind; Gain = gain }
    }

type TransferGenerators =
    static member DriveVector() : Arbitrary<DriveVector> =
        let special = Gen.elements [ 0.0; -0.0; nan; infinity; -infinity; 800.0; -800.0; 1e-300; -1e-300 ]
        let ordinary = Gen.choose (-2_000_000, 2_000_000) |> Gen.map (fun k -> float k / 100_000.0)
        let value = Gen.frequency [ 1, special; 6, ordinary ]
        gen {
            let! len = Gen.oneof [ Gen.choose (0, 20); Gen.choose (60, 70) ]
            let! drives = Gen.arrayOfLength len value
            let! gain = genGain
            return { Drives = drives; Gain = gain }
        }
        |> Arb.fromGen

    static member TransferSample() : Arbitrary<TransferSample> =
        gen {
            let! case = genInvertible
            let! scaled = Gen.arrayOfLength 20 (Gen.choose (-500_000, 500_000))
            return { Case = case; Drives = scaled |> Array.map (fun k -> float k / 100_000.0 / case.Gain) }
        }
        |> Arb.fromGen

let private allTransfers (gain: float) : ITransferFunction list =
    [ SigmoidTransfer gain
      TanhTransfer gain
      LinearGainTransfer gain
      LinearTransfer.Instance
      ReluTransfer.Instance
      SignTransfer.Instance
      SignTransfer -1.0
      SignTransfer 0.0 ]

[<Property(Arbitrary = [| typeof<TransferGenerators> |], MaxTest = 100)>]
let ``every transfer's vector Apply equals its scalar Apply bit for bit`` (x: DriveVector) =
    for f in allTransfers x.Gain do
        let rates = Array.zeroCreate x.Drives.Length
        f.Apply(ReadOnlySpan x.Drives, Span rates)
        for i in 0 .. x.Drives.Length - 1 do
            let scalar = f.Apply x.Drives[i]
            require (BitConverter.DoubleToInt64Bits rates[i] = BitConverter.DoubleToInt64Bits scalar)
                (sprintf "%s: vector %.17g ≠ scalar %.17g at drive %.17g" (f.GetType().Name) rates[i] scalar x.Drives[i])

[<Fact>]
let ``documented values: ReLU and sign at 0 and their derivatives`` () =
    let relu = ReluTransfer.Instance
    assertAbs "ReLU(−2)" 0.0 (relu.Apply -2.0) 0.0
    assertAbs "ReLU(3)" 3.0 (relu.Apply 3.0) 0.0
    assertAbs "ReLU′(0) (left value)" 0.0 (relu.Derivative 0.0) 0.0
    assertAbs "ReLU′(1e-300)" 1.0 (relu.Derivative 1e-300) 0.0
    require (BitConverter.DoubleToInt64Bits(relu.Apply -0.0) = 0L) "ReLU(−0) must be +0 (IEEE maximum)"
    assertAbs "sgn(0) default" 1.0 (SignTransfer.Instance.Apply 0.0) 0.0
    assertAbs "sgn(−0) default" 1.0 (SignTransfer.Instance.Apply -0.0) 0.0
    assertAbs "sgn(0) with valueAtZero 0" 0.0 ((SignTransfer 0.0).Apply 0.0) 0.0
    assertAbs "sgn(−1e-300)" -1.0 (SignTransfer.Instance.Apply -1e-300) 0.0
    assertAbs "sgn′" 0.0 (SignTransfer.Instance.Derivative 0.5) 0.0
    require (Double.IsNaN(SignTransfer.Instance.Apply nan)) "sgn(NaN) must propagate NaN"
    for bad in [ 0.0; -1.0; nan; infinity ] do
        Assert.Throws<ArgumentOutOfRangeException>(fun () -> SigmoidTransfer bad |> ignore) |> ignore
        Assert.Throws<ArgumentOutOfRangeException>(fun () -> TanhTransfer bad |> ignore) |> ignore
        Assert.Throws<ArgumentOutOfRangeException>(fun () -> LinearGainTransfer bad |> ignore) |> ignore
    Assert.Throws<ArgumentOutOfRangeException>(fun () -> SignTransfer 0.5 |> ignore) |> ignore

[<Property(Arbitrary = [| typeof<TransferGenerators> |], MaxTest = 100)>]
let ``Inverse undoes Apply within the conditioning bound`` (x: TransferSample) =
    let f = x.Case.Transfer
    for u in x.Drives do
        let s = f.Apply u
        // s carries ≤ 4 roundings (exp or tanh ≤ 1 ulp, add, divide): |δs| ≤ 8u·|s| (+ 8u for the 1 − s inside
        // the sigmoid inverse); F⁻¹ amplifies it by 1/F′(u) and adds ≤ 8 roundings of its own result |u|.
        let tol = 8.0 * unitRoundoff * ((1.0 + abs s) / f.Derivative u + abs u)
        within (sprintf "%O F⁻¹(F(u)) at u=%.17g" x.Case u) "u" u (f.Inverse s) tol "8u·((1+|s|)/F′(u) + |u|)"

[<Property(Arbitrary = [| typeof<TransferGenerators> |], MaxTest = 60)>]
let ``InverseIntegral matches numerical quadrature of the inverse`` (x: TransferSample) =
    let f = x.Case.Transfer
    // Double-exponential quadrature with target absolute error 1e-11; Φ's own rounding is ≤ 8u per term of
    // magnitude ≤ 2 ln 2 / β (sigmoid and tanh) or s²/(2β) (linear).
    let target = 1e-11
    // Sigmoid: F⁻¹ has a log singularity at 0, so integrate from ½ and check Φ(½) = −ln 2 / β separately.
    let lower = if x.Case.Kind = Sigmoid then 0.5 else 0.0
    if x.Case.Kind = Sigmoid then
        within (sprintf "%O Φ(½)" x.Case) "−ln 2 / β" (-log 2.0 / x.Case.Gain) (f.InverseIntegral 0.5) (8.0 * unitRoundoff / x.Case.Gain) "8u/β"
    for u in x.Drives |> Array.truncate 5 do
        let s = f.Apply u
        let quadrature = Integrate.DoubleExponential((fun y -> f.Inverse y), lower, s, target)
        let measured = f.InverseIntegral s - f.InverseIntegral lower
        let scale = (2.0 + s * s) / x.Case.Gain
        within (sprintf "%O ∫_%g^%.6f F⁻¹" x.Case lower s) "double-exponential quadrature" quadrature measured (target + 16.0 * unitRoundoff * scale) "target 1e-11 + 16u·(2 + s²)/β"

[<Property(Arbitrary = [| typeof<TransferGenerators> |], MaxTest = 100)>]
let ``Derivative matches a central difference within truncation plus roundoff`` (x: TransferSample) =
    let f = x.Case.Transfer
    let delta = 1e-4 / x.Case.Gain
    for u in x.Drives do
        let central = (f.Apply(u + delta) - f.Apply(u - delta)) / (2.0 * delta)
        // Truncation ≤ δ²/6·max|F‴|. Roundoff: each F value ≤ 4 roundings of max(1, |F|), and u ± δ rounds by
        // u·(|u| + δ), moved by ≤ max|F′|; the difference of two such errors is divided by 2δ.
        let fScale = max 1.0 (abs (f.Apply(abs u + delta)) + abs (f.Apply(-(abs u) - delta)))
        let roundoff = 2.0 * (4.0 * unitRoundoff * fScale + x.Case.MaxDerivative * unitRoundoff * (abs u + delta)) / (2.0 * delta)
        let tol = delta * delta / 6.0 * x.Case.MaxThird + roundoff
        within (sprintf "%O F′(%.17g)" x.Case u) "central difference" central (f.Derivative u) tol "δ²/6·max|F‴| + roundoff/δ"
    // ReLU away from the kink: the central difference is 1 (h > δ) or exactly 0 (h < −δ).
    let relu = ReluTransfer.Instance
    for u in x.Drives |> Array.filter (fun u -> abs u > 2.0 * delta) do
        let central = (relu.Apply(u + delta) - relu.Apply(u - delta)) / (2.0 * delta)
        within (sprintf "ReLU′(%.17g)" u) "central difference" central (relu.Derivative u) (2.0 * unitRoundoff * (abs u + delta) / delta) "2u(|u|+δ)/δ"

[<Fact>]
let ``RateLayer computes g(W x) for a single neuron and a layer`` () =
    let w = DenseWeightMatrix.FromRows([| [| 0.5; -1.0; 2.0 |]; [| 1.0; 1.0; 1.0 |] |])
    let x = [| 1.0; 2.0; 0.25 |]
    let layer = RateLayer(w, TanhTransfer 1.5)
    let y = Array.zeroCreate 2
    layer.Compute(ReadOnlySpan x, Span y)
    // Drives: 0.5 − 2 + 0.5 = −1 and 3.25 (exact in binary); the layer must return tanh(1.5·h) exactly.
    assertAbs "y_0" (tanh (1.5 * -1.0)) y[0] 0.0
    assertAbs "y_1" (tanh (1.5 * 3.25)) y[1] 0.0
    let single = RateLayer(DenseWeightMatrix.FromRows([| [| 2.0; 0.0; -4.0 |] |]), ReluTransfer.Instance)
    let y1 = [| nan |]
    single.Compute(ReadOnlySpan x, Span y1)
    assertAbs "single ReLU neuron" 1.0 y1[0] 0.0
    Assert.Throws<ArgumentOutOfRangeException>(fun () -> layer.Compute(ReadOnlySpan [| 1.0 |], Span y)) |> ignore

// ---------------------------------------------------------------------------------------------------------
// Integrators against exact solutions
// ---------------------------------------------------------------------------------------------------------

let private tau = 10.0

/// Independent units (M = 0) with constant input: target G = F(h), start v0, n steps per τ.
type Relaxation =
    { Size: int; Seed: uint64; Gain: float; StepsPerTau: int }
    override this.ToString() = sprintf "N=%d seed=%d β=%g n=%d" this.Size this.Seed this.Gain this.StepsPerTau

/// Symmetric M (N×N) with spectral radius ≤ 0.9, for the linear network.
type LinearNetwork =
    { Size: int; Seed: uint64; Radius: float }
    override this.ToString() = sprintf "N=%d seed=%d ρ=%g" this.Size this.Seed this.Radius

/// A continuous Hopfield network: size, seed, transfer (tanh or sigmoid) and coupling scale g (M ≈ g·N(0,1)/√N).
type HopfieldCase =
    { Size: int; Seed: uint64; Transfer: InvertibleCase; Coupling: float }
    override this.ToString() = sprintf "N=%d seed=%d %O g=%g" this.Size this.Seed this.Transfer this.Coupling

type DynamicsGenerators =
    static member Relaxation() : Arbitrary<Relaxation> =
        gen {
            let! n = Gen.choose (1, 8)
            let! seed = genSeed
            let! gain = genGain
            let! steps = Gen.choose (2, 400)
            return { Size = n; Seed = seed; Gain = gain; StepsPerTau = steps }
        }
        |> Arb.fromGen

    static member LinearNetwork() : Arbitrary<LinearNetwork> =
        gen {
            let! n = Gen.choose (1, 6)
            let! seed = genSeed
            let! radius = Gen.choose (0, 90) |> Gen.map (fun k -> float k / 100.0)
            return { Size = n; Seed = seed; Radius = radius }
        }
        |> Arb.fromGen

    static member HopfieldCase() : Arbitrary<HopfieldCase> =
        gen {
            let! n = Gen.choose (2, 8)
            let! seed = genSeed
            let! kind = Gen.elements [ Sigmoid; Tanh ]
            let! gain = Gen.choose (50, 400) |> Gen.map (fun k -> float k / 100.0)
            let! coupling = Gen.choose (20, 300) |> Gen.map (fun k -> float k / 100.0)
            return { Size = n; Seed = seed; Transfer = { Kind = kind; Gain = gain }; Coupling = coupling }
        }
        |> Arb.fromGen

let private normals (random: Random) (count: int) (scale: float) =
    let normal = Distributions.Normal(0.0, scale, random)
    Array.init count (fun _ -> normal.Sample())

[<Fact>]
let ``run one τ from v0 = 1 with F = identity, h = 0, M = 0: exponential Euler gives e⁻¹ to rounding`` () =
    let n = 100
    let network = RecurrentRateNetwork(DenseWeightMatrix(1, 1), ReadOnlySpan [| 0.0 |], tau, LinearTransfer.Instance)
    let integrator = LeakyIntegrator(network, IntegrationScheme.ExponentialEuler, tau / float n)
    let v = [| 1.0 |]
    integrator.Run(Span v, n)
    // v_n = fl(a·v_{n−1}) with a = fl(exp(−fl(dt/τ))): n product roundings, n·(1 ulp = 2u) from a, 2u from the
    // argument of exp; ≤ (3n + 3)u relative.
    within "v(τ)" "e⁻¹" (exp -1.0) v[0] (float (3 * n + 3) * unitRoundoff * exp -1.0) "(3n + 3)·u·e⁻¹"
    assertAbs "integrator time" tau integrator.Time (float n * unitRoundoff * tau)

[<Property(Arbitrary = [| typeof<DynamicsGenerators> |], MaxTest = 60)>]
let ``with M = 0 and constant h: exponential Euler is exact to rounding and RK4 within |z|⁵/120 per step`` (x: Relaxation) =
    let random = rng x.Seed
    let h = normals random x.Size 1.0
    let v0 = normals random x.Size 1.0
    let transfer = TanhTransfer x.Gain
    let m = DenseWeightMatrix(x.Size, x.Size)
    let network = RecurrentRateNetwork(m, ReadOnlySpan h, tau, transfer)
    let n = x.StepsPerTau
    let dt = tau / float n
    for scheme in [ IntegrationScheme.ExponentialEuler; IntegrationScheme.RungeKutta4 ] do
        let v = Array.copy v0
        LeakyIntegrator(network, scheme, dt).Run(Span v, n)
        for i in 0 .. x.Size - 1 do
            let target = transfer.Apply h[i]
            let oracle = ContinuousHopfieldTheory.relaxation tau target v0[i] tau
            let scale = abs target + abs (v0[i] - target)
            match scheme with
            | IntegrationScheme.ExponentialEuler ->
                // Per step: x − G, the product with a (itself ≤ 2u off) and + G round, each ≤ 2u·scale; the
                // oracle and the argument of exp add a few more u.
                within (sprintf "exp. Euler unit %d (%O)" i x) "F(h) + (v0 − F(h))e⁻¹" oracle v[i] (float (6 * n + 6) * unitRoundoff * scale) "(6n + 6)·u·scale"
            | _ ->
                // Each step multiplies v − G by R(z), z = −dt/τ, and |e^z − R(z)| ≤ |z|⁵/120 (alternating tail);
                // both factors lie in (0, 1], so n steps err by ≤ n|z|⁵/120·|v0 − G|. RK4 rounds ≤ 32 times per
                // step, each ≤ u·scale.
                let z = dt / tau
                let bound = float n * z ** 5.0 / 120.0 * abs (v0[i] - target) + float (32 * n + 6) * unitRoundoff * scale
                within (sprintf "RK4 unit %d (%O)" i x) "F(h) + (v0 − F(h))e⁻¹" oracle v[i] bound "n|z|⁵/120·|v0 − G| + (32n + 6)u·scale"

/// RK4 global error of the linear network at time T against the matrix-exponential solution.
let private linearError (m: float[,]) (h: float[]) (v0: float[]) (stepsPerTau: int) =
    let network = RecurrentRateNetwork(dense m, ReadOnlySpan h, tau, LinearTransfer.Instance)
    let v = Array.copy v0
    LeakyIntegrator(network, IntegrationScheme.RungeKutta4, tau / float stepsPerTau).Run(Span v, stepsPerTau)
    let exact = ContinuousHopfieldTheory.linearFlow tau m h v0 tau
    let diff = Array.map2 (-) v exact
    sqrt (Array.sumBy (fun d -> d * d) diff), exact

[<Property(Arbitrary = [| typeof<DynamicsGenerators> |], MaxTest = 40)>]
let ``linear network with symmetric M, ρ(M) < 1: RK4 matches the matrix exponential within n|z|⁵/120 and converges as dt⁴`` (x: LinearNetwork) =
    let random = rng x.Seed
    let raw = randomSymmetric x.Size random false
    let rho = Matrix<float>.Build.DenseOfArray(raw).Evd(Symmetricity.Symmetric).EigenValues |> Seq.map (fun z -> abs z.Real) |> Seq.max
    let m = if rho = 0.0 then raw else Array2D.map (fun w -> w * x.Radius / rho) raw
    let h = normals random x.Size 1.0
    let v0 = normals random x.Size 2.0
    let lambdas = Matrix<float>.Build.DenseOfArray(m).Evd(Symmetricity.Symmetric).EigenValues |> Seq.map (fun z -> z.Real) |> Array.ofSeq
    let vStar = Matrix<float>.Build.DenseOfArray(m).Negate().Add(Matrix<float>.Build.DenseIdentity x.Size).Solve(Vector<float>.Build.DenseOfArray h).ToArray()
    let deviation = sqrt (Array.map2 (fun a b -> (a - b) ** 2.0) v0 vStar |> Array.sum)
    let n = 20
    // In eigen-coordinates of M each mode of v − v* is multiplied per step by R(z_k), z_k = (λ_k − 1)dt/τ ∈ [−1, 0]
    // (RK4 is affine-equivariant), so ‖error‖₂ ≤ n·max|z_k|⁵/120·‖v0 − v*‖₂. Rounding: ≤ 32 + 2N roundings per
    // step of size ‖v‖; the EVD oracle is backward stable, ≤ 10·N·u·(‖v0‖ + ‖v*‖) (Golub & Van Loan §8.3).
    let zMax = (1.0 + (lambdas |> Array.map abs |> Array.max)) / float n
    let scale = normInf v0 + normInf vStar
    let rounding = (float (n * (32 + 2 * x.Size)) + 10.0 * float x.Size) * unitRoundoff * scale * sqrt (float x.Size)
    let err, _ = linearError m h v0 n
    within (sprintf "RK4 ‖v(τ) − exact‖₂ (%O)" x) "v* + e^{(M−I)t/τ}(v0 − v*)" 0.0 err (float n * zMax ** 5.0 / 120.0 * deviation + rounding) "n·|z|⁵/120·‖v0 − v*‖ + rounding"
    // Order: per mode the error is e^{nz}·n z⁵/120·(1 − 5z/6 + O(z²)), so err(dt)/err(dt/2) = 16(1 + 5|z|/12 + O(z²))
    // ∈ [16(1 − |z|), 16(1 + |z|)] for |z| ≤ 0.1; the norm ratio lies between the modes' ratios. Checked only
    // when the dt/2 error is 100× the rounding bound.
    let errHalf, _ = linearError m h v0 (2 * n)
    if errHalf > 100.0 * rounding then
        let ratio = err / errHalf
        assertBetween (sprintf "RK4 error ratio err(dt)/err(dt/2) (%O; err = %.3g, %.3g)" x err errHalf) (16.0 * (1.0 - zMax)) (16.0 * (1.0 + zMax)) ratio

// ---------------------------------------------------------------------------------------------------------
// Continuous Hopfield network: Lyapunov function
// ---------------------------------------------------------------------------------------------------------

/// The pieces of one Lyapunov experiment.
type private Experiment =
    { M: float[,]
      H: float[]
      U0: float[]
      Case: InvertibleCase
      Network: ContinuousHopfieldNetwork
      /// dt such that the Lipschitz step L·dt = (1 + max|F′|·‖M‖₂)·dt/τ is 0.02.
      Dt: float }

let private experiment (m: float[,]) (h: float[]) (u0: float[]) (case: InvertibleCase) =
    let network = ContinuousHopfieldNetwork(dense m, ReadOnlySpan h, tau, case.Transfer)
    let lipschitz = (1.0 + case.MaxDerivative * spectralNorm m) / tau
    { M = m; H = h; U0 = u0; Case = case; Network = network; Dt = 0.02 / lipschitz }

let private symmetricExperiment (x: HopfieldCase) =
    let random = rng x.Seed
    let m = randomSymmetric x.Size random false |> Array2D.map (fun w -> w * x.Coupling / sqrt (float x.Size))
    let h = normals random x.Size 0.5
    let u0 = normals random x.Size 2.0
    experiment m h u0 x.Transfer

let private rates (e: Experiment) (u: float[]) = u |> Array.map e.Case.Transfer.Apply

/// Bound on |fl(E(fl(F(u)))) − E(F(u))|: the sums of E (≤ N + 2 terms each, M s by any order) round by
/// γ_{N+2}·(½|s|ᵀ|M||s| + |h|ᵀ|s| + Σ|Φ(s_i)|), each Φ by ≤ 8u·(2 ln 2 + 1)/β, and the ≤ 4u·|s_i| rounding of
/// s_i = F(u_i) moves E by |∂E/∂s_i| = |(h + M s − u)_i| times it.
let private energyRounding (e: Experiment) (u: float[]) =
    let s = rates e u
    let n = s.Length
    let mutable quadratic = 0.0
    let mutable perturbation = 0.0
    for i in 0 .. n - 1 do
        let mutable row = 0.0
        let mutable field = e.H[i]
        for j in 0 .. n - 1 do
            row <- row + abs e.M[i, j] * abs s[j]
            field <- field + e.M[i, j] * s[j]
        quadratic <- quadratic + abs s[i] * row
        perturbation <- perturbation + abs (field - u[i]) * 4.0 * unitRoundoff * abs s[i]
    let linear = Array.fold2 (fun acc hi si -> acc + abs (hi * si)) 0.0 e.H s
    let integrals = s |> Array.sumBy (fun si -> abs (e.Case.Transfer.InverseIntegral si))
    gamma (n + 2) * (0.5 * quadratic + linear + integrals)
    + float n * 8.0 * unitRoundoff * (2.0 * log 2.0 + 1.0) / e.Case.Gain
    + perturbation

/// ‖∇_u E‖₁ with ∂E/∂u_i = F′(u_i)·(u − h − M s)_i (chain rule; exact for symmetric M, and for asymmetric M with
/// (M s) replaced by ½(M + Mᵀ)s, which is what this uses so the bound also holds there).
let private gradientNorm1 (e: Experiment) (u: float[]) =
    let s = rates e u
    let n = s.Length
    Array.init n (fun i ->
        let mutable field = e.H[i]
        for j in 0 .. n - 1 do
            field <- field + 0.5 * (e.M[i, j] + e.M[j, i]) * s[j]
        abs (e.Case.Transfer.Derivative u[i] * (u[i] - field)))
    |> Array.sum

/// ‖Hessian of E(F(u))‖∞ bound: |F′|²‖M‖∞ + |F′| + |F″|·(‖u‖∞ + ‖M‖∞‖s‖∞ + ‖h‖∞ + 1) (the +1 covers the
/// segment between the computed and the exact state).
let private hessianBound (e: Experiment) (u: float[]) =
    let mNorm = matrixNormInf e.M
    let sMax = rates e u |> normInf
    e.Case.MaxDerivative ** 2.0 * mNorm + e.Case.MaxDerivative + e.Case.MaxSecond * (normInf u + mNorm * sMax + normInf e.H + 1.0)

/// One step of the experiment: the RK4 step with dt, two steps with dt/2, the Richardson estimate of the
/// dt step's local error ê = (16/15)‖x_dt − x_{dt/2,dt/2}‖∞, and the largest energy increase the integrator
/// error and rounding allow: ‖∇E‖₁·2ê + ½·‖H‖∞·N·(2ê)² + rounding of E at both ends. The factor 2 on ê covers
/// the estimate's own relative error O(L·dt) = O(0.02).
type private StepRecord =
    { Before: float[]; After: float[]; Midpoint: float[]; Refined: float[]; LocalError: float; AllowedIncrease: float }

let private stepper (e: Experiment) =
    let coarse = LeakyIntegrator(e.Network, IntegrationScheme.RungeKutta4, e.Dt)
    let fine = LeakyIntegrator(e.Network, IntegrationScheme.RungeKutta4, e.Dt / 2.0)
    fun (u: float[]) ->
        let after = Array.copy u
        coarse.Step(Span after)
        let midpoint = Array.copy u
        fine.Step(Span midpoint)
        let refined = Array.copy midpoint
        fine.Step(Span refined)
        let estimate = 16.0 / 15.0 * normInf (Array.map2 (-) after refined)
        let e2 = 2.0 * estimate
        let allowed =
            gradientNorm1 e after * e2
            + 0.5 * hessianBound e after * float u.Length * e2 * e2
            + energyRounding e u
            + energyRounding e after
        { Before = u; After = after; Midpoint = midpoint; Refined = refined; LocalError = estimate; AllowedIncrease = allowed }

let private energyOf (e: Experiment) (u: float[]) = e.Network.Energy(ReadOnlySpan(rates e u))

[<Property(Arbitrary = [| typeof<DynamicsGenerators> |], MaxTest = 30)>]
let ``symmetric M: E never increases along RK4 trajectories beyond the integrator error bound`` (x: HopfieldCase) =
    let e = symmetricExperiment x
    require e.Network.IsSymmetric "the generated M must be symmetric"
    let step = stepper e
    let steps = int (ceil (5.0 * tau / e.Dt))
    let mutable u = e.U0
    let mutable energy = energyOf e u
    for k in 1 .. steps do
        let r = step u
        let next = energyOf e r.After
        let increase = next - energy
        if increase > r.AllowedIncrease then
            failwithf "%O: E rose by %.3g at step %d (t = %.4g ms) > allowed %.3g (ê = %.3g) [allowed = ‖∇E‖₁·2ê + ½‖H‖N(2ê)² + rounding]" x increase k (float k * e.Dt) r.AllowedIncrease r.LocalError
        u <- r.After
        energy <- next

[<Property(Arbitrary = [| typeof<DynamicsGenerators> |], MaxTest = 30)>]
let ``symmetric M: measured E(t+dt) − E(t) matches the Simpson integral of the predicted −(1/τ)Σ F′(h + Ms − u)²`` (x: HopfieldCase) =
    let e = symmetricExperiment x
    let f = e.Case.Transfer
    let predicted (u: float[]) = ContinuousHopfieldTheory.predictedEnergyRate tau f.Apply f.Derivative e.M e.H u
    let lyapunov (u: float[]) = ContinuousHopfieldTheory.lyapunovEnergy e.M e.H f.InverseIntegral (rates e u)
    let step = stepper e
    let steps = int (ceil (2.0 * tau / e.Dt))
    // Trajectory and the predicted rate on the half-step grid t_0, t_0 + dt/2, t_1, ...
    let records = Array.zeroCreate steps
    let mutable u = e.U0
    for k in 0 .. steps - 1 do
        records[k] <- step u
        u <- records[k].After
    let rate = Array.init (2 * steps + 1) (fun j ->
        if j = 2 * steps then predicted records[steps - 1].After
        elif j % 2 = 0 then predicted records[j / 2].Before
        else predicted records[j / 2].Midpoint)
    let half = e.Dt / 2.0
    // Fourth difference on the half-step grid estimates r⁗ (window clamped at the ends).
    let fourth (centre: int) =
        let c = min (max centre 2) (rate.Length - 3)
        (rate[c - 2] - 4.0 * rate[c - 1] + 6.0 * rate[c] - 4.0 * rate[c + 1] + rate[c + 2]) / half ** 4.0
    for k in 0 .. steps - 1 do
        let r = records[k]
        // C# against the F# oracle at the step start: same formulas, different summation order.
        let eCs = energyOf e r.Before
        assertAbs (sprintf "%O E (C#) vs lyapunovEnergy (F#) at step %d" x k) (lyapunov r.Before) eCs (2.0 * energyRounding e r.Before)
        if k = 0 then
            let rateCs = e.Network.EnergyRate(ReadOnlySpan r.Before)
            assertAbs (sprintf "%O EnergyRate (C#) vs predictedEnergyRate (F#)" x) rate[0] rateCs (gamma (4 * x.Size + 8) * (abs rate[0] + 1e-300) * 4.0)
        let measured = energyOf e r.After - eCs
        let simpson = e.Dt / 6.0 * (rate[2 * k] + 4.0 * rate[2 * k + 1] + rate[2 * k + 2])
        // Errors: Simpson truncation (dt/2)⁵/90·|r⁗| (doubled: r⁗ is estimated), the state errors of the end and
        // midpoint (as in the monotonicity bound), their effect on the sampled rates (dt·|r(x_dt) − r(x_dt/2)|·2),
        // and rounding of both energies.
        let truncation = 2.0 * half ** 5.0 / 90.0 * max (abs (fourth (2 * k))) (abs (fourth (2 * k + 2)))
        let rateShift = 2.0 * e.Dt * abs (predicted r.After - predicted r.Refined)
        let tol = truncation + r.AllowedIncrease + rateShift
        within (sprintf "%O ΔE over step %d (t = %.4g ms)" x k (float k * e.Dt)) "Simpson ∫ predicted dE/dt" simpson measured tol "2(dt/2)⁵/90|r⁗| + ‖∇E‖₁2ê + rounding + dt·|Δr|"
    // The check must have teeth: over the first step the energy must actually fall well beyond the tolerance.
    let first = records[0]
    let drop = energyOf e first.After - energyOf e first.Before
    require (drop < 0.0) (sprintf "%O: E did not fall over the first step (ΔE = %.3g)" x drop)

[<Fact>]
let ``asymmetric M: a seeded search finds a trajectory along which E rises beyond the integrator error bound`` () =
    // Budget: 20 seeds. M = A + S with A antisymmetric (scale 3) and S symmetric (scale 0.3): the rotation-like
    // part drives oscillations that the symmetric-M proof does not cover.
    let budget = 20
    let tanhCase = { Kind = Tanh; Gain = 2.0 }
    let search seed =
        let random = rng (uint64 (1000 + seed))
        let n = 2 + seed % 3
        let a = Array2D.zeroCreate n n
        let normal = Distributions.Normal(0.0, 1.0, random)
        for i in 0 .. n - 1 do
            for j in i + 1 .. n - 1 do
                let v = 3.0 * normal.Sample()
                a[i, j] <- v
                a[j, i] <- -v
        let sym = randomSymmetric n random false |> Array2D.map (fun w -> 0.3 * w)
        let m = Array2D.init n n (fun i j -> a[i, j] + sym[i, j])
        let e = experiment m (normals random n 0.2) (normals random n 1.0) tanhCase
        let step = stepper e
        let steps = int (ceil (10.0 * tau / e.Dt))
        let mutable u = e.U0
        let mutable energy = energyOf e u
        let mutable found = None
        let mutable k = 0
        while found.IsNone && k < steps do
            k <- k + 1
            let r = step u
            let next = energyOf e r.After
            if next - energy > r.AllowedIncrease then
                found <- Some(seed, n, m, k, next - energy, r.AllowedIncrease, e.Network.IsSymmetric)
            u <- r.After
            energy <- next
        found
    match Seq.init budget id |> Seq.tryPick search with
    | Some(seed, n, m, k, rise, allowed, symmetric) ->
        require (not symmetric) "the counterexample's M must be asymmetric"
        printfn "counterexample: seed %d, N = %d, M = %A; at step %d E rose by %.4g > allowed %.3g" seed n m k rise allowed
    | None -> failwithf "no energy increase beyond the integrator bound found in %d asymmetric seeds" budget

// ---------------------------------------------------------------------------------------------------------
// Time-step invariance and the rate ↔ potential map
// ---------------------------------------------------------------------------------------------------------

let private rateNetworkOf (x: HopfieldCase) =
    let e = symmetricExperiment x
    let network = RecurrentRateNetwork(dense e.M, ReadOnlySpan e.H, tau, e.Case.Transfer)
    let v0 = rates e e.U0
    e, network, v0

let private finalState (network: ILeakySystem) (scheme: IntegrationScheme) (v0: float[]) (dt: float) (steps: int) =
    let v = Array.copy v0
    LeakyIntegrator(network, scheme, dt).Run(Span v, steps)
    v

let private dtInvarianceCase (x: HopfieldCase) =
    let e, network, v0 = rateNetworkOf x
    // Coarse step with L·dt = 0.1 (the experiment's dt is L·dt = 0.02); T = 2τ.
    for scheme, order, lDt in [ IntegrationScheme.RungeKutta4, 4.0, 0.1; IntegrationScheme.ExponentialEuler, 1.0, 0.02 ] do
        let dt = e.Dt * lDt / 0.02
        let steps = int (ceil (2.0 * tau / dt))
        let dt = 2.0 * tau / float steps
        let a = finalState network scheme v0 dt steps
        let b = finalState network scheme v0 (dt / 2.0) (2 * steps)
        let c = finalState network scheme v0 (dt / 4.0) (4 * steps)
        let d1 = normInf (Array.map2 (-) a b)
        let d2 = normInf (Array.map2 (-) b c)
        // Global error C·dt^p (1 + O(L·dt)): successive differences shrink by 2^p (1 + O(L·dt)). Neither the size of
        // the O(L·dt) shift nor the rounding of d1 and d2 (which grows along the trajectory) has a closed bound here,
        // so the band is EMPIRICAL, set from 5,662 fresh cases of this generator (this code, Dec 2026): exponential
        // Euler (L·dt = 0.02, 2,988 cases) had p in [0.946, 1.014], mean 1.0019, sd 0.0030 — a heavy lower tail, so a
        // normal or Student-t model is wrong (a t-interval at 1e-6 was tried and failed at p = 0.975); RK4 (L·dt = 0.1,
        // 2,674 cases with d2 > 1e-11) had p in [3.783, 4.389], the extremes all at d2 < 1e-10 where rounding
        // dominates (above d2 = 1e-9 the largest |p − 4| was 0.069). Bands: |p − 1| ≤ 0.1 (1.85× the largest
        // deviation seen) and |p − 4| ≤ 0.5 (the original band, 1.29× the largest seen). Power: a first-order RK4, or
        // Euler of order 0 or 2, misses by ≥ 1. The property replays a fixed FsCheck seed, so a given build passes or
        // fails deterministically; its fresh-seed tail is not bounded by theory (none of the 5,662 cases came within
        // 1.29× of the band) and docs/testing.md lists it apart from the budget for that reason.
        if d2 > 1e-11 then
            let p = log (d1 / d2) / log 2.0
            let band = if order = 4.0 then 0.5 else 0.1
            within (sprintf "%O %A observed order (d1 = %.3g, d2 = %.3g)" x scheme d1 d2) "scheme order" order p band
                (sprintf "empirical band ±%g (largest deviation in 5,662 fresh cases: 0.389 RK4, 0.054 Euler)" band)

/// The bands above are empirical, so the 30 cases are a fixed replay of the generator (the same cases every run).
[<Fact>]
let ``dt invariance: the state at T with dt, dt/2 and dt/4 converges at the scheme's order`` () =
    let replay = { Rnd = Rnd(20261201UL, 0x9E3779B97F4A7C15UL); Size = None }
    let config =
        Config.QuickThrowOnFailure.WithMaxTest(30).WithReplay(Some replay).WithQuietOnSuccess(true)
            .WithArbitrary([ typeof<DynamicsGenerators> ])
    Check.One(config, dtInvarianceCase)

[<Property(Arbitrary = [| typeof<DynamicsGenerators> |], MaxTest = 30)>]
let ``u = h + M v maps the rate form onto the potential form step by step (RK4 is affine-equivariant)`` (x: HopfieldCase) =
    let e, network, v0 = rateNetworkOf x
    let u0 = Array.zeroCreate x.Size
    e.Network.PotentialFromRates(ReadOnlySpan v0, Span u0)
    let steps = int (ceil (tau / e.Dt))
    let v = finalState network IntegrationScheme.RungeKutta4 v0 e.Dt steps
    let u = finalState e.Network IntegrationScheme.RungeKutta4 u0 e.Dt steps
    let mapped = Array.zeroCreate x.Size
    e.Network.PotentialFromRates(ReadOnlySpan v, Span mapped)
    // In exact arithmetic every RK4 stage maps exactly (f_u(h + M v) = M f_v(v)); rounding of ≤ 32 + 2N
    // operations per step, each ≤ u·(‖u‖∞ + ‖h‖∞ + ‖M‖∞), grows by at most e^{L·T} = e^{L·τ}.
    let lipschitz = (1.0 + e.Case.MaxDerivative * matrixNormInf e.M) / tau
    let scale = normInf u + normInf e.H + matrixNormInf e.M + 1.0
    let tol = float (steps * (32 + 2 * x.Size)) * unitRoundoff * scale * exp (lipschitz * tau)
    for i in 0 .. x.Size - 1 do
        within (sprintf "%O u_%d(τ)" x i) "h + M v(τ)" mapped[i] u[i] tol "(32 + 2N)·steps·u·scale·e^{Lτ}"

[<Fact>]
let ``divergence is reported with its step, and arguments are validated`` () =
    // F(u) = 3u, M = [1], h = 0: τ dv/dt = 2v grows without bound and overflows; the exception must name the
    // step and leave the last finite state.
    let network = RecurrentRateNetwork(DenseWeightMatrix.FromRows([| [| 1.0 |] |]), ReadOnlySpan [| 0.0 |], tau, LinearGainTransfer 3.0)
    let integrator = LeakyIntegrator(network, IntegrationScheme.ExponentialEuler, 50.0 * tau)
    let v = [| 1.0 |]
    let ex = Assert.Throws<RateDynamicsDivergedException>(fun () -> integrator.Run(Span v, 10_000))
    require (Double.IsFinite v[0]) (sprintf "state after divergence must be the last finite value, got %g" v[0])
    require (ex.Step >= 1L && ex.Step <= 10_000L && not (Double.IsFinite ex.Value)) (sprintf "bad report: %s" ex.Message)
    // G + a(v − G) with G = 3v, a = e^{−50}: v grows ×3 per step, so it overflows after ⌈log₃ 1.8e308⌉ = 647 steps.
    assertAbs "divergence step" 647.0 (float ex.Step) 0.0
    let throws (f: unit -> unit) = Assert.Throws<ArgumentOutOfRangeException>(f) |> ignore
    for bad in [ 0.0; -1.0; nan; infinity ] do
        throws (fun () -> LeakyIntegrator(network, IntegrationScheme.RungeKutta4, bad) |> ignore)
        throws (fun () -> RecurrentRateNetwork(DenseWeightMatrix(1, 1), ReadOnlySpan [| 0.0 |], bad, LinearTransfer.Instance) |> ignore)
    throws (fun () -> RecurrentRateNetwork(DenseWeightMatrix(1, 1), ReadOnlySpan [| nan |], tau, LinearTransfer.Instance) |> ignore)
    throws (fun () -> RecurrentRateNetwork(DenseWeightMatrix(2, 2), ReadOnlySpan [| 0.0 |], tau, LinearTransfer.Instance) |> ignore)
    Assert.Throws<ArgumentException>(fun () -> RecurrentRateNetwork(DenseWeightMatrix(2, 3), ReadOnlySpan [| 0.0; 0.0 |], tau, LinearTransfer.Instance) |> ignore) |> ignore
    let hop = ContinuousHopfieldNetwork(DenseWeightMatrix(1, 1), ReadOnlySpan [| 0.0 |], tau, SigmoidTransfer 1.0)
    throws (fun () -> hop.Energy(ReadOnlySpan [| 1.5 |]) |> ignore)
