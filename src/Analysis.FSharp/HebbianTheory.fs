namespace Plasticity.Analysis

open System
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.LinearAlgebra.Factorization

/// <summary>
/// Eigenpairs C e_k = λ_k e_k of a real symmetric d×d matrix, in descending order λ_1 ≥ λ_2 ≥ … ≥ λ_d.
/// </summary>
type Eigenpairs =
    {
        /// <summary>Eigenvalues λ_1 ≥ λ_2 ≥ … ≥ λ_d (units of the matrix entries, rate² for C).</summary>
        Values: float[]
        /// <summary>
        /// Unit eigenvectors: <c>Vectors[k]</c> is e_{k+1} (length d), mutually orthonormal. Sign
        /// convention: the entry of largest magnitude is positive (the first such entry on an exact tie).
        /// </summary>
        Vectors: float[][]
    }

/// <summary>
/// Time constants and growth rates that the averaged theory predicts for the two-factor rules of a
/// linear neuron y = w·x on inputs with correlation C (see <c>HebbianTheory.ruleTimeConstants</c>).
/// Continuous times t are in units of 1/η (t = η·steps for the averaged discrete rule), so the
/// predicted number of steps is t/η; the <c>…Steps</c> fields give that conversion.
/// </summary>
type RulePredictions =
    {
        /// <summary>Learning rate η used for the per-step figures.</summary>
        Eta: float
        /// <summary>Number k of GHA outputs the GHA figures refer to.</summary>
        Components: int
        /// <summary>Plain Hebb, averaged ODE dw/dt = C w: asymptotic growth rate of ln‖w‖, λ_1 (per unit t).</summary>
        HebbGrowthRate: float
        /// <summary>Plain Hebb, averaged map w ← (I + ηC) w: asymptotic growth of ln‖w‖ per step, ln(1 + ηλ_1).</summary>
        HebbGrowthRatePerStep: float
        /// <summary>Oja: slowest (tangential) approach to ±e_1, time constant 1/(λ_1 − λ_2) (units of 1/η; ∞ if λ_1 = λ_2).</summary>
        OjaTimeConstant: float
        /// <summary>Oja: <c>OjaTimeConstant</c>/η, in steps.</summary>
        OjaTimeConstantSteps: float
        /// <summary>Oja: relaxation time of the norm at e_1, 1/(2λ_1) (units of 1/η).</summary>
        OjaNormRelaxationTime: float
        /// <summary>GHA with k outputs: slowest linearised rate at the fixed point (see <c>HebbianTheory.ghaLinearisedRates</c>), per unit t.</summary>
        GhaSlowestRate: float
        /// <summary>GHA: 1/<c>GhaSlowestRate</c> (units of 1/η; ∞ if the rate is 0).</summary>
        GhaTimeConstant: float
        /// <summary>GHA: <c>GhaTimeConstant</c>/η, in steps.</summary>
        GhaTimeConstantSteps: float
    }

/// <summary>
/// Theory of two-factor rate rules for a linear neuron y = w·x (science sheet §2): sample statistics,
/// eigen-decomposition and the closed-form averaged dynamics of plain Hebb, Oja, GHA (Sanger), instar,
/// outstar, covariance and synaptic-scaling rules.
/// <para>
/// Notation: samples x ∈ ℝ^d; correlation C = E[x xᵀ]; covariance C⁰ = E[(x − ⟨x⟩)(x − ⟨x⟩)ᵀ];
/// eigenpairs C e_k = λ_k e_k, λ_1 ≥ λ_2 ≥ …; learning rate η. For a finite data set the expectations
/// are over the EMPIRICAL distribution (each of the n samples with weight 1/n): an online rule that
/// cycles through the data sees exactly this distribution, so the averaged dynamics use the 1/n
/// (population) normalisation, not 1/(n − 1).
/// </para>
/// <para>
/// Averaging: for small η the per-step update Δw = η F(x, y, w) is replaced by its mean, giving
/// dw/dt = E[F] with t = η·(number of steps) (Dayan &amp; Abbott 2001, §8.2; Hertz, Krogh &amp; Palmer
/// 1991, §8.2). All continuous times below are in these units (1/η steps).
/// </para>
/// Inputs are plain arrays (rows as <c>float[][]</c>) so that C# can call them. All functions are pure.
/// </summary>
[<RequireQualifiedAccess>]
module HebbianTheory =

    // ------------------------------------------------------------------------------------------
    // Argument checks and small helpers
    // ------------------------------------------------------------------------------------------

    let private requireNotNull (name: string) (value: 'T) =
        if isNull (box value) then raise (ArgumentNullException name)

    let private requireFinite (name: string) (value: float) =
        if not (Double.IsFinite value) then
            raise (ArgumentOutOfRangeException(name, value, name + " must be finite."))

    /// Checks a non-empty set of rows of equal, non-zero length with finite entries; returns (n, d).
    let private requireSamples (name: string) (samples: float[][]) =
        requireNotNull name samples

        if samples.Length = 0 then
            raise (ArgumentOutOfRangeException(name, 0, name + " must hold at least 1 sample."))

        for s in 0 .. samples.Length - 1 do
            requireNotNull (name + "[" + MessageText.int s + "]") (box samples[s])

        let d = samples[0].Length

        if d = 0 then
            raise (ArgumentOutOfRangeException(name, 0, name + " must have dimension d ≥ 1."))

        for s in 0 .. samples.Length - 1 do
            if samples[s].Length <> d then
                raise (
                    ArgumentOutOfRangeException(
                        name,
                        samples[s].Length,
                        name + "[" + MessageText.int s + "] has length " + MessageText.int samples[s].Length + "; every sample must have length d = " + MessageText.int d + "."
                    )
                )

            for i in 0 .. d - 1 do
                if not (Double.IsFinite(samples[s][i])) then
                    raise (
                        ArgumentOutOfRangeException(name, samples[s][i], name + "[" + MessageText.int s + "][" + MessageText.int i + "] must be finite.")
                    )

        samples.Length, d

    let private requireVector (name: string) (d: int) (v: float[]) =
        requireNotNull name v

        if v.Length <> d then
            raise (ArgumentOutOfRangeException(name, v.Length, name + " must have length d = " + MessageText.int d + "."))

        for i in 0 .. d - 1 do
            if not (Double.IsFinite(v[i])) then
                raise (ArgumentOutOfRangeException(name, v[i], name + "[" + MessageText.int i + "] must be finite."))

    let private requirePairs (pairs: Eigenpairs) =
        requireNotNull "pairs" pairs
        requireNotNull "pairs.Values" pairs.Values
        requireNotNull "pairs.Vectors" pairs.Vectors
        let d = pairs.Values.Length

        if d = 0 || pairs.Vectors.Length <> d then
            raise (
                ArgumentOutOfRangeException(
                    "pairs",
                    pairs.Vectors.Length,
                    "pairs must hold d ≥ 1 values and d vectors; it holds " + MessageText.int d + " values and " + MessageText.int pairs.Vectors.Length + " vectors."
                )
            )

        for k in 0 .. d - 1 do
            requireVector ("pairs.Vectors[" + MessageText.int k + "]") d pairs.Vectors.[k]

        d

    let private dot (a: float[]) (b: float[]) =
        let mutable s = 0.0

        for i in 0 .. a.Length - 1 do
            s <- s + a[i] * b[i]

        s

    /// Σ_k c_k e_k for coefficients c (length d) in the eigenbasis.
    let private combine (pairs: Eigenpairs) (c: float[]) =
        let d = c.Length
        let w = Array.zeroCreate d

        for k in 0 .. d - 1 do
            let e = pairs.Vectors[k]

            for i in 0 .. d - 1 do
                w[i] <- w[i] + c[k] * e[i]

        w

    /// Eigen-coordinates a_k = w0·e_k.
    let private coordinates (pairs: Eigenpairs) (w0: float[]) =
        pairs.Vectors |> Array.map (fun e -> dot w0 e)

    /// Coordinates of w0 scaled by an exact power of two so that the largest |w0_j| lies in [1, 2): for the
    /// direction-only quantities (cosines) the scale does not matter, and unscaled a_k² overflows for |w0| ≳ 1e154
    /// (an --init row of 1e200 made the cosine ∞/∞ = NaN) or underflows for |w0| ≲ 1e-154.
    let private directionCoordinates (pairs: Eigenpairs) (w0: float[]) =
        let largest = w0 |> Array.fold (fun m v -> max m (abs v)) 0.0

        if largest = 0.0 then
            coordinates pairs w0
        else
            let exponent = Math.ILogB largest
            coordinates pairs (w0 |> Array.map (fun v -> Math.ScaleB(v, -exponent)))

    // ------------------------------------------------------------------------------------------
    // Sample statistics (1/n normalisation: the empirical distribution an online rule sees)
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Sample mean ⟨x⟩ = (1/n) Σ_s x_s of n samples x_s ∈ ℝ^d.
    /// </summary>
    /// <param name="samples">n ≥ 1 rows of equal length d ≥ 1, finite entries.</param>
    let mean (samples: float[][]) : float[] =
        let n, d = requireSamples "samples" samples
        let m = Array.zeroCreate d

        for s in 0 .. n - 1 do
            for i in 0 .. d - 1 do
                m[i] <- m[i] + samples[s][i]

        m |> Array.map (fun v -> v / float n)

    /// (1/n) Σ_t r_t r_tᵀ for n rows of length d (validated by the caller): each entry summed once over t in order,
    /// divided by n, and mirrored, so the result is exactly symmetric.
    let private secondMoment (n: int) (d: int) (rows: float[][]) : float[][] =
        let c = Array.init d (fun _ -> Array.zeroCreate d)

        for i in 0 .. d - 1 do
            for j in i .. d - 1 do
                let mutable s = 0.0

                for t in 0 .. n - 1 do
                    s <- s + rows[t][i] * rows[t][j]

                c[i][j] <- s / float n
                c[j][i] <- c[i][j]

        c

    /// <summary>
    /// Correlation matrix C = E[x xᵀ] = (1/n) Σ_s x_s x_sᵀ of the empirical distribution (1/n, the
    /// distribution an online rule cycling through the data sees). Symmetric by construction (each
    /// entry computed once and mirrored).
    /// </summary>
    /// <param name="samples">n ≥ 1 rows of equal length d ≥ 1, finite entries.</param>
    let correlation (samples: float[][]) : float[][] =
        let n, d = requireSamples "samples" samples
        secondMoment n d samples

    /// <summary>
    /// Covariance matrix C⁰ = E[(x − ⟨x⟩)(x − ⟨x⟩)ᵀ] = (1/n) Σ_s (x_s − ⟨x⟩)(x_s − ⟨x⟩)ᵀ of the empirical
    /// distribution (population normalisation 1/n, see <c>correlation</c>). Two-pass (mean first) so
    /// that a large mean does not cancel the variance. Symmetric by construction.
    /// Identity: C = C⁰ + ⟨x⟩⟨x⟩ᵀ.
    /// </summary>
    /// <param name="samples">n ≥ 1 rows of equal length d ≥ 1, finite entries.</param>
    let covariance (samples: float[][]) : float[][] =
        let m = mean samples
        let n, d = samples.Length, m.Length
        let centred = samples |> Array.map (fun x -> Array.init d (fun i -> x[i] - m[i]))
        secondMoment n d centred

    // ------------------------------------------------------------------------------------------
    // Eigen-decomposition
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Eigenpairs of a real symmetric matrix (MathNet symmetric EVD: Householder tridiagonalisation and
    /// implicit QL, backward stable, so residuals ‖C e_k − λ_k e_k‖ and orthonormality defects are a
    /// small multiple of d·u·‖C‖, u = 2⁻⁵³). Values are sorted in DESCENDING order λ_1 ≥ … ≥ λ_d; each
    /// vector has unit norm and its largest-magnitude entry positive (the first one on an exact tie),
    /// which fixes the ± ambiguity so results are reproducible. Repeated eigenvalues leave the basis
    /// of their eigenspace arbitrary.
    /// The input must be symmetric to |a_ij − a_ji| ≤ 64·d·u·max|a| (roundoff of a computed symmetric
    /// matrix); it is symmetrised as (A + Aᵀ)/2 before the decomposition.
    /// </summary>
    /// <param name="matrix">Square d×d (d ≥ 1) symmetric matrix with finite entries, as rows.</param>
    let eigen (matrix: float[][]) : Eigenpairs =
        let d, _ = requireSamples "matrix" matrix

        if matrix[0].Length <> d then
            raise (
                ArgumentOutOfRangeException(
                    "matrix",
                    matrix[0].Length,
                    "matrix must be square; it has " + MessageText.int d + " rows of length " + MessageText.int matrix[0].Length + "."
                )
            )

        let scale = matrix |> Array.collect id |> Array.fold (fun m v -> max m (abs v)) 0.0
        let tolerance = 64.0 * float d * 1.1102230246251565e-16 * scale

        for i in 0 .. d - 1 do
            for j in i + 1 .. d - 1 do
                if abs (matrix[i][j] - matrix[j][i]) > tolerance then
                    raise (
                        ArgumentOutOfRangeException(
                            "matrix",
                            matrix[i][j] - matrix[j][i],
                            "matrix must be symmetric: |a["
                            + MessageText.int i + "][" + MessageText.int j + "] − a[" + MessageText.int j + "][" + MessageText.int i
                            + "]| = " + MessageText.g (abs (matrix[i][j] - matrix[j][i])) + " exceeds 64·d·u·max|a| = "
                            + MessageText.g tolerance + "."
                        )
                    )

        let a =
            Matrix<float>.Build.Dense(d, d, fun i j -> if i = j then matrix[i][i] else 0.5 * (matrix[i][j] + matrix[j][i]))

        let evd = a.Evd(Symmetricity.Symmetric)
        let values = evd.EigenValues |> Seq.map (fun z -> z.Real) |> Array.ofSeq
        let order = Array.init d id |> Array.sortWith (fun p q -> compare values[q] values[p])

        let vectors =
            order
            |> Array.map (fun col ->
                let v = Array.init d (fun i -> evd.EigenVectors[i, col])
                let norm = sqrt (dot v v)
                let mutable big = 0

                for i in 1 .. d - 1 do
                    if abs v[i] > abs v[big] then big <- i

                let sign = if v[big] < 0.0 then -1.0 else 1.0
                v |> Array.map (fun x -> sign * x / norm))

        { Values = order |> Array.map (fun col -> values[col]); Vectors = vectors }

    // ------------------------------------------------------------------------------------------
    // Plain Hebb: Δw = η x y, y = w·x
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Plain Hebb Δw = η x y with y = w·x, AVERAGED ODE dw/dt = C w (t = η·steps): exact solution
    /// w(t) = Σ_k (w0·e_k) e^{λ_k t} e_k (science sheet §2; Dayan &amp; Abbott 2001, eq. 8.7).
    /// The direction tends to ±e_1 and ‖w‖ grows like e^{λ_1 t}.
    /// </summary>
    /// <param name="pairs">Eigenpairs of C (from <c>eigen</c>).</param>
    /// <param name="w0">Initial weights w(0), length d.</param>
    /// <param name="t">Time t ≥ 0 in units of 1/η (t = η·steps).</param>
    let averagedHebb (pairs: Eigenpairs) (w0: float[]) (t: float) : float[] =
        let d = requirePairs pairs
        requireVector "w0" d w0
        Numerics.requireInRangeFloat "t" 0.0 Double.MaxValue t
        let a = coordinates pairs w0
        combine pairs (Array.init d (fun k -> a[k] * exp (pairs.Values[k] * t)))

    /// <summary>
    /// Plain Hebb with the update averaged but time kept discrete: w_{s+1} = w_s + η C w_s, so
    /// w_steps = (I + ηC)^steps w0 = Σ_k (1 + ηλ_k)^steps (w0·e_k) e_k (exact for the averaged map).
    /// </summary>
    /// <param name="pairs">Eigenpairs of C.</param>
    /// <param name="w0">Initial weights, length d.</param>
    /// <param name="eta">Learning rate η, finite and &gt; 0.</param>
    /// <param name="steps">Number of steps ≥ 0.</param>
    let discreteHebb (pairs: Eigenpairs) (w0: float[]) (eta: float) (steps: int) : float[] =
        let d = requirePairs pairs
        requireVector "w0" d w0
        Numerics.requirePositive "eta" eta
        Numerics.requireAtLeast "steps" 0 steps
        let a = coordinates pairs w0
        combine pairs (Array.init d (fun k -> a[k] * Math.Pow(1.0 + eta * pairs.Values[k], float steps)))

    /// <summary>
    /// Asymptotic slope of ln‖w‖ per step of the averaged discrete plain-Hebb map (I + ηC):
    /// ln(1 + ηλ_1) (→ ηλ_1 for small η), when w0·e_1 ≠ 0.
    /// </summary>
    /// <param name="eta">Learning rate η, finite and &gt; 0.</param>
    /// <param name="lambda1">Largest eigenvalue λ_1 of C, finite, with 1 + ηλ_1 &gt; 0.</param>
    let hebbNormGrowthRate (eta: float) (lambda1: float) =
        Numerics.requirePositive "eta" eta
        requireFinite "lambda1" lambda1

        if not (1.0 + eta * lambda1 > 0.0) then
            raise (ArgumentOutOfRangeException("lambda1", lambda1, "1 + eta·lambda1 must be > 0."))

        Numerics.log1p (eta * lambda1)

    // ------------------------------------------------------------------------------------------
    // Oja: Δw = η (x y − α y² w)
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Fixed-point norm of Oja's rule in the form Δw = η (x y − α y² w): ‖w‖ → 1/√α (α = 1: the classic
    /// Δw = η y (x − y w); Oja 1982). From the averaged ODE dw/dt = C w − α (wᵀCw) w at w = c e_k:
    /// λ_k c − α λ_k c³ = 0, so c² = 1/α. Note: if the decay is written with an ABSOLUTE coefficient,
    /// Δw = η x y − β y² w, then α = β/η and the norm is √(η/β).
    /// </summary>
    /// <param name="alpha">α, finite and &gt; 0.</param>
    let ojaFixedPointNorm (alpha: float) =
        Numerics.requirePositive "alpha" alpha
        1.0 / sqrt alpha

    /// <summary>
    /// Rates of the averaged Oja ODE dw/dt = f(w) = C w − α (wᵀCw) w linearised at the fixed point
    /// w* = e_k/√α: the eigenvalues of the Jacobian, [λ_j − λ_k for j ≠ k (in order of j)] @ [−2λ_k]
    /// (units 1/t, t = η·steps). They do NOT depend on α.
    /// Derivation: ∂f/∂w = C − α (wᵀCw) I − 2α w (Cw)ᵀ (C symmetric, ∇(wᵀCw) = 2Cw). At w*:
    /// wᵀCw = λ_k/α and w (Cw)ᵀ = λ_k e_k e_kᵀ/α, so J = C − λ_k I − 2λ_k e_k e_kᵀ, which has the
    /// eigenvectors e_j with eigenvalues λ_j − λ_k (j ≠ k, tangential) and λ_k − λ_k − 2λ_k = −2λ_k
    /// (radial, along e_k). This confirms the science sheet (§2) for every α. Only k = 1 (with
    /// λ_1 &gt; λ_2 and λ_1 &gt; 0) is stable; its slowest rate is λ_2 − λ_1.
    /// </summary>
    /// <param name="values">Eigenvalues λ_1 ≥ … ≥ λ_d of C.</param>
    /// <param name="k">Index of the fixed point, 0-based (0 ↔ e_1), in [0, d − 1].</param>
    let ojaLinearisedRates (values: float[]) (k: int) : float[] =
        requireNotNull "values" values
        Numerics.requireAtLeast "values.Length" 1 values.Length
        Numerics.requireInRange "k" 0 (values.Length - 1) k
        Array.append [| for j in 0 .. values.Length - 1 do if j <> k then values[j] - values[k] |] [| -2.0 * values[k] |]

    /// <summary>
    /// Exact solution of the averaged Oja ODE dw/dt = C w − α (wᵀCw) w (t = η·steps):
    /// w(t) = u(t) / √(1 + α (‖u(t)‖² − ‖w0‖²)),  u(t) = e^{Ct} w0 = Σ_k a_k e^{λ_k t} e_k, a_k = w0·e_k.
    /// Proof: try w = s(t) u(t) with a scalar s, s(0) = 1. Then dw/dt = s′u + s C u, and the ODE needs
    /// s′u + sCu = sCu − α s³ (uᵀCu) u, i.e. s′ = −α s³ uᵀCu, so d(s⁻²)/dt = 2α uᵀCu = α d‖u‖²/dt
    /// (because d‖u‖²/dt = 2uᵀCu). Hence s⁻² = 1 + α(‖u‖² − ‖w0‖²); the candidate solves the ODE, and
    /// by uniqueness (the field is a polynomial, locally Lipschitz) it is THE solution while the root
    /// is positive (always, for C positive semi-definite: ‖u‖ then never decreases).
    /// The non-linear term only rescales, so w(t) stays parallel to e^{Ct} w0.
    /// </summary>
    /// <param name="pairs">Eigenpairs of C.</param>
    /// <param name="alpha">α, finite and &gt; 0.</param>
    /// <param name="w0">Initial weights, length d.</param>
    /// <param name="t">Time t ≥ 0 in units of 1/η.</param>
    let ojaTrajectory (pairs: Eigenpairs) (alpha: float) (w0: float[]) (t: float) : float[] =
        let d = requirePairs pairs
        Numerics.requirePositive "alpha" alpha
        requireVector "w0" d w0
        Numerics.requireInRangeFloat "t" 0.0 Double.MaxValue t
        let a = coordinates pairs w0
        let u = Array.init d (fun k -> a[k] * exp (pairs.Values[k] * t))
        let denominator = 1.0 + alpha * (dot u u - dot a a)

        if not (denominator > 0.0) then
            raise (
                ArgumentOutOfRangeException("t", t, "the Oja solution blows up before t (C has negative eigenvalues).")
            )

        let s = 1.0 / sqrt denominator
        combine pairs (u |> Array.map (fun v -> s * v))

    /// <summary>
    /// |cos(w(t), e_1)| along the averaged Oja ODE dw/dt = C w − α (wᵀCw) w, for any α &gt; 0 (exact):
    /// since w(t) ∥ e^{Ct} w0 (see <c>ojaTrajectory</c>),
    /// |cos| = |a_1 e^{λ_1 t}| / √(Σ_k a_k² e^{2λ_k t}) = |a_1| / √(Σ_k a_k² e^{2(λ_k − λ_1) t}),
    /// a_k = w0·e_k (the second form is evaluated, with w0 scaled by a power of two first, so nothing overflows
    /// for any finite w0). Non-decreasing in t.
    /// </summary>
    /// <param name="pairs">Eigenpairs of C.</param>
    /// <param name="w0">Initial weights, length d, not zero.</param>
    /// <param name="t">Time t ≥ 0 in units of 1/η.</param>
    let ojaCosineTrajectory (pairs: Eigenpairs) (w0: float[]) (t: float) : float =
        let d = requirePairs pairs
        requireVector "w0" d w0
        Numerics.requireInRangeFloat "t" 0.0 Double.MaxValue t
        let a = directionCoordinates pairs w0

        if Array.forall (fun v -> v = 0.0) a then
            raise (ArgumentOutOfRangeException("w0", "w0 must not be zero."))

        let l1 = pairs.Values[0]
        let mutable s = 0.0

        for k in 0 .. d - 1 do
            s <- s + a[k] * a[k] * exp (2.0 * (pairs.Values[k] - l1) * t)

        abs a[0] / sqrt s

    /// <summary>
    /// Smallest t ≥ 0 with |cos(w(t), e_1)| ≥ target along the averaged Oja ODE (<c>ojaCosineTrajectory</c>),
    /// in units of 1/η (predicted number of steps ≈ t/η). 0 if the start already meets the target;
    /// +∞ if it is never met (w0·e_1 = 0, or a degenerate top eigenvalue caps the cosine below the
    /// target). Root by Brent's method (<c>Numerics.brentRoot</c>) on [0, 800/g], g the smallest
    /// positive gap λ_1 − λ_k over the components present in w0 (beyond it e^{−2gt} underflows and the
    /// cosine is at its limit); the argument is converged to about 4u·t.
    /// </summary>
    /// <param name="pairs">Eigenpairs of C.</param>
    /// <param name="w0">Initial weights, length d, not zero.</param>
    /// <param name="target">Target cosine in (0, 1).</param>
    let ojaTimeToCosine (pairs: Eigenpairs) (w0: float[]) (target: float) : float =
        let d = requirePairs pairs

        if Double.IsNaN target || target <= 0.0 || target >= 1.0 then
            raise (ArgumentOutOfRangeException("target", target, "target must be in (0, 1)."))

        let cosine t = ojaCosineTrajectory pairs w0 t

        if cosine 0.0 >= target then
            0.0
        else
            let a = directionCoordinates pairs w0

            let gaps =
                [ for k in 1 .. d - 1 do
                      let g = pairs.Values[0] - pairs.Values[k]
                      if a[k] <> 0.0 && g > 0.0 then yield g ]

            if a[0] = 0.0 || gaps.IsEmpty then
                Double.PositiveInfinity
            else
                let upper = 800.0 / List.min gaps

                if cosine upper < target then
                    Double.PositiveInfinity
                else
                    Numerics.brentRoot (fun t -> cosine t - target) 0.0 upper

    /// <summary>
    /// Time constant of the slowest (tangential) approach of Oja's rule to ±e_1: 1/(λ_1 − λ_2), units
    /// of 1/η (from <c>ojaLinearisedRates</c> at k = 0). +∞ when λ_1 = λ_2 or d = 1 has no tangent.
    /// </summary>
    /// <param name="values">Eigenvalues λ_1 ≥ … ≥ λ_d of C.</param>
    let ojaTimeConstant (values: float[]) =
        requireNotNull "values" values
        Numerics.requireAtLeast "values.Length" 1 values.Length

        if values.Length = 1 || values[0] - values[1] <= 0.0 then
            Double.PositiveInfinity
        else
            1.0 / (values[0] - values[1])

    // ------------------------------------------------------------------------------------------
    // GHA (Sanger 1989): Δw_i = η y_i (x − Σ_{m ≤ i} y_m w_m)
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Fixed point of the generalised Hebbian algorithm (Sanger 1989) with k outputs y_i = w_i·x,
    /// Δw_i = η y_i (x − Σ_{m≤i} y_m w_m): row i → e_i, in order, so W Wᵀ → I (up to the sign of each row).
    /// </summary>
    /// <param name="pairs">Eigenpairs of C.</param>
    /// <param name="k">Number of outputs, in [1, d].</param>
    let ghaTargets (pairs: Eigenpairs) (k: int) : float[][] =
        let d = requirePairs pairs
        Numerics.requireInRange "k" 1 d k
        Array.init k (fun i -> Array.copy pairs.Vectors[i])

    /// <summary>
    /// Rates of the averaged GHA ODE dw_i/dt = C w_i − Σ_{m≤i} w_m (w_mᵀ C w_i) linearised at
    /// w_i = e_i (i = 1..k). Row i does not depend on rows m &gt; i, so the Jacobian is block lower
    /// triangular and its eigenvalues are those of the diagonal blocks
    /// J_ii = C − Σ_{m&lt;i} λ_m e_m e_mᵀ − λ_i I − 2λ_i e_i e_iᵀ, namely: −λ_i on e_m (m &lt; i, the deflated
    /// directions), λ_j − λ_i on e_j (j &gt; i), and −2λ_i on e_i. Returned row by row (i = 1..k), each
    /// row in the order of e_1..e_d (so k·d values).
    /// </summary>
    /// <param name="values">Eigenvalues λ_1 ≥ … ≥ λ_d of C.</param>
    /// <param name="k">Number of outputs, in [1, d].</param>
    let ghaLinearisedRates (values: float[]) (k: int) : float[] =
        requireNotNull "values" values
        Numerics.requireAtLeast "values.Length" 1 values.Length
        let d = values.Length
        Numerics.requireInRange "k" 1 d k

        [| for i in 0 .. k - 1 do
               for j in 0 .. d - 1 do
                   if j < i then -values[i]
                   elif j = i then -2.0 * values[i]
                   else values[j] - values[i] |]

    // ------------------------------------------------------------------------------------------
    // Instar, outstar, covariance rule, synaptic scaling
    // ------------------------------------------------------------------------------------------

    /// w*_i = E[g v_i]/E[g] = (Σ_s g_s v_s,i / n)/(Σ_s g_s / n): the gate-weighted mean of the rows v_s, the
    /// averaged fixed point of a gated-decay rule (instar: g = y, v = x; outstar: g = x, v = y). The caller has
    /// validated the shapes; E[g] = 0 (no fixed point) raises, naming the gate's parameter.
    let private gatedMean (gateName: string) (gateMean: string) (gate: float[]) (rows: float[][]) (width: int) : float[] =
        let n = gate.Length
        let eg = (gate |> Array.sum) / float n

        if eg = 0.0 then
            raise (ArgumentOutOfRangeException(gateName, gateMean + " must not be 0."))

        Array.init width (fun i ->
            let mutable s = 0.0

            for t in 0 .. n - 1 do
                s <- s + gate[t] * rows[t][i]

            (s / float n) / eg)

    /// <summary>
    /// Fixed point of the instar rule (Grossberg 1976; postsynaptically gated decay):
    /// Δw = η y (x − w) for the weights w onto one postsynaptic neuron with rate y from inputs x.
    /// Averaged: E[Δw]/η = E[y x] − E[y] w = 0 ⇒ w* = E[y x]/E[y] (the y-weighted mean input).
    /// Here y is a given (teacher or winner) signal per sample, not y = w·x.
    /// </summary>
    /// <param name="pre">Inputs x_s, n rows of length d.</param>
    /// <param name="post">Postsynaptic rate y_s per sample, length n, with Σ_s y_s ≠ 0.</param>
    let instarFixedPoint (pre: float[][]) (post: float[]) : float[] =
        let n, d = requireSamples "pre" pre
        requireVector "post" n post
        gatedMean "post" "E[y]" post pre d

    /// <summary>
    /// Fixed point of the outstar rule (Grossberg 1976; presynaptically gated decay):
    /// Δw_i = η x (y_i − w_i) for the weights w_i from one presynaptic neuron with rate x onto the
    /// postsynaptic rates y_i. Averaged: E[x y_i] − E[x] w_i = 0 ⇒ w* = E[x y]/E[x].
    /// </summary>
    /// <param name="pre">Presynaptic rate x_s per sample, length n, with Σ_s x_s ≠ 0.</param>
    /// <param name="post">Postsynaptic rates y_s, n rows of length m.</param>
    let outstarFixedPoint (pre: float[]) (post: float[][]) : float[] =
        let n, m = requireSamples "post" post
        requireVector "pre" n pre
        gatedMean "pre" "E[x]" pre post m

    /// <summary>
    /// Principal component of the data: the top eigenvector of the covariance C⁰ (unit norm, sign as in
    /// <c>eigen</c>). This is the direction the covariance rule Δw = η (x − ⟨x⟩)(y − ⟨y⟩) (Sejnowski
    /// 1977), averaged to dw/dt = C⁰ w, aligns with; plain Hebb aligns with the top eigenvector of
    /// C = C⁰ + ⟨x⟩⟨x⟩ᵀ instead, which differs when the inputs are not zero-mean.
    /// </summary>
    /// <param name="samples">n ≥ 1 rows of equal length d ≥ 1.</param>
    let principalComponent (samples: float[][]) : float[] = (eigen (covariance samples)).Vectors[0]

    /// <summary>
    /// Factor by which multiplicative synaptic scaling Δw = η w (y_target − y) (Turrigiano et al. 1998)
    /// multiplies every weight of a neuron in one step: w ← w (1 + η (y_target − y)). All weights of
    /// the neuron share it, so weight ratios are preserved.
    /// </summary>
    /// <param name="eta">Learning rate η, finite.</param>
    /// <param name="target">Target rate y_target, finite.</param>
    /// <param name="y">Current rate y, finite.</param>
    let scalingFactor (eta: float) (target: float) (y: float) =
        requireFinite "eta" eta
        requireFinite "target" target
        requireFinite "y" y
        1.0 + eta * (target - y)

    // ------------------------------------------------------------------------------------------
    // Summary for reports
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Predicted rates and time constants of plain Hebb, Oja and GHA for the correlation eigenpairs
    /// (see <c>RulePredictions</c>): Hebb growth λ_1 per unit t and ln(1 + ηλ_1) per step; Oja time
    /// constant 1/(λ_1 − λ_2) and norm relaxation 1/(2λ_1); GHA slowest rate = the smallest |rate|
    /// among the <c>ghaLinearisedRates</c> of k outputs (for C positive semi-definite this is
    /// min_{i≤k} min(λ_i − λ_{i+1}, λ_i), with no λ_{d+1} term when k = d).
    /// </summary>
    /// <param name="pairs">Eigenpairs of C.</param>
    /// <param name="eta">Learning rate η, finite and &gt; 0, with 1 + ηλ_1 &gt; 0.</param>
    /// <param name="k">Number of GHA outputs, in [1, d].</param>
    let ruleTimeConstants (pairs: Eigenpairs) (eta: float) (k: int) : RulePredictions =
        let d = requirePairs pairs
        Numerics.requirePositive "eta" eta
        Numerics.requireInRange "k" 1 d k
        let values = pairs.Values
        let oja = ojaTimeConstant values
        let gha = ghaLinearisedRates values k |> Array.map abs |> Array.min
        let ghaTau = if gha > 0.0 then 1.0 / gha else Double.PositiveInfinity

        {
            Eta = eta
            Components = k
            HebbGrowthRate = values[0]
            HebbGrowthRatePerStep = hebbNormGrowthRate eta values[0]
            OjaTimeConstant = oja
            OjaTimeConstantSteps = oja / eta
            OjaNormRelaxationTime = 1.0 / (2.0 * values[0])
            GhaSlowestRate = gha
            GhaTimeConstant = ghaTau
            GhaTimeConstantSteps = ghaTau / eta
        }
