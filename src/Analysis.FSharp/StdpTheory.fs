namespace Plasticity.Analysis

open System

/// <summary>
/// Spike-timing-dependent plasticity theory (science sheet §3). Conventions: Δt = t_post − t_pre in ms; time
/// constants in ms; amplitudes in weight units (e.g. units of g_max); firing rates in Hz; drifts ⟨dw/dt⟩ in weight
/// units per SECOND (rates in Hz times ∫W in ms, times 10⁻³ s/ms). Spike trains are independent stationary Poisson
/// processes. A coincident pair (Δt = 0) counts as potentiation, as in the C# rules (pre before post in a step).
/// </summary>
[<RequireQualifiedAccess>]
module StdpTheory =

    /// <summary>Pair window: W(Δt) = A₊e^{−Δt/τ₊} (Δt ≥ 0), −A₋e^{Δt/τ₋} (Δt &lt; 0).</summary>
    type PairWindow =
        { APlus: float
          AMinus: float
          TauPlus: float
          TauMinus: float }

    /// <summary>Triplet rule parameters (Pfister &amp; Gerstner 2006): amplitudes and τ₊, τ₋, τ_x, τ_y (ms).</summary>
    type TripletRule =
        { A2Plus: float
          A3Plus: float
          A2Minus: float
          A3Minus: float
          TauPlus: float
          TauMinus: float
          TauX: float
          TauY: float }

    /// <summary>The classic Song–Miller–Abbott window in units of g_max: A₊ = 0.01, A₋ = 1.05·A₊, τ± = 20 ms.</summary>
    let classicWindow =
        { APlus = 0.01
          AMinus = 0.0105
          TauPlus = 20.0
          TauMinus = 20.0 }

    let private requireWindow (p: PairWindow) =
        if not (p.APlus >= 0.0 && Double.IsFinite p.APlus) then
            raise (ArgumentOutOfRangeException("APlus", p.APlus, "A+ must be finite and >= 0."))
        if not (p.AMinus >= 0.0 && Double.IsFinite p.AMinus) then
            raise (ArgumentOutOfRangeException("AMinus", p.AMinus, "A- must be finite and >= 0."))
        Numerics.requirePositive "TauPlus" p.TauPlus
        Numerics.requirePositive "TauMinus" p.TauMinus

    let private requireRate (name: string) (nu: float) =
        if not (nu >= 0.0 && Double.IsFinite nu) then
            raise (ArgumentOutOfRangeException(name, nu, "rates must be finite and >= 0 Hz."))

    /// <summary>W(Δt) for one pair, Δt = t_post − t_pre (ms); W(0) = A₊.</summary>
    let window (p: PairWindow) (deltaT: float) =
        requireWindow p
        if deltaT >= 0.0 then p.APlus * exp (-deltaT / p.TauPlus) else -p.AMinus * exp (deltaT / p.TauMinus)

    /// <summary>∫W(s) ds = A₊τ₊ − A₋τ₋ (weight units · ms).</summary>
    let windowIntegral (p: PairWindow) =
        requireWindow p
        p.APlus * p.TauPlus - p.AMinus * p.TauMinus

    /// <summary>
    /// All-to-all drift: ⟨dw/dt⟩ = ν_pre ν_post ∫W (per second; ν in Hz). Every pair contributes W(Δt), and for
    /// independent Poisson trains the pair density at lag s is ν_pre ν_post for every s.
    /// </summary>
    let driftAllToAll (p: PairWindow) (nuPre: float) (nuPost: float) =
        requireRate "nuPre" nuPre
        requireRate "nuPost" nuPost
        nuPre * nuPost * windowIntegral p * 1e-3

    /// <summary>
    /// Symmetric nearest-spike drift (post pairs with the latest pre at or before it, pre with the latest post
    /// strictly before it; Morrison et al. 2008 Fig. 7A, cf. Izhikevich &amp; Desai 2003). Derivation: at a post
    /// spike the time s back to the latest pre spike is Exponential(ν_pre) (backward recurrence of a Poisson
    /// process independent of the post train), so E[A₊e^{−s/τ₊}] = A₊ν_pre/(ν_pre + 1/τ₊) = A₊ν_preτ₊/(1 + ν_preτ₊);
    /// post spikes arrive at ν_post. Symmetrically for depression with ν_post. Hence
    /// ⟨dw/dt⟩ = ν_pre ν_post [A₊τ₊/(1 + ν_preτ₊) − A₋τ₋/(1 + ν_postτ₋)] (rates converted to 1/ms inside the brackets).
    /// </summary>
    let driftNearestSymmetric (p: PairWindow) (nuPre: float) (nuPost: float) =
        requireRate "nuPre" nuPre
        requireRate "nuPost" nuPost
        requireWindow p
        let pre, post = nuPre * 1e-3, nuPost * 1e-3
        nuPre * nuPost * 1e-3
        * (p.APlus * p.TauPlus / (1.0 + pre * p.TauPlus) - p.AMinus * p.TauMinus / (1.0 + post * p.TauMinus))

    /// <summary>
    /// Presynaptically centred drift (each pre spike pairs with the nearest earlier post spike for depression and
    /// the nearest later post spike for potentiation; Morrison et al. 2008 Fig. 7B). Depression as in the
    /// symmetric scheme: ν_pre·A₋ν_postτ₋/(1 + ν_postτ₋). Potentiation: a post spike pairs with every pre spike
    /// since the previous post spike; with u ~ Exponential(ν_post) the time since that spike,
    /// E[Σ e^{−s/τ₊}] = ν_pre τ₊ E[1 − e^{−u/τ₊}] = ν_pre τ₊/(1 + ν_post τ₊). Hence
    /// ⟨dw/dt⟩ = ν_pre ν_post [A₊τ₊/(1 + ν_postτ₊) − A₋τ₋/(1 + ν_postτ₋)] (cf. Burkitt, Meffin &amp; Grayden 2004).
    /// </summary>
    let driftPresynapticCentred (p: PairWindow) (nuPre: float) (nuPost: float) =
        requireRate "nuPre" nuPre
        requireRate "nuPost" nuPost
        requireWindow p
        let post = nuPost * 1e-3
        nuPre * nuPost * 1e-3
        * (p.APlus * p.TauPlus / (1.0 + post * p.TauPlus) - p.AMinus * p.TauMinus / (1.0 + post * p.TauMinus))

    let private requireTriplet (r: TripletRule) =
        for name, a in [ "A2Plus", r.A2Plus; "A3Plus", r.A3Plus; "A2Minus", r.A2Minus; "A3Minus", r.A3Minus ] do
            if not (a >= 0.0 && Double.IsFinite a) then
                raise (ArgumentOutOfRangeException(name, a, "amplitudes must be finite and >= 0."))
        Numerics.requirePositive "TauPlus" r.TauPlus
        Numerics.requirePositive "TauMinus" r.TauMinus
        Numerics.requirePositive "TauX" r.TauX
        Numerics.requirePositive "TauY" r.TauY

    /// <summary>
    /// All-to-all triplet drift for independent Poisson trains (Pfister &amp; Gerstner 2006, Eq. 6):
    /// ⟨dw/dt⟩ = ρx ρy [A₂⁺τ₊ + A₃⁺τ₊τ_y ρy − A₂⁻τ₋ − A₃⁻τ₋τ_x ρx]. Derivation: at a post spike E[r₁] = ρxτ₊ and,
    /// by independence and the Poisson property (the trace just before a spike has its stationary mean),
    /// E[o₂(t−ε)] = ρyτ_y, so potentiation runs at ρy·ρxτ₊(A₂⁺ + A₃⁺ρyτ_y); depression likewise. ρ in Hz,
    /// result per second.
    /// </summary>
    let tripletDriftAllToAll (r: TripletRule) (rhoX: float) (rhoY: float) =
        requireTriplet r
        requireRate "rhoX" rhoX
        requireRate "rhoY" rhoY
        let x, y = rhoX * 1e-3, rhoY * 1e-3
        rhoX * rhoY * 1e-3
        * (r.A2Plus * r.TauPlus + r.A3Plus * r.TauPlus * r.TauY * y - r.A2Minus * r.TauMinus - r.A3Minus * r.TauMinus * r.TauX * x)

    /// <summary>
    /// BCM-like threshold of the all-to-all triplet rule: the postsynaptic rate ρy (Hz) at which the drift changes
    /// sign for presynaptic rate ρx, from the bracket being linear in ρy:
    /// θ = (A₂⁻τ₋ + A₃⁻τ₋τ_xρx − A₂⁺τ₊)/(A₃⁺τ₊τ_y). Requires A₃⁺ &gt; 0; may be ≤ 0 (then potentiation for every ρy &gt; 0).
    /// </summary>
    let tripletThreshold (r: TripletRule) (rhoX: float) =
        requireTriplet r
        requireRate "rhoX" rhoX
        if not (r.A3Plus > 0.0) then
            raise (ArgumentOutOfRangeException("A3Plus", r.A3Plus, "the threshold needs A3+ > 0."))
        let x = rhoX * 1e-3
        1e3 * (r.A2Minus * r.TauMinus + r.A3Minus * r.TauMinus * r.TauX * x - r.A2Plus * r.TauPlus)
        / (r.A3Plus * r.TauPlus * r.TauY)

    /// <summary>Window table for plotting: (Δt, W(Δt)) at each Δt (ms).</summary>
    let windowTable (p: PairWindow) (deltaTs: float[]) =
        if isNull (box deltaTs) then raise (ArgumentNullException "deltaTs")
        deltaTs |> Array.map (fun dt -> dt, window p dt)

    /// <summary>
    /// Expected all-to-all pair-rule Δw for the pairing protocol with n pairs at period T = 1000/f ms and
    /// lag Δt, when every pair interacts (additive, unbounded): Σ over all (pre k, post l) of W(lT + Δt − kT).
    /// The exact trace algebra of the all-to-all pair rule, useful as a check of the protocol driver.
    /// </summary>
    let pairProtocolAllToAll (p: PairWindow) (frequencyHz: float) (deltaT: float) (pairs: int) =
        Numerics.requirePositive "frequencyHz" frequencyHz
        Numerics.requireAtLeast "pairs" 1 pairs
        let period = 1000.0 / frequencyHz
        let mutable s = 0.0
        for k in 0 .. pairs - 1 do
            for l in 0 .. pairs - 1 do
                s <- s + window p (float (l - k) * period + deltaT)
        s

    /// <summary>
    /// Total Δw of the all-to-all triplet rule (Pfister &amp; Gerstner 2006, unbounded additive weights) after the
    /// pairing protocol: n pairs at period T = 1000/f ms, pre at kT and post at kT + Δt (Δt ≥ 0), or post at kT and
    /// pre at kT + |Δt| (Δt &lt; 0), k = 0…n−1, with |Δt| &lt; T so the pairs do not interleave. Returns
    /// (Δw, Σ|terms|), the second for a rounding bound.
    /// </summary>
    /// <remarks>
    /// Derived from the rule's definition (not from its trace code): a post spike at t adds
    /// (Σ_{pre ≤ t} e^{−(t−s)/τ₊})(A₂⁺ + A₃⁺ Σ_{post′ &lt; t} e^{−(t−s)/τ_y}); a pre spike at t adds
    /// −(Σ_{post &lt; t} e^{−(t−s)/τ₋})(A₂⁻ + A₃⁻ Σ_{pre′ &lt; t} e^{−(t−s)/τ_x}). On the periodic protocol every sum is
    /// geometric: with r = e^{−T/τ} and G_k(r) = Σ_{m=0}^{k} r^m = (1 − r^{k+1})/(1 − r) (G₋₁ = 0), the k-th pair adds,
    /// for Δt = d ≥ 0, e^{−d/τ₊}G_k(r₊)(A₂⁺ + A₃⁺r_yG_{k−1}(r_y)) − e^{−(T−d)/τ₋}G_{k−1}(r₋)(A₂⁻ + A₃⁻r_xG_{k−1}(r_x));
    /// for Δt = −a &lt; 0, e^{−(T−a)/τ₊}G_{k−1}(r₊)(A₂⁺ + A₃⁺r_yG_{k−1}(r_y)) − e^{−a/τ₋}G_k(r₋)(A₂⁻ + A₃⁻r_xG_{k−1}(r_x)).
    /// A coincident pair (Δt = 0) counts as pre before post, as in the C# rules.
    /// </remarks>
    let tripletPairingProtocol (r: TripletRule) (pairs: int) (frequencyHz: float) (deltaT: float) =
        requireTriplet r
        Numerics.requirePositive "frequencyHz" frequencyHz
        Numerics.requireAtLeast "pairs" 1 pairs
        let period = 1000.0 / frequencyHz
        if not (Double.IsFinite deltaT && abs deltaT < period) then
            raise (ArgumentOutOfRangeException("deltaT", deltaT, "the protocol needs |dt| < 1000/f ms (pairs that do not interleave)."))
        // G_k(r) = (1 − r^{k+1})/(1 − r) = expm1(−(k+1)T/τ)/expm1(−T/τ), accurate for r near 1.
        let geometric (tau: float) (k: int) =
            if k < 0 then 0.0
            else Double.ExpM1(-float (k + 1) * period / tau) / Double.ExpM1(-period / tau)
        let rX, rY = exp (-period / r.TauX), exp (-period / r.TauY)
        // e^{±|Δt|/τ}·r = e^{−(T − |Δt|)/τ} in one exp: a product of e^{|Δt|/τ} (large) and r (small) would carry the
        // rounding of both exponents, |Δt|/τ·u each.
        let lead = period - abs deltaT
        let mutable total = 0.0
        let mutable sumAbs = 0.0
        for k in 0 .. pairs - 1 do
            let slowPost = r.A2Plus + r.A3Plus * rY * geometric r.TauY (k - 1)
            let slowPre = r.A2Minus + r.A3Minus * rX * geometric r.TauX (k - 1)
            let potentiation, depression =
                if deltaT >= 0.0 then
                    exp (-deltaT / r.TauPlus) * geometric r.TauPlus k * slowPost,
                    exp (-lead / r.TauMinus) * geometric r.TauMinus (k - 1) * slowPre
                else
                    exp (-lead / r.TauPlus) * geometric r.TauPlus (k - 1) * slowPost,
                    exp (deltaT / r.TauMinus) * geometric r.TauMinus k * slowPre
            total <- total + potentiation - depression
            sumAbs <- sumAbs + abs potentiation + abs depression
        total, sumAbs
