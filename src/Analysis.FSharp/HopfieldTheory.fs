namespace Plasticity.Analysis

open System
open MathNet.Numerics

/// <summary>
/// Whether the Hebbian coupling matrix keeps its diagonal w_ii = P/N (<c>Keep</c>, W = (1/N)ΞᵀΞ)
/// or has it removed (<c>Zero</c>, w_ii = 0, the convention of the core network).
/// </summary>
[<RequireQualifiedAccess>]
type Diagonal =
    /// <summary>w_ii = 0 (W = (1/N)ΞᵀΞ − (P/N)·I).</summary>
    | Zero
    /// <summary>w_ii = P/N (W = (1/N)ΞᵀΞ).</summary>
    | Keep

/// <summary>
/// Critical point of the Amit–Gutfreund–Sompolinsky T = 0 replica-symmetric retrieval solution.
/// </summary>
type AgsCriticalPoint =
    {
        /// <summary>Critical load α_c = max_y F(y)²/2 ≈ 0.1379.</summary>
        AlphaC: float
        /// <summary>Retrieval overlap at α_c, m(α_c) = erf(y*) ≈ 0.9674.</summary>
        OverlapAtAlphaC: float
        /// <summary>y* = argmax_y F(y) ≈ 1.51, the value of y = m/√(2αr) at α_c.</summary>
        YAtAlphaC: float
    }

/// <summary>
/// Amit–Gutfreund–Sompolinsky T = 0 replica-symmetric retrieval solution at load α
/// (see <c>HopfieldTheory.agsRetrievalSolution</c> for the equations).
/// </summary>
type AgsSolution =
    {
        /// <summary>Load α = P/N.</summary>
        Alpha: float
        /// <summary>Retrieval overlap m = erf(y).</summary>
        Overlap: float
        /// <summary>Auxiliary variable y = m/√(2αr).</summary>
        Y: float
        /// <summary>Noise renormalisation r = 1/(1 − C)² (variance of the crosstalk in units of α).</summary>
        R: float
        /// <summary>Zero-temperature susceptibility C = √(2/(παr))·exp(−y²).</summary>
        C: float
    }

/// <summary>
/// Finite-size law of the largest eigenvalue of a Hebbian coupling matrix:
/// λ_max ≈ Location + Scale·TW₁ with TW₁ the Tracy–Widom (GOE, β = 1) law.
/// </summary>
type LargestEigenvalueLaw =
    {
        /// <summary>Centering constant μ/N (minus P/N for a zero diagonal) of Johnstone (2001).</summary>
        Location: float
        /// <summary>Scaling constant σ/N of Johnstone (2001).</summary>
        Scale: float
        /// <summary>Expected λ_max ≈ Location + Scale·E[TW₁] = Location − 1.2065·Scale.</summary>
        Mean: float
        /// <summary>Standard deviation of λ_max ≈ Scale·SD[TW₁] = 1.2680·Scale.</summary>
        StandardDeviation: float
    }

/// <summary>
/// Analytical results for Hopfield networks of N ±1 units storing P random unbiased ±1 patterns with
/// the Hebbian rule w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ, w_ii = 0, update s_i ← sgn(Σ_j w_ij s_j) where
/// sgn(0) keeps the current state. Load α = P/N. All functions are pure.
/// </summary>
[<RequireQualifiedAccess>]
module HopfieldTheory =

    let private counts (Neurons n) (Patterns p) =
        Numerics.requireAtLeast "n" 2 n
        Numerics.requireAtLeast "p" 1 p
        float n, float p

    // ------------------------------------------------------------------------------------------
    // Signal-to-noise and one-step errors
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Signal-to-noise ratio of the local field at a stored pattern, SNR = √(N/P) = 1/√α: the signal
    /// h_i ξ_i^ν = 1 against a crosstalk of variance ≈ P/N (Hertz, Krogh &amp; Palmer 1991, §2.2;
    /// Hopfield 1982). N = number of neurons, P = number of patterns.
    /// </summary>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="p">P ≥ 1.</param>
    let signalToNoise (Neurons n) (Patterns p) =
        Numerics.requireAtLeast "n" 1 n
        Numerics.requireAtLeast "p" 1 p
        sqrt (float n / float p)

    /// <summary>
    /// One-step per-bit error probability, LARGE-N LIMIT: P_err = ½ erfc(1/√(2α)), the probability
    /// that a bit of a stored pattern flips in one update when the crosstalk is Gaussian with variance
    /// α = P/N (Hertz, Krogh &amp; Palmer 1991, eq. 2.16; Amit, Gutfreund &amp; Sompolinsky 1987).
    /// Ignores the 1/N corrections; see <c>oneStepErrorExactVariance</c> and <c>oneStepErrorExact</c>.
    /// </summary>
    /// <param name="alpha">Load α = P/N, finite and &gt; 0.</param>
    let oneStepErrorLargeN (alpha: float) =
        Numerics.requirePositive "alpha" alpha
        0.5 * SpecialFunctions.Erfc(1.0 / sqrt (2.0 * alpha))

    /// <summary>
    /// One-step per-bit error probability, GAUSSIAN WITH THE EXACT CROSSTALK VARIANCE:
    /// from a stored pattern ξ^ν, N·h_i·ξ_i^ν = (N − 1) + S with S a sum of M = (N − 1)(P − 1)
    /// independent ±1 terms (mean 0, variance M). Replacing S by a Gaussian gives
    /// P_err = Φ(−(N − 1)/√M) = ½ erfc(√((N − 1)/(2(P − 1)))), Φ the standard normal CDF.
    /// P = 1 has no crosstalk and P_err = 0. Reduces to ½ erfc(1/√(2α)) as N → ∞
    /// (Hertz, Krogh &amp; Palmer 1991, §2.2; McEliece et al. 1987).
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    let oneStepErrorExactVariance (n: Neurons) (p: Patterns) =
        let nf, pf = counts n p

        if pf = 1.0 then
            0.0
        else
            0.5 * SpecialFunctions.Erfc(sqrt ((nf - 1.0) / (2.0 * (pf - 1.0))))

    /// <summary>
    /// One-step per-bit error probability, EXACT FINITE-N LAW (binomial): from a stored pattern
    /// ξ^ν, N·h_i·ξ_i^ν = (N − 1) + S, S = 2B − M, B ~ Binomial(M, ½), M = (N − 1)(P − 1).
    /// With sgn(0) keeping the (correct) state, a bit errs iff (N − 1) + S &lt; 0 strictly, i.e.
    /// P_err = Pr(B &lt; (N − 1)(P − 2)/2) = Pr(B ≤ ⌊((N − 1)(P − 2) − 1)/2⌋).
    /// P = 1 and P = 2 give exactly 0. Evaluated by summing Loader's (2000) binomial probabilities
    /// (<c>Numerics.binomialHalfLowerTail</c>; relative accuracy about 1e-13, also in the far tail and
    /// for M ≈ 1.4e7, i.e. N = 10000, P = 1400). Exact crosstalk law
    /// behind the Gaussian estimates of Hopfield (1982) and McEliece et al. (1987).
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    let oneStepErrorExact (n: Neurons) (p: Patterns) =
        let nf, pf = counts n p
        let m = (nf - 1.0) * (pf - 1.0)
        let kmax = floor (((nf - 1.0) * (pf - 2.0) - 1.0) / 2.0)
        Numerics.binomialHalfLowerTail m kmax

    /// The one-step crosstalk tail shared by the design effects: (N, P, t² = (N − 1)/(P − 1), p = ½erfc(t/√2), φ(t)),
    /// or None where no crosstalk exists (P = 1) or p underflows (both design effects are then 1).
    let private crosstalkTail (n: Neurons) (p: Patterns) =
        let nf, pf = counts n p

        if pf = 1.0 then
            None
        else
            let t2 = (nf - 1.0) / (pf - 1.0)
            let t = sqrt t2
            let perr = 0.5 * SpecialFunctions.Erfc(t / sqrt 2.0)
            if perr <= 0.0 then None else Some(nf, pf, t2, perr, Numerics.normalPdf t)

    /// <summary>
    /// Variance inflation (design effect) of the number of one-step errors counted over all N·P bits
    /// of one pattern set (each stored pattern updated once), relative to a Binomial(N·P, p) count:
    /// Var(errors) ≈ deff·N·P·p(1 − p), with
    ///   deff = 1 + φ(t)²·t²·(t² − 1)/(p(1 − p)),  t = √((N − 1)/(P − 1)),  p = ½ erfc(t/√2)
    /// (p the exact-variance error <c>oneStepErrorExactVariance</c>, φ the standard normal density).
    /// Derivation (this toolkit; second order in 1/N, 1/P at fixed t). Bit (i,ν) errs iff X &lt; −t with
    /// X = S_{iν}/√M, S_{iν} = Σ_{j≠i} Σ_{μ≠ν} ξ_i^μ ξ_i^ν ξ_j^μ ξ_j^ν, M = (N − 1)(P − 1).
    /// Var(errors) = N·P·p(1 − p) + Σ_{pairs} Cov. Expanding 1{x &lt; −t} = Σ_k c_k He_k(x)/k! in Hermite
    /// polynomials (c_1 = −φ(t), c_2 = t·φ(t)) gives, to second order,
    ///   Cov ≈ φ²·E[XY] − tφ²·(E[XY²] + E[X²Y])/2 + (t²φ²/4)·Cov(X², Y²).
    /// Two crosstalks share ±1 terms; counting the shared products:
    ///   (i = i′, ν ≠ ν′), N·P² pairs: E[XY] = 1/(P − 1), E[XY²] ≈ 2/√M, Cov(X², Y²) ≈ 2/(N − 1);
    ///   (i ≠ i′, ν = ν′), N²·P pairs: E[XY] = 1/(N − 1), E[XY²] ≈ 2/√M, Cov(X², Y²) ≈ 2/(P − 1);
    ///   (i ≠ i′, ν ≠ ν′), N²·P² pairs: E[XY] = 1/M, E[XY²] ≈ 2(N + P)/M^{3/2},
    ///   Cov(X², Y²) ≈ (2N² + 2P² + 12NP)/M².
    /// With N/P ≈ t², per N·P bits the first-order terms add 3φ², the E[XY²] terms −4φ²(t² + 1) and
    /// the Cov(X², Y²) terms φ²(t⁴ + 3t² + 1), in total φ²·t²(t² − 1). The dominant t⁴ part is the
    /// fluctuation of the pattern overlaps Σ_{μ&lt;ν} (ξ^μ·ξ^ν)², which scales the crosstalk variance of
    /// all bits at once. (The first-order terms alone, 1 + 3φ²/(p(1 − p)), miss it and underestimate
    /// badly: at N = 400, P = 40 simulation gives 1.78 ± 0.05, first order 1.03, this formula 1.79.)
    /// Checked against simulation for 50 ≤ N ≤ 1000 and t ≥ 1.4 (α ≲ 0.5): within about 10%, usually
    /// slightly low (N = 1000: P = 100 simulated 1.84 ± 0.08, formula 1.81; P = 138: 2.30 ± 0.13 vs
    /// 2.44; P = 200: 2.48 ± 0.18 vs 2.72). The expansion fails for t ≤ 1 (α ≳ 1), where the value is clamped to 1; it is
    /// also 1 for P = 1 (no crosstalk) and when p underflows.
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    let oneStepErrorVarianceInflation (n: Neurons) (p: Patterns) =
        match crosstalkTail n p with
        | None -> 1.0
        | Some(_, _, t2, perr, phi) -> max 1.0 (1.0 + phi * phi * t2 * (t2 - 1.0) / (perr * (1.0 - perr)))

    // ------------------------------------------------------------------------------------------
    // First synchronous step from a noisy cue
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Overlap of a cue made from a stored pattern by flipping exactly k bits: m0 = 1 − 2k/N.
    /// </summary>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="flips">k in [0, N].</param>
    let cueOverlap (Neurons n) (flips: int) =
        Numerics.requireAtLeast "n" 1 n
        Numerics.requireInRange "flips" 0 n flips
        1.0 - 2.0 * float flips / float n

    /// <summary>
    /// Overlap after one synchronous step from a cue of overlap m0, LARGE-N LIMIT:
    /// m1 = erf(m0/√(2α)) (signal m0, Gaussian crosstalk of variance α; Amit, Gutfreund &amp;
    /// Sompolinsky 1987; Hertz, Krogh &amp; Palmer 1991, §2.5). α = P/N.
    /// </summary>
    /// <param name="alpha">Load α, finite and &gt; 0.</param>
    /// <param name="m0">Initial overlap in [−1, 1].</param>
    let firstStepOverlapLargeN (alpha: float) (m0: float) =
        Numerics.requirePositive "alpha" alpha
        Numerics.requireInRangeFloat "m0" -1.0 1.0 m0
        SpecialFunctions.Erf(m0 / sqrt (2.0 * alpha))

    /// <summary>
    /// Expected overlap after one synchronous step, EXACT FINITE-N LAW (binomial). The cue s is a
    /// stored pattern ξ^ν with exactly k bits flipped, m0 = 1 − 2k/N. For unit i,
    /// N·h_i·ξ_i^ν = D + S with signal D = Σ_{j≠i} ξ_j^ν s_j (D = N·m0 − 1 for an unflipped bit,
    /// N·m0 + 1 for a flipped bit) and crosstalk S = 2B − M, B ~ Binomial(M, ½), M = (N − 1)(P − 1).
    /// Since sgn(0) keeps the current state: an unflipped bit is correct after the step iff D + S ≥ 0,
    /// i.e. Pr(wrong) = Pr(B ≤ ⌊(M − D − 1)/2⌋); a flipped bit is correct iff D + S &gt; 0, i.e.
    /// Pr(wrong) = Pr(B ≤ ⌊(M − D)/2⌋). Then m1 = (1/N)·Σ_i (1 − 2·Pr(wrong_i))
    /// = [(N − k)(1 − 2e_u) + k(1 − 2e_f)]/N. P = 1 (no crosstalk) is included (M = 0).
    /// Finite-N version of m1 = erf(m0/√(2α)) (Amit, Gutfreund &amp; Sompolinsky 1987).
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    /// <param name="flips">k in [0, N], the number of flipped bits of the cue.</param>
    let firstStepOverlapExact (n: Neurons) (p: Patterns) (flips: int) =
        let nf, pf = counts n p
        let (Neurons nInt) = n
        Numerics.requireInRange "flips" 0 nInt flips
        let k = float flips
        let m = (nf - 1.0) * (pf - 1.0)
        let overlapSum = nf - 2.0 * k // N·m0, an integer
        let dUnflipped = overlapSum - 1.0
        let dFlipped = overlapSum + 1.0
        let eUnflipped = Numerics.binomialHalfLowerTail m (floor ((m - dUnflipped - 1.0) / 2.0))
        let eFlipped = Numerics.binomialHalfLowerTail m (floor ((m - dFlipped) / 2.0))
        ((nf - k) * (1.0 - 2.0 * eUnflipped) + k * (1.0 - 2.0 * eFlipped)) / nf

    // ------------------------------------------------------------------------------------------
    // Amit–Gutfreund–Sompolinsky T = 0 retrieval
    // ------------------------------------------------------------------------------------------

    /// F(y) = erf(y)/y − (2/√π)·exp(−y²).
    let private agsF (y: float) =
        SpecialFunctions.Erf y / y - 2.0 / Numerics.sqrtPi * exp (-y * y)

    /// F′(y) = (2/√π)·exp(−y²)·(1/y + 2y) − erf(y)/y².
    let private agsFPrime (y: float) =
        2.0 / Numerics.sqrtPi * exp (-y * y) * (1.0 / y + 2.0 * y) - SpecialFunctions.Erf y / (y * y)

    let private criticalPoint =
        // F rises from 0 (y → 0) to its maximum near y ≈ 1.51 and then decays like 1/y.
        let ystar = Numerics.brentRoot agsFPrime 0.5 3.0
        let f = agsF ystar

        {
            AlphaC = f * f / 2.0
            OverlapAtAlphaC = SpecialFunctions.Erf ystar
            YAtAlphaC = ystar
        }

    /// <summary>
    /// Critical load of the Hopfield model, Amit, Gutfreund &amp; Sompolinsky (1985, 1987), T = 0
    /// replica-symmetric theory. With y = m/√(2αr) the retrieval equations reduce to
    /// √(2α) = F(y) = erf(y)/y − (2/√π)·exp(−y²) (see <c>agsRetrievalSolution</c>), i.e.
    /// α(y) = F(y)²/2. Retrieval solutions exist iff α ≤ α_c = max_y α(y) = F(y*)²/2, y* the root of
    /// F′(y) = (2/√π)·exp(−y²)·(1/y + 2y) − erf(y)/y² = 0 (Brent). Results: α_c ≈ 0.13794,
    /// m(α_c) = erf(y*) ≈ 0.9674 (published 0.138 and 0.967).
    /// </summary>
    let agsCriticalLoad () : AgsCriticalPoint = criticalPoint

    /// <summary>
    /// Replica-symmetric T = 0 retrieval solution of Amit, Gutfreund &amp; Sompolinsky (1987), load
    /// α = P/N, overlap m with the retrieved pattern:
    ///   m = erf(m/√(2αr)),  C = √(2/(παr))·exp(−m²/(2αr)),  r = 1/(1 − C)².
    /// Derivation of the single equation: set y = m/√(2αr), so m = erf(y) and
    /// C = (2/√π)(1/√(2αr))·exp(−y²) = (2/√π)(y/m)·exp(−y²). From √r = 1/(1 − C),
    /// √(2α) = m/(y√r) = (m/y)(1 − C) = erf(y)/y − (2/√π)·exp(−y²) = F(y).
    /// F rises from 0 to its maximum F(y*) = √(2α_c) and then decreases to 0 like 1/y; the retrieval
    /// (stable, large-m) branch is the unique root of F(y) = √(2α) on [y*, ∞), found by Brent with the
    /// upper end expanded until F &lt; √(2α) (for small α, y ≈ 1/√(2α)). Returns None for α &gt; α_c.
    /// </summary>
    /// <param name="alpha">Load α, finite and &gt; 0.</param>
    let agsRetrievalSolution (alpha: float) : AgsSolution option =
        Numerics.requirePositive "alpha" alpha
        let cp = criticalPoint

        if alpha > cp.AlphaC then
            None
        else
            let target = sqrt (2.0 * alpha)
            let g y = agsF y - target
            let lower = cp.YAtAlphaC

            let y =
                if g lower <= 0.0 then
                    lower
                else
                    let mutable upper = max (2.0 * lower) (1.0 / target + 1.0)

                    while g upper >= 0.0 do
                        upper <- 2.0 * upper

                    Numerics.brentRoot g lower upper

            let m = SpecialFunctions.Erf y
            let c = 2.0 / Numerics.sqrtPi * (y / m) * exp (-y * y)
            let r = 1.0 / ((1.0 - c) * (1.0 - c))

            Some
                {
                    Alpha = alpha
                    Overlap = m
                    Y = y
                    R = r
                    C = c
                }

    /// <summary>
    /// Retrieval overlap m(α) of the Amit, Gutfreund &amp; Sompolinsky (1987) T = 0 replica-symmetric
    /// theory: the overlap of <c>agsRetrievalSolution</c> (m = erf(y), √(2α) = erf(y)/y − (2/√π)e^{−y²},
    /// y ≥ y*). None above α_c ≈ 0.1379 (black-out catastrophe); m(α_c) ≈ 0.9674, m → 1 as α → 0.
    /// </summary>
    /// <param name="alpha">Load α, finite and &gt; 0.</param>
    let agsRetrievalOverlap (alpha: float) : float option =
        agsRetrievalSolution alpha |> Option.map (fun s -> s.Overlap)

    // ------------------------------------------------------------------------------------------
    // Perfect recall (McEliece et al. 1987)
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Largest P for which ONE given stored pattern is a fixed point with probability → 1:
    /// P_max = N/(2 ln N) (McEliece, Posner, Rodemich &amp; Venkatesh 1987). N = number of neurons.
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    let perfectRecallSinglePattern (Neurons n) =
        Numerics.requireAtLeast "n" 2 n
        float n / (2.0 * log (float n))

    /// <summary>
    /// Largest P for which ALL stored patterns are fixed points with probability → 1:
    /// P_max = N/(4 ln N) (McEliece, Posner, Rodemich &amp; Venkatesh 1987). N = number of neurons.
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    let perfectRecallAllPatterns (Neurons n) =
        Numerics.requireAtLeast "n" 2 n
        float n / (4.0 * log (float n))

    /// <summary>
    /// Probability that one given stored pattern is a fixed point (no bit flips in one step),
    /// INDEPENDENCE APPROXIMATION: (1 − p)^N = exp(N·log1p(−p)), p = <c>oneStepErrorExact</c>.
    /// Treats the N bit errors as independent (their crosstalks share P − 1 terms each, correlation
    /// 1/(N − 1)); the argument behind N/(2 ln N) of McEliece et al. (1987).
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    let probabilityPatternFixed (n: Neurons) (p: Patterns) =
        let nf, _ = counts n p
        let perr = oneStepErrorExact n p
        exp (nf * Numerics.log1p (-perr))

    /// <summary>
    /// Probability that all P stored patterns are fixed points (no bit of any pattern flips in one
    /// step), INDEPENDENCE APPROXIMATION: (1 − p)^(N·P) = exp(N·P·log1p(−p)), p = <c>oneStepErrorExact</c>.
    /// Ignores the weak correlations between the N·P bit errors (see
    /// <c>oneStepErrorVarianceInflation</c>); the argument behind N/(4 ln N) of McEliece et al. (1987).
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    let probabilityAllPatternsFixed (n: Neurons) (p: Patterns) =
        let nf, pf = counts n p
        let perr = oneStepErrorExact n p
        exp (nf * pf * Numerics.log1p (-perr))

    /// <summary>
    /// Variance inflation of the number of one-step errors among the N bits of ONE stored pattern, relative
    /// to a Binomial(N, p) count: 1 + (N − 1)·Cov/(p(1 − p)) with the pair covariance of two bits of the same
    /// pattern (i ≠ i′, ν = ν′) from the expansion behind <c>oneStepErrorVarianceInflation</c>:
    ///   Cov ≈ φ(t)²·[1/(N − 1) − 2t/√M + t²/(2(P − 1))],  t = √((N − 1)/(P − 1)),  M = (N − 1)(P − 1),
    /// p = ½ erfc(t/√2). The t² term is the shared fluctuation of the P − 1 overlaps ξ^μ·ξ^ν, which scales
    /// the crosstalk of all N bits of pattern ν at once. Clamped to ≥ 1; 1 for P = 1 and when p underflows.
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    let patternErrorVarianceInflation (n: Neurons) (p: Patterns) =
        match crosstalkTail n p with
        | None -> 1.0
        | Some(nf, pf, t2, perr, phi) ->
            let t = sqrt t2
            let m = (nf - 1.0) * (pf - 1.0)
            let cov = phi * phi * (1.0 / (nf - 1.0) - 2.0 * t / sqrt m + t2 / (2.0 * (pf - 1.0)))
            max 1.0 (1.0 + (nf - 1.0) * cov / (perr * (1.0 - perr)))

    /// Pr(no error) for an over-dispersed count: negative binomial with the Poisson mean −bits·log(1 − p)
    /// and variance inflation d (r = mean/(d − 1)), Pr(0) = d^(−mean/(d − 1)); exactly (1 − p)^bits at d = 1.
    let private zeroErrorProbability (bits: float) (perr: float) (inflation: float) =
        let mean = -bits * Numerics.log1p (-perr)

        if inflation <= 1.0 + 1e-12 then
            exp (-mean)
        else
            exp (-mean * log inflation / (inflation - 1.0))

    /// <summary>
    /// Probability that one given stored pattern is a fixed point, CORRECTED FOR CORRELATED BITS: the N bit
    /// errors of one pattern share the fluctuation of the pattern overlaps, so their count is over-dispersed
    /// (variance inflation <c>patternErrorVarianceInflation</c>); modelled as a negative binomial with the
    /// Poisson mean −N·log(1 − p), Pr(0) = d^(−mean/(d − 1)). Reduces to <c>probabilityPatternFixed</c> when
    /// d = 1. The independence value is a lower bound when the correlation comes from a shared random scale
    /// (Jensen: E[(1 − p(O))^N] ≥ (1 − E p(O))^N), and this correction moves towards the truth: simulated at
    /// N = 300–500 it removes 75–90 % of the gap (N = 500, P = 40: independence 0.9190, corrected 0.9242,
    /// simulated 0.9259 over 80,000 patterns).
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    let probabilityPatternFixedOverdispersed (n: Neurons) (p: Patterns) =
        let nf, _ = counts n p
        zeroErrorProbability nf (oneStepErrorExact n p) (patternErrorVarianceInflation n p)

    /// <summary>
    /// Probability that all P stored patterns are fixed points, CORRECTED FOR CORRELATED BITS: negative
    /// binomial zero class with the Poisson mean −N·P·log(1 − p) and the variance inflation
    /// <c>oneStepErrorVarianceInflation</c>. Reduces to <c>probabilityAllPatternsFixed</c> when the inflation
    /// is 1. Simulated (N = 500, P = 40, 2000 pattern sets): independence 0.0341, corrected 0.0572,
    /// simulated 0.0615 ± 0.0054; at N = 300, P = 26: 0.132, 0.192, 0.193 ± 0.006.
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    let probabilityAllPatternsFixedOverdispersed (n: Neurons) (p: Patterns) =
        let nf, pf = counts n p
        zeroErrorProbability (nf * pf) (oneStepErrorExact n p) (oneStepErrorVarianceInflation n p)

    // ------------------------------------------------------------------------------------------
    // Odd mixture states
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Overlap of the symmetric odd mixture state sgn(ξ^1 + … + ξ^n) with each of its n components
    /// in the α → 0 limit: m_n = 2^{−(n−1)}·C(n − 1, (n − 1)/2) (the component's own bit decides
    /// unless the other n − 1 cancel; Amit, Gutfreund &amp; Sompolinsky 1985). m_1 = 1, m_3 = 1/2,
    /// m_5 = 3/8. Computed as Π_{j=1}^{(n−1)/2} (2j − 1)/(2j) (exact for small n), via log-binomial
    /// (MathNet SpecialFunctions.BinomialLn) for large n.
    /// </summary>
    /// <param name="components">n, an odd integer ≥ 1.</param>
    let mixtureOverlap (components: int) =
        if components < 1 || components % 2 = 0 then
            raise (
                ArgumentOutOfRangeException(
                    "components",
                    components,
                    "components must be an odd integer ≥ 1 (even mixtures have ties)."
                )
            )

        let h = (components - 1) / 2

        if h <= 1000 then
            let mutable m = 1.0

            for j in 1..h do
                m <- m * float (2 * j - 1) / float (2 * j)

            m
        else
            exp (SpecialFunctions.BinomialLn(2 * h, h) - float (2 * h) * log 2.0)

    /// <summary>
    /// Energy per neuron of the symmetric odd n-mixture in the α → 0 limit:
    /// E/N = −½ Σ_μ m_μ² = −(n/2)·m_n² (Hebbian energy with zero diagonal, P/(2N) → 0;
    /// Amit, Gutfreund &amp; Sompolinsky 1985). Pure pattern −0.5, 3-mixture −0.375, 5-mixture −0.3515625.
    /// </summary>
    /// <param name="components">n, an odd integer ≥ 1.</param>
    let mixtureEnergyPerNeuron (components: int) =
        let m = mixtureOverlap components
        -0.5 * float components * m * m

    // ------------------------------------------------------------------------------------------
    // Spectrum of the Hebbian matrix
    // ------------------------------------------------------------------------------------------

    /// <summary>Mean of the Tracy–Widom GOE (β = 1) law TW₁: −1.2065335745820 (Tracy &amp; Widom 1996;
    /// numerical value Bornemann 2010).</summary>
    let tracyWidom1Mean = -1.2065335745820

    /// <summary>Standard deviation of TW₁: √1.6077810345810 ≈ 1.2680 (Tracy &amp; Widom 1996;
    /// numerical value Bornemann 2010).</summary>
    let tracyWidom1StandardDeviation = sqrt 1.6077810345810

    /// <summary>
    /// Large-N edge of the spectrum of the Hebbian matrix W = (1/N)ΞᵀΞ (Ξ the P×N ±1 pattern matrix)
    /// at load α = P/N: λ_max → (1 + √α)² (upper edge of the Marchenko–Pastur law, Marchenko &amp;
    /// Pastur 1967). With a zero diagonal W − (P/N)·I, so λ_max → (1 + √α)² − α = 1 + 2√α.
    /// </summary>
    /// <param name="alpha">Load α, finite and &gt; 0.</param>
    /// <param name="diagonal">Keep (w_ii = α) or Zero (w_ii = 0).</param>
    let hebbianLargestEigenvalue (alpha: float) (diagonal: Diagonal) =
        Numerics.requirePositive "alpha" alpha
        let edge = (1.0 + sqrt alpha) ** 2.0

        match diagonal with
        | Diagonal.Keep -> edge
        | Diagonal.Zero -> edge - alpha

    /// <summary>
    /// Finite-N law of the largest eigenvalue of the Hebbian matrix. For the P×N pattern matrix Ξ
    /// (here N plays the sample size n, P the dimension p of Johnstone 2001),
    /// λ_max(ΞΞᵀ) ≈ μ + σ·TW₁ with μ = (√(N − 1) + √P)², σ = (√(N − 1) + √P)(1/√(N − 1) + 1/√P)^{1/3}
    /// (Johnstone 2001, Gaussian entries; ±1 entries by universality, Soshnikov 2002).
    /// For W = (1/N)ΞᵀΞ: Location = μ/N, Scale = σ/N (Zero diagonal: Location − P/N);
    /// Mean = Location + E[TW₁]·Scale, StandardDeviation = SD[TW₁]·Scale.
    /// Sampled Gaussian matrices match this law; for ±1 patterns at N = 200–400 the sampled mean lies
    /// about 0.4 standard deviations lower and the spread is about 15% smaller (finite-size effect of
    /// the non-Gaussian entries, which vanishes as N grows).
    /// </summary>
    /// <param name="n">N ≥ 2.</param>
    /// <param name="p">P ≥ 1.</param>
    /// <param name="diagonal">Keep (w_ii = P/N) or Zero (w_ii = 0).</param>
    let hebbianLargestEigenvalueFinite (n: Neurons) (p: Patterns) (diagonal: Diagonal) : LargestEigenvalueLaw =
        let nf, pf = counts n p
        let a = sqrt (nf - 1.0)
        let b = sqrt pf
        let mu = (a + b) * (a + b)
        let sigma = (a + b) * Math.Cbrt(1.0 / a + 1.0 / b)

        let shift =
            match diagonal with
            | Diagonal.Keep -> 0.0
            | Diagonal.Zero -> pf / nf

        let location = mu / nf - shift
        let scale = sigma / nf

        {
            Location = location
            Scale = scale
            Mean = location + tracyWidom1Mean * scale
            StandardDeviation = tracyWidom1StandardDeviation * scale
        }
