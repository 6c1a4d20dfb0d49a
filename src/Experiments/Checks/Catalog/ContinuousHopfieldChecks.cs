using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using static System.FormattableString;

namespace Plasticity.Experiments.Checks.Catalog;

/// <summary>
/// Continuous-Hopfield checks (tests/Properties/RateDynamicsTests.fs; Hopfield 1984, docs/rate-dynamics.md): with
/// symmetric M the energy never increases along RK4 trajectories beyond the integrator error bound (Richardson
/// estimate of the local error, gradient and Hessian bounds, rounding of E), and the state at T converges as dt⁴.
/// </summary>
public static class ContinuousHopfieldChecks
{
    private const double Tau = 10.0;
    private const int Size = 6;
    private const double Gain = 2.0;
    private const double Coupling = 1.5;

    /// <summary>The checks.</summary>
    public static IEnumerable<CheckDefinition> All()
    {
        yield return Energy();
        yield return Order();
    }

    private sealed record Network(double[,] M, double[] H, double[] U0, double Dt);

    private static Network Draw(ulong seed)
    {
        var random = SeedSequence.CreateRandom(seed);
        var normal = new Normal(0, 1, random);
        var m = new double[Size, Size];
        for (var i = 0; i < Size; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var w = i == j ? 0.0 : normal.Sample() * Coupling / Math.Sqrt(Size);
                m[i, j] = w;
                m[j, i] = w;
            }
        }

        var h = Enumerable.Range(0, Size).Select(_ => 0.5 * normal.Sample()).ToArray();
        var u0 = Enumerable.Range(0, Size).Select(_ => 2.0 * normal.Sample()).ToArray();
        var lipschitz = (1.0 + (Gain * Matrix<double>.Build.DenseOfArray(m).L2Norm())) / Tau;
        return new Network(m, h, u0, 0.02 / lipschitz);
    }

    private static string Model => Invariant($"continuous Hopfield (potential form), N = {Size}, tanh(βu) with β = {Gain}, symmetric M ≈ {Coupling}·N(0,1)/√N, τ = {Tau} ms, RK4");

    private static CheckDefinition Energy() => new(
        Invariant($"continuous-hopfield.energy-non-increase.n{Size}"),
        "continuous-hopfield",
        Model + ", L·dt = 0.02, 5τ",
        "max over steps of ΔE / (the step's allowed increase)",
        OracleKind.ClosedForm,
        "Hopfield 1984 (dE/dt = −(1/τ)Σ F′(u)(h + Ms − u)² ≤ 0); science.md continuous Hopfield; ContinuousHopfieldTheory.lyapunovEnergy",
        CheckLevel.Quick,
        ComparisonSense.AtMost,
        seed =>
        {
            var net = Draw(seed);
            var transfer = ContinuousHopfieldAdapter.Tanh(Gain);
            return new CheckCase(
                () => 0.0,
                () =>
                {
                    var (step, energy) = ContinuousHopfieldAdapter.PotentialForm(net.M, net.H, Tau, transfer, net.Dt);
                    var steps = (int)Math.Ceiling(5.0 * Tau / net.Dt);
                    var u = net.U0;
                    var e = energy(u);
                    var worst = double.NegativeInfinity;
                    var times = new List<double> { 0.0 };
                    var energies = new List<double> { e };
                    var predicted = new List<double> { e };
                    var rate = PredictedEnergyRate(net, transfer, u);
                    for (var k = 0; k < steps; k++)
                    {
                        var (after, refined) = step(u);
                        var estimate = 16.0 / 15.0 * after.Zip(refined, (a, b) => Math.Abs(a - b)).Max();
                        var e2 = 2.0 * estimate;
                        var allowed = (GradientNorm1(net, transfer, after) * e2) + (0.5 * HessianBound(net, transfer, after) * Size * e2 * e2)
                                      + EnergyRounding(net, transfer, u) + EnergyRounding(net, transfer, after);
                        var next = energy(after);
                        worst = Math.Max(worst, (next - e) / allowed);
                        var nextRate = PredictedEnergyRate(net, transfer, after);
                        times.Add((k + 1) * net.Dt);
                        energies.Add(next);
                        predicted.Add(predicted[^1] + (0.5 * net.Dt * (rate + nextRate)));
                        (u, e, rate) = (after, next, nextRate);
                    }

                    return new Measurement(
                        worst,
                        Details: Invariant($"{steps} steps of dt = {net.Dt:G4} ms; a negative value: E fell by more than the bound on every step"),
                        Figure: EnergyFigure(net, times, energies, predicted));
                },
                (_, _) => new Tolerance(ToleranceKind.RoundingBound, 1.0, "1 allowed increase per step = ‖∇E‖₁·2ê + ½‖H‖∞N(2ê)² + rounding of E at both ends (ê the Richardson estimate of the local error)", 0.0));
        })
    {
        OracleText = "E non-increasing (Lyapunov)",
    };

    private static CheckDefinition Order() => new(
        Invariant($"continuous-hopfield.rk4-order.n{Size}"),
        "continuous-hopfield",
        Invariant($"rate form of the same network, RK4 with L·dt = 0.1, dt/2, dt/4 over T = 2τ"),
        "observed order log₂(‖x_dt − x_dt/2‖∞ / ‖x_dt/2 − x_dt/4‖∞)",
        OracleKind.ClosedForm,
        "RK4 global error O(dt⁴) (Hairer, Nørsett & Wanner); RateDynamicsTests dt invariance",
        CheckLevel.Quick,
        ComparisonSense.Within,
        seed =>
        {
            ITransferFunction transfer = ContinuousHopfieldAdapter.Tanh(Gain);
            return new CheckCase(
                () => 4.0,
                () =>
                {
                    // The order is measurable only where the differences are far above rounding: the first of up to
                    // 20 networks drawn from the seed with d2 > 1e-10 is used (the test's band came from cases with
                    // d2 > 1e-11; above 1e-9 its largest |p − 4| was 0.069).
                    for (var attempt = 0; attempt < 20; attempt++)
                    {
                        var net = Draw(SeedSequence.Derive(seed, attempt));
                        var v0 = net.U0.Select(transfer.Apply).ToArray();
                        var dt0 = net.Dt * 0.1 / 0.02;
                        var steps = (int)Math.Ceiling(2.0 * Tau / dt0);
                        var dt = 2.0 * Tau / steps;
                        var a = ContinuousHopfieldAdapter.RateFormFinal(net.M, net.H, Tau, transfer, v0, dt, steps);
                        var b = ContinuousHopfieldAdapter.RateFormFinal(net.M, net.H, Tau, transfer, v0, dt / 2, 2 * steps);
                        var c = ContinuousHopfieldAdapter.RateFormFinal(net.M, net.H, Tau, transfer, v0, dt / 4, 4 * steps);
                        var d1 = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
                        var d2 = b.Zip(c, (x, y) => Math.Abs(x - y)).Max();
                        if (d2 > 1e-10)
                        {
                            return new Measurement(Math.Log(d1 / d2) / Math.Log(2), Details: Invariant($"network {attempt + 1} of the seed: d1 = {d1:G3}, d2 = {d2:G3}, {steps} coarse steps"));
                        }
                    }

                    return new Measurement(double.NaN, Details: "no network with d2 > 1e-10 in 20 draws");
                },
                (_, _) => new Tolerance(ToleranceKind.Empirical, 0.5, "empirical band ±0.5 (largest deviation in 5,662 fresh cases of the test generator: 0.389, at d2 < 1e-10)", null));
        })
    {
        OracleText = "order 4",
    };

    /// <summary>Measured markers shown along the trajectory (the theory line uses every step).</summary>
    public const int FigureMarkers = 60;

    /// <summary>
    /// The predicted dE/dt = −(1/τ) Σᵢ F′(uᵢ)(h + Ms − u)ᵢ² (Hopfield 1984; symmetric M), from the formula, not from
    /// <c>ContinuousHopfieldNetwork.EnergyRate</c>.
    /// </summary>
    private static double PredictedEnergyRate(Network net, IInvertibleTransfer f, double[] u)
    {
        var s = u.Select(f.Apply).ToArray();
        var sum = 0.0;
        for (var i = 0; i < Size; i++)
        {
            var drive = net.H[i] - u[i];
            for (var j = 0; j < Size; j++)
            {
                drive += net.M[i, j] * s[j];
            }

            sum += f.Derivative(u[i]) * drive * drive;
        }

        return -sum / Tau;
    }

    /// <summary>
    /// E(t) along the RK4 trajectory (markers, thinned to about <see cref="FigureMarkers"/>) and the prediction
    /// E(0) + ∫₀ᵗ dE/dt (trapezoidal rule on the RK4 grid over the predicted rate; a line through every step).
    /// </summary>
    private static CheckFigure EnergyFigure(Network net, List<double> times, List<double> energies, List<double> predicted)
    {
        var stride = Math.Max(1, times.Count / FigureMarkers);
        var shown = Enumerable.Range(0, times.Count).Where(k => k % stride == 0 || k == times.Count - 1).ToArray();
        return new CheckFigure(
            "Continuous Hopfield network: energy along an RK4 trajectory",
            Invariant($"time t (ms); τ = {Tau} ms, N = {Size}, tanh gain β = {Gain}, RK4 step Δt = {net.Dt:G3} ms"),
            "energy E = −½ sᵀMs − hᵀs + Σᵢ Φ(sᵢ)",
            [
                new FigureSeries("theory: E(0) + ∫₀ᵗ dE/dt", times, predicted, Line: true),
                new FigureSeries("simulation: E(t)", shown.Select(k => times[k]).ToArray(), shown.Select(k => energies[k]).ToArray(), Line: false),
            ]);
    }

    /// <summary>‖∇_u E‖₁, ∂E/∂u_i = F′(u_i)(u − h − M s)_i.</summary>
    private static double GradientNorm1(Network net, IInvertibleTransfer f, double[] u)
    {
        var s = u.Select(f.Apply).ToArray();
        var sum = 0.0;
        for (var i = 0; i < Size; i++)
        {
            var field = net.H[i];
            for (var j = 0; j < Size; j++)
            {
                field += 0.5 * (net.M[i, j] + net.M[j, i]) * s[j];
            }

            sum += Math.Abs(f.Derivative(u[i]) * (u[i] - field));
        }

        return sum;
    }

    /// <summary>‖H‖∞ ≤ |F′|²‖M‖∞ + |F′| + |F″|(‖u‖∞ + ‖M‖∞‖s‖∞ + ‖h‖∞ + 1); tanh: |F′| ≤ β, |F″| ≤ 4β²/(3√3).</summary>
    private static double HessianBound(Network net, IInvertibleTransfer f, double[] u)
    {
        var mNorm = Enumerable.Range(0, Size).Max(i => Enumerable.Range(0, Size).Sum(j => Math.Abs(net.M[i, j])));
        var sMax = u.Max(x => Math.Abs(f.Apply(x)));
        var second = 4.0 * Gain * Gain / (3.0 * Math.Sqrt(3.0));
        return (Gain * Gain * mNorm) + Gain + (second * (u.Max(Math.Abs) + (mNorm * sMax) + net.H.Max(Math.Abs) + 1.0));
    }

    /// <summary>Rounding of E(F(u)): γ_{N+2}(½|s|ᵀ|M||s| + |h|ᵀ|s| + Σ|Φ(s)|) + N·8u(2 ln 2 + 1)/β + Σ|(h + Ms − u)_i|·4u|s_i|.</summary>
    private static double EnergyRounding(Network net, IInvertibleTransfer f, double[] u)
    {
        const double unit = CheckStatistics.UnitRoundoff;
        var s = u.Select(f.Apply).ToArray();
        double quadratic = 0, perturbation = 0;
        for (var i = 0; i < Size; i++)
        {
            double row = 0, field = net.H[i];
            for (var j = 0; j < Size; j++)
            {
                row += Math.Abs(net.M[i, j]) * Math.Abs(s[j]);
                field += net.M[i, j] * s[j];
            }

            quadratic += Math.Abs(s[i]) * row;
            perturbation += Math.Abs(field - u[i]) * 4.0 * unit * Math.Abs(s[i]);
        }

        var linear = net.H.Zip(s, (a, b) => Math.Abs(a * b)).Sum();
        var integrals = s.Sum(x => Math.Abs(f.InverseIntegral(x)));
        var gamma = (Size + 2) * unit / (1 - ((Size + 2) * unit));
        return (gamma * ((0.5 * quadratic) + linear + integrals)) + (Size * 8.0 * unit * ((2.0 * Math.Log(2.0)) + 1.0) / Gain) + perturbation;
    }
}
