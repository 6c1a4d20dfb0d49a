/// Behaviour of the LIF neurons (src/Core.CSharp/Neurons/Spiking) against their documented conventions and the
/// closed-form solution of the membrane equation, written to kill the mutants Stryker.NET left alive (see
/// docs/testing.md, "Mutation testing"): the spike test V ≥ V_t when V lands exactly on the threshold, the
/// refractory hold of round(t_ref/dt) steps, the default initial potential, inhibitory conductances, and the
/// refractory-step overflow limit.
///
/// Family-wise false-alarm probability of one CI run: 0 (every check is exact or a derived rounding bound).
module Plasticity.Properties.SpikingNeuronBehaviourTests

open System
open Xunit
open Plasticity.Core.Neurons.Spiking
open Plasticity.Properties.Support

let private u = unitRoundoff

[<Fact>]
let ``a membrane that lands exactly on the threshold spikes and resets (V ≥ V_t)`` () =
    // Oracle: the spike convention of LifParameters (V ≥ V_t at the end of a step). Current LIF: V0 = V_t and
    // R·I = V_t − E_L give V∞ = V_t and V = V∞ + 0·e^{−dt/τ} = V_t exactly. Conductance LIF with E_L = V_t and no
    // conductance: V∞ = E_L/1 = V_t exactly. Just below (V_t − 1e-9) neither spikes.
    let p = LifParameters(10.0, -74.0, -54.0, -60.0)
    let current = CurrentLifNeuron(p, 0.1, -54.0)
    require (current.Step 20.0) "current LIF on the threshold did not spike"
    require (current.Potential = -60.0) (sprintf "after the spike V = %g, expected V_r = −60" current.Potential)
    let below = CurrentLifNeuron(p, 0.1, -54.0 - 1e-9)
    require (not (below.Step(20.0 - 1e-9))) "current LIF below the threshold spiked"
    let pc = LifParameters(10.0, -54.0, -54.0, -60.0)
    let conductance = ConductanceLifNeuron(pc, 0.0, -80.0, 0.1, -54.0)
    require (conductance.Step(0.0, 0.0)) "conductance LIF on the threshold did not spike"
    require (conductance.Potential = -60.0) (sprintf "after the spike V = %g, expected V_r = −60" conductance.Potential)

[<Fact>]
let ``after a spike the membrane is held at reset for round(t_ref/dt) steps, then integrates from V_r`` () =
    // Oracle: LifParameters' refractory convention, n_ref = round(t_ref/dt) (2 ms / 0.5 ms = 4; 0.7/0.5 = 1.4 → 1;
    // 0.8/0.5 = 1.6 → 2), and the exact step V ← V∞ + (V_r − V∞)e^{−dt/τ} for the first step after the hold.
    let dt, tau = 0.5, 10.0
    for tRef, nRef in [ 2.0, 4; 0.7, 1; 0.8, 2; 0.0, 0 ] do
        let p = LifParameters(tau, -74.0, -54.0, -60.0, tRef)
        let drive = 1000.0 // V∞ = 926 mV: every integrated step crosses the threshold
        let current = CurrentLifNeuron(p, dt, -54.0)
        let conductance = ConductanceLifNeuron(p, 0.0, -80.0, dt, -54.0)
        require (current.RefractorySteps = nRef && conductance.RefractorySteps = nRef)
            (sprintf "t_ref = %g: RefractorySteps %d and %d, expected %d" tRef current.RefractorySteps conductance.RefractorySteps nRef)
        require (not current.IsRefractory && not conductance.IsRefractory) "a new neuron is not refractory"
        require (current.Step drive) (sprintf "t_ref = %g: current LIF did not spike on the first step" tRef)
        require (conductance.Step(1000.0, 0.0)) (sprintf "t_ref = %g: conductance LIF did not spike on the first step" tRef)
        for k in 1 .. nRef do
            require (current.IsRefractory && conductance.IsRefractory) (sprintf "t_ref = %g: not refractory before held step %d" tRef k)
            require (not (current.Step drive) && not (conductance.Step(1000.0, 0.0))) (sprintf "t_ref = %g: spiked during the hold (step %d)" tRef k)
            require (current.Potential = -60.0 && conductance.Potential = -60.0) (sprintf "t_ref = %g: V moved during the hold (step %d)" tRef k)
        require (not current.IsRefractory && not conductance.IsRefractory) (sprintf "t_ref = %g: still refractory after %d steps" tRef nRef)
        // First integrated step from V_r with a sub-threshold drive: V = V∞ + (V_r − V∞)e^{−dt/τ}.
        let sub = 5.0
        require (not (current.Step sub)) "sub-threshold step spiked"
        let oracle = -74.0 + sub + (-60.0 - (-74.0 + sub)) * exp (-dt / tau)
        within (sprintf "t_ref = %g: V after the hold" tRef) "V∞ + (V_r − V∞)e^(−dt/τ)" oracle current.Potential (8.0 * u * 74.0) "8u·|V|"

[<Fact>]
let ``a new neuron starts at E_L unless told otherwise, with its parameters kept`` () =
    // Oracle: the constructors' documented default V(0) = E_L.
    let p = LifParameters(12.0, -70.0, -50.0, -65.0, 1.0)
    let current = CurrentLifNeuron(p, 0.25)
    let conductance = ConductanceLifNeuron(p, 0.0, -80.0, 0.25)
    require (current.Potential = -70.0 && conductance.Potential = -70.0) (sprintf "default V(0) %g and %g, expected E_L = −70" current.Potential conductance.Potential)
    require (CurrentLifNeuron(p, 0.25, -66.0).Potential = -66.0) "explicit V(0) ignored"
    require (current.TimeStep = 0.25 && conductance.TimeStep = 0.25) "dt kept"
    require (obj.Equals(current.Parameters, p) && obj.Equals(conductance.Parameters, p)) "parameters kept"
    require (conductance.ExcitatoryReversal = 0.0 && conductance.InhibitoryReversal = -80.0) "reversal potentials kept"

[<Fact>]
let ``constant excitatory and inhibitory conductances relax V towards their weighted reversal with τ_m/(1 + g_e + g_i)`` () =
    // Oracle: for constant conductances the membrane equation τ_m dV/dt = (E_L − V) + g_e(E_e − V) + g_i(E_i − V)
    // is linear with solution V(t) = V∞ + (V0 − V∞)e^{−Gt/τ_m}, G = 1 + g_e + g_i, V∞ = (E_L + g_e E_e + g_i E_i)/G.
    // The scheme is exact for constant conductances; rounding ≤ (8n + 16)u·max|V| over n steps.
    let el, ee, ei, tau, dt, n = -74.0, 10.0, -80.0, 10.0, 0.1, 150
    let p = LifParameters(tau, el, 100.0, -90.0)
    for ge, gi in [ 0.0, 0.5; 0.3, 0.7; 1.2, 0.0 ] do
        let neuron = ConductanceLifNeuron(p, ee, ei, dt, -60.0)
        for _ in 1 .. n do
            require (not (neuron.Step(ge, gi))) "no spike expected below a 100 mV threshold"
        let g = 1.0 + ge + gi
        let vInf = (el + ge * ee + gi * ei) / g
        let oracle = vInf + (-60.0 - vInf) * exp (-g * float n * dt / tau)
        within (sprintf "V(t) with g_e = %g, g_i = %g" ge gi) "V∞ + (V0 − V∞)e^(−Gt/τ)" oracle neuron.Potential ((8.0 * float n + 16.0) * u * 80.0) "(8n + 16)u·80 mV"
        // The scalar references give the same one-step solution.
        let one = ConductanceLifNeuron.Propagate(-60.0, el, dt / tau, ge, ee, gi, ei)
        within "Propagate, one step" "closed form" (vInf + (-60.0 - vInf) * exp (-g * dt / tau)) one (16.0 * u * 80.0) "16u·80 mV"
        if gi = 0.0 then
            let single = ConductanceLifNeuron.PropagateExcitatory(-60.0, el, ee, ge, dt / tau)
            within "PropagateExcitatory, one step" "closed form" (vInf + (-60.0 - vInf) * exp (-g * dt / tau)) single (16.0 * u * 80.0) "16u·80 mV"

[<Fact>]
let ``the Brian2 STDP preset has Brian2's values and a non-finite initial potential is refused`` () =
    // Oracle: Brian2 examples/synapses/STDP.py: taum = 10 ms, El = −74 mV, vt = −54 mV, vr = −60 mV.
    let p = LifParameters.Brian2Stdp
    require ((p.MembraneTimeConstant, p.RestingPotential, p.Threshold, p.Reset, p.RefractoryPeriod) = (10.0, -74.0, -54.0, -60.0, 0.0)) (sprintf "preset %A" p)
    throwsNamed "V(0) = NaN" "initialPotential" (fun () -> ignore (CurrentLifNeuron(p, 0.1, nan)))
    throwsNamed "V(0) = ∞" "initialPotential" (fun () -> ignore (ConductanceLifNeuron(p, 0.0, -80.0, 0.1, infinity)))

[<Fact>]
let ``the refractory period may last up to Int32.MaxValue steps and no more`` () =
    // Oracle: the documented limit, n_ref = round(t_ref/dt) must fit in an int (2³¹ − 1 = 2147483647 steps).
    let ok = CurrentLifNeuron(LifParameters(10.0, -74.0, -54.0, -60.0, 2147483647.0), 1.0)
    require (ok.RefractorySteps = Int32.MaxValue) (sprintf "RefractorySteps %d, expected Int32.MaxValue" ok.RefractorySteps)
    throwsNamed "t_ref/dt = 2^31" "refractory" (fun () -> ignore (CurrentLifNeuron(LifParameters(10.0, -74.0, -54.0, -60.0, 2147483648.0), 1.0)))
