/// STDP building blocks against their closed forms (issue 8 §1, mutation testing): the pair window and its
/// integral, the Classic window's published amplitudes, every weight dependence (f₊, f₋, the clip, the vector
/// path) at hand-computed points, the trace updates of each pairing scheme (accumulate, reset, consume), exact
/// decay with its cached factor, the triplet traces, the presets' lookup, and the protocol drivers against
/// Σ_k Σ_l W(t_post,l − t_pre,k) written out here. No test is statistical: the tolerances are rounding bounds
/// (stated per check) and the family-wise false-alarm probability of one run is 0.
module Plasticity.Properties.StdpBehaviourTests

open System
open Xunit
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.Stdp
open Plasticity.Core.Synapses
open Plasticity.Properties.StdpTestSupport
open Plasticity.Properties.Support

/// W(Δt) = A₊e^{−Δt/τ₊} (Δt ≥ 0), −A₋e^{Δt/τ₋} (Δt < 0): the science sheet's window, written independently.
let private windowFormula (aPlus: float) (aMinus: float) (tauPlus: float) (tauMinus: float) (deltaT: float) =
    if deltaT >= 0.0 then aPlus * exp (-deltaT / tauPlus) else -(aMinus * exp (deltaT / tauMinus))

/// Relative rounding bound of a few operations on values of size |v|: 8u|v| (plus a tiny absolute floor).
let private rounding (v: float) = 8.0 * unitRoundoff * abs v + 1e-300

// ---------------------------------------------------------------------------------------------------------
// Window.

[<Fact>]
let ``pair window and its integral are the exponential window A₊τ₊ − A₋τ₋`` () =
    let w = StdpWindow(0.75, 0.5, 10.0, 20.0)
    for d in [ -60.0; -20.0; -0.5; -1e-9; 0.0; 1e-9; 0.5; 10.0; 45.0 ] do
        let oracle = windowFormula 0.75 0.5 10.0 20.0 d
        within (sprintf "W(%g)" d) "A₊e^{−Δt/τ₊} / −A₋e^{Δt/τ₋}" oracle (w.Evaluate d) (rounding oracle) "8u relative"
    assertAbs "W(0) = +A₊ (coincidence potentiates)" 0.75 (w.Evaluate 0.0) 0.0
    assertAbs "∫W = A₊τ₊ − A₋τ₋" (0.75 * 10.0 - 0.5 * 20.0) w.Integral 0.0

[<Fact>]
let ``Classic window has Song-Miller-Abbott's amplitudes A₊ = 0.01 g, A₋ = 1.05 A₊, τ± = 20 ms`` () =
    for g in [ 1.0; 0.01; 2.0 ] do
        let w = StdpWindow.Classic g
        within (sprintf "Classic(%g) A₊" g) "0.01·g" (0.01 * g) w.APlus (rounding (0.01 * g)) "8u"
        within (sprintf "Classic(%g) A₋" g) "1.05·0.01·g" (0.0105 * g) w.AMinus (rounding (0.0105 * g)) "8u"
        assertAbs (sprintf "Classic(%g) τ₊" g) 20.0 w.TauPlus 0.0
        assertAbs (sprintf "Classic(%g) τ₋" g) 20.0 w.TauMinus 0.0
    assertAbs "Classic() is g = 1" 0.01 (StdpWindow.Classic()).APlus 0.0

[<Fact>]
let ``window and triplet parameters refuse each invalid value, naming it, and accept the edges`` () =
    for bad in [ -0.1; nan; infinity ] do
        throwsNamed "A+" "APlus" (fun () -> StdpWindow(bad, 0.1, 10.0, 10.0).Validated() |> ignore)
        throwsNamed "A-" "AMinus" (fun () -> StdpWindow(0.1, bad, 10.0, 10.0).Validated() |> ignore)
    for bad in [ 0.0; -1.0; nan; infinity ] do
        throwsNamed "tau+" "TauPlus" (fun () -> StdpWindow(0.1, 0.1, bad, 10.0).Validated() |> ignore)
        throwsNamed "tau-" "TauMinus" (fun () -> StdpWindow(0.1, 0.1, 10.0, bad).Validated() |> ignore)
    StdpWindow(0.0, 0.0, 1e-3, 1e-3).Validated() |> ignore
    let valid = [| 0.1; 0.1; 0.1; 0.1; 10.0; 10.0; 10.0; 10.0 |]
    let make (v: float[]) = TripletStdpParameters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
    let names = [| "A2Plus"; "A3Plus"; "A2Minus"; "A3Minus"; "TauPlus"; "TauMinus"; "TauX"; "TauY" |]
    for k in 0 .. 7 do
        for bad in (if k < 4 then [ -0.1; nan; infinity ] else [ 0.0; -1.0; nan; infinity ]) do
            let v = Array.copy valid
            v[k] <- bad
            throwsNamed (sprintf "%s = %g" names[k] bad) names[k] (fun () -> (make v).Validated() |> ignore)
    (make [| 0.0; 0.0; 0.0; 0.0; 1e-3; 1e-3; 1e-3; 1e-3 |]).Validated() |> ignore
    for bad in [ 0.0; -1.0; nan; infinity ] do
        throwsNamed (sprintf "TraceDecay(%g)" bad) "tau" (fun () -> TraceDecay(bad) |> ignore)
        throwsNamed (sprintf "VanRossum(%g)" bad) "wMax" (fun () -> StdpWeightDependence.VanRossum bad |> ignore)
        throwsNamed (sprintf "Multiplicative(%g)" bad) "wMax" (fun () -> StdpWeightDependence.Multiplicative bad |> ignore)
        throwsNamed (sprintf "Gutig(0.5, %g)" bad) "wMax" (fun () -> StdpWeightDependence.Gutig(0.5, bad) |> ignore)
    for bad in [ -0.1; 1.1; nan ] do
        throwsNamed (sprintf "Gutig(mu = %g)" bad) "mu" (fun () -> StdpWeightDependence.Gutig(bad, 1.0) |> ignore)
    for mu in [ 0.0; 1.0 ] do
        StdpWeightDependence.Gutig(mu, 1.0) |> ignore

// ---------------------------------------------------------------------------------------------------------
// Weight dependence.

/// (name, dependence, f₊, f₋, clip?) with the factors written from the kinds' definitions (w_max = 2).
let private dependences : (string * StdpWeightDependence * (float -> float) * (float -> float) * bool) list =
    let wMax = 2.0
    [ "additive, unbounded store", StdpWeightDependence.Additive, (fun _ -> 1.0), (fun _ -> 1.0), false
      "additive, store bounded to [0, w_max]", StdpWeightDependence.Additive, (fun _ -> 1.0), (fun _ -> 1.0), true
      "van Rossum", StdpWeightDependence.VanRossum wMax, (fun _ -> 1.0), (fun w -> w / wMax), true
      "multiplicative (Gütig μ = 1)", StdpWeightDependence.Multiplicative wMax, (fun w -> 1.0 - w / wMax), (fun w -> w / wMax), true
      "Gütig μ = 0", StdpWeightDependence.Gutig(0.0, wMax), (fun _ -> 1.0), (fun _ -> 1.0), true
      "Gütig μ = 1", StdpWeightDependence.Gutig(1.0, wMax), (fun w -> 1.0 - w / wMax), (fun w -> w / wMax), true
      "Gütig μ = 1/2", StdpWeightDependence.Gutig(0.5, wMax), (fun w -> sqrt (1.0 - w / wMax)), (fun w -> sqrt (w / wMax)), true ]

let private clipTo (clip: bool) (w: float) = if clip then min (max w 0.0) 2.0 else w

/// The store's bounds for a case: [0, w_max = 2] when it clips, none otherwise (hard bounds are the store's policy).
let private boundsFor (clip: bool) = if clip then WeightBounds(0.0, 2.0) else WeightBounds.None

[<Fact>]
let ``every weight dependence moves the weight by f(w)·trace·A and the store clips to [0, w_max]`` () =
    // Weights inside [0, w_max] and drives small enough to stay inside, plus drives that cross either bound.
    for name, d, fPlus, fMinus, clip in dependences do
        require (if d.Kind = StdpWeightDependenceKind.Additive then Double.IsPositiveInfinity d.WMax else d.WMax = 2.0) (sprintf "%s w_max %g" name d.WMax)
        let bounds = boundsFor clip
        for w in [ 0.0; 0.25; 1.0; 1.5; 2.0 ] do
            within (sprintf "%s f₊(%g)" name w) "f₊ by definition" (fPlus w) (d.PotentiationFactor w) (rounding 1.0) "8u"
            within (sprintf "%s f₋(%g)" name w) "f₋ by definition" (fMinus w) (d.DepressionFactor w) (rounding 1.0) "8u"
            for trace, amplitude in [ 0.5, 0.25; 2.0, 0.75; 3.0, 4.0 ] do
                let up = clipTo clip (w + fPlus w * trace * amplitude)
                let down = clipTo clip (w - fMinus w * trace * amplitude)
                // f to 8u, times trace·A, plus the sum: 16u·(|w| + trace·A).
                let tol = 16.0 * unitRoundoff * (abs w + trace * amplitude) + 1e-300
                within (sprintf "%s potentiate w=%g x=%g A=%g" name w trace amplitude) "clip(w + f₊ x A)" up (bounds.Clamp(d.Potentiate(w, trace, amplitude))) tol "16u(|w| + xA)"
                within (sprintf "%s depress w=%g y=%g A=%g" name w trace amplitude) "clip(w − f₋ y A)" down (bounds.Clamp(d.Depress(w, trace, amplitude))) tol "16u(|w| + yA)"
                within (sprintf "%s potentiation step w=%g x=%g A=%g" name w trace amplitude) "f₊ x A" (fPlus w * trace * amplitude) (d.PotentiationStep(w, trace, amplitude)) tol "16u(|w| + xA)"
                within (sprintf "%s depression step w=%g y=%g A=%g" name w trace amplitude) "f₋ y A" (fMinus w * trace * amplitude) (d.DepressionStep(w, trace, amplitude)) tol "16u(|w| + yA)"

[<Fact>]
let ``the store's clip is the identity only without bounds, and the soft factors vanish outside the range instead of NaN`` () =
    let bounded = WeightBounds(0.0, 2.0)
    assertAbs "clip above" 2.0 (bounded.Clamp 3.5) 0.0
    assertAbs "clip below" 0.0 (bounded.Clamp -0.5) 0.0
    assertAbs "clip inside" 1.25 (bounded.Clamp 1.25) 0.0
    assertAbs "unbounded clip above" 3.5 (WeightBounds.None.Clamp 3.5) 0.0
    assertAbs "unbounded clip below" -0.5 (WeightBounds.None.Clamp -0.5) 0.0
    require (Double.IsPositiveInfinity StdpWeightDependence.Additive.WMax) "additive w_max should be +∞"
    // Gütig μ = 1/2 from an out-of-range start: the base (1 − w/w_max) or w/w_max is negative, clamped to 0,
    // so f = 0 (not NaN) and only the clip acts.
    let g = StdpWeightDependence.Gutig(0.5, 2.0)
    assertAbs "f₊(w > w_max) = 0" 0.0 (g.PotentiationFactor 3.0) 0.0
    assertAbs "f₋(w < 0) = 0" 0.0 (g.DepressionFactor -1.0) 0.0
    assertAbs "potentiation step from w > w_max vanishes" 0.0 (g.PotentiationStep(3.0, 1.0, 0.5)) 0.0
    assertAbs "depression step from w < 0 vanishes" 0.0 (g.DepressionStep(-1.0, 1.0, 0.5)) 0.0
    assertAbs "potentiate from w > w_max, then the store: clipped to w_max" 2.0 (bounded.Clamp(g.Potentiate(3.0, 1.0, 0.5))) 0.0
    assertAbs "depress from w < 0, then the store: clipped to 0" 0.0 (bounded.Clamp(g.Depress(-1.0, 1.0, 0.5))) 0.0
    let w = [| 3.0; -1.0 |]
    let delta = [| 0.0; 0.0 |]
    g.AddPotentiation(ReadOnlySpan w, ReadOnlySpan [| 1.0; 1.0 |], 0.5, Span delta, Span(Array.zeroCreate 2))
    assertAbs "vector step above w_max" 0.0 delta[0] 0.0
    let after = Array.map2 (fun a b -> bounded.Clamp(a + b)) w delta
    require (after = [| 2.0; 0.0 |]) (sprintf "vector potentiation from out-of-range weights, then the store: %A, expected [2; 0]" after)

[<Fact>]
let ``vector potentiation then the store's clip equals clip(w + f₊(w)·x·A) element by element`` () =
    // Lengths 1, 7 (SIMD remainder) and 300; traces up to 3 so some weights cross w_max.
    for name, d, fPlus, _, clip in dependences do
        for n in [ 1; 7; 300 ] do
            let w0 = Array.init n (fun j -> 2.0 * float (j % 9) / 8.0)
            let x = Array.init n (fun j -> float (j % 13) * 0.25)
            let amplitude = 0.375
            let delta = Array.zeroCreate n
            d.AddPotentiation(ReadOnlySpan w0, ReadOnlySpan x, amplitude, Span delta, Span(Array.zeroCreate n))
            let w = Array.map2 (fun a b -> (boundsFor clip).Clamp(a + b)) w0 delta
            for j in 0 .. n - 1 do
                let oracle = clipTo clip (w0[j] + fPlus w0[j] * x[j] * amplitude)
                within (sprintf "%s n=%d j=%d" name n j) "clip(w + f₊ x A)" oracle w[j] (16.0 * unitRoundoff * (abs w0[j] + x[j] * amplitude) + 1e-300) "16u(|w| + xA)"

// ---------------------------------------------------------------------------------------------------------
// Traces.

[<Fact>]
let ``trace decay is x·e^{−Δt/τ} for repeated and changing intervals`` () =
    let mutable decay = TraceDecay(20.0)
    assertAbs "τ" 20.0 decay.Tau 0.0
    // Alternate intervals so a stale cached factor shows; include 0 (factor 1).
    for interval in [ 0.5; 0.5; 3.0; 0.0; 0.5; 10.0; 10.0; 0.0 ] do
        let oracle = 1.5 * exp (-interval / 20.0)
        within (sprintf "decay over %g ms" interval) "x e^{−Δt/τ}" oracle (decay.Apply(1.5, interval)) (rounding oracle) "8u"
        let xs = [| 1.5; -0.25; 4.0 |]
        decay.ApplyAll(Span xs, interval)
        within (sprintf "vector decay over %g ms" interval) "x e^{−Δt/τ}" oracle xs[0] (rounding oracle) "8u"
    TraceDecay.RequireInterval 0.0
    TraceDecay.RequireInterval 5.0
    for bad in [ -1e-9; nan; infinity ] do
        throwsNamed (sprintf "interval %g" bad) "interval" (fun () -> TraceDecay.RequireInterval bad)

[<Fact>]
let ``pair traces accumulate, reset or are consumed as each pairing scheme defines`` () =
    let window = StdpWindow(0.5, 0.25, 10.0, 20.0)
    let decayPre, decayPost = exp (-5.0 / 10.0), exp (-5.0 / 20.0)
    for scheme in [ StdpPairing.AllToAll; StdpPairing.NearestSymmetric; StdpPairing.PresynapticCentred ] do
        let rule = PairStdpRule(window, scheme, StdpWeightDependence.Additive)
        let s = rule.CreateState(1, 3)
        require (s.Inputs = 3 && s.Outputs = 1 && rule.Pairing = scheme && obj.ReferenceEquals(rule.Window, window) && rule.HasState) (sprintf "%A: properties" scheme)
        let d = EventDriver(s, storeOf WeightBounds.None (Array.zeroCreate 3))
        // Input 0 spikes twice 5 ms apart, input 2 once; then a post spike; then 5 ms; another post spike.
        d.OnPreSpike 0
        d.Decay 5.0
        d.OnPreSpike 0
        d.OnPreSpike 2
        let x0 = if scheme = StdpPairing.NearestSymmetric then 1.0 else decayPre + 1.0
        within (sprintf "%A x_0 after two spikes" scheme) "accumulate or reset" x0 (s.PreTraces 0).[0] (rounding x0) "8u"
        assertAbs (sprintf "%A x_1 silent" scheme) 0.0 (s.PreTraces 0).[1] 0.0
        assertAbs (sprintf "%A x_2 one spike" scheme) 1.0 (s.PreTraces 0).[2] 0.0
        assertAbs (sprintf "%A y before any post spike" scheme) 0.0 s.PostTraces[0] 0.0
        d.OnPostSpike()
        within (sprintf "%A w_0 after the post spike" scheme) "A₊ x_0" (0.5 * x0) d.Weights[0] (rounding x0) "8u"
        assertAbs (sprintf "%A y after one post spike" scheme) 1.0 s.PostTraces[0] 0.0
        let consumed = scheme = StdpPairing.PresynapticCentred
        assertAbs (sprintf "%A x_0 after the post spike" scheme) (if consumed then 0.0 else x0) (s.PreTraces 0).[0] (rounding x0)
        d.Decay 5.0
        d.OnPostSpike()
        let y = if scheme = StdpPairing.AllToAll then decayPost + 1.0 else 1.0
        within (sprintf "%A y after two post spikes" scheme) "accumulate or reset" y s.PostTraces[0] (rounding y) "8u"
        // A pre spike now depresses by A₋·y.
        let before = d.Weights[1]
        d.OnPreSpike 1
        within (sprintf "%A depression of input 1" scheme) "A₋ y" (before - 0.25 * y) d.Weights[1] (rounding 1.0) "8u"
        s.Reset()
        require (s.PostTraces[0] = 0.0 && Seq.forall ((=) 0.0) ((s.PreTraces 0).ToArray())) (sprintf "%A: Reset leaves traces" scheme)
        d.Decay 0.0 // a zero interval is allowed

[<Fact>]
let ``triplet traces accumulate (all-to-all) or reset to 1 (nearest) and feed the triplet amplitudes`` () =
    let p = TripletStdpParameters(0.5, 0.25, 0.375, 0.125, 10.0, 20.0, 40.0, 50.0)
    for pairing in [ StdpPairing.AllToAll; StdpPairing.NearestSymmetric ] do
        let rule = TripletStdpRule(p, pairing, StdpWeightDependence.Additive)
        let s = rule.CreateState(1, 2)
        require (s.Inputs = 2 && s.Outputs = 1 && rule.Pairing = pairing && obj.ReferenceEquals(rule.Parameters, p) && rule.HasState) (sprintf "%A: properties" pairing)
        let d = EventDriver(s, storeOf WeightBounds.None (Array.zeroCreate 2))
        d.OnPreSpike 0
        d.Decay 4.0
        d.OnPreSpike 0
        let nearest = pairing = StdpPairing.NearestSymmetric
        let r1 = if nearest then 1.0 else 1.0 + exp (-4.0 / 10.0)
        let r2 = if nearest then 1.0 else 1.0 + exp (-4.0 / 40.0)
        within (sprintf "%A r1" pairing) "trace algebra" r1 s.R1[0] (rounding r1) "8u"
        within (sprintf "%A r2" pairing) "trace algebra" r2 s.R2[0] (rounding r2) "8u"
        assertAbs (sprintf "%A silent r1, r2" pairing) 0.0 (s.R1[1] + s.R2[1]) 0.0
        d.OnPostSpike()
        // First post spike: o₂ = 0 before it, so Δw_0 = r1·A₂⁺.
        within (sprintf "%A first post potentiation" pairing) "r₁ A₂⁺" (r1 * 0.5) d.Weights[0] (rounding r1) "8u"
        d.Decay 4.0
        d.OnPostSpike()
        let o1 = if nearest then 1.0 else 1.0 + exp (-4.0 / 20.0)
        let o2 = if nearest then 1.0 else 1.0 + exp (-4.0 / 50.0)
        within (sprintf "%A o1" pairing) "trace algebra" o1 s.O1[0] (rounding o1) "8u"
        within (sprintf "%A o2" pairing) "trace algebra" o2 s.O2[0] (rounding o2) "8u"
        // Second post spike read o₂ = e^{−4/50} before its own increment: Δw = r₁(t)(A₂⁺ + A₃⁺ o₂(t−ε)).
        let r1Now = r1 * exp (-4.0 / 10.0)
        let second = r1Now * (0.5 + 0.25 * exp (-4.0 / 50.0))
        within (sprintf "%A second post potentiation" pairing) "r₁(A₂⁺ + A₃⁺ o₂)" (r1 * 0.5 + second) d.Weights[0] (rounding 2.0) "8u"
        // A pre spike of input 1 now: Δw_1 = −o₁(A₂⁻ + A₃⁻ r₂) with r₂ = 0 (input 1 silent so far).
        d.OnPreSpike 1
        within (sprintf "%A depression of a fresh input" pairing) "−o₁ A₂⁻" (-(o1 * 0.375)) d.Weights[1] (rounding o1) "8u"
        s.Reset()
        require (s.O1[0] = 0.0 && s.O2[0] = 0.0 && Seq.forall ((=) 0.0) (Array.append (s.R1.ToArray()) (s.R2.ToArray()))) (sprintf "%A: Reset leaves traces" pairing)
    throwsNamed "triplet with presynaptically centred pairing" "pairing" (fun () ->
        TripletStdpRule(p, StdpPairing.PresynapticCentred, StdpWeightDependence.Additive) |> ignore)
    throwsNamed "pair with an undefined pairing" "pairing" (fun () ->
        PairStdpRule(StdpWindow.Classic(), enum<StdpPairing> 7, StdpWeightDependence.Additive) |> ignore)

[<Fact>]
let ``presets are found by name in any case, with their fitted pairing and the additive default`` () =
    require (TripletStdpPresets.All.Count = 3) (sprintf "%d presets" TripletStdpPresets.All.Count)
    for preset in TripletStdpPresets.All do
        require (obj.ReferenceEquals(TripletStdpPresets.Get(preset.Name.ToUpperInvariant()), preset)) (sprintf "Get(%s) in upper case" preset.Name)
        require preset.Verified (sprintf "%s should be a verified preset" preset.Name)
        let s = TripletStdpRule.FromPreset preset
        require (s.Pairing = preset.Pairing && obj.ReferenceEquals(s.Parameters, preset.Parameters) && obj.ReferenceEquals(s.WeightDependence, StdpWeightDependence.Additive)) (sprintf "FromPreset(%s)" preset.Name)
        let soft = TripletStdpRule.FromPreset(preset, StdpWeightDependence.VanRossum 1.0)
        require (soft.WeightDependence.Kind = StdpWeightDependenceKind.VanRossum) (sprintf "FromPreset(%s) with a dependence" preset.Name)
    throwsNamed "unknown preset" "name" (fun () -> TripletStdpPresets.Get "no-such-preset" |> ignore)

// ---------------------------------------------------------------------------------------------------------
// Protocol drivers against Σ_k Σ_l W(t_post,l − t_pre,k) (additive unbounded all-to-all pair rule).

let private window = StdpWindow(0.5, 0.375, 10.0, 20.0)
let private allToAll = PairStdpRule(window, StdpPairing.AllToAll, StdpWeightDependence.Additive)

/// Σ over all pre/post pairs of W(post − pre) and Σ|W| (for the rounding bound 4(n + 4)·u·Σ|W| of a trace run).
let private allPairs (pre: float[]) (post: float[]) =
    let terms = [ for tp in pre do for tq in post -> windowFormula 0.5 0.375 10.0 20.0 (tq - tp) ]
    List.sum terms, List.sumBy abs terms

[<Fact>]
let ``pairing protocol, frequency and window tables equal the sum over all pairs`` () =
    for f in [ 5.0; 40.0 ] do
        for d in [ -7.5; 0.0; 12.0 ] do
            let period = 1000.0 / f
            let pre = Array.init 4 (fun k -> float k * period)
            let post = pre |> Array.map (fun t -> t + d)
            let oracle, sumAbs = allPairs pre post
            let tol = 4.0 * 12.0 * unitRoundoff * sumAbs + 1e-300
            let measured = StdpProtocols.PairingProtocol(allToAll, f, d, 4, 0.25)
            within (sprintf "protocol f=%g Δt=%g" f d) "Σ_k Σ_l W" oracle measured tol "4(n+4)·u·Σ|W|"
        let table = StdpProtocols.FrequencyTable(allToAll, ReadOnlySpan [| f; 2.0 * f |], -7.5, 4, 0.0)
        for i, fi in [ 0, f; 1, 2.0 * f ] do
            let pre = Array.init 4 (fun k -> float k * 1000.0 / fi)
            let oracle, sumAbs = allPairs pre (pre |> Array.map (fun t -> t - 7.5))
            within (sprintf "frequency table at %g Hz" fi) "Σ_k Σ_l W" oracle table[i] (48.0 * unitRoundoff * sumAbs + 1e-300) "4(n+4)·u·Σ|W|"
    let deltas = [| -30.0; -1.0; 0.0; 2.5; 30.0 |]
    let table = StdpProtocols.WindowTable(allToAll, ReadOnlySpan deltas, 0.0)
    require (table.Length = deltas.Length) "window table length"
    for i in 0 .. deltas.Length - 1 do
        let oracle = windowFormula 0.5 0.375 10.0 20.0 deltas[i]
        within (sprintf "window table W(%g)" deltas[i]) "W(Δt)" oracle table[i] (rounding oracle) "8u"
        within (sprintf "single pair W(%g)" deltas[i]) "W(Δt)" oracle (StdpProtocols.PairWeightChange(allToAll, deltas[i], 0.5)) (rounding 1.0) "8u"

[<Fact>]
let ``Run orders events in time, pre before post at equal times, from the given start, and returns the last time`` () =
    // Unsorted input is not allowed per train, but trains interleave: input 0 at 3 and 9, input 1 at 5; post at 5 and 11.
    let s = allToAll.CreateState(1, 2)
    let store = storeOf WeightBounds.None [| 0.0; 0.0 |]
    let last = StdpProtocols.Run(s, store, [| [| 3.0; 9.0 |]; [| 5.0 |] |], ReadOnlySpan [| 5.0; 11.0 |], 1.0)
    let w = rowOf store
    assertAbs "last event time" 11.0 last 0.0
    let o0, a0 = allPairs [| 3.0; 9.0 |] [| 5.0; 11.0 |]
    let o1, a1 = allPairs [| 5.0 |] [| 5.0; 11.0 |]
    within "input 0" "Σ W" o0 w[0] (48.0 * unitRoundoff * a0) "4(n+4)·u·Σ|W|"
    within "input 1 (coincident pair potentiates)" "Σ W" o1 w[1] (48.0 * unitRoundoff * a1) "4(n+4)·u·Σ|W|"
    // Traces refer to the last event: x_0 = e^{−2/10} + e^{−8/10}, y = 1 + e^{−6/20}.
    let x0 = exp (-2.0 / 10.0) + exp (-8.0 / 10.0)
    within "x_0 at the last event" "Σ e^{−Δ/τ₊}" x0 (s.PreTraces 0).[0] (rounding x0) "8u"
    within "y at the last event" "Σ e^{−Δ/τ₋}" (1.0 + exp (-6.0 / 20.0)) s.PostTraces[0] (rounding 2.0) "8u"
    // No events: the start time comes back and nothing changes.
    assertAbs "no events" 7.0 (StdpProtocols.Run(s, store, [||], ReadOnlySpan<float>([||]), 7.0)) 0.0
    require (rowOf store = w) "no events: the weights are unchanged"
    // A protocol with Δt < 0 starts at t = 0 with the post spike (offset −Δt), all times ≥ 0.
    let measured = StdpProtocols.PairingProtocol(allToAll, 1000.0, -500.0, 1, 0.0)
    let single = windowFormula 0.5 0.375 10.0 20.0 -500.0
    within "one pair, post 500 ms first" "W(−500)" single measured (rounding single) "8u"

[<Fact>]
let ``Run and the protocols refuse spikes before the start, extra trains, wrong lengths and bad protocol values`` () =
    let s () = allToAll.CreateState(1, 2) :> IRuleState
    let two () = storeOf WeightBounds.None [| 0.0; 0.0 |]
    throwsNamed "spike before the start" "preSpikeTimes" (fun () -> StdpProtocols.Run(s (), two (), [| [| 0.5 |] |], ReadOnlySpan [| 2.0 |], 1.0) |> ignore)
    throwsNamed "post spike before the start" "preSpikeTimes" (fun () -> StdpProtocols.Run(s (), two (), [||], ReadOnlySpan [| 0.5 |], 1.0) |> ignore)
    throwsNamed "non-finite spike" "preSpikeTimes" (fun () -> StdpProtocols.Run(s (), two (), [| [| infinity |] |], ReadOnlySpan<float>([||])) |> ignore)
    throwsNamed "3 trains for N = 2" "preSpikeTimes" (fun () -> StdpProtocols.Run(s (), two (), [| [||]; [||]; [||] |], ReadOnlySpan<float>([||])) |> ignore)
    throwsNamed "a store with 2 outputs" "weights" (fun () -> StdpProtocols.Run(s (), DenseWeightMatrix(2, 2), [||], ReadOnlySpan<float>([||])) |> ignore)
    throwsNamed "3 weights for a 2-input state" "pre" (fun () -> StdpProtocols.Run(s (), storeOf WeightBounds.None [| 0.0; 0.0; 0.0 |], [| [| 1.0 |] |], ReadOnlySpan<float>([||])) |> ignore)
    StdpProtocols.Run(s (), two (), [| [| 1.0 |]; [| 1.0 |] |], ReadOnlySpan [| 1.0 |], 1.0) |> ignore // at the start: allowed
    let one = allToAll
    for bad in [ 0.0; -1.0; nan; infinity ] do
        throwsNamed (sprintf "frequency %g" bad) "frequencyHz" (fun () -> StdpProtocols.PairingProtocol(one, bad, 10.0, 3, 0.0) |> ignore)
    for bad in [ nan; infinity ] do
        throwsNamed (sprintf "protocol Δt %g" bad) "deltaT" (fun () -> StdpProtocols.PairingProtocol(one, 10.0, bad, 3, 0.0) |> ignore)
        throwsNamed (sprintf "pair Δt %g" bad) "deltaT" (fun () -> StdpProtocols.PairWeightChange(one, bad, 0.0) |> ignore)
        throwsNamed (sprintf "initial weight %g" bad) "initialWeight" (fun () -> StdpProtocols.PairWeightChange(one, 1.0, bad) |> ignore)
    throwsNamed "0 pairs" "pairs" (fun () -> StdpProtocols.PairingProtocol(one, 10.0, 1.0, 0, 0.0) |> ignore)
    StdpProtocols.PairingProtocol(one, 10.0, 1.0, 1, 0.0) |> ignore

// ---------------------------------------------------------------------------------------------------------
// Out-of-range starts.

/// A weight above w_max makes the Gütig base (w_max − w)/w_max negative. The documented convention is that the base
/// is clamped to 0 for every μ, so potentiation vanishes there and the clip returns w_max; μ = 1 once skipped the
/// clamp and potentiation pushed the weight DOWN (w = 1.5, x·A = 2 gave 0.5 instead of 1).
[<Fact>]
let ``Gütig potentiation above w_max vanishes for every mu, in the scalar and the vector path`` () =
    for mu in [ 0.3; 0.999; 1.0 ] do
        let dep = StdpWeightDependence.Gutig(mu, 1.0)
        assertAbs (sprintf "f₊(1.5) for μ = %g (clamped base 0^μ)" mu) 0.0 (dep.PotentiationFactor 1.5) 0.0
        let bounds = WeightBounds(0.0, 1.0)
        assertAbs (sprintf "PotentiationStep(1.5, x = 1, A = 2) for μ = %g = 0" mu) 0.0 (dep.PotentiationStep(1.5, 1.0, 2.0)) 0.0
        assertAbs (sprintf "Potentiate(1.5, x = 1, A = 2) for μ = %g, then the store: clip(1.5) = w_max" mu) 1.0 (bounds.Clamp(dep.Potentiate(1.5, 1.0, 2.0))) 0.0
        let w0 = [| 1.5; 0.25 |]
        let delta = [| 0.0; 0.0 |]
        dep.AddPotentiation(ReadOnlySpan w0, ReadOnlySpan [| 1.0; 1.0 |], 2.0, Span delta, Span(Array.zeroCreate 2))
        assertAbs (sprintf "vector step at w = 1.5, μ = %g" mu) 0.0 delta[0] 0.0
        let weights = Array.map2 (fun a b -> bounds.Clamp(a + b)) w0 delta
        assertAbs (sprintf "vector path at w = 1.5, μ = %g" mu) 1.0 weights[0] 0.0
        // In range the step is 0.75^μ·2 from 0.25, clipped to 1 whatever μ: a check that the vector path still moves.
        assertAbs (sprintf "vector path at w = 0.25, μ = %g" mu) 1.0 weights[1] 0.0
