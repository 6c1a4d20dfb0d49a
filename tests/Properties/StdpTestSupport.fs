/// Drivers for the STDP rules on the one plasticity contract (IPlasticityRule/IRuleState), shared by the STDP and
/// spiking tests: one step (ComputeDelta, the store's Apply, Advance), an event-by-event driver (every event is a step:
/// a decay is a step without spikes, a spike a step of length 0, so each event is clamped by the store on its own),
/// and the protocol runner on a 1 × N store.
module Plasticity.Properties.StdpTestSupport

open System
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.Stdp
open Plasticity.Core.Synapses

/// A 1 × n dense store with the given bounds holding `weights`.
let storeOf (bounds: WeightBounds) (weights: float[]) =
    let store = DenseWeightMatrix(1, weights.Length, bounds)
    store.SetRow(0, ReadOnlySpan weights)
    store

/// The store's single row.
let rowOf (store: DenseWeightMatrix) = store.Row(0).ToArray()

/// One step of the loop with the step's 0/1 indicators.
let step (state: IRuleState) (store: IWeightMatrix) (pre: float[]) (post: float[]) (dt: float) =
    StdpProtocols.Step(state, store, ReadOnlySpan pre, ReadOnlySpan post, dt)

/// Event-by-event use of a one-output rule state on its own store.
type EventDriver(state: IRuleState, store: DenseWeightMatrix) =
    let n = store.Inputs
    let none = Array.zeroCreate<float> n
    member _.State = state
    member _.Store = store
    member _.Weights = rowOf store
    /// The traces decay over `interval` ms (a step without spikes).
    member _.Decay(interval: float) = step state store none [| 0.0 |] interval
    /// A spike of input j now (a step of length 0).
    member _.OnPreSpike(j: int) =
        let pre = Array.zeroCreate<float> n
        pre[j] <- 1.0
        step state store pre [| 0.0 |] 0.0
    /// A postsynaptic spike now (a step of length 0).
    member _.OnPostSpike() = step state store none [| 1.0 |] 0.0

/// An event driver for `rule` on n inputs starting from `weights` (zero when empty) in a store with `bounds`.
let driver (rule: IPlasticityRule) (bounds: WeightBounds) (n: int) (weights: float[]) =
    let w = if weights.Length = 0 then Array.zeroCreate n else weights
    EventDriver(rule.CreateState(1, n), storeOf bounds w)

/// StdpProtocols.Run on a fresh state of `rule` and an unbounded store from `weights`; returns the final weights.
let runTrains (rule: IPlasticityRule) (weights: float[]) (pre: float[][]) (post: float[]) =
    let store = storeOf WeightBounds.None weights
    StdpProtocols.Run(rule.CreateState(1, weights.Length), store, pre, ReadOnlySpan post) |> ignore
    rowOf store

/// The IEEE-754 bit patterns of `xs`: equality of these is bit-for-bit equality (−0.0 ≠ +0.0, NaN payloads kept).
let bits (xs: float[]) = xs |> Array.map BitConverter.DoubleToInt64Bits

/// Every weight dependence with weight scale w_max (Gütig μ = 0 is additive through the Gütig path).
let dependences (wMax: float) =
    [ "additive", StdpWeightDependence.Additive
      "van-rossum", StdpWeightDependence.VanRossum wMax
      "multiplicative", StdpWeightDependence.Multiplicative wMax
      "gutig 0.5", StdpWeightDependence.Gutig(0.5, wMax)
      "gutig 0", StdpWeightDependence.Gutig(0.0, wMax) ]

/// Every STDP rule: the pair rule under each pairing scheme and the triplet rule for each preset, each with every
/// weight dependence. The pair window is `window`; the triplet presets' amplitudes are multiplied by `unit` (1: the
/// published values; in the SMA runner the weight unit g_max times 10, so that the 0.5 s run neither saturates nor stops firing).
let allRules (window: StdpWindow) (wMax: float) (unit: float) : (string * IPlasticityRule) list =
    [ for dName, d in dependences wMax do
        for scheme in [ StdpPairing.AllToAll; StdpPairing.NearestSymmetric; StdpPairing.PresynapticCentred ] do
            yield sprintf "pair %A, %s" scheme dName, PairStdpRule(window, scheme, d) :> IPlasticityRule
        for preset in TripletStdpPresets.All do
            let q = preset.Parameters
            let scaled = TripletStdpParameters(unit * q.A2Plus, unit * q.A3Plus, unit * q.A2Minus, unit * q.A3Minus, q.TauPlus, q.TauMinus, q.TauX, q.TauY)
            yield sprintf "triplet %s, %s" preset.Name dName, TripletStdpRule(scaled, preset.Pairing, d) :> IPlasticityRule ]
