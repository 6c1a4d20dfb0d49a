namespace Plasticity.Analysis

open System
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.LinearAlgebra.Factorization

/// <summary>
/// Averaged BCM dynamics (Bienenstock, Cooper &amp; Munro 1982; Intrator &amp; Cooper 1992; Dayan &amp;
/// Abbott 2001, §8.2) for a linear neuron y = w·x on K orthonormal input patterns x_1..x_K (one-hot
/// inputs x = unit vector e_j are the simplest case), pattern j presented with probability p_j
/// (Σ p_j ≤ 1; the remainder is blank input x = 0, which changes nothing).
/// <para>
/// Rule: Δw = η x y (y − θ), with the sliding threshold dθ/dt = η_θ (y² − θ) → θ = ⟨y²⟩.
/// In the FAST-THRESHOLD LIMIT (η_θ ≫ η, θ an instantaneous function of w) θ = Σ_k p_k y_k².
/// Because the patterns are orthonormal, the responses y_k = w·x_k are coordinates of w in their span
/// (components of w outside it never change), and presenting pattern k changes only y_k:
/// Δy_j = x_j·Δw = η δ_jk y_k (y_k − θ). Averaged over patterns (t = η·steps):
///   dy_j/dt = F_j(y) = p_j y_j (y_j − θ(y)),  θ(y) = Σ_k p_k y_k².
/// </para>
/// Fixed points: every y_j ∈ {0, θ}. With the active set S, θ = Σ_{k∈S} p_k θ², so θ = 1/Σ_{k∈S} p_k.
/// Selective (S = {j}): y_j = 1/p_j, stable. Non-selective (S = all): y_k = 1/Σp (= 1 when Σp = 1),
/// unstable for K ≥ 2. The slow-threshold case (finite η_θ) can add oscillatory instabilities and is
/// not covered here.
/// </summary>
[<RequireQualifiedAccess>]
module BcmTheory =

    let private requireProbabilities (p: float[]) =
        if isNull (box p) then raise (ArgumentNullException "p")
        Numerics.requireAtLeast "p.Length" 1 p.Length

        for k in 0 .. p.Length - 1 do
            if not (Double.IsFinite(p[k])) || p[k] <= 0.0 || p[k] > 1.0 then
                raise (ArgumentOutOfRangeException("p", p[k], "p[" + MessageText.int k + "] must be in (0, 1]."))

        let total = Array.sum p

        if total > 1.0 + 4.0 * float p.Length * 1.1102230246251565e-16 then
            raise (ArgumentOutOfRangeException("p", total, "the probabilities must sum to ≤ 1."))

        p.Length

    let private requireResponses (k: int) (y: float[]) =
        if isNull (box y) then raise (ArgumentNullException "y")

        if y.Length <> k then
            raise (ArgumentOutOfRangeException("y", y.Length, "y must have length K = " + MessageText.int k + "."))

        for j in 0 .. k - 1 do
            if not (Double.IsFinite(y[j])) then
                raise (ArgumentOutOfRangeException("y", y[j], "y[" + MessageText.int j + "] must be finite."))

    /// <summary>
    /// Fast threshold θ(y) = ⟨y²⟩ = Σ_k p_k y_k² (the fixed point of dθ/dt = η_θ (y² − θ)).
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    /// <param name="y">Responses y_k = w·x_k, length K.</param>
    let threshold (p: float[]) (y: float[]) =
        let k = requireProbabilities p
        requireResponses k y
        let mutable s = 0.0

        for j in 0 .. k - 1 do
            s <- s + p[j] * y[j] * y[j]

        s

    /// <summary>
    /// Averaged BCM drift of the responses in the fast-threshold limit:
    /// dy_j/dt = p_j y_j (y_j − θ), θ = Σ_k p_k y_k² (t = η·steps).
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    /// <param name="y">Responses, length K.</param>
    let drift (p: float[]) (y: float[]) : float[] =
        let theta = threshold p y
        Array.init p.Length (fun j -> p[j] * y[j] * (y[j] - theta))

    /// <summary>
    /// Selective fixed point for pattern j: y_j = 1/p_j, every other response 0, θ = p_j y_j² = 1/p_j.
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    /// <param name="j">Preferred pattern, 0-based, in [0, K − 1].</param>
    let selectiveFixedPoint (p: float[]) (j: int) : float[] =
        let k = requireProbabilities p
        Numerics.requireInRange "j" 0 (k - 1) j
        Array.init k (fun m -> if m = j then 1.0 / p[j] else 0.0)

    /// <summary>
    /// Non-selective fixed point: every response y_k = θ = 1/Σ_k p_k (all ones when Σ p = 1, since then
    /// θ = Σ p_k · 1² = 1).
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    let nonSelectiveFixedPoint (p: float[]) : float[] =
        let k = requireProbabilities p
        let total = Array.sum p
        Array.create k (1.0 / total)

    /// <summary>
    /// Jacobian of the averaged fast-threshold BCM drift F_j(y) = p_j y_j (y_j − θ(y)), θ = Σ p_k y_k²:
    /// ∂F_j/∂y_m = δ_jm p_j (2y_j − θ) − 2 (p_j y_j)(p_m y_m). It is symmetric.
    /// At the selective point of pattern j it is diagonal with entries −1 (at j) and −p_m/p_j (m ≠ j);
    /// at the non-selective point (Σp = 1) it is diag(p) − 2ppᵀ, whose eigenvalues interlace
    /// μ_1 ≤ p_(1) ≤ μ_2 ≤ … (rank-one downdate), so K − 1 of them are ≥ min p &gt; 0: unstable for K ≥ 2.
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    /// <param name="y">Point at which to linearise, length K.</param>
    let jacobian (p: float[]) (y: float[]) : float[][] =
        let theta = threshold p y
        let k = p.Length
        let g = Array.init k (fun m -> p[m] * y[m])

        Array.init k (fun j ->
            Array.init k (fun m ->
                let cross = -2.0 * (g[j] * g[m])
                if m = j then p[j] * (2.0 * y[j] - theta) + cross else cross))

    /// <summary>
    /// Eigenvalues of <c>jacobian</c> p y in descending order (real: the Jacobian is symmetric).
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    /// <param name="y">Point, length K.</param>
    let eigenvaluesAt (p: float[]) (y: float[]) : float[] =
        let j = jacobian p y
        let k = p.Length
        let m = Matrix<float>.Build.Dense(k, k, fun a b -> j[a][b])

        m.Evd(Symmetricity.Symmetric).EigenValues
        |> Seq.map (fun z -> z.Real)
        |> Array.ofSeq
        |> Array.sortDescending

    /// <summary>
    /// True when every eigenvalue of the Jacobian at y is strictly negative (linearly stable fixed
    /// point of the fast-threshold averaged dynamics).
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    /// <param name="y">Fixed point, length K.</param>
    let isStable (p: float[]) (y: float[]) = eigenvaluesAt p y |> Array.forall (fun v -> v < 0.0)

    /// <summary>
    /// Averaged drift when the threshold tracks the MEAN response, θ = ⟨y⟩ = Σ_k p_k y_k, instead of
    /// ⟨y²⟩: dy_j/dt = p_j y_j (y_j − Σ_k p_k y_k). This is the failure mode of a mean-tracking
    /// threshold: on the selective ray (y_m = 0 for m ≠ j, y_j &gt; 0) θ = p_j y_j and
    /// dy_j/dt = p_j (1 − p_j) y_j² &gt; 0 whenever p_j &lt; 1, so the preferred response grows without
    /// bound (like 1/(t* − t), a finite-time blow-up) and there is no selective fixed point with y_j &gt; 0:
    /// θ rises only linearly with y_j and cannot catch up with it, whereas θ = ⟨y²⟩ rises quadratically.
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    /// <param name="y">Responses, length K.</param>
    let meanThresholdDrift (p: float[]) (y: float[]) : float[] =
        let k = requireProbabilities p
        requireResponses k y
        let mutable theta = 0.0

        for m in 0 .. k - 1 do
            theta <- theta + p[m] * y[m]

        Array.init k (fun j -> p[j] * y[j] * (y[j] - theta))

    /// <summary>
    /// Closed form of <c>meanThresholdDrift</c> for the preferred response on the selective ray
    /// (other responses 0): dy_j/dt = p_j (1 − p_j) y_j², positive for y_j ≠ 0 and p_j &lt; 1.
    /// </summary>
    /// <param name="p">Presentation probabilities p_k ∈ (0, 1], Σ p_k ≤ 1.</param>
    /// <param name="j">Preferred pattern, 0-based.</param>
    /// <param name="yj">Preferred response y_j, finite.</param>
    let thresholdMeanFailure (p: float[]) (j: int) (yj: float) =
        let k = requireProbabilities p
        Numerics.requireInRange "j" 0 (k - 1) j

        if not (Double.IsFinite yj) then
            raise (ArgumentOutOfRangeException("yj", yj, "yj must be finite."))

        p[j] * (1.0 - p[j]) * yj * yj
