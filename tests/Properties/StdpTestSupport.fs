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
