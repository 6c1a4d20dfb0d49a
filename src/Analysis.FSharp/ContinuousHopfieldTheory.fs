namespace Plasticity.Analysis

open System
open MathNet.Numerics.LinearAlgebra

/// <summary>
/// Reference formulas for rate dynamics and the continuous Hopfield network (Hopfield 1984; science sheet §1, §5),
/// written independently of the C# core (plain loops over float[,], no shared code) so the property tests can
/// use them as oracles. Pure functions.
/// </summary>
[<RequireQualifiedAccess>]
module ContinuousHopfieldTheory =

    let private square (name: string) (m: float[,]) =
        if isNull (box m) then raise (ArgumentNullException name)
        let n = Array2D.length1 m
        if Array2D.length2 m <> n then
            raise (ArgumentException(name + " must be square; it is " + MessageText.int n + "×" + MessageText.int (Array2D.length2 m) + ".", name))
        n

    let private vector (name: string) (n: int) (v: float[]) =
        if isNull (box v) then raise (ArgumentNullException name)
        if v.Length <> n then
            raise (ArgumentException(name + " must have length " + MessageText.int n + "; it has " + MessageText.int v.Length + ".", name))

    /// <summary>
    /// Lyapunov function E(s) = −½ sᵀ M s − hᵀ s + Σ_i ∫₀^{s_i} F⁻¹(x) dx of the continuous Hopfield network, with
    /// the integral given as <paramref name="inverseIntegral"/> (Φ(s) = ∫₀^s F⁻¹). M is used exactly as given.
    /// </summary>
    /// <param name="m">Couplings M, N×N.</param>
    /// <param name="h">External input h, length N.</param>
    /// <param name="inverseIntegral">Φ(s) = ∫₀^s F⁻¹(x) dx.</param>
    /// <param name="s">Rates s, length N.</param>
    let lyapunovEnergy (m: float[,]) (h: float[]) (inverseIntegral: float -> float) (s: float[]) =
        let n = square "m" m
        vector "h" n h
        vector "s" n s
        // The Hopfield part −½ sᵀMs − hᵀs is Energy.energy (same loop, same rounding); Σ Φ(s_i) summed in i order.
        let mutable integral = 0.0
        for i in 0 .. n - 1 do
            integral <- integral + inverseIntegral s[i]
        Energy.energy m s h + integral

    /// <summary>
    /// dE/dt = −(1/τ) Σ_i F′(u_i)(h + M s − u)_i², s = F(u), the exact time derivative of
    /// <see cref="lyapunovEnergy"/> along τ du/dt = −u + h + M F(u) when M is symmetric. Derivation:
    /// ∂E/∂s_i = −(M s)_i − h_i + F⁻¹(s_i) = −(h + M s − u)_i (M symmetric, F⁻¹(s_i) = u_i), and
    /// ds_i/dt = F′(u_i) (h + M s − u)_i / τ; sum the products.
    /// </summary>
    /// <param name="tau">τ, ms.</param>
    /// <param name="transfer">F.</param>
    /// <param name="derivative">F′.</param>
    /// <param name="m">Couplings M, N×N.</param>
    /// <param name="h">External input h, length N.</param>
    /// <param name="u">Potentials u, length N.</param>
    let predictedEnergyRate (tau: float) (transfer: float -> float) (derivative: float -> float) (m: float[,]) (h: float[]) (u: float[]) =
        Numerics.requirePositive "tau" tau
        let n = square "m" m
        vector "h" n h
        vector "u" n u
        let s = Array.map transfer u
        let mutable sum = 0.0
        for i in 0 .. n - 1 do
            let mutable field = h[i]
            for j in 0 .. n - 1 do
                field <- field + m[i, j] * s[j]
            let r = field - u[i]
            sum <- sum + derivative u[i] * r * r
        -sum / tau

    /// <summary>
    /// Exact solution of τ dv/dt = −v + F(h) with constant drive (M = 0): v(t) = F(h) + (v0 − F(h)) e^{−t/τ},
    /// for one unit with target <paramref name="target"/> = F(h).
    /// </summary>
    let relaxation (tau: float) (target: float) (v0: float) (t: float) =
        Numerics.requirePositive "tau" tau
        target + (v0 - target) * exp (-t / tau)

    /// <summary>
    /// Exact solution of the linear rate network τ dv/dt = −v + h + M v for symmetric M with no eigenvalue 1:
    /// v(t) = v* + e^{(M − I)t/τ}(v0 − v*), v* = (I − M)⁻¹ h, the matrix exponential taken through the symmetric
    /// eigendecomposition M = V Λ Vᵀ (MathNet EVD): e^{(M − I)t/τ} = V diag(e^{(λ_k − 1)t/τ}) Vᵀ.
    /// </summary>
    /// <param name="tau">τ, ms.</param>
    /// <param name="m">Symmetric M, N×N.</param>
    /// <param name="h">External input h.</param>
    /// <param name="v0">Initial rates.</param>
    /// <param name="t">Time, ms.</param>
    let linearFlow (tau: float) (m: float[,]) (h: float[]) (v0: float[]) (t: float) =
        Numerics.requirePositive "tau" tau
        let n = square "m" m
        vector "h" n h
        vector "v0" n v0
        for i in 0 .. n - 1 do
            for j in i + 1 .. n - 1 do
                if m[i, j] <> m[j, i] then
                    raise (ArgumentException("m must be symmetric; m[" + MessageText.int i + "," + MessageText.int j + "] ≠ m[" + MessageText.int j + "," + MessageText.int i + "].", "m"))
        let mm = Matrix<float>.Build.DenseOfArray m
        let evd = mm.Evd(Symmetricity.Symmetric)
        let lambda = evd.EigenValues |> Seq.map (fun z -> z.Real) |> Array.ofSeq
        if lambda |> Array.exists (fun l -> l = 1.0) then
            raise (ArgumentException("M has the eigenvalue 1: no unique fixed point.", "m"))
        let v = evd.EigenVectors
        // Eigen-coordinates: c* = Vᵀh / (1 − λ) (the fixed point), c(t) = c* + e^{(λ−1)t/τ}(c0 − c*).
        let hc = v.TransposeThisAndMultiply(Vector<float>.Build.DenseOfArray h)
        let c0 = v.TransposeThisAndMultiply(Vector<float>.Build.DenseOfArray v0)
        let ct =
            Vector<float>.Build.Dense(
                n,
                fun k ->
                    let star = hc[k] / (1.0 - lambda[k])
                    star + exp ((lambda[k] - 1.0) * t / tau) * (c0[k] - star)
            )
        (v * ct).ToArray()
