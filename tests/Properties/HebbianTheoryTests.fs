/// Theory layer for the two-factor rate rules (issue 3): eigen-decomposition, closed-form averaged Hebb and
/// Oja dynamics against numerical integration, the Oja and GHA linearisations against numerical Jacobians,
/// BCM fixed points and their stability, instar/outstar fixed points. Every tolerance is a derived roundoff,
/// finite-difference or integrator bound, printed on failure. Oracles are numerical integrations, numerical
/// Jacobians, the definitions written out here or closed forms typed in the test (never the function under test).
///
/// False alarms: no check is statistical (seeded constructions, deterministic bounds), so the family-wise
/// false-alarm probability of one CI run is 0.
module Plasticity.Properties.HebbianTheoryTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.LinearAlgebra.Factorization
open Plasticity.Analysis
open Plasticity.Properties.Support

let private u = unitRoundoff

// ----------------------------------------------------------------------------------------------
// Construction inputs
// ----------------------------------------------------------------------------------------------

/// A d×d symmetric matrix with controlled spectrum, built from a seed.
type SpectrumCase =
    { D: int; Seed: uint64 }
    override this.ToString() = sprintf "d=%d seed=%d" this.D this.Seed

/// An averaged-Oja case: spectrum, α and the index k of a fixed point e_k.
type OjaCase =
    { D: int; Seed: uint64; Alpha: float; K: int }
    override this.ToString() = sprintf "d=%d seed=%d alpha=%g k=%d" this.D this.Seed this.Alpha this.K

/// A BCM case: K patterns, probabilities from the seed, optionally with blank presentations (Σp < 1).
type BcmCase =
    { K: int; Seed: uint64; Blank: bool; J: int; LogY: float }
    override this.ToString() = sprintf "K=%d seed=%d blank=%b j=%d y=%g" this.K this.Seed this.Blank this.J (exp this.LogY)

type TheoryGenerators =
    static member SpectrumCase() : Arbitrary<SpectrumCase> =
        gen {
            let! d = Gen.choose (1, 10)
            let! seed = genSeed
            return { SpectrumCase.D = d; Seed = seed }
        }
        |> Arb.fromGen

    static member OjaCase() : Arbitrary<OjaCase> =
        gen {
            let! d = Gen.choose (2, 6)
            let! seed = genSeed
            let! alpha = Gen.elements [ 0.25; 0.5; 1.0; 2.0; 3.0 ]
            let! k = Gen.choose (0, d - 1)
            return { D = d; Seed = seed; Alpha = alpha; K = k }
        }
        |> Arb.fromGen

    static member BcmCase() : Arbitrary<BcmCase> =
        gen {
            let! k = Gen.choose (2, 8)
            let! seed = genSeed
            let! blank = Gen.elements [ false; true ]
            let! j = Gen.choose (0, k - 1)
            let! logY = Gen.choose (-7000, 7000) |> Gen.map (fun v -> float v / 1000.0)
            return { K = k; Seed = seed; Blank = blank; J = j; LogY = logY }
        }
        |> Arb.fromGen

// ----------------------------------------------------------------------------------------------
// Small linear-algebra helpers written from the definitions
// ----------------------------------------------------------------------------------------------

let private dot (a: float[]) (b: float[]) = Array.fold2 (fun s x y -> s + x * y) 0.0 a b
let private norm (a: float[]) = sqrt (dot a a)
let private matVec (m: float[][]) (v: float[]) = m |> Array.map (fun row -> dot row v)
let private frobenius (m: float[][]) = m |> Array.sumBy (fun r -> dot r r) |> sqrt
let private sub (a: float[]) (b: float[]) = Array.map2 (-) a b

let private gaussian (random: Random) = MathNet.Numerics.Distributions.Normal(0.0, 1.0, random)

/// A random orthogonal d×d matrix: the Q factor of the QR decomposition of a seeded Gaussian matrix.
let private randomOrthogonal (d: int) (random: Random) =
    let normal = gaussian random
    let g = Matrix<float>.Build.Dense(d, d, fun _ _ -> normal.Sample())
    g.QR().Q

/// C = Q diag(λ) Qᵀ as rows, exactly symmetric (upper triangle computed, then mirrored).
let private withSpectrum (q: Matrix<float>) (lambda: float[]) =
    let d = lambda.Length
    let c = Array.init d (fun _ -> Array.zeroCreate d)
    for i in 0 .. d - 1 do
        for j in i .. d - 1 do
            let mutable s = 0.0
            for k in 0 .. d - 1 do
                s <- s + q[i, k] * lambda[k] * q[j, k]
            c[i][j] <- s
            c[j][i] <- s
    c

/// Any spectrum in [−2, 3] (descending), for the decomposition itself.
let private anySpectrum (d: int) (random: Random) =
    Array.init d (fun _ -> -2.0 + 5.0 * random.NextDouble()) |> Array.sortDescending

/// A positive spectrum with gaps in [0.1, 0.5]: λ_d = 0.2, λ_k = λ_{k+1} + gap (descending).
let private gappedSpectrum (d: int) (random: Random) =
    let gaps = Array.init d (fun _ -> 0.1 + 0.4 * random.NextDouble())
    Array.init d (fun k -> 0.2 + Array.sum gaps[k + 1 ..])

/// The shared construction of the spectrum tests: from `rng seed`, a spectrum λ drawn by `spectrum`, then
/// C = Q diag(λ) Qᵀ with a random orthogonal Q, and HebbianTheory.eigen C. The generator is returned for the
/// test's further draws (same draw order as writing the four steps out).
let private spectrumDraw (spectrum: int -> Random -> float[]) (seed: uint64) (d: int) =
    let random = rng seed
    let lambda = spectrum d random
    let c = withSpectrum (randomOrthogonal d random) lambda
    random, lambda, c, HebbianTheory.eigen c

let private randomVector (d: int) (scale: float) (random: Random) =
    let normal = gaussian random
    Array.init d (fun _ -> scale * normal.Sample())

/// Classic fourth-order Runge–Kutta for dw/dt = f(w) over [0, t] in `steps` equal steps.
let private rk4 (f: float[] -> float[]) (w0: float[]) (t: float) (steps: int) =
    let h = t / float steps
    let axpy (a: float[]) (s: float) (b: float[]) = Array.map2 (fun x y -> x + s * y) a b
    let mutable w = Array.copy w0
    for _ in 1 .. steps do
        let k1 = f w
        let k2 = f (axpy w (h / 2.0) k1)
        let k3 = f (axpy w (h / 2.0) k2)
        let k4 = f (axpy w h k3)
        w <- Array.init w.Length (fun i -> w[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]))
    w

let private symmetricEigenvalues (m: float[][]) =
    let n = m.Length
    let a = Matrix<float>.Build.Dense(n, n, fun i j -> 0.5 * (m[i][j] + m[j][i]))
    a.Evd(Symmetricity.Symmetric).EigenValues |> Seq.map (fun z -> z.Real) |> Array.ofSeq |> Array.sort

/// The averaged Oja vector field f(w) = C w − α (wᵀCw) w, written from the definition.
let private ojaField (c: float[][]) (alpha: float) (w: float[]) =
    let cw = matVec c w
    let q = dot w cw
    Array.map2 (fun a b -> a - alpha * q * b) cw w

// ----------------------------------------------------------------------------------------------
// Eigen-decomposition
// ----------------------------------------------------------------------------------------------

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 50)>]
let ``eigen recovers a controlled spectrum with orthonormal eigenvectors, descending and sign-normalised`` (case: SpectrumCase) =
    let d = case.D
    let _, lambda, c, pairs = spectrumDraw anySpectrum case.Seed d
    let cNorm = frobenius c
    // Backward-stable symmetric EVD (Householder + QL): residuals and orthogonality defects are ≤ c·d·u·‖C‖
    // with a modest c; the construction C = QΛQᵀ adds ≤ (d + 2)·u·‖Λ‖ plus Q's orthogonality defect ≤ c·d·u.
    // By Weyl the eigenvalue errors are bounded by the sum. 64·d·u·‖C‖_F covers both with margin.
    let tol = 64.0 * float d * u * max cNorm 1.0
    for k in 0 .. d - 1 do
        let e = pairs.Vectors[k]
        let residual = norm (sub (matVec c e) (e |> Array.map (fun v -> pairs.Values[k] * v)))
        within (sprintf "residual ‖C e_%d − λ e_%d‖ (%O)" (k + 1) (k + 1) case) "0" 0.0 residual tol "64·d·u·‖C‖_F"
        within (sprintf "λ_%d (%O)" (k + 1) case) "constructed λ" lambda[k] pairs.Values[k] tol "64·d·u·‖C‖_F (Weyl)"
        for j in 0 .. d - 1 do
            let expected = if j = k then 1.0 else 0.0
            within (sprintf "e_%d·e_%d (%O)" (k + 1) (j + 1) case) "δ" expected (dot e pairs.Vectors[j]) (64.0 * float d * u) "64·d·u"
        if k > 0 then
            require (pairs.Values[k - 1] >= pairs.Values[k]) (sprintf "values not descending at %d: %A" k pairs.Values)
        let big = e |> Array.maxBy abs
        require (big > 0.0) (sprintf "sign convention: largest-|entry| of e_%d is %g, expected > 0 (%O)" (k + 1) big case)

[<Fact>]
let ``eigen rejects an asymmetric matrix naming the parameter`` () =
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> HebbianTheory.eigen [| [| 1.0; 0.5 |]; [| 0.4; 1.0 |] |] |> ignore)
    Assert.Equal("matrix", ex.ParamName)

// ----------------------------------------------------------------------------------------------
// Sample statistics and the covariance rule
// ----------------------------------------------------------------------------------------------

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 30)>]
let ``correlation equals covariance plus mean outer product (1/n normalisation)`` (case: SpectrumCase) =
    let random = rng case.Seed
    let d = case.D
    let n = 1 + random.Next 40
    let offset = randomVector d 3.0 random
    let samples = Array.init n (fun _ -> Array.map2 (+) offset (randomVector d 1.0 random))
    let c = HebbianTheory.correlation samples
    let c0 = HebbianTheory.covariance samples
    let m = HebbianTheory.mean samples
    for i in 0 .. d - 1 do
        for j in 0 .. d - 1 do
            // Oracle from the definition with 1/n: (1/n) Σ x_i x_j. Each of C, C⁰ and m is a sum of n terms
            // (error ≤ γ_n·Σ|terms|, γ_n ≈ n·u); centring adds ≤ (n + 1)·u·(|x| + |m|) per entry. A sum of
            // all error terms is ≤ 8(n + 4)·u·E[(|x_i| + |m_i|)(|x_j| + |m_j|)].
            let scale = (samples |> Array.sumBy (fun x -> (abs x[i] + abs m[i]) * (abs x[j] + abs m[j]))) / float n
            let tol = 8.0 * float (n + 4) * u * scale
            within (sprintf "C[%d][%d] (n=%d, %O)" i j n case) "C⁰ + m mᵀ" (c0[i][j] + m[i] * m[j]) c.[i].[j] tol "8(n+4)·u·E[(|x|+|m|)(|x|+|m|)]"
            let direct = (samples |> Array.sumBy (fun x -> x[i] * x[j])) / float n
            within (sprintf "C[%d][%d] vs (1/n)Σ x_i x_j" i j) "(1/n) Σ x_i x_j" direct c.[i].[j] tol "8(n+4)·u·scale"

[<Fact>]
let ``principal component is the top covariance eigenvector, not the top correlation eigenvector`` () =
    // Mean (5, 0); centred samples (±0.1, ±1): C⁰ = diag(0.01, 1), PC = (0, 1); C = diag(25.01, 1), top e = (1, 0).
    let samples = [| [| 5.1; 1.0 |]; [| 4.9; 1.0 |]; [| 5.1; -1.0 |]; [| 4.9; -1.0 |] |]
    let pc = HebbianTheory.principalComponent samples
    let top = (HebbianTheory.eigen (HebbianTheory.correlation samples)).Vectors[0]
    // Off-diagonal of the computed C⁰ is a rounding residue ≤ 4·4u·0.1·1; with the EVD error 64·2·u·‖C⁰‖ and
    // the eigengap 0.99 the eigenvector error is ≤ (16u·0.1 + 128u)/0.99 < 140u.
    within "PC x-component" "0" 0.0 pc[0] (140.0 * u) "(off-diagonal + EVD error)/gap"
    within "PC y-component" "1" 1.0 pc[1] (140.0 * u) "(off-diagonal + EVD error)/gap"
    within "top correlation eigenvector x-component" "1" 1.0 top[0] (140.0 * u) "(off-diagonal + EVD error)/gap"

// ----------------------------------------------------------------------------------------------
// Plain Hebb
// ----------------------------------------------------------------------------------------------

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 20)>]
let ``averaged Hebb closed form equals an RK4 integration of dw/dt = C w`` (case: SpectrumCase) =
    let d = case.D
    let random, lambda, c, pairs = spectrumDraw gappedSpectrum case.Seed d
    let w0 = randomVector d 1.0 random
    let t, steps = 1.5, 1500
    let h = t / float steps
    let numeric = rk4 (matVec c) w0 t steps
    let closed = HebbianTheory.averagedHebb pairs w0 t
    let rho = lambda[0] * (1.0 + 1e-12) // ‖C‖₂ (C positive definite by construction)
    let growth = exp (rho * t) * norm w0
    // RK4 on a linear ODE: per step ‖e^{hC} − P₄(hC)‖ ≤ (hρ)⁵/5!·e^{hρ}; telescoping over N = t/h steps with
    // ‖e^{hC}‖, ‖P₄(hC)‖ ≤ e^{hρ} gives ≤ t·h⁴·ρ⁵/120·e^{hρ}·e^{ρt}‖w0‖.
    let truncation = t * h ** 4.0 * rho ** 5.0 / 120.0 * exp (h * rho) * growth
    // Roundoff: each RK4 step ≤ 16(d + 4)·u relative; the closed form is exact for a C + E with
    // ‖E‖ ≤ 64·d·u·‖C‖_F (eigen residual), which moves e^{tC}w0 by ≤ t‖E‖e^{ρt}‖w0‖, plus 8d·u for the sums.
    let roundoff = (float steps * 16.0 * float (d + 4) + 64.0 * float d * frobenius c * t + 8.0 * float d) * u * growth
    let err = norm (sub closed numeric)
    within (sprintf "‖averagedHebb − RK4‖ at t=%g (%O)" t case) "RK4" 0.0 err (truncation + roundoff) "t h⁴ ρ⁵/120 e^{ρt}‖w0‖ + roundoff"

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 20)>]
let ``discrete Hebb closed form equals the loop w ← w + ηCw`` (case: SpectrumCase) =
    let d = case.D
    let random, lambda, c, pairs = spectrumDraw gappedSpectrum case.Seed d
    let w0 = randomVector d 1.0 random
    let eta, steps = 0.01, 500
    let mutable w = Array.copy w0
    for _ in 1 .. steps do
        let cw = matVec c w
        w <- Array.map2 (fun a b -> a + eta * b) w cw
    let closed = HebbianTheory.discreteHebb pairs w0 eta steps
    let cF = frobenius c
    let growth = (1.0 + eta * lambda[0] * (1.0 + 1e-12)) ** float steps * norm w0
    // Loop: each step rounds the mat-vec and the update, ≤ (d + 2)·u·(1 + η‖C‖_F) relative, amplified by at
    // most ‖I + ηC‖ per later step. Closed form: fl(1 + ηλ) and pow add ≤ (2·steps + 2)·u relative; eigen
    // error E (‖E‖ ≤ 64·d·u·‖C‖_F) moves (I + ηC)^s w0 by ≤ s·η‖E‖·growth; 16d·u for the projections.
    let tol = (float steps * float (d + 2) * (1.0 + eta * cF) + float (2 * steps + 2) + float steps * eta * 64.0 * float d * cF + 16.0 * float d) * u * growth
    within (sprintf "‖discreteHebb − loop‖ after %d steps (%O)" steps case) "loop" 0.0 (norm (sub closed w)) tol "roundoff of loop + closed form (see comment)"
    // Growth rate per step of ln‖w‖: ln(1 + ηλ₁), with λ₁ from the decomposition (error ≤ 64·d·u·‖C‖_F, times
    // η/(1 + ηλ₁) ≤ η in the log) against the constructed λ₁; 4u for the logarithm.
    let rate = HebbianTheory.hebbNormGrowthRate eta pairs.Values[0]
    within "hebbNormGrowthRate" "ln(1 + ηλ₁) from log1p" (Math.Log(1.0 + eta * lambda[0])) rate (64.0 * float d * cF * eta * u + 4.0 * u) "eigenvalue error·η + 4u"

// ----------------------------------------------------------------------------------------------
// Oja
// ----------------------------------------------------------------------------------------------

/// RK4 of the Oja field at two step sizes; returns the finer solution and the Richardson error estimate
/// ‖w_h − w_{h/2}‖/15 of the finer one (fourth order), doubled.
let private ojaRk4 (c: float[][]) (alpha: float) (w0: float[]) (t: float) (steps: int) =
    let coarse = rk4 (ojaField c alpha) w0 t steps
    let fine = rk4 (ojaField c alpha) w0 t (2 * steps)
    fine, 2.0 * norm (sub coarse fine) / 15.0

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 20)>]
let ``Oja closed-form trajectory and cosine equal an RK4 integration of the averaged ODE`` (case: OjaCase) =
    let d = case.D
    let random, lambda, c, pairs = spectrumDraw gappedSpectrum case.Seed d
    let w0 = randomVector d 0.5 random
    let t = 2.0 / (lambda[0] - lambda[1])
    let steps = int (ceil (t / 0.01))
    let numeric, richardson = ojaRk4 c case.Alpha w0 t steps
    let closed = HebbianTheory.ojaTrajectory pairs case.Alpha w0 t
    let scale = max (norm w0) (1.0 / sqrt case.Alpha) + norm closed
    let a1 = abs (dot w0 pairs.Vectors[0])
    // Roundoff floor: 2·steps RK4 steps of ≤ 32(d + 4)·u·scale each, and the eigen error E (≤ 64·d·u·‖C‖_F)
    // propagated by e^{Ct} relative to the e_1 component: t·‖E‖·‖w0‖/|a1|.
    let floor = (float (2 * steps) * 32.0 * float (d + 4) + 64.0 * float d * frobenius c * t * norm w0 / a1) * u * scale
    within (sprintf "‖ojaTrajectory − RK4‖ at t=%g (%O)" t case) "RK4 (h = t/%d)" 0.0 (norm (sub closed numeric)) (richardson + floor) "2×Richardson estimate + roundoff floor"
    let cosNumeric = abs (dot numeric pairs.Vectors[0]) / norm numeric
    let cosClosed = HebbianTheory.ojaCosineTrajectory pairs w0 t
    // |Δcos| ≤ 2‖Δw‖/‖w‖ for the vector error ‖Δw‖.
    within (sprintf "|cos(w, e1)| at t=%g (%O)" t case) "RK4" cosNumeric cosClosed (2.0 * (richardson + floor) / norm numeric) "2·(vector tolerance)/‖w‖"

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 20)>]
let ``Oja norm relaxes to 1/sqrt(alpha)`` (case: OjaCase) =
    let d = case.D
    let random, lambda, c, pairs = spectrumDraw gappedSpectrum case.Seed d
    let w0 = randomVector d 0.5 random
    let alpha = case.Alpha
    let t = 15.0 / lambda[0]
    let steps = int (ceil (t / 0.01))
    let numeric, richardson = ojaRk4 c alpha w0 t steps
    let a1 = dot w0 pairs.Vectors[0]
    // Exact: ‖w‖² − 1/α = (1 − α‖w0‖²)/(α(1 + α(‖u‖² − ‖w0‖²))), ‖u‖² − ‖w0‖² ≥ a1²(e^{2λ₁t} − 1) (C ⪰ 0).
    let n0 = dot w0 w0
    let transient = abs (1.0 - alpha * n0) / (alpha * (1.0 + alpha * a1 * a1 * (exp (2.0 * lambda[0] * t) - 1.0)))
    require (transient < 1e-3 / alpha) (sprintf "transient bound %g too loose to test (%O)" transient case)
    let norm2 = dot numeric numeric
    let expected = 1.0 / alpha // ‖w*‖² = 1/α (Oja 1982), typed here rather than taken from ojaFixedPointNorm
    within "ojaFixedPointNorm" "1/√α" (1.0 / sqrt alpha) (HebbianTheory.ojaFixedPointNorm alpha) (2.0 * u / sqrt alpha) "2u/√α"
    let floor = float (2 * steps) * 32.0 * float (d + 4) * u * (1.0 / alpha + n0)
    let tol = transient + 2.0 * sqrt norm2 * richardson + floor
    within (sprintf "‖w(t)‖² at t=%g (%O)" t case) "1/α" expected norm2 tol "transient bound + 2‖w‖·RK4 error + roundoff"

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 20)>]
let ``Oja time to a target cosine is the first crossing of the trajectory`` (case: OjaCase) =
    let d = case.D
    let random, _, c, pairs = spectrumDraw gappedSpectrum case.Seed d
    let w0 = randomVector d 0.5 random
    let target = 0.99
    let tStar = HebbianTheory.ojaTimeToCosine pairs w0 target
    let cos0 = HebbianTheory.ojaCosineTrajectory pairs w0 0.0
    if cos0 >= target then
        Assert.Equal(0.0, tStar)
    else
        require (Double.IsFinite tStar && tStar > 0.0) (sprintf "time to cosine %g not finite/positive (%O)" tStar case)
        // Brent converges t* to ≤ 8u·t*; |dcos/dt| ≤ (λ₁ − λ_d)·cos ≤ λ₁ − λ_d; evaluating cos costs ≤ 8(d + 8)·u.
        let spread = pairs.Values[0] - pairs.Values[d - 1]
        within (sprintf "cos(t*) (%O)" case) "target" target (HebbianTheory.ojaCosineTrajectory pairs w0 tStar) (spread * 8.0 * u * tStar + 8.0 * float (d + 8) * u) "(λ₁−λ_d)·8u·t* + 8(d+8)u"
        let before = HebbianTheory.ojaCosineTrajectory pairs w0 (0.999 * tStar)
        require (before < target) (sprintf "cos(0.999·t*) = %.12g ≥ target %g: t* = %g is not the first crossing (%O)" before target tStar case)
        // The RK4 trajectory reaches the same cosine at t*.
        let steps = max 10 (int (ceil (tStar / 0.01)))
        let numeric, richardson = ojaRk4 c case.Alpha w0 tStar steps
        let floor = float (2 * steps) * 32.0 * float (d + 4) * u * (norm w0 + 1.0 / sqrt case.Alpha)
        let cosNumeric = abs (dot numeric pairs.Vectors[0]) / norm numeric
        within (sprintf "RK4 cosine at t* (%O)" case) "target" target cosNumeric (2.0 * (richardson + floor) / norm numeric + 8.0 * float (d + 8) * u + spread * 8.0 * u * tStar) "2·(RK4 error)/‖w‖ + root and cosine roundoff"

/// Frobenius bound on the central-difference error of the Jacobian of a CUBIC field: truncation is exactly
/// h²·(third-order coefficient) per column, given as `cubic` (Frobenius over columns); each column also has
/// ≤ 2·evalError/(2h) from two evaluations and ‖J‖·u·(‖w‖ + h)/h from rounding w ± h.
let private jacobianErrorBound (cubic: float) (evalError: float) (jNorm: float) (wNorm: float) (h: float) (n: int) =
    cubic * h * h + sqrt (float n) * (evalError / h + jNorm * u * (wNorm + h) / h)

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 30)>]
let ``Oja linearisation at e_k over sqrt(alpha) has the predicted rates`` (case: OjaCase) =
    let d = case.D
    let alpha = case.Alpha
    let _, _, c, pairs = spectrumDraw gappedSpectrum case.Seed d
    let wStar = pairs.Vectors[case.K] |> Array.map (fun v -> v / sqrt alpha)
    let h = 5e-6
    let jNum = numericJacobian (ojaField c alpha) wStar h
    let measured = symmetricEigenvalues jNum
    let predicted = HebbianTheory.ojaLinearisedRates pairs.Values case.K |> Array.sort
    let cF = frobenius c
    let wN = norm wStar + h
    // f(w + hv) has the cubic term −α h³ (vᵀCv) v, so column m has truncation α h² |C_mm|.
    let cubic = alpha * (c |> Array.mapi (fun m row -> row[m] * row[m]) |> Array.sum |> sqrt)
    // One evaluation of f: ≤ 2(d + 4)·u·‖C‖_F·‖w‖·(1 + α‖w‖²).
    let evalError = 2.0 * float (d + 4) * u * cF * wN * (1.0 + alpha * wN * wN)
    let jNorm = cF * (1.0 + 3.0 * alpha * wN * wN)
    // The fixed point uses the computed e_k, off by ≤ 64·d·u·‖C‖_F/gap (gap ≥ 0.1); the Jacobian moves by
    // ≤ 6α‖C‖‖w‖ per unit of w, i.e. 6√α·‖C‖_F·‖w*‖ times the error of e_k.
    let pointError = 6.0 * sqrt alpha * cF * wN * (64.0 * float d * u * cF / 0.1)
    // Weyl on the symmetrised numeric Jacobian (exact J is symmetric), plus the EVD's 64·d·u·‖J‖.
    let tol = jacobianErrorBound cubic evalError jNorm wN h d + pointError + 64.0 * float d * u * jNorm + 64.0 * float d * u * cF
    for i in 0 .. d - 1 do
        within (sprintf "Jacobian eigenvalue %d at e_%d/√α (%O)" i (case.K + 1) case) "ojaLinearisedRates" predicted[i] measured[i] tol "h²·cubic + roundoff/h + fixed-point error + EVD"

// ----------------------------------------------------------------------------------------------
// GHA
// ----------------------------------------------------------------------------------------------

/// The averaged GHA field for k rows stacked into one vector: dw_i/dt = C w_i − Σ_{m≤i} w_m (w_mᵀ C w_i).
let private ghaField (c: float[][]) (k: int) (d: int) (flat: float[]) =
    let rows = Array.init k (fun i -> flat[i * d .. i * d + d - 1])
    let crow = rows |> Array.map (matVec c)
    Array.init k (fun i ->
        let mutable v = Array.copy crow[i]
        for m in 0 .. i do
            let coefficient = dot rows[m] crow[i]
            v <- Array.map2 (fun a b -> a - coefficient * b) v rows[m]
        v)
    |> Array.concat

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 30)>]
let ``GHA Jacobian at the targets is block lower triangular with the predicted block rates`` (case: OjaCase) =
    let d = case.D
    let k = case.K + 1
    let _, _, c, pairs = spectrumDraw gappedSpectrum case.Seed d
    let targets = HebbianTheory.ghaTargets pairs k
    for i in 0 .. k - 1 do
        for j in 0 .. k - 1 do
            within (sprintf "target row %d · row %d" i j) "δ (W Wᵀ = I)" (if i = j then 1.0 else 0.0) (dot targets[i] targets[j]) (64.0 * float d * u) "64·d·u"
    let h = 5e-6
    let jNum = numericJacobian (ghaField c k d) (Array.concat targets) h
    let predicted = HebbianTheory.ghaLinearisedRates pairs.Values k
    let cF = frobenius c
    let wN = 1.0 + h
    let cubic = c |> Array.mapi (fun m row -> row[m] * row[m]) |> Array.sum |> sqrt
    let evalError = 2.0 * float (d + 4 + 2 * k) * u * cF * wN * (1.0 + float k * wN * wN)
    let jNorm = cF * (1.0 + 3.0 * float k * wN * wN)
    let pointError = 6.0 * float k * cF * wN * (64.0 * float d * u * cF / 0.1)
    let tol = jacobianErrorBound cubic evalError jNorm wN h d + pointError + 64.0 * float d * u * jNorm + 64.0 * float d * u * cF
    for i in 0 .. k - 1 do
        // Row i of the field reads only rows m ≤ i, so the blocks above the diagonal are exactly zero.
        for m in i + 1 .. k - 1 do
            for a in 0 .. d - 1 do
                for b in 0 .. d - 1 do
                    require (jNum[i * d + a][m * d + b] = 0.0) (sprintf "∂F_%d/∂w_%d ≠ 0 (%O)" i m case)
        let block = Array.init d (fun a -> Array.init d (fun b -> jNum[i * d + a][i * d + b]))
        let measured = symmetricEigenvalues block
        let expected = predicted[i * d .. i * d + d - 1] |> Array.sort
        for a in 0 .. d - 1 do
            within (sprintf "GHA block %d eigenvalue %d (k=%d, %O)" i a k case) "ghaLinearisedRates" expected[a] measured[a] tol "h²·cubic + roundoff/h + fixed-point error + EVD"

[<Fact>]
let ``rule time constants for a hand-made spectrum`` () =
    // λ = (3, 2, 0.5), dyadic so every figure below is exact or one rounding.
    let pairs = { Values = [| 3.0; 2.0; 0.5 |]; Vectors = [| [| 1.0; 0.0; 0.0 |]; [| 0.0; 1.0; 0.0 |]; [| 0.0; 0.0; 1.0 |] |] }
    let p2 = HebbianTheory.ruleTimeConstants pairs 0.5 2
    assertAbs "Hebb growth rate λ₁" 3.0 p2.HebbGrowthRate 0.0
    assertRel "Hebb growth per step ln(1 + ηλ₁)" (log 2.5) p2.HebbGrowthRatePerStep (4.0 * u)
    assertAbs "Oja time constant 1/(λ₁−λ₂)" 1.0 p2.OjaTimeConstant 0.0
    assertAbs "Oja steps = τ/η" 2.0 p2.OjaTimeConstantSteps 0.0
    assertRel "Oja norm relaxation 1/(2λ₁)" (1.0 / 6.0) p2.OjaNormRelaxationTime u
    // k = 2: rows (−6, −1, −2.5) and (−2, −4, −1.5): slowest |rate| 1.
    assertAbs "GHA k=2 slowest rate" 1.0 p2.GhaSlowestRate 0.0
    // k = 3 adds row (−0.5, −0.5, −1): slowest 0.5, time constant 2, steps 4.
    let p3 = HebbianTheory.ruleTimeConstants pairs 0.5 3
    assertAbs "GHA k=3 slowest rate" 0.5 p3.GhaSlowestRate 0.0
    assertAbs "GHA k=3 time constant" 2.0 p3.GhaTimeConstant 0.0
    assertAbs "GHA k=3 steps" 4.0 p3.GhaTimeConstantSteps 0.0

// ----------------------------------------------------------------------------------------------
// Instar, outstar
// ----------------------------------------------------------------------------------------------

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 30)>]
let ``instar and outstar averaged drifts vanish at their fixed points`` (case: SpectrumCase) =
    let random = rng case.Seed
    let d = case.D
    let n = 1 + random.Next 50
    // Non-negative rates, as for firing rates; y = 0 for some samples (gating).
    let rate () = if random.Next 4 = 0 then 0.0 else 2.0 * random.NextDouble()
    let xs = Array.init n (fun _ -> Array.init d (fun _ -> rate ()))
    let ys = Array.init n (fun s -> if s = 0 then 0.5 + random.NextDouble() else rate ())
    // All terms non-negative: sums have relative error ≤ γ_n; w* = E[yx]/E[y] carries ≤ (2n + 3)·u, and the
    // drift (1/n) Σ y (x − w) ≤ (n + 3)·u·E[y(|x| + |w|)]; total ≤ 4(n + 4)·u·E[y(|x| + |w|)].
    let w = HebbianTheory.instarFixedPoint xs ys
    for i in 0 .. d - 1 do
        let drift = (Array.map2 (fun (x: float[]) y -> y * (x[i] - w[i])) xs ys |> Array.sum) / float n
        let scale = (Array.map2 (fun (x: float[]) y -> y * (abs x[i] + abs w[i])) xs ys |> Array.sum) / float n
        within (sprintf "instar E[y(x_%d − w_%d)] (n=%d, %O)" i i n case) "0" 0.0 drift (4.0 * float (n + 4) * u * scale) "4(n+4)·u·E[y(|x|+|w|)]"
    // Outstar: one presynaptic rate x_s (ys reused), d postsynaptic rates y_s (xs reused).
    let v = HebbianTheory.outstarFixedPoint ys xs
    for i in 0 .. d - 1 do
        let drift = (Array.map2 (fun x (y: float[]) -> x * (y[i] - v[i])) ys xs |> Array.sum) / float n
        let scale = (Array.map2 (fun x (y: float[]) -> x * (abs y[i] + abs v[i])) ys xs |> Array.sum) / float n
        within (sprintf "outstar E[x(y_%d − w_%d)] (n=%d, %O)" i i n case) "0" 0.0 drift (4.0 * float (n + 4) * u * scale) "4(n+4)·u·E[x(|y|+|w|)]"

// ----------------------------------------------------------------------------------------------
// BCM
// ----------------------------------------------------------------------------------------------

let private probabilities (case: BcmCase) =
    let random = rng case.Seed
    let raw = Array.init case.K (fun _ -> 0.05 + random.NextDouble())
    let total = Array.sum raw
    let scale = if case.Blank then 0.5 + 0.5 * random.NextDouble() else 1.0
    raw |> Array.map (fun r -> scale * r / total), random

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 50)>]
let ``BCM selective point is a stable fixed point and the non-selective one is unstable`` (case: BcmCase) =
    let p, _ = probabilities case
    let k, j = case.K, case.J
    let y = BcmTheory.selectiveFixedPoint p j
    let drift = BcmTheory.drift p y
    // y_j = fl(1/p_j), θ = fl(p_j y_j²): y_j − θ is a rounding residue ≤ 6u/p_j, so |F_j| ≤ 8u/p_j.
    for m in 0 .. k - 1 do
        within (sprintf "drift %d at selective point %d (%O)" m j case) "0" 0.0 drift[m] (8.0 * u / p[j]) "8u/p_j"
    // Analytic Jacobian against central differences of the drift. F_a is cubic in y_a with cubic coefficient
    // −p_a² (from −p_a y_a θ, θ ∋ p_a y_a²) and quadratic in y_b (b ≠ a), so the central difference equals
    // ∂F_a/∂y_b − δ_ab p_a² h² exactly; what remains is roundoff: two evaluations of F_a, each ≤ (K + 6)·u·S_a
    // with S_a = p_a(|y_a| + h)(|y_a| + h + 2θ), divided by 2h, plus u·(|y_b| + h)/h·|J| from rounding y ± h.
    let jac = BcmTheory.jacobian p y
    let h = 1e-5 * (1.0 / p[j])
    let jNum = numericJacobian (BcmTheory.drift p) y h
    let theta = BcmTheory.threshold p y
    for a in 0 .. k - 1 do
        for b in 0 .. k - 1 do
            let scaleA = p[a] * (abs y[a] + h) * (abs y[a] + h + theta * 2.0)
            let tol = 2.0 * float (k + 6) * u * scaleA / h + u * (abs jac.[a].[b] + 2.0 / p[j]) * (abs y[b] + h) / h
            let truncation = if a = b then p[a] * p[a] * h * h else 0.0
            within (sprintf "∂F_%d/∂y_%d (%O)" a b case) "analytic − δ p² h²" (jac.[a].[b] - truncation) jNum.[a].[b] tol "evaluation and step roundoff / h"
    // Predicted spectrum at the selective point: −1 and −p_m/p_j (m ≠ j).
    let expected = Array.init k (fun m -> if m = j then -1.0 else -p[m] / p[j]) |> Array.sortDescending
    let measured = BcmTheory.eigenvaluesAt p y
    let tolEig = 128.0 * float k * u * (2.0 + 1.0 / p[j])
    for m in 0 .. k - 1 do
        within (sprintf "Jacobian eigenvalue %d at selective point (%O)" m case) "−1 and −p_m/p_j" expected[m] measured[m] tolEig "128·K·u·(2 + 1/p_j)"
    require (BcmTheory.isStable p y) (sprintf "selective point not stable: eigenvalues %A (%O)" measured case)
    // Non-selective point y = 1/Σp: J = diag(p)/S − 2ppᵀ/S², eigenvalues interlace with p/S, so K − 1 of them
    // are ≥ min(p)/S > 0.
    let total = Array.sum p
    let ns = BcmTheory.nonSelectiveFixedPoint p
    let nsDrift = BcmTheory.drift p ns
    for m in 0 .. k - 1 do
        within (sprintf "drift %d at non-selective point (%O)" m case) "0" 0.0 nsDrift[m] (8.0 * float (k + 4) * u / total) "8(K+4)u/Σp"
    let nsEig = BcmTheory.eigenvaluesAt p ns
    let bound = (Array.min p / total) * (1.0 - 1e-12) - 128.0 * float k * u * (3.0 / total)
    let above = nsEig |> Array.filter (fun v -> v >= bound) |> Array.length
    require (above >= k - 1) (sprintf "non-selective point: %d of %d eigenvalues ≥ min p/Σp = %g (interlacing predicts ≥ K−1): %A (%O)" above k bound nsEig case)
    require (not (BcmTheory.isStable p ns)) (sprintf "non-selective point reported stable: %A (%O)" nsEig case)

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 30)>]
let ``BCM response drift equals the projected weight-space drift for orthonormal patterns`` (case: BcmCase) =
    let p, random = probabilities case
    let k = case.K
    let d = k + random.Next 3
    let q = randomOrthogonal d random
    let patterns = Array.init k (fun m -> Array.init d (fun i -> q[i, m]))
    let w = randomVector d 1.0 random
    let y = patterns |> Array.map (dot w)
    let theta = Array.map2 (fun pm ym -> pm * ym * ym) p y |> Array.sum
    // E[Δw]/η = Σ_k p_k x_k y_k (y_k − θ) (blank presentations contribute 0).
    let meanDelta = Array.init d (fun i -> Array.init k (fun m -> p[m] * patterns[m][i] * y[m] * (y[m] - theta)) |> Array.sum)
    let drift = BcmTheory.drift p y
    let scale = Array.init k (fun m -> p[m] * abs y[m] * (abs y[m] + theta)) |> Array.sum
    // Orthonormality defect of the patterns ≤ 64·d·u; sums of ≤ d + k products: ≤ 4(d + k + 8)·u·scale.
    let tol = (4.0 * float (d + k + 8) + 64.0 * float d) * u * scale
    for m in 0 .. k - 1 do
        within (sprintf "x_%d·E[Δw]/η (%O)" m case) "BcmTheory.drift" drift[m] (dot patterns[m] meanDelta) tol "(4(d+K+8) + 64d)·u·Σ p|y|(|y|+θ)"

[<Property(Arbitrary = [| typeof<TheoryGenerators> |], MaxTest = 50)>]
let ``BCM with a mean-tracking threshold has a positive drift of the preferred response`` (case: BcmCase) =
    let p, _ = probabilities case
    let yj = exp case.LogY
    let y = Array.init case.K (fun m -> if m = case.J then yj else 0.0)
    let drift = (BcmTheory.meanThresholdDrift p y)[case.J]
    require (drift > 0.0) (sprintf "drift under θ = ⟨y⟩ is %g ≤ 0 at y_j = %g (%O)" drift yj case)
    // p_j y_j (y_j − p_j y_j) against p_j(1 − p_j) y_j² typed here: ≤ 6 roundings each side, relative to p_j y_j².
    let closed = p[case.J] * (1.0 - p[case.J]) * yj * yj
    within (sprintf "mean-threshold drift (%O)" case) "p_j(1 − p_j)y_j²" closed drift (12.0 * u * p[case.J] * yj * yj) "12u·p_j y_j²"
    within (sprintf "thresholdMeanFailure (%O)" case) "p_j(1 − p_j)y_j²" closed (BcmTheory.thresholdMeanFailure p case.J yj) (12.0 * u * p[case.J] * yj * yj) "12u·p_j y_j²"
    // With θ = ⟨y²⟩ the same ray has drift p_j y_j²(1 − p_j y_j): positive below 1/p_j, negative above.
    let onRay (v: float) = (BcmTheory.drift p (Array.init case.K (fun m -> if m = case.J then v else 0.0)))[case.J]
    let below, above = onRay (0.5 / p[case.J]), onRay (2.0 / p[case.J])
    require (below > 0.0 && above < 0.0) (sprintf "θ = ⟨y²⟩: drift at 1/(2p_j) is %g (expected > 0), at 2/p_j %g (expected < 0) (%O)" below above case)
