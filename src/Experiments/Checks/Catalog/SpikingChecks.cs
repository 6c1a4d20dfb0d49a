using static System.FormattableString;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// Spiking checks (tests/Properties/SpikingTests.fs, docs/spiking.md): the LIF f–I curve against the closed form
/// f = 1/(t_ref + τ ln((RI + E_L − V_r)/(RI + E_L − V_t))) within the time-grid interval, the first spike at the
/// closed-form time to threshold, and the Song–Miller–Abbott mean conductance against Campbell's theorem.
/// </summary>
public static class SpikingChecks
{
    private static readonly LifParameters Lif = new(10.0, -74.0, -54.0, -60.0, 2.0);

    /// <summary>Slack for the rounding of V (≤ 1e4 steps·u·|V| ≈ 1e-10 mV at slope ≥ 0.1 mV/ms moves a crossing by &lt; 1e-8 ms).</summary>
    private const double Eps = 1e-8;

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        foreach (var drive in new[] { 25.0, 60.0 })
        {
            yield return Rate(drive, 0.1, CheckLevel.Quick);
        }

        foreach (var drive in new[] { 21.0, 30.0, 40.0, 100.0 })
        {
            yield return Rate(drive, 0.01, CheckLevel.Full);
        }

        yield return FirstSpike(30.0, 0.1);
        yield return Campbell(5_000.0, CheckLevel.Quick);
        yield return Campbell(20_000.0, CheckLevel.Full);
    }

    private static double TheoryRate(double drive) =>
        SpikingTheory.lifRate(Lif.MembraneTimeConstant, Lif.RestingPotential, Lif.Threshold, Lif.Reset, Lif.RefractoryPeriod, drive);

    private static CheckDefinition Rate(double drive, double dt, CheckLevel level) => new(
        Invariant($"spiking.lif-rate.ri{drive:0}.dt{dt:0.0##}"),
        "spiking",
        Invariant($"current LIF (τ = 10 ms, E_L = −74, V_t = −54, V_r = −60 mV, t_ref = 2 ms), RI = {drive} mV, dt = {dt} ms, 12 spikes"),
        "firing rate 1000/period (Hz)",
        OracleKind.ClosedForm,
        "Gerstner et al. 2014 §1.3; docs/spiking.md; SpikingTheory.lifRate",
        level,
        ComparisonSense.Within,
        _ => new CheckCase(
            () => TheoryRate(drive),
            () =>
            {
                var (period, _) = SpikingAdapter.Period(Lif, dt, drive, 12);
                // The figure: the closed-form f–I curve over the supra-threshold range and the simulated point.
                var drives = Enumerable.Range(0, 60).Select(k => 20.5 + (k * 1.5)).ToArray();
                var figure = new CheckFigure(
                    Invariant($"LIF f–I curve (t_ref = {Lif.RefractoryPeriod} ms, dt = {dt} ms)"),
                    "drive RI (mV)",
                    "rate (Hz)",
                    [new FigureSeries("SpikingTheory.lifRate", drives, drives.Select(TheoryRate).ToArray(), true), new FigureSeries("simulated", [drive], [1000.0 / period], false)]);
                return new Measurement(1000.0 / period, Details: Invariant($"period {period:G6} ms"), Figure: figure);
            },
            (f, _) =>
            {
                // Spike times are the crossing rounded up to the grid: the period lies in [P, P + dt), so
                // 1000/(P + dt) < f_sim ≤ f; the check's symmetric band is that interval's width (plus ε).
                var period = 1000.0 / f;
                return new Tolerance(ToleranceKind.Interval, f - (1000.0 / (period + dt + Eps)), Invariant($"f − 1000/(P + dt + ε): the time grid delays each crossing by < dt (ε = {Eps:G1} ms rounding slack)"), 0.0);
            }))
    {
        OracleText = "closed-form f–I curve",
        InTests = level == CheckLevel.Quick,
    };

    private static CheckDefinition FirstSpike(double drive, double dt) => new(
        Invariant($"spiking.lif-first-spike.ri{drive:0}.dt{dt:0.0##}"),
        "spiking",
        Invariant($"current LIF from V_r at t = 0, RI = {drive} mV, dt = {dt} ms"),
        "time of the first spike (ms)",
        OracleKind.ClosedForm,
        "SpikingTheory.lifTimeToThreshold T = τ ln((RI + E_L − V_r)/(RI + E_L − V_t))",
        CheckLevel.Quick,
        ComparisonSense.Within,
        _ => new CheckCase(
            // The first spike is T rounded up to the grid: it lies in [T, T + dt); the prediction is the interval's centre.
            () => SpikingTheory.lifTimeToThreshold(Lif.MembraneTimeConstant, Lif.RestingPotential, Lif.Threshold, Lif.Reset, drive) + (dt / 2),
            () => new Measurement(SpikingAdapter.Period(Lif, dt, drive, 2).First),
            (_, _) => new Tolerance(ToleranceKind.Interval, (dt / 2) + Eps, "[T − ε, T + dt + ε] written as (T + dt/2) ± (dt/2 + ε): the grid rounds the crossing up", 0.0)))
    {
        OracleText = "T + dt/2 (centre of the grid interval)",
    };

    private static CheckDefinition Campbell(double duration, CheckLevel level) => new(
        Invariant($"spiking.sma-mean-conductance.t{duration / 1000:0}s"),
        "spiking",
        Invariant($"Song–Miller–Abbott network with fixed weights (1000 Poisson inputs at 10 Hz), {duration / 1000} s"),
        "time-averaged g_e",
        OracleKind.TheoryPrediction,
        "Campbell's theorem; SpikingTheory.meanConductance = N r ⟨w⟩ τ_e; SpikingTests 'time-averaged g_e matches…'",
        level,
        ComparisonSense.Within,
        seed =>
        {
            var p = new SongMillerAbbottParameters { Duration = duration };
            var run = new Lazy<(double[] Weights, double MeanConductance)>(() => SpikingAdapter.FixedWeightRun(p, seed));
            var s = (double)p.Steps;
            var (dt, tau) = (p.TimeStep, p.ExcitatoryTimeConstant);
            var e = Math.Exp(-dt / tau);
            var prob = SpikingTheory.poissonStepProbability(p.InputRateHz, dt);
            return new CheckCase(
                () => SpikingTheory.meanConductance(p.Inputs, p.InputRateHz, run.Value.Weights.Average(), tau),
                () => new Measurement(run.Value.MeanConductance, Details: Invariant($"{p.Steps} steps")),
                (theory, _) =>
                {
                    // Exact variance of the grid process for the realised weights; plus the deterministic grid and
                    // start-up biases relative ≤ λ/2 + 1/(S(1 − E)).
                    var w = run.Value.Weights;
                    var sumW2 = w.Sum(x => x * x);
                    var sumSq = 0.0;
                    for (var m = 0L; m < p.Steps; m++)
                    {
                        var q = 1 - Math.Pow(e, m);
                        sumSq += q * q;
                    }

                    var se = tau / (s * dt) * Math.Sqrt(prob * (1 - prob) * sumW2 * sumSq);
                    var lambda = p.InputRateHz * 1e-3 * dt;
                    var bias = theory * ((lambda / 2) + (1 / (s * (1 - e))));
                    return new Tolerance(ToleranceKind.StandardErrors, (4.5 * se) + bias, Invariant($"4.5 SE (exact variance, SE {se:G3}) + grid/start-up bias {bias:G3}"), CheckStatistics.TwoSidedNormalTail(4.5));
                });
        })
    {
        OracleText = "N r ⟨w⟩ τ_e (Campbell)",
        InTests = level == CheckLevel.Quick,
    };
}
