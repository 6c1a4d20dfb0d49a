/// The STDP figures (issue 10) built from small real runs through the library, read back from the plot model: titles
/// in words with Unicode symbols, labelled axes with units, theory as lines and simulation as markers, the Δt = 0
/// point, the residual panel, the u* marker for the soft bounds and the 0.1/0.9 tail marks only for additive; and the
/// closed-form triplet protocol theory (StdpTheory.tripletPairingProtocol) against the enumeration oracle of
/// StdpTests (the rule's definition summed pair by pair, no geometric sums) and against hand values. Every check is
/// exact (strings) or a rounding bound: the false-alarm probability is 0.
module Plasticity.Properties.StdpFigureTests

open System
open Xunit
open Plasticity.Analysis
open Plasticity.Core.Networks.Spiking
open Plasticity.Core.Numerics
open Plasticity.Core.Plasticity.Stdp
open Plasticity.Cli.Output
open Plasticity.Cli.Stdp
open Plasticity.Properties.Support
open Plasticity.Properties.FigureSupport

let private has (what: string) (names: string list) (fragment: string) =
    require (names |> List.exists (fun n -> n.Contains fragment)) (sprintf "%s: no series containing %A in %A" what fragment names)

let private theoryOf (w: StdpWindow) : StdpTheory.PairWindow =
    { APlus = w.APlus; AMinus = w.AMinus; TauPlus = w.TauPlus; TauMinus = w.TauMinus }

let private tripletOf (q: TripletStdpParameters) : StdpTheory.TripletRule =
    { A2Plus = q.A2Plus; A3Plus = q.A3Plus; A2Minus = q.A2Minus; A3Minus = q.A3Minus
      TauPlus = q.TauPlus; TauMinus = q.TauMinus; TauX = q.TauX; TauY = q.TauY }

[<Fact>]
let ``window figure: theory line, hollow thinned simulation markers, the Δt = 0 point, a residual panel in units of u`` () =
    let window = StdpWindow.Classic(0.01)
    let deltaTs = Array.init 201 (fun i -> float (i - 100))
    let dw = StdpProtocols.WindowTable(PairStdpRule(window, StdpPairing.AllToAll, StdpWeightDependence.Additive), deltaTs, 0.0)
    let figure = StdpPlots.BuildWindow("Pair STDP window: A₊ = 0.01·gₘₐₓ, all-to-all pairing", deltaTs, dw, theoryOf window, false, 0.01, "Δw / gₘₐₓ")
    let panels = requireStyle "window" figure
    require (panels.Length = 2) (sprintf "window: oracle 2 panels (main, residual), measured %d" panels.Length)
    let main = panels.Head
    require (main.XLabel = "Δt = t_post − t_pre (ms)") (sprintf "window x label %A" main.XLabel)
    require (main.YLabel = "Δw / gₘₐₓ") (sprintf "window y label %A" main.YLabel)
    has "window theory" (namesOf Line main) "theory W(Δt)"
    has "window simulation" (namesOf Markers main) "simulated pair (every 4th)"
    has "window Δt = 0" (namesOf Markers main) "Δt = 0: +A₊"
    // 201 pairs → every 4th (51 markers, Δt = 0 drawn on its own); hollow circles so the line stays visible.
    let points =
        figure.Main.GetPlottables() |> Seq.choose (function :? ScottPlot.Plottables.Scatter as s when s.LegendText = "simulated pair (every 4th)" -> Some s | _ -> None) |> Seq.exactlyOne
    require (points.MarkerShape = ScottPlot.MarkerShape.OpenCircle) "window: the simulated markers must be hollow"
    require (points.Data.GetScatterPoints().Count <= StdpPlots.MaxMarkers) (sprintf "window: at most %d markers, measured %d" StdpPlots.MaxMarkers (points.Data.GetScatterPoints().Count))
    let zero =
        figure.Main.GetPlottables() |> Seq.choose (function :? ScottPlot.Plottables.Scatter as s when s.LegendText.Contains "Δt = 0" -> Some s | _ -> None) |> Seq.exactlyOne
    let p = zero.Data.GetScatterPoints()[0]
    require (p.X = 0.0 && p.Y = window.APlus / 0.01) (sprintf "window: the Δt = 0 marker at (0, A₊/gₘₐₓ = 0.01), measured (%g, %g)" p.X p.Y)
    let residual = panels[1]
    require (residual.YLabel = "(Δw − W) / (u·|W|)") (sprintf "residual y label %A" residual.YLabel)
    require (namesOf HorizontalMark residual = [ "bound ±4u" ]) (sprintf "residual bound %A" (namesOf HorizontalMark residual))

[<Fact>]
let ``triplet window and frequency figures: the pair part A₂±, theory lines and simulated markers on a log frequency axis`` () =
    let preset = TripletStdpPresets.VisualCortexAllToAllMinimal
    let q = preset.Parameters
    let rule = TripletStdpRule(q, StdpPairing.AllToAll, StdpWeightDependence.Additive)
    let deltaTs = Array.init 41 (fun i -> float (i - 20) * 2.5)
    let dw = StdpProtocols.WindowTable(rule, deltaTs, 0.0)
    let w = StdpWindow(q.A2Plus, q.A2Minus, q.TauPlus, q.TauMinus)
    let figure = StdpPlots.BuildWindow("Triplet STDP single-pair window: " + preset.Name, deltaTs, dw, theoryOf w, true, 1e-3, "Δw (10⁻³, weight units)")
    let main = (requireStyle "triplet window" figure).Head
    has "triplet window theory" (namesOf Line main) "pair part A₂±"
    has "triplet window simulation" (namesOf Markers main) "simulated pair"
    has "triplet window Δt = 0" (namesOf Markers main) "+A₂₊"
    let f = [| 0.1; 1.0; 10.0; 50.0 |]
    let prePost = StdpProtocols.FrequencyTable(rule, f, 10.0, 60, 0.0)
    let postPre = StdpProtocols.FrequencyTable(rule, f, -10.0, 60, 0.0)
    let freq = StdpPlots.BuildFrequency("Triplet STDP, 60 pairs at Δt = ±10 ms: " + preset.Name, tripletOf q, f, prePost, postPre, 60, 10.0)
    let panel = (requireStyle "frequency" freq).Head
    require (panel.XLabel = "pairing frequency f (Hz)" && panel.YLabel = "total Δw after 60 pairs") (sprintf "frequency labels %A / %A" panel.XLabel panel.YLabel)
    require (namesOf Line panel = [ "theory, Δt = +10 ms"; "theory, Δt = −10 ms" ]) (sprintf "frequency theory lines %A" (namesOf Line panel))
    require (namesOf Markers panel = [ "simulated, Δt = +10 ms"; "simulated, Δt = −10 ms" ]) (sprintf "frequency markers %A" (namesOf Markers panel))
    // Log axis: the markers sit at log₁₀ f and the ticks are labelled 10ⁿ.
    let xs =
        freq.Main.GetPlottables() |> Seq.choose (function :? ScottPlot.Plottables.Scatter as s when s.LegendText = "simulated, Δt = +10 ms" -> Some s | _ -> None)
        |> Seq.exactlyOne |> fun s -> [ for p in s.Data.GetScatterPoints() -> p.X ]
    require (xs = [ for x in f -> Math.Log10 x ]) (sprintf "frequency: markers at log₁₀ f, measured %A" xs)
    match freq.Main.Axes.Bottom.TickGenerator with
    | :? ScottPlot.TickGenerators.NumericAutomatic as t -> require t.IntegerTicksOnly "frequency: the log axis has integer (decade) ticks"
    | other -> failwithf "frequency: the x axis must be a log axis (NumericAutomatic, decades), measured %s" (other.GetType().Name)

let private competition (dependence: StdpWeightDependence) =
    // A 2 s run of the command's model (200 inputs, so the test is quick): the figure is what is tested, not the end state.
    let parameters = SongMillerAbbottParameters(Inputs = 200, InputRateHz = 15.0, Duration = 2000.0, RateBin = 500.0)
    let rule = PairStdpRule(StdpWindow(1e-4, 1.05e-4, 20.0, 20.0), StdpPairing.AllToAll, dependence)
    let result = SongMillerAbbottRunner(parameters, rule, SeedSequence.CreateRandom(7UL)).Run()
    WeightHistogram.Of(result.FinalWeights, parameters.MaxWeight, 50), result

[<Fact>]
let ``competition histogram: uniform start dashed, u* marker for multiplicative, the 0.1 and 0.9 tail marks only for additive`` () =
    for name, dependence, fixedPoint in
        [ "additive", StdpWeightDependence.Additive, None
          "multiplicative", StdpWeightDependence.Multiplicative(0.01), Some(1.0 / 2.05) ] do
        let histogram, _ = competition dependence
        let figure = StdpPlots.BuildHistogram(sprintf "Final weights: %s STDP, A₋/A₊ = 1.05, 200 inputs at 15 Hz, 2 s" name, histogram, Option.toNullable fixedPoint)
        let panel = (requireStyle (name + " histogram") figure).Head
        require (panel.XLabel = "w / gₘₐₓ" && panel.YLabel = "fraction of synapses") (sprintf "%s histogram labels %A / %A" name panel.XLabel panel.YLabel)
        has (name + " bars") [ for s in panel.Series do if s.Kind = Bars then yield s.Name ] "simulated, N = 200"
        require (namesOf HorizontalMark panel = [ "uniform start, 1/B = 0.02" ]) (sprintf "%s uniform start %A" name (namesOf HorizontalMark panel))
        let marks = namesOf VerticalMark panel
        match fixedPoint with
        | Some u ->
            require (marks = [ sprintf "u* = %s (uncorrelated fixed point)" (Plasticity.Cli.Output.Figures.FigureStyle.Number(Math.Round(u, 4))) ]) (sprintf "%s: the u* marker, measured %A" name marks)
            require (not (marks |> List.exists (fun m -> m.Contains "tails"))) (sprintf "%s: no 0.1/0.9 tail marks" name)
            // The marker stands at u* itself (oracle 1/(1 + A₋τ₋/(A₊τ₊)) = 1/2.05 typed above), not only in its name.
            let xs = [ for p in figure.Main.GetPlottables() do
                         match p with
                         | :? ScottPlot.Plottables.VerticalLine as v -> yield v.X
                         | _ -> () ]
            require (xs = [ u ]) (sprintf "%s: u* marker at %A, oracle %.17g" name xs u)
        | None ->
            require (marks = [ "tails: < 0.1, > 0.9" ]) (sprintf "additive: the tail marks, measured %A" marks)
            require (not (marks |> List.exists (fun m -> m.Contains "u*"))) "additive: no u* marker (no interior fixed point)"

[<Fact>]
let ``competition rate figure: a measured trace said to be descriptive, with the last-10 % rate`` () =
    let _, result = competition StdpWeightDependence.Additive
    let starts = Array.init result.OutputRateBins.Length (fun k -> float k * result.RateBinWidth * 1e-3)
    let figure = StdpPlots.BuildRate("Output rate (descriptive): additive STDP, 200 inputs at 15 Hz, 2 s", starts, result.OutputRateBins, result.RateBinWidth * 1e-3, 12.5)
    let panel = (requireStyle "rate" figure).Head
    require (panel.Title.Contains "descriptive") (sprintf "rate title must say it is descriptive: %A" panel.Title)
    require (panel.XLabel = "time (s)" && panel.YLabel = "output rate (Hz)") (sprintf "rate labels %A / %A" panel.XLabel panel.YLabel)
    require (namesOf Line panel = [ "measured, 0.5 s bins (no theory)" ]) (sprintf "rate trace %A" (namesOf Line panel))
    require (namesOf HorizontalMark panel = [ "last 10 %: 12.5 Hz" ]) (sprintf "rate final line %A" (namesOf HorizontalMark panel))

[<Fact>]
let ``tripletPairingProtocol (closed-form geometric sums) equals the enumeration oracle of StdpTests and hand values`` () =
    let published = TripletStdpParameters(0.0, 6.5e-3, 7.1e-3, 0.0, 16.8, 33.7, 101.0, 114.0)
    let full = TripletStdpParameters(5e-10, 6.2e-3, 7e-3, 2.3e-4, 16.8, 33.7, 101.0, 125.0)
    let dyadic = TripletStdpParameters(0.5, 0.25, 0.125, 0.0625, 16.0, 32.0, 64.0, 128.0)
    for q in [ published; full; dyadic ] do
        for pairs in [ 1; 2; 7; 60 ] do
            for f in [ 0.1; 1.0; 5.0; 20.0; 50.0; 90.0 ] do
                let period = 1000.0 / f
                for lag in [ 10.0; -10.0; 0.0; 0.5 * period; -0.99 * period ] do
                    let theory, theoryAbs = StdpTheory.tripletPairingProtocol (tripletOf q) pairs f lag
                    let offset = max 0.0 (-lag)
                    let pre = Array.init pairs (fun k -> offset + float k * period)
                    let post = pre |> Array.map (fun t -> t + lag)
                    let oracle, sumAbs = StdpTests.tripletOracle false q pre post
                    within (sprintf "triplet protocol n = %d, f = %g Hz, Δt = %g ms" pairs f lag) "enumeration of the rule's definition" oracle theory
                        (2.0 * StdpTests.roundingBound (2 * pairs) sumAbs) "8(n+4)·u·Σ|terms|"
                    within "Σ|terms|" "enumeration" sumAbs theoryAbs (2.0 * StdpTests.roundingBound (2 * pairs) sumAbs) "8(n+4)·u·Σ|terms|"
    // One pair: only the pair part acts (the slow traces are empty): +A₂⁺e^{−Δt/τ₊} or −A₂⁻e^{Δt/τ₋}; Δt = 0 gives +A₂⁺.
    let r = tripletOf dyadic
    for lag, oracle in [ 16.0, 0.5 * exp -1.0; -32.0, -0.125 * exp -1.0; 0.0, 0.5 ] do
        let theory, _ = StdpTheory.tripletPairingProtocol r 1 10.0 lag
        within (sprintf "one pair at Δt = %g ms" lag) "A₂± e^{∓|Δt|/τ±}" oracle theory (4.0 * unitRoundoff * abs oracle) "4u (one exp, one product)"
    // Pairs that would interleave (|Δt| ≥ T) are refused.
    Assert.Throws<ArgumentOutOfRangeException>(fun () -> StdpTheory.tripletPairingProtocol r 2 50.0 20.0 |> ignore) |> ignore
