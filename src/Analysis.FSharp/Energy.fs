namespace Plasticity.Analysis

open System

/// <summary>
/// Reference implementations of the Hopfield energy (Hopfield 1982) for checking the C# core:
/// E(s) = −½ sᵀWs − hᵀs = −½ Σ_ij w_ij s_i s_j − Σ_i h_i s_i. Plain loops, pure functions.
/// </summary>
[<RequireQualifiedAccess>]
module Energy =

    let private checkShapes (w: float[,]) (s: float[]) (h: float[]) =
        if isNull (box w) then raise (ArgumentNullException "w")
        if isNull (box s) then raise (ArgumentNullException "s")
        if isNull (box h) then raise (ArgumentNullException "h")
        let n = Array2D.length1 w

        if Array2D.length2 w <> n then
            raise (ArgumentException("w must be square; it is " + MessageText.int n + "×" + MessageText.int (Array2D.length2 w) + ".", "w"))

        if s.Length <> n then
            raise (ArgumentException("s must have length " + MessageText.int n + " (the size of w); it has " + MessageText.int s.Length + ".", "s"))

        if h.Length <> n then
            raise (ArgumentException("h must have length " + MessageText.int n + " (the size of w); it has " + MessageText.int h.Length + ".", "h"))

        n

    /// <summary>
    /// Hopfield energy E = −½ sᵀWs − hᵀs = −½ Σ_ij w_ij s_i s_j − Σ_i h_i s_i (Hopfield 1982), with W
    /// used exactly as given (its diagonal included). s is any real state vector (±1 for the binary
    /// model), h the external field (use zeros for none).
    /// </summary>
    /// <param name="w">Coupling matrix W, N×N.</param>
    /// <param name="s">State s, length N.</param>
    /// <param name="h">External field h, length N.</param>
    let energy (w: float[,]) (s: float[]) (h: float[]) =
        let n = checkShapes w s h
        let mutable quadratic = 0.0
        let mutable linear = 0.0

        for i in 0 .. n - 1 do
            let mutable row = 0.0

            for j in 0 .. n - 1 do
                row <- row + w[i, j] * s[j]

            quadratic <- quadratic + s[i] * row
            linear <- linear + h[i] * s[i]

        -0.5 * quadratic - linear

    /// <summary>
    /// Energy of a ±1 state from its overlaps for the Hebbian matrix with zero diagonal and h = 0:
    /// E = −(N/2) Σ_μ m_μ² + P/2, m_μ = (1/N) ξ^μ·s (Amit, Gutfreund &amp; Sompolinsky 1985;
    /// Hertz, Krogh &amp; Palmer 1991, §2.2). Derivation: W = (1/N) Σ_μ ξ^μ ξ^μᵀ − (P/N)·I (the
    /// diagonal of the outer products is (ξ_i^μ)² = 1, removed), so
    /// sᵀWs = (1/N) Σ_μ (ξ^μ·s)² − (P/N)·sᵀs = (1/N) Σ_μ (N m_μ)² − (P/N)·N = N Σ_μ m_μ² − P
    /// (sᵀs = N for ±1 units), hence E = −½ sᵀWs = −(N/2) Σ_μ m_μ² + P/2.
    /// </summary>
    /// <param name="n">N ≥ 1, number of neurons.</param>
    /// <param name="p">P ≥ 1, number of stored patterns.</param>
    /// <param name="overlaps">The P overlaps m_μ, each in [−1, 1].</param>
    let hebbianEnergyFromOverlaps (Neurons n) (Patterns p) (overlaps: float[]) =
        Numerics.requireAtLeast "n" 1 n
        Numerics.requireAtLeast "p" 1 p
        if isNull (box overlaps) then raise (ArgumentNullException "overlaps")

        if overlaps.Length <> p then
            raise (ArgumentException("overlaps must have length P = " + MessageText.int p + "; it has " + MessageText.int overlaps.Length + ".", "overlaps"))

        for m in overlaps do
            Numerics.requireInRangeFloat "overlaps" -1.0 1.0 m

        let sumSquares = overlaps |> Array.sumBy (fun m -> m * m)
        -0.5 * float n * sumSquares + 0.5 * float p

    /// <summary>
    /// Exact energy change when unit i goes from s_i to s_i′ = s_i + Δ (all other units fixed), for
    /// E = −½ sᵀWs − hᵀs. With s′ = s + Δ·e_i, s′ᵀWs′ = sᵀWs + Δ Σ_j (w_ij + w_ji) s_j + Δ² w_ii, so
    /// ΔE = −Δ·(½ Σ_j (w_ij + w_ji) s_j + h_i) − ½ w_ii Δ², which for symmetric W is
    /// ΔE = −Δ·(Σ_j w_ij s_j + h_i) − ½ w_ii Δ² (sum over all j, diagonal included). With w_ii = 0 this
    /// is the textbook ΔE = −(s_i′ − s_i)(Σ_j w_ij s_j + h_i) (Hopfield 1982); an asynchronous update
    /// s_i′ = sgn(Σ_j w_ij s_j + h_i) with w_ii ≥ 0 therefore never raises E.
    /// </summary>
    /// <param name="w">Coupling matrix W, N×N (need not be symmetric).</param>
    /// <param name="s">Current state s, length N.</param>
    /// <param name="h">External field h, length N.</param>
    /// <param name="i">Index of the changed unit, in [0, N − 1].</param>
    /// <param name="newValue">The new value s_i′.</param>
    let energyChange (w: float[,]) (s: float[]) (h: float[]) (i: int) (newValue: float) =
        let n = checkShapes w s h
        Numerics.requireInRange "i" 0 (n - 1) i
        let delta = newValue - s[i]
        let mutable field = 0.0

        for j in 0 .. n - 1 do
            field <- field + 0.5 * (w[i, j] + w[j, i]) * s[j]

        -delta * (field + h[i]) - 0.5 * w[i, i] * delta * delta

    /// <summary>
    /// Energy change when unit i flips sign, s_i′ = −s_i (Δ = −2 s_i): the special case of
    /// <c>energyChange</c>, ΔE = −Δ·(Σ_j w_ij s_j + h_i) − ½ w_ii Δ² for symmetric W; for ±1 units this
    /// equals 2 s_i (Σ_{j≠i} w_ij s_j + h_i) (Hopfield 1982).
    /// </summary>
    /// <param name="w">Coupling matrix W, N×N.</param>
    /// <param name="s">Current state s, length N.</param>
    /// <param name="h">External field h, length N.</param>
    /// <param name="i">Index of the flipped unit, in [0, N − 1].</param>
    let energyChangeOnFlip (w: float[,]) (s: float[]) (h: float[]) (i: int) =
        let n = checkShapes w s h
        Numerics.requireInRange "i" 0 (n - 1) i
        energyChange w s h i (-s[i])
