/// Seeded data sources and the CSV reader (issue 3): sample moments agree with the distributions' moments
/// within k standard errors derived from the distribution, seeds reproduce data bit for bit, spectral
/// Gaussians return an orthonormal eigenbasis of their covariance, and CSV round trips are bit-exact with
/// one-line errors naming file and row.
module Plasticity.Properties.DataSourceTests

open System
open System.IO
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Plasticity.Core.Data
open Plasticity.Properties.Support

/// k for statistical checks: 5.5 standard errors (two-sided false-alarm rate 3.8e-8 per check). The seeds are
/// fresh on every FsCheck run; one run of this module makes at most 700 such checks with fresh seeds (counted per
/// test at its MaxTest and largest dimension: Gaussian 200, spectral Gaussian 200, Laplacian 45, mixed Laplacian 30,
/// one-hot 90, two-cluster 120, zero-spread 15; the 20 checks of the eigengap fact use the fixed seed 20 and are
/// deterministic), so by the union bound the family-wise false-alarm probability of one CI run is ≤ 700·3.8e-8
/// = 2.7e-5 (less in practice: the checks within one case are correlated).
/// Raised from 5 SE (4.0e-4 per run) with the samples raised by (5.5/5)² = 1.21, so every absolute tolerance
/// k·σ/√n is exactly what it was (5.5/√(1.21 n) = 5/√n): no check lost power.
let kSE = 5.5

/// Samples per statistical check: SE of a mean ∝ 1/√n; 24 200 = 1.21 × 20 000 (see kSE) keeps every property well
/// under a second.
let nSamples = 24_200

// ---------------------------------------------------------------------------------------------------------
// Construction inputs
// ---------------------------------------------------------------------------------------------------------

/// A Gaussian: dimension 1..5, eigenvalues in [0.01, 4], mean entries in [−3, 3], a seed.
type GaussianCase =
    { Dimension: int; Spectrum: float[]; Mean: float[]; Seed: uint64 }
    override this.ToString() = sprintf "d=%d λ=%A μ=%A seed=%d" this.Dimension this.Spectrum this.Mean this.Seed

/// A categorical distribution: 1..6 categories with integer weights 0..10 (at least one positive), a seed.
type OneHotCase =
    { Weights: int[]; Seed: uint64 }
    override this.ToString() = sprintf "weights=%A seed=%d" this.Weights this.Seed

/// Two clusters: dimension 1..4, centres in [−3, 3], spread in [0, 2], p_A ∈ {0, 0.01, …, 1}, a seed.
type TwoClusterCase =
    { A: float[]; B: float[]; Spread: float; ProbabilityA: float; Seed: uint64 }
    override this.ToString() = sprintf "a=%A b=%A σ=%g pA=%g seed=%d" this.A this.B this.Spread this.ProbabilityA this.Seed

/// A table of finite doubles for CSV round trips: 1..12 rows of 1..6 columns, a seed for the bit patterns.
type CsvCase =
    { Rows: int; Columns: int; Seed: uint64 }
    override this.ToString() = sprintf "%d×%d seed=%d" this.Rows this.Columns this.Seed

let private genScaled lo hi scale = Gen.choose (lo, hi) |> Gen.map (fun k -> float k / scale)

type DataGenerators =
    static member GaussianCase() : Arbitrary<GaussianCase> =
        gen {
            let! d = Gen.choose (1, 5)
            let! spectrum = Gen.arrayOfLength d (genScaled 1 400 100.0)
            let! mean = Gen.arrayOfLength d (genScaled -300 300 100.0)
            let! seed = genSeed
            return { Dimension = d; Spectrum = spectrum; Mean = mean; Seed = seed }
        }
        |> Arb.fromGen

    static member OneHotCase() : Arbitrary<OneHotCase> =
        gen {
            let! d = Gen.choose (1, 6)
            let! w = Gen.arrayOfLength d (Gen.choose (0, 10))
            let! seed = genSeed
            let w = if Array.sum w = 0 then Array.mapi (fun i x -> if i = 0 then 1 else x) w else w
            return { Weights = w; Seed = seed }
        }
        |> Arb.fromGen

    static member TwoClusterCase() : Arbitrary<TwoClusterCase> =
        gen {
            let! d = Gen.choose (1, 4)
            let! a = Gen.arrayOfLength d (genScaled -300 300 100.0)
            let! b = Gen.arrayOfLength d (genScaled -300 300 100.0)
            let! spread = genScaled 0 200 100.0
            let! p = genScaled 0 100 100.0
            let! seed = genSeed
            return { A = a; B = b; Spread = spread; ProbabilityA = p; Seed = seed }
        }
        |> Arb.fromGen

    static member CsvCase() : Arbitrary<CsvCase> =
        gen {
            let! r = Gen.choose (1, 12)
            let! c = Gen.choose (1, 6)
            let! seed = genSeed
            return { Rows = r; Columns = c; Seed = seed }
        }
        |> Arb.fromGen

// ---------------------------------------------------------------------------------------------------------
// Moment checks
// ---------------------------------------------------------------------------------------------------------

/// Σ = Q diag(λ) Qᵀ (i ≤ j summed over k in order, mirrored).
let private covarianceOf (q: float[,]) (lambda: float[]) =
    let d = lambda.Length
    let sigma = Array2D.zeroCreate d d
    for i in 0 .. d - 1 do
        for j in i .. d - 1 do
            let mutable s = 0.0
            for k in 0 .. d - 1 do
                s <- s + lambda[k] * q[i, k] * q[j, k]
            sigma[i, j] <- s
            sigma[j, i] <- s
    sigma

/// Checks a Gaussian sample against N(μ, Σ). Oracles: sample mean x̄_i has variance Σ_ii/n; with the known
/// μ, Ĉ_ij = (1/n) Σ (x_i − μ_i)(x_j − μ_j) is unbiased with variance (Σ_ii Σ_jj + Σ_ij²)/n (Isserlis:
/// E[x_i² x_j²] = Σ_ii Σ_jj + 2Σ_ij² for centred Gaussians). Tolerance kSE standard errors each.
let private checkGaussianMoments (label: string) (data: Dataset) (mu: float[]) (sigma: float[,]) =
    let n = data.Count
    let d = data.Dimension
    let x = data.Samples.ToArray()
    let mean = data.Mean()
    for i in 0 .. d - 1 do
        within (sprintf "%s: mean[%d]" label i) "μ_i" mu[i] mean[i] (kSE * sqrt (sigma[i, i] / float n)) "5.5·√(Σ_ii/n)"
    for i in 0 .. d - 1 do
        for j in i .. d - 1 do
            let mutable s = 0.0
            for k in 0 .. n - 1 do
                s <- s + (x[k * d + i] - mu[i]) * (x[k * d + j] - mu[j])
            let se = sqrt ((sigma[i, i] * sigma[j, j] + sigma[i, j] * sigma[i, j]) / float n)
            within (sprintf "%s: covariance[%d,%d]" label i j) "Σ_ij" sigma[i, j] (s / float n) (kSE * se) "5.5·√((Σ_iiΣ_jj + Σ_ij²)/n)"

let private bits (x: float) = BitConverter.DoubleToInt64Bits x

let private sameBits (label: string) (a: Dataset) (b: Dataset) =
    require (a.Count = b.Count && a.Dimension = b.Dimension) (sprintf "%s: shapes differ" label)
    let xa, xb = a.Samples.ToArray(), b.Samples.ToArray()
    for k in 0 .. xa.Length - 1 do
        if bits xa[k] <> bits xb[k] then failwithf "%s: value %d differs: %.17g vs %.17g" label k xa[k] xb[k]

// ---------------------------------------------------------------------------------------------------------
// Gaussian sources
// ---------------------------------------------------------------------------------------------------------

[<Property(Arbitrary = [| typeof<DataGenerators> |], MaxTest = 10)>]
let ``Gaussian samples have mean μ and covariance Σ within 5.5 standard errors`` (c: GaussianCase) =
    let q = DataSources.RandomOrthogonal(c.Dimension, rng (c.Seed + 1UL))
    let sigma = covarianceOf q c.Spectrum
    let data = DataSources.Gaussian(c.Mean, sigma, nSamples, rng c.Seed)
    checkGaussianMoments "Gaussian" data c.Mean sigma

[<Property(Arbitrary = [| typeof<DataGenerators> |], MaxTest = 10)>]
let ``a spectral Gaussian has orthonormal eigenvectors, Σ = Q diag(λ) Qᵀ, and samples with that mean and covariance`` (c: GaussianCase) =
    let s = DataSources.GaussianWithSpectrum(c.Spectrum, nSamples, rng c.Seed, c.Mean)
    let d = c.Dimension
    let q = s.Eigenvectors
    require (q.Length = d && q |> Array.forall (fun v -> v.Length = d)) (sprintf "eigenvectors: expected %d of length %d" d d)
    // Householder QR (Higham, Accuracy and Stability, Thm 19.4): each computed column of Q is within
    // γ̃_{d²} = c·d²·u of an exactly orthonormal one; with c = 8 and the dot product's own d·u,
    // |q_k·q_l − δ_kl| ≤ 2·8·d²·u + d·u ≤ 17·d²·u.
    let orthoTol = 17.0 * float (d * d) * unitRoundoff
    let mutable worst = 0.0
    for k in 0 .. d - 1 do
        for l in 0 .. d - 1 do
            let dot = Array.fold2 (fun acc a b -> acc + a * b) 0.0 q[k] q[l]
            let delta = if k = l then 1.0 else 0.0
            worst <- max worst (abs (dot - delta))
            within (sprintf "q_%d·q_%d" k l) "δ_kl" delta dot orthoTol "17·d²·u"
    // Σ_ij = Σ_k λ_k q_k[i] q_k[j]: d products and d − 1 sums, each rounding ≤ u of the running magnitude:
    // |error| ≤ (d + 2)·u·Σ_k λ_k |q_k[i] q_k[j]|, doubled for the two independent evaluations.
    for i in 0 .. d - 1 do
        for j in 0 .. d - 1 do
            let terms = [ for k in 0 .. d - 1 -> c.Spectrum[k] * q[k][i] * q[k][j] ]
            let magnitude = terms |> List.sumBy abs
            within (sprintf "Σ[%d,%d]" i j) "Q diag(λ) Qᵀ" (List.sum terms) s.Covariance[i, j] (2.0 * float (d + 2) * unitRoundoff * magnitude) "2(d+2)·u·Σ|λ q q|"
            if bits s.Covariance[i, j] <> bits s.Covariance[j, i] then failwithf "Σ not exactly symmetric at [%d,%d]" i j
    require (s.Eigenvalues = c.Spectrum && s.Mean = c.Mean) "eigenvalues and mean are returned as given"
    checkGaussianMoments "spectral Gaussian" s.Data c.Mean s.Covariance

[<Fact>]
let ``the 10 % eigengap spectrum is λ1 = 1, λ2 = 0.9, then linear down to 2·0.9/d, and samples have variance λ_k along q_k`` () =
    let d = 20
    let lambda = DataSources.EigengapSpectrum(d, 0.1)
    assertAbs "λ1" 1.0 lambda[0] 0.0
    // (1 − gap)·(1 − (k − 2)/d): two roundings and the rounding of 1 − gap, each ≤ u relative.
    for k in 2 .. d do
        assertRel (sprintf "λ%d" k) (0.9 * (1.0 - float (k - 2) / float d)) lambda[k - 1] (4.0 * unitRoundoff)
    require (Array.pairwise lambda |> Array.forall (fun (a, b) -> a > b) && lambda[d - 1] > 0.0) (sprintf "spectrum not positive and strictly decreasing: %A" lambda)
    assertRel "relative eigengap (λ1 − λ2)/λ1" 0.1 ((lambda[0] - lambda[1]) / lambda[0]) (8.0 * unitRoundoff)
    // Oracle: along an eigenvector, y = q_k·(x − μ) ~ N(0, λ_k), so (1/n) Σ y² has variance 2λ_k²/n (χ²).
    let s = DataSources.GaussianWithSpectrum(lambda, nSamples, rng 20UL)
    let x = s.Data.Samples.ToArray()
    for k in 0 .. d - 1 do
        let q = s.Eigenvectors[k]
        let mutable acc = 0.0
        for m in 0 .. nSamples - 1 do
            let mutable y = 0.0
            for i in 0 .. d - 1 do
                y <- y + q[i] * x[m * d + i]
            acc <- acc + y * y
        within (sprintf "variance along q_%d" (k + 1)) "λ_k" lambda[k] (acc / float nSamples) (kSE * sqrt (2.0 * lambda[k] * lambda[k] / float nSamples)) "5.5·√(2λ_k²/n)"

[<Property(Arbitrary = [| typeof<DataGenerators> |], MaxTest = 20)>]
let ``the same seed gives bit-identical data from every source, and another seed different data`` (c: GaussianCase) =
    let d = c.Dimension
    let sigma = covarianceOf (DataSources.RandomOrthogonal(d, rng (c.Seed + 1UL))) c.Spectrum
    let mixing = Array2D.init d 2 (fun i j -> c.Spectrum[i] - float j)
    let p = Array.create d (1.0 / float d)
    let sources: (string * (uint64 -> Dataset)) list =
        [ "Gaussian", (fun seed -> DataSources.Gaussian(c.Mean, sigma, 50, rng seed))
          "GaussianWithSpectrum", (fun seed -> DataSources.GaussianWithSpectrum(c.Spectrum, 50, rng seed, c.Mean).Data)
          "TwoCluster", (fun seed -> DataSources.TwoCluster(c.Mean, c.Spectrum, 0.5, 0.3, 50, rng seed))
          "Laplacian", (fun seed -> DataSources.Laplacian(mixing, 50, rng seed))
          "OneHot", (fun seed -> DataSources.OneHot(p, 50, rng seed)) ]
    for name, draw in sources do
        sameBits name (draw c.Seed) (draw c.Seed)
        // 50 samples of a continuous distribution (or, for one-hot with d ≥ 2, 50 categorical draws that
        // coincide with probability ≤ (1/2)^50) cannot coincide for two seeds.
        if not (name = "OneHot" && d = 1) then
            require ((draw c.Seed).Samples.ToArray() <> (draw (c.Seed + 7919UL)).Samples.ToArray()) (sprintf "%s: two seeds gave the same data" name)

[<Fact>]
let ``Gaussian rejects a non-symmetric, a non-positive-definite or a mis-shaped covariance, naming the parameter`` () =
    let mean = [| 0.0; 0.0 |]
    let throwsArg (what: string) (f: unit -> 'a) (param: string) =
        let e = Assert.ThrowsAny<ArgumentException>(fun () -> f () |> ignore)
        require (e.ParamName = param) (sprintf "%s: ParamName %s, expected %s (%s)" what e.ParamName param e.Message)
    throwsArg "non-symmetric" (fun () -> DataSources.Gaussian(mean, array2D [ [ 1.0; 0.5 ]; [ 0.4; 1.0 ] ], 10, rng 1UL)) "covariance"
    throwsArg "indefinite" (fun () -> DataSources.Gaussian(mean, array2D [ [ 1.0; 2.0 ]; [ 2.0; 1.0 ] ], 10, rng 1UL)) "covariance"
    throwsArg "zero variance" (fun () -> DataSources.Gaussian(mean, array2D [ [ 1.0; 0.0 ]; [ 0.0; 0.0 ] ], 10, rng 1UL)) "covariance"
    throwsArg "shape" (fun () -> DataSources.Gaussian(mean, array2D [ [ 1.0 ] ], 10, rng 1UL)) "covariance"
    throwsArg "count" (fun () -> DataSources.Gaussian(mean, array2D [ [ 1.0; 0.0 ]; [ 0.0; 1.0 ] ], 0, rng 1UL)) "count"
    throwsArg "NaN mean" (fun () -> DataSources.Gaussian([| nan; 0.0 |], array2D [ [ 1.0; 0.0 ]; [ 0.0; 1.0 ] ], 5, rng 1UL)) "mean"
    throwsArg "negative eigenvalue" (fun () -> DataSources.GaussianWithSpectrum([| 1.0; -0.1 |], 5, rng 1UL)) "eigenvalues"
    throwsArg "gap" (fun () -> DataSources.EigengapSpectrum(20, 1.0)) "gap"
    throwsArg "one-hot sum" (fun () -> DataSources.OneHot([| 0.5; 0.5 + 1e-9 |], 5, rng 1UL)) "probabilities"
    throwsArg "one-hot negative" (fun () -> DataSources.OneHot([| 1.5; -0.5 |], 5, rng 1UL)) "probabilities"
    throwsArg "cluster probability" (fun () -> DataSources.TwoCluster(mean, mean, 1.0, 1.5, 5, rng 1UL)) "probabilityA"
    throwsArg "cluster spread" (fun () -> DataSources.TwoCluster(mean, mean, -1.0, 0.5, 5, rng 1UL)) "spread"

// ---------------------------------------------------------------------------------------------------------
// Laplacian, one-hot and two-cluster sources
// ---------------------------------------------------------------------------------------------------------

[<Property(MaxTest = 5)>]
let ``Laplacian sources have mean 0, unit variance and excess kurtosis 3 within 5.5 standard errors`` (seed: uint64) =
    // Unit-variance Laplace: E s^{2r} = (2r)!·b^{2r}, b² = 1/2, so E s² = 1, E s⁴ = 6, E s⁶ = 90, E s⁸ = 2520.
    // m̂2 = (1/n) Σ s²: Var = (E s⁴ − 1)/n = 5/n. Kurtosis excess κ̂ = m̂4/m̂2² − 3, delta method at (1, 6)
    // with gradient (−2·6, 1): n·Var κ̂ = 144·Var s² + Var s⁴ − 24·Cov(s², s⁴)
    // = 144·5 + (2520 − 36) − 24·(90 − 6) = 1188.  Mean: Var = 1/n.
    let n = 242_000 // 1.21 × 200 000 (see kSE)
    let m = 3
    let identity = Array2D.init m m (fun i j -> if i = j then 1.0 else 0.0)
    let data = DataSources.Laplacian(identity, n, rng seed)
    let x = data.Samples.ToArray()
    for j in 0 .. m - 1 do
        let mutable s1, s2, s4 = 0.0, 0.0, 0.0
        for k in 0 .. n - 1 do
            let v = x[k * m + j]
            s1 <- s1 + v
            s2 <- s2 + v * v
            s4 <- s4 + v * v * v * v
        let nf = float n
        let m2 = s2 / nf
        within (sprintf "source %d mean" j) "0" 0.0 (s1 / nf) (kSE * sqrt (1.0 / nf)) "5.5·√(1/n)"
        within (sprintf "source %d variance" j) "1" 1.0 m2 (kSE * sqrt (5.0 / nf)) "5.5·√(5/n)"
        within (sprintf "source %d excess kurtosis" j) "3" 3.0 (s4 / nf / (m2 * m2) - 3.0) (kSE * sqrt (1188.0 / nf)) "5.5·√(1188/n) (delta method)"

[<Property(MaxTest = 5)>]
let ``mixed Laplacian inputs have covariance A Aᵀ within 5.5 standard errors`` (seed: uint64) =
    // x = A s with independent zero-mean unit-variance s of fourth cumulant κ4 = 3, C = A Aᵀ:
    // E[x_i² x_j²] = C_ii C_jj + 2C_ij² + κ4 Σ_k A_ik² A_jk², so Ĉ_ij = (1/n) Σ x_i x_j has
    // variance (C_ii C_jj + C_ij² + 3 Σ_k A_ik² A_jk²)/n.
    let random = rng seed
    let d, m, n = 3, 4, nSamples
    let a = Array2D.init d m (fun _ _ -> 2.0 * random.NextDouble() - 1.0)
    let data = DataSources.Laplacian(a, n, random)
    let x = data.Samples.ToArray()
    let c i j = Seq.sum (seq { for k in 0 .. m - 1 -> a[i, k] * a[j, k] })
    for i in 0 .. d - 1 do
        for j in i .. d - 1 do
            let mutable s = 0.0
            for k in 0 .. n - 1 do
                s <- s + x[k * d + i] * x[k * d + j]
            let fourth = Seq.sum (seq { for k in 0 .. m - 1 -> a[i, k] ** 2.0 * a[j, k] ** 2.0 })
            let se = sqrt ((c i i * c j j + c i j ** 2.0 + 3.0 * fourth) / float n)
            within (sprintf "covariance[%d,%d]" i j) "(A Aᵀ)_ij" (c i j) (s / float n) (kSE * se) "5.5·√((C_iiC_jj + C_ij² + 3ΣA_ik²A_jk²)/n)"

[<Property(Arbitrary = [| typeof<DataGenerators> |], MaxTest = 15)>]
let ``one-hot samples are unit vectors with category frequencies p_j within 5.5 binomial standard errors`` (c: OneHotCase) =
    let total = float (Array.sum c.Weights)
    let p = c.Weights |> Array.map (fun w -> float w / total)
    let d = p.Length
    let data = DataSources.OneHot(p, nSamples, rng c.Seed)
    let x = data.Samples.ToArray()
    let counts = Array.zeroCreate d
    for k in 0 .. nSamples - 1 do
        let mutable ones, zeros, hot = 0, 0, -1
        for j in 0 .. d - 1 do
            let v = x[k * d + j]
            if v = 1.0 then
                ones <- ones + 1
                hot <- j
            elif v = 0.0 then zeros <- zeros + 1
        if not (ones = 1 && zeros = d - 1) then failwithf "sample %d is not one-hot: %A" k x[k * d .. k * d + d - 1]
        counts[hot] <- counts[hot] + 1
    for j in 0 .. d - 1 do
        // Binomial(n, p_j): SE of the frequency √(p_j(1 − p_j)/n); exactly 0 for p_j ∈ {0, 1}.
        let se = sqrt (p[j] * (1.0 - p[j]) / float nSamples)
        within (sprintf "frequency of category %d" j) "p_j" p[j] (float counts[j] / float nSamples) (kSE * se) "5.5·√(p(1−p)/n)"

[<Property(Arbitrary = [| typeof<DataGenerators> |], MaxTest = 15)>]
let ``two-cluster samples have mean p_A a + (1 − p_A) b and variance σ² + p_A(1 − p_A)(a − b)² within 5.5 standard errors`` (c: TwoClusterCase) =
    let d = c.A.Length
    let data = DataSources.TwoCluster(c.A, c.B, c.Spread, c.ProbabilityA, nSamples, rng c.Seed)
    let x = data.Samples.ToArray()
    let mean = data.Mean()
    let p, sigma2, n = c.ProbabilityA, c.Spread ** 2.0, float nSamples
    for i in 0 .. d - 1 do
        // y = x_i − μ_i = δ + σz with δ = (1 − p)Δ w.p. p and −pΔ w.p. 1 − p, Δ = a_i − b_i:
        // V = E y² = σ² + p(1 − p)Δ², E y⁴ = E δ⁴ + 6σ² E δ² + 3σ⁴ with E δ⁴ = p(1 − p)((1 − p)³ + p³)Δ⁴.
        // SE of the mean √(V/n); of (1/n) Σ y² (known μ) √((E y⁴ − V²)/n). When V = 0 every sample is the
        // centre and only the summation rounds: 2n·u·max|centre| (squared for the variance).
        let mu = p * c.A[i] + (1.0 - p) * c.B[i]
        let delta = c.A[i] - c.B[i]
        let d2 = p * (1.0 - p) * delta ** 2.0
        let d4 = p * (1.0 - p) * ((1.0 - p) ** 3.0 + p ** 3.0) * delta ** 4.0
        let variance = sigma2 + d2
        let fourth = d4 + 6.0 * sigma2 * d2 + 3.0 * sigma2 ** 2.0
        let rounding = 2.0 * n * unitRoundoff * max (abs c.A[i]) (abs c.B[i])
        within (sprintf "mean[%d]" i) "p a_i + (1 − p) b_i" mu mean[i] (kSE * sqrt (variance / n) + rounding) "5.5·√(V/n) + 2nu·max|centre|"
        let mutable s = 0.0
        for k in 0 .. nSamples - 1 do
            let y = x[k * d + i] - mu
            s <- s + y * y
        within (sprintf "variance[%d]" i) "σ² + p(1 − p)Δ²" variance (s / n) (kSE * sqrt ((fourth - variance ** 2.0) / n) + rounding ** 2.0) "5.5·√((E y⁴ − V²)/n) + (2nu·max|centre|)²"

[<Property(Arbitrary = [| typeof<DataGenerators> |], MaxTest = 15)>]
let ``with zero spread every two-cluster sample is a centre, and cluster A's share is within 5.5 binomial standard errors`` (c: TwoClusterCase) =
    let d = c.A.Length
    let b = Array.mapi (fun i v -> if v = c.A[i] then v + 1.0 else v) c.B // distinct centres
    let data = DataSources.TwoCluster(c.A, b, 0.0, c.ProbabilityA, nSamples, rng c.Seed)
    let x = data.Samples.ToArray()
    let mutable fromA = 0
    let equals (centre: float[]) k =
        let mutable same = true
        for i in 0 .. d - 1 do
            same <- same && bits x[k * d + i] = bits centre[i]
        same
    for k in 0 .. nSamples - 1 do
        if equals c.A k then fromA <- fromA + 1
        elif not (equals b k) then failwithf "sample %d = %A is neither centre" k x[k * d .. k * d + d - 1]
    let p = c.ProbabilityA
    within "share of cluster A" "p_A" p (float fromA / float nSamples) (kSE * sqrt (p * (1.0 - p) / float nSamples)) "5.5·√(p(1−p)/n)"

// ---------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------

/// A fresh temporary directory, deleted by the caller.
let private withTempDir (f: string -> unit) =
    let dir = Path.Combine(Path.GetTempPath(), "plasticity-data-" + Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory dir |> ignore
    try f dir finally Directory.Delete(dir, true)

/// Finite doubles from uniformly random bit patterns (all exponents, subnormals and signs), plus the edge values.
let private randomDoubles (count: int) (random: Random) =
    let edges = [| 0.0; -0.0; Double.Epsilon; -Double.Epsilon; Double.MaxValue; Double.MinValue; 2.2250738585072014e-308; 0.1; 1.0 / 3.0 |]
    Array.init count (fun k ->
        if k < edges.Length && random.Next 2 = 0 then edges[k]
        else
            let mutable v = nan
            while not (Double.IsFinite v) do
                v <- BitConverter.Int64BitsToDouble(random.NextInt64(Int64.MinValue, Int64.MaxValue))
            v)

[<Property(Arbitrary = [| typeof<DataGenerators> |], MaxTest = 40)>]
let ``CSV round trips of random doubles are bit-exact, with and without a header`` (c: CsvCase) =
    let random = rng c.Seed
    let rows = Array.init c.Rows (fun _ -> randomDoubles c.Columns random)
    withTempDir (fun dir ->
        for header in [ None; Some(String.Join(",", Array.init c.Columns (sprintf "x%d"))) ] do
            let path = Path.Combine(dir, "rows.csv")
            CsvDataset.WriteRows(path, rows, Option.toObj header)
            let back = CsvDataset.ReadRows path
            require (back.Length = rows.Length) (sprintf "read %d rows, wrote %d" back.Length rows.Length)
            for k in 0 .. rows.Length - 1 do
                for j in 0 .. c.Columns - 1 do
                    let wrote, read = rows[k][j], back[k][j]
                    if bits read <> bits wrote then failwithf "row %d column %d: wrote %.17g, read %.17g" k j wrote read
            if c.Rows >= 2 then
                let data = Dataset.FromRows rows
                CsvDataset.Write(path, data, Option.toObj header)
                sameBits "Dataset round trip" data (CsvDataset.Read path))

[<Fact>]
let ``CSV reading tolerates CRLF, surrounding spaces and trailing blank lines`` () =
    withTempDir (fun dir ->
        let path = Path.Combine(dir, "ok.csv")
        File.WriteAllText(path, "a , b\r\n 1.5, -2e-3 \r\n3,4\r\n\r\n   \n")
        let data = CsvDataset.Read path
        require (data.Count = 2 && data.Dimension = 2) (sprintf "shape %d×%d, expected 2×2" data.Count data.Dimension)
        require (data.Samples.ToArray() = [| 1.5; -2e-3; 3.0; 4.0 |]) (sprintf "values %A" (data.Samples.ToArray())))

/// Bad files: content (None = missing file), reader, expected problem text after "path: ", row and column.
let private badFiles: (string * string option * bool * string * int option * int option) list =
    let ragged = String.replicate 6 "1,2,3,4\n" + "1,2,3\n1,2,3,4\n"
    [ "missing", None, true, "file not found", None, None
      "empty", Some "", true, "the file is empty", None, None
      "blank lines only", Some "\n  \n", true, "the file has only blank lines", None, None
      "header only", Some "a,b\n", true, "no data rows after the header in row 1; at least 2 samples are required", None, None
      "one sample", Some "a,b\n1,2\n", true, "1 data row; at least 2 samples are required", None, None
      "no rows (ReadRows)", Some "a,b\n\n", false, "no data rows after the header in row 1; at least 1 row is required", None, None
      "ragged", Some ragged, true, "row 7 has 3 columns; expected 4 (as row 1)", Some 7, None
      "ragged after header", Some "a,b\n1,2\n1,2,3\n", true, "row 3 has 3 columns; expected 2 (as the header in row 1)", Some 3, None
      "non-numeric", Some "x,y\n1,2\n3,abc\n5,6\n", true, "row 3, column 2: \"abc\" is not a number", Some 3, Some 2
      "empty cell", Some "1,2\n3,\n", false, "row 2, column 2: \"\" is not a number", Some 2, Some 2
      "NaN", Some "1,2\n3,NaN\n", true, "row 2, column 2: \"NaN\" is not finite", Some 2, Some 2
      "NaN in the first row is data", Some "NaN,1\n2,3\n", true, "row 1, column 1: \"NaN\" is not finite", Some 1, Some 1
      "infinity", Some "1,2\n-Infinity,4\n", true, "row 2, column 1: \"-Infinity\" is not finite", Some 2, Some 1
      "overflow", Some "1,2\n3,4\n1e999,0\n", true, "row 3, column 1: \"1e999\" is not finite", Some 3, Some 1
      "interior blank line", Some "1,2\n\n3,4\n", true, "row 2 is blank; blank lines are allowed only at the end", Some 2, None
      "leading blank line", Some "\n1,2\n3,4\n", true, "row 1 is blank; blank lines are allowed only at the end", Some 1, None ]

[<Fact>]
let ``each bad CSV gives a one-line DataFileException naming the file, the row and the column`` () =
    withTempDir (fun dir ->
        for name, content, asDataset, problem, row, column in badFiles do
            let path = Path.Combine(dir, name.Replace(' ', '-') + ".csv")
            content |> Option.iter (fun text -> File.WriteAllText(path, text))
            let read () = if asDataset then CsvDataset.Read path |> ignore else CsvDataset.ReadRows path |> ignore
            let e = Assert.Throws<DataFileException>(read)
            let expected = path + ": " + problem
            require (e.Message = expected) (sprintf "%s: message\n  %s\nexpected\n  %s" name e.Message expected)
            require (not (e.Message.Contains '\n' || e.Message.Contains '\r')) (sprintf "%s: message has a line break" name)
            require (e.FilePath = path && e.Row = Option.toNullable row && e.Column = Option.toNullable column)
                (sprintf "%s: FilePath/Row/Column = %s/%A/%A, expected %s/%A/%A" name e.FilePath e.Row e.Column path row column))
