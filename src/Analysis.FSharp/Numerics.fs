namespace Plasticity.Analysis

open System
open MathNet.Numerics

/// <summary>
/// Number of neurons N of a Hopfield network. A distinct wrapper type so that N and the number of
/// stored patterns P cannot be swapped by accident at a call site.
/// </summary>
[<Struct>]
type Neurons = Neurons of int

/// <summary>
/// Number of stored patterns P of a Hopfield network (the load is α = P/N, passed as a plain float).
/// A distinct wrapper type so that P and N cannot be swapped by accident at a call site.
/// </summary>
[<Struct>]
type Patterns = Patterns of int

/// <summary>
/// The numbers in argument-check messages, written as F# printf wrote them (<c>%d</c>, <c>%g</c>) but without printf,
/// whose generic specialisations Native AOT cannot compile (the messages stay the same text in both builds).
/// </summary>
[<RequireQualifiedAccess>]
module internal MessageText =

    /// <summary>printf <c>%d</c>: invariant digits.</summary>
    /// <param name="value">The number.</param>
    let int (value: int) = value.ToString(Globalization.CultureInfo.InvariantCulture)

    /// <summary>
    /// printf <c>%g</c>, C's <c>%g</c> (6 significant digits, "1e-05", "1.23457e+06"): .NET "G6" with a lower-case
    /// exponent mark (NaN and ±Infinity as .NET writes them, as printf does).
    /// </summary>
    /// <param name="value">The number.</param>
    let g (value: float) = value.ToString("G6", Globalization.CultureInfo.InvariantCulture).Replace('E', 'e')

/// <summary>
/// Small numerical helpers shared by the theory modules: argument checks, the standard normal
/// density, the symmetric binomial tail and a root finder. Pure functions.
/// </summary>
[<RequireQualifiedAccess>]
module Numerics =

    /// <summary>√π.</summary>
    let sqrtPi = sqrt Math.PI

    /// <summary>Raise ArgumentOutOfRangeException unless <c>value ≥ minimum</c>.</summary>
    /// <param name="name">Parameter name reported in the exception.</param>
    /// <param name="minimum">Smallest allowed value (inclusive).</param>
    /// <param name="value">The value to check.</param>
    let requireAtLeast (name: string) (minimum: int) (value: int) =
        if value < minimum then
            raise (ArgumentOutOfRangeException(name, value, name + " must be ≥ " + MessageText.int minimum + "."))

    /// <summary>Raise ArgumentOutOfRangeException unless <c>minimum ≤ value ≤ maximum</c>.</summary>
    /// <param name="name">Parameter name reported in the exception.</param>
    /// <param name="minimum">Smallest allowed value (inclusive).</param>
    /// <param name="maximum">Largest allowed value (inclusive).</param>
    /// <param name="value">The value to check.</param>
    let requireInRange (name: string) (minimum: int) (maximum: int) (value: int) =
        if value < minimum || value > maximum then
            raise (
                ArgumentOutOfRangeException(name, value, name + " must be in [" + MessageText.int minimum + ", " + MessageText.int maximum + "].")
            )

    /// <summary>Raise ArgumentOutOfRangeException unless <c>value</c> is finite and strictly positive.</summary>
    /// <param name="name">Parameter name reported in the exception.</param>
    /// <param name="value">The value to check.</param>
    let requirePositive (name: string) (value: float) =
        if not (Double.IsFinite value) || value <= 0.0 then
            raise (ArgumentOutOfRangeException(name, value, name + " must be finite and > 0."))

    /// <summary>Raise ArgumentOutOfRangeException unless <c>minimum ≤ value ≤ maximum</c> (and not NaN).</summary>
    /// <param name="name">Parameter name reported in the exception.</param>
    /// <param name="minimum">Smallest allowed value (inclusive).</param>
    /// <param name="maximum">Largest allowed value (inclusive).</param>
    /// <param name="value">The value to check.</param>
    let requireInRangeFloat (name: string) (minimum: float) (maximum: float) (value: float) =
        if Double.IsNaN value || value < minimum || value > maximum then
            raise (
                ArgumentOutOfRangeException(name, value, name + " must be in [" + MessageText.g minimum + ", " + MessageText.g maximum + "].")
            )

    /// <summary>Standard normal density φ(x) = exp(−x²/2)/√(2π).</summary>
    /// <param name="x">Argument.</param>
    let normalPdf (x: float) = exp (-0.5 * x * x) / sqrt (2.0 * Math.PI)

    /// <summary>
    /// log(1 + x) accurate for small |x| (Goldberg's trick: u = 1 + x, log(u)·x/(u − 1)).
    /// </summary>
    /// <param name="x">Argument &gt; −1.</param>
    let log1p (x: float) =
        let u = 1.0 + x
        if u = 1.0 then x else log u * x / (u - 1.0)

    /// <summary>
    /// Stirling-series error δ(n) = ln n! − ln(√(2πn)·(n/e)^n) (Loader 2000): log-gamma for n ≤ 15,
    /// the asymptotic series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − … above.
    /// </summary>
    /// <param name="n">n &gt; 0.</param>
    let private stirlingError (n: float) =
        if n <= 15.0 then
            SpecialFunctions.GammaLn(n + 1.0) - (n + 0.5) * log n + n - 0.5 * log (2.0 * Math.PI)
        else
            let s0, s1, s2, s3, s4 = 1.0 / 12.0, 1.0 / 360.0, 1.0 / 1260.0, 1.0 / 1680.0, 1.0 / 1188.0
            let nn = n * n

            if n > 500.0 then (s0 - s1 / nn) / n
            elif n > 80.0 then (s0 - (s1 - s2 / nn) / nn) / n
            elif n > 35.0 then (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n
            else (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n

    /// <summary>
    /// Deviance term bd0(x, μ) = x·ln(x/μ) + μ − x, computed without cancellation near x = μ by the
    /// series 2x·Σ_j v^{2j+1}/(2j+1), v = (x − μ)/(x + μ) (Loader 2000).
    /// </summary>
    let private deviance (x: float) (mu: float) =
        if abs (x - mu) < 0.1 * (x + mu) then
            let v = (x - mu) / (x + mu)
            let v2 = v * v
            let mutable s = (x - mu) * v
            let mutable ej = 2.0 * x * v
            let mutable j = 1
            let mutable fin = false

            while not fin do
                ej <- ej * v2
                let next = s + ej / float (2 * j + 1)
                if next = s || j > 1000 then fin <- true
                s <- next
                j <- j + 1

            s
        else
            x * log (x / mu) + mu - x

    /// <summary>
    /// Symmetric binomial probability Pr(B = x), B ~ Binomial(M, 1/2), by Loader's saddle-point
    /// formula (Loader 2000, "Fast and accurate computation of binomial probabilities", the algorithm
    /// of R's dbinom): Pr = exp(δ(M) − δ(x) − δ(M − x) − bd0(x, M/2) − bd0(M − x, M/2))·√(M/(2πx(M − x))),
    /// relative accuracy about 1e-14 for any M (no large log-gamma cancellation).
    /// </summary>
    /// <param name="trials">M ≥ 0.</param>
    /// <param name="x">Whole number in [0, M].</param>
    let binomialHalfPmf (trials: float) (x: float) =
        if x < 0.0 || x > trials then 0.0
        elif x = 0.0 || x = trials then exp (-trials * log 2.0)
        else
            let half = 0.5 * trials

            let lc =
                stirlingError trials - stirlingError x - stirlingError (trials - x) - deviance x half
                - deviance (trials - x) half

            exp lc * sqrt (trials / (2.0 * Math.PI * x * (trials - x)))

    /// <summary>
    /// Lower tail of the symmetric binomial law: Pr(B ≤ k) for B ~ Binomial(M, 1/2), with M and k
    /// whole numbers carried as floats (exact up to 2⁵³, so M = (N−1)(P−1) never overflows).
    /// For k &lt; M/2 the tail is summed downwards from Pr(B = k) (<c>binomialHalfPmf</c>, Loader 2000)
    /// with Pr(B = j − 1) = Pr(B = j)·j/(M − j + 1) until the terms drop below 1e-17 of the sum
    /// (at most about 4.5√M + 40 terms); for k ≥ M/2 the symmetry Pr(B ≤ k) = 1 − Pr(B ≤ M − k − 1) is
    /// used, so the smaller tail is always the one summed. Relative error about 3e-16·|ln Pr| + 1e-14 in
    /// that tail (≤ 6e-13 against exact integer sums for M ≤ 2500; 4e-10 from MathNet's incomplete
    /// beta at M ≈ 1.4e7, whose own error is of that order).
    /// k &lt; 0 gives 0, k ≥ M gives 1 (M = 0 is the degenerate law B = 0).
    /// </summary>
    /// <param name="trials">M ≥ 0, number of fair ±1 terms.</param>
    /// <param name="k">Threshold; non-integers are floored.</param>
    let binomialHalfLowerTail (trials: float) (k: float) =
        let smallTail k =
            if k < 0.0 then
                0.0
            else
                let mutable term = binomialHalfPmf trials k
                let mutable sum = 0.0
                let mutable j = k

                while j >= 0.0 && term > 1e-17 * sum do
                    sum <- sum + term
                    term <- term * j / (trials - j + 1.0)
                    j <- j - 1.0

                sum

        let k = floor k

        if k >= trials then 1.0
        elif 2.0 * k + 1.0 <= trials then smallTail k
        else 1.0 - smallTail (trials - k - 1.0)

    /// <summary>
    /// Root of a continuous function on a bracketing interval [lower, upper] (f(lower)·f(upper) ≤ 0)
    /// by Brent's method (zeroin: bisection, secant and inverse quadratic interpolation; Brent 1973,
    /// "Algorithms for Minimization without Derivatives", ch. 4). Converges on the argument only
    /// (tolerance 4·ε·|x| + 1e-300, i.e. to a couple of ulps), never on the size of f.
    /// If an end point is an exact root it is returned.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="lower">Lower end of the bracket.</param>
    /// <param name="upper">Upper end of the bracket.</param>
    let brentRoot (f: float -> float) (lower: float) (upper: float) =
        let mutable a = lower
        let mutable b = upper
        let mutable fa = f a
        let mutable fb = f b

        if Double.IsNaN fa || Double.IsNaN fb || (fa > 0.0 && fb > 0.0) || (fa < 0.0 && fb < 0.0) then
            raise (
                ArgumentException("brentRoot: [" + MessageText.g lower + ", " + MessageText.g upper + "] does not bracket a root (f = " + MessageText.g fa + ", " + MessageText.g fb + ").")
            )

        let mutable c = a
        let mutable fc = fa
        let mutable d = b - a
        let mutable e = d
        let mutable result = Double.NaN
        let mutable iteration = 0

        if fa = 0.0 then result <- a
        elif fb = 0.0 then result <- b

        while Double.IsNaN result do
            iteration <- iteration + 1

            if iteration > 1000 then
                raise (InvalidOperationException "brentRoot: no convergence in 1000 iterations.")

            // Keep the root between b and c, with b the best estimate.
            if (fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0) then
                c <- a
                fc <- fa
                d <- b - a
                e <- d

            if abs fc < abs fb then
                a <- b
                b <- c
                c <- a
                fa <- fb
                fb <- fc
                fc <- fa

            let tol = 2.0 * Double.Epsilon + 4.0 * 1.1102230246251565e-16 * abs b
            let xm = 0.5 * (c - b)

            if abs xm <= tol || fb = 0.0 then
                result <- b
            else
                if abs e >= tol && abs fa > abs fb then
                    // Secant or inverse quadratic interpolation.
                    let s = fb / fa
                    let mutable p = 0.0
                    let mutable q = 0.0

                    if a = c then
                        p <- 2.0 * xm * s
                        q <- 1.0 - s
                    else
                        let qa = fa / fc
                        let r = fb / fc
                        p <- s * (2.0 * xm * qa * (qa - r) - (b - a) * (r - 1.0))
                        q <- (qa - 1.0) * (r - 1.0) * (s - 1.0)

                    if p > 0.0 then q <- -q
                    p <- abs p

                    if 2.0 * p < min (3.0 * xm * q - abs (tol * q)) (abs (e * q)) then
                        e <- d
                        d <- p / q
                    else
                        d <- xm
                        e <- d
                else
                    d <- xm
                    e <- d

                a <- b
                fa <- fb
                b <- if abs d > tol then b + d else b + (if xm > 0.0 then tol else -tol)
                fb <- f b

        result
