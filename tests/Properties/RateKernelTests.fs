/// The fused SIMD kernels of GHA / Oja's subspace rule (DeflationKernels) and of Oja's rule (OjaRule.DeltaRow) against
/// their scalar references, bit for bit, at lengths that exercise the SIMD body and the scalar tail (0 … 70) and at
/// the sizes of issue 11 target 4 (d = 784, above the 512 where the old Oja row path switched to a heap buffer); and
/// SangerRule's dense fast path (rows read in place) and its copy path (a matrix with divisor ≠ 1, any other view)
/// against the scalar rule. Which wrong kernel would pass? None that changes one rounding: the comparison is of bits,
/// and the values are drawn over several magnitudes so a reassociated or fused (FMA) form differs somewhere.
module Plasticity.Properties.RateKernelTests

open System
open FsCheck.FSharp
open FsCheck.Xunit
open Plasticity.Core.Plasticity
open Plasticity.Core.Plasticity.MultiOutput
open Plasticity.Core.Plasticity.TwoFactor
open Plasticity.Core.Synapses
open Plasticity.Properties.Support

let private bits (what: string) (expected: float) (actual: float) =
    require (BitConverter.DoubleToInt64Bits expected = BitConverter.DoubleToInt64Bits actual)
        (sprintf "%s: reference %.17g, fast %.17g" what expected actual)

/// A value over several magnitudes and signs, so roundings differ between operation orders.
let private value (random: Random) = (random.NextDouble() - 0.5) * Math.Pow(10.0, float (random.Next(-3, 4)))

let private vector (random: Random) n = Array.init n (fun _ -> value random)

[<Property(MaxTest = 100)>]
let ``DeflateAndScale and Deflate equal their scalar references bit for bit`` (seed: uint64) =
    let random = rng seed
    for n in [ random.Next(0, 71); 784 ] do
        let row, residual, y, scale = vector random n, vector random n, value random, value random
        let r1, r2 = Array.copy residual, Array.copy residual
        let d1, d2 = Array.zeroCreate n, Array.zeroCreate n
        DeflationKernels.DeflateAndScaleReference(ReadOnlySpan row, y, Span r1, scale, Span d1)
        DeflationKernels.DeflateAndScale(ReadOnlySpan row, y, Span r2, scale, Span d2)
        for j in 0 .. n - 1 do
            bits (sprintf "DeflateAndScale n=%d residual[%d]" n j) r1[j] r2[j]
            bits (sprintf "DeflateAndScale n=%d delta[%d]" n j) d1[j] d2[j]
        let r3, r4 = Array.copy residual, Array.copy residual
        DeflationKernels.DeflateReference(ReadOnlySpan row, y, Span r3)
        DeflationKernels.Deflate(ReadOnlySpan row, y, Span r4)
        for j in 0 .. n - 1 do
            bits (sprintf "Deflate n=%d residual[%d]" n j) r3[j] r4[j]

[<Property(MaxTest = 100)>]
let ``Oja's DeltaRow equals the scalar rule element by element, bit for bit`` (seed: uint64) =
    let random = rng seed
    let rule = OjaRule(0.001 + random.NextDouble(), 0.5 + random.NextDouble())
    for n in [ random.Next(0, 71); 784 ] do
        let pre, weights, post = vector random n, vector random n, value random
        let delta = Array.zeroCreate n
        rule.DeltaRow(ReadOnlySpan pre, post, ReadOnlySpan weights, Span delta)
        for j in 0 .. n - 1 do
            bits (sprintf "Oja n=%d Δw[%d]" n j) (rule.Delta(pre[j], post, weights[j])) delta[j]

[<Property(MaxTest = 40)>]
let ``SangerRule's dense fast path and its copy path equal the scalar rule bit for bit`` (seed: uint64) =
    let random = rng seed
    let m, d = random.Next(1, 17), (if random.Next 4 = 0 then 784 else random.Next(1, 40))
    let x, y = vector random d, vector random m
    let rows = Array.init m (fun _ -> vector random d)
    let dense = DenseWeightMatrix.FromRows rows
    for subspace in [ false; true ] do
        let rule = SangerRule(0.001 + random.NextDouble(), subspace)
        let deltaOf (w: IWeightView) =
            let delta = Array.zeroCreate (m * d)
            let context = StepContext(1.0, w)
            (rule.CreateState(m, d)).ComputeDelta(ReadOnlySpan x, ReadOnlySpan y, &context, Span delta)
            delta
        let fast = deltaOf dense
        // The same weights behind a view that is not a DenseWeightMatrix: the copy path.
        let viewed = deltaOf (DenseWeightMatrix.FromRows rows :> IWeightView |> fun w -> { new IWeightView with
                                                                                              member _.Outputs = w.Outputs
                                                                                              member _.Inputs = w.Inputs
                                                                                              member _.Item with get (i, j) = w[i, j]
                                                                                              member _.CopyRow(i, dst) = w.CopyRow(i, dst) })
        for i in 0 .. m - 1 do
            for j in 0 .. d - 1 do
                let reference = rule.Delta(i, j, ReadOnlySpan x, ReadOnlySpan y, dense)
                bits (sprintf "%s dense Δw[%d,%d] (m=%d d=%d)" rule.Name i j m d) reference fast[i * d + j]
                bits (sprintf "%s view Δw[%d,%d] (m=%d d=%d)" rule.Name i j m d) reference viewed[i * d + j]
