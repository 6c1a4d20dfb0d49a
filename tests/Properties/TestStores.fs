/// Weight stores that are not the ideal dense matrix, for the "any store runs anywhere" properties: a recording
/// store (counts every write and keeps the exact dense result, so a run through it must equal the dense run bit for
/// bit) and a quantising store (every write rounds to a grid, as a device with finite conductance levels does).
/// Both implement the one weight-store contract (IWeightMatrix; ICouplings for the recurrent form) by delegation.
module Plasticity.Properties.TestStores

open System
open Plasticity.Core.Synapses

/// Delegates to an inner dense matrix and counts each kind of write.
type RecordingWeightMatrix(inner: DenseWeightMatrix) =
    let mutable rowWrites = 0
    let mutable fullWrites = 0
    let mutable sparseWrites = 0
    let mutable outerWrites = 0
    let mutable programs = 0
    let mutable reads = 0
    member _.Inner = inner
    member _.RowWrites = rowWrites
    member _.FullWrites = fullWrites
    member _.SparseWrites = sparseWrites
    member _.OuterWrites = outerWrites
    member _.Programs = programs
    member _.Reads = reads
    /// Every kind of write, summed.
    member _.Writes = rowWrites + fullWrites + sparseWrites + outerWrites + programs
    interface IWeightMatrix with
        member _.Outputs = inner.Outputs
        member _.Inputs = inner.Inputs
        member _.Item with get (i, j) = inner.[i, j]
        member _.CopyRow(i, destination) =
            reads <- reads + 1
            inner.CopyRow(i, destination)
        member _.Bounds = inner.Bounds
        member _.Multiply(pre, drive) = inner.Multiply(pre, drive)
        member _.MultiplyTransposed(post, result) = inner.MultiplyTransposed(post, result)
        member _.AddToRow(i, delta) =
            rowWrites <- rowWrites + 1
            inner.AddToRow(i, delta)
        member _.Apply(delta) =
            fullWrites <- fullWrites + 1
            inner.Apply(delta)
        member _.AddAt(indices, values) =
            sparseWrites <- sparseWrites + 1
            inner.AddAt(indices, values)
        member _.AddOuterProduct(scale, post, pre) =
            outerWrites <- outerWrites + 1
            inner.AddOuterProduct(scale, post, pre)
        member _.SetRow(i, values) =
            programs <- programs + 1
            inner.SetRow(i, values)

/// A device-like store: after every write each touched weight is rounded to the nearest multiple of `step`
/// (round half to even), then clamped to the inner matrix's bounds. Reads are exact.
type QuantisingWeightMatrix(inner: DenseWeightMatrix, step: float) =
    do if not (step > 0.0) then invalidArg (nameof step) "step must be > 0"
    let quantiseRow (i: int) =
        let row = inner.Row(i)
        for j in 0 .. row.Length - 1 do
            row.[j] <- inner.Bounds.Clamp(Math.Round(row.[j] / step) * step)
    let quantiseAll () =
        for i in 0 .. inner.Outputs - 1 do quantiseRow i
    member _.Inner = inner
    member _.Step = step
    /// Whether every weight is on the grid (within the bounds): what the device guarantees.
    member _.OnGrid() =
        let mutable ok = true
        for i in 0 .. inner.Outputs - 1 do
            let row = inner.Row(i)
            for j in 0 .. row.Length - 1 do
                let w = row.[j]
                if w <> inner.Bounds.Lower && w <> inner.Bounds.Upper && Math.Round(w / step) * step <> w then ok <- false
        ok
    interface IWeightMatrix with
        member _.Outputs = inner.Outputs
        member _.Inputs = inner.Inputs
        member _.Item with get (i, j) = inner.[i, j]
        member _.CopyRow(i, destination) = inner.CopyRow(i, destination)
        member _.Bounds = inner.Bounds
        member _.Multiply(pre, drive) = inner.Multiply(pre, drive)
        member _.MultiplyTransposed(post, result) = inner.MultiplyTransposed(post, result)
        member _.AddToRow(i, delta) =
            inner.AddToRow(i, delta)
            quantiseRow i
        member _.Apply(delta) =
            inner.Apply(delta)
            quantiseAll ()
        member _.AddAt(indices, values) =
            inner.AddAt(indices, values)
            let data = inner.Data
            for k in indices do
                data.[k] <- inner.Bounds.Clamp(Math.Round(data.[k] / step) * step)
        member _.AddOuterProduct(scale, post, pre) =
            inner.AddOuterProduct(scale, post, pre)
            quantiseAll ()
        member _.SetRow(i, values) =
            inner.SetRow(i, values)
            quantiseRow i

/// Couplings that delegate to an inner ICouplings and count what a Hopfield run asks of them: full field
/// evaluations, trackers created, tracked field reads and flips. A run through it must equal the run on the inner
/// couplings bit for bit.
type RecordingCouplings(inner: ICouplings) =
    let mutable fieldCalls = 0
    let mutable trackers = 0
    let mutable fieldReads = 0L
    let mutable flips = 0L
    member _.Inner = inner
    member _.FieldCalls = fieldCalls
    member _.Trackers = trackers
    member _.FieldReads = fieldReads
    member _.Flips = flips
    interface ICouplings with
        member _.Outputs = inner.Outputs
        member _.Inputs = inner.Inputs
        member _.Item with get (i, j) = inner.[i, j]
        member _.CopyRow(i, destination) = inner.CopyRow(i, destination)
        member _.Size = inner.Size
        member _.Diagonal i = inner.Diagonal i
        member _.ComputeFields(state, fields) =
            fieldCalls <- fieldCalls + 1
            inner.ComputeFields(state, fields)
        member _.CreateTracker state =
            trackers <- trackers + 1
            let tracker = inner.CreateTracker state
            { new IFieldTracker with
                member _.Field i =
                    fieldReads <- fieldReads + 1L
                    tracker.Field i
                member _.Flip j =
                    flips <- flips + 1L
                    tracker.Flip j }

/// Device-like couplings: each weight of `source` is stored as an integer level q_ij = round(w_ij / step) (round half
/// to even) and read as q_ij·step; fields are (Σ_j q_ij s_j)·step with the integer sum exact. The tracker recomputes a
/// field from its row of levels on every read.
type QuantisingCouplings(source: IWeightView, step: float) =
    do if not (step > 0.0) then invalidArg (nameof step) "step must be > 0"
    do if source.Outputs <> source.Inputs then invalidArg (nameof source) "couplings must be square"
    let n = source.Outputs
    let levels = Array2D.init n n (fun i j -> int (Math.Round(source.[i, j] / step)))
    let scaledField (i: int, state: ReadOnlySpan<sbyte>) =
        let mutable sum = 0
        for j in 0 .. n - 1 do
            sum <- sum + levels[i, j] * int state[j]
        sum
    /// The integer levels q_ij.
    member _.Levels = levels
    member _.Step = step
    interface ICouplings with
        member _.Outputs = n
        member _.Inputs = n
        member _.Item with get (i, j) = float levels[i, j] * step
        member _.CopyRow(i, destination) =
            for j in 0 .. n - 1 do
                destination[j] <- float levels[i, j] * step
        member _.Size = n
        member _.Diagonal i = float levels[i, i] * step
        member _.ComputeFields(state, fields) =
            for i in 0 .. n - 1 do
                fields[i] <- float (scaledField (i, state)) * step
        member _.CreateTracker state =
            let tracked = state.ToArray()
            { new IFieldTracker with
                member _.Field i = float (scaledField (i, ReadOnlySpan tracked)) * step
                member _.Flip j = tracked[j] <- -tracked[j] }
