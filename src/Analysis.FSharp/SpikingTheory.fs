namespace Plasticity.Analysis

open System

/// <summary>
/// Closed-form predictions for spiking neurons and synaptic kernels (science sheet §1): kernel peaks and integrals,
/// the leaky integrate-and-fire f–I curve for constant input, Poisson input statistics on a time grid, and the
/// mean-conductance (effective-time-constant) approximation for Poisson-driven conductance input.
/// Units: ms, mV, Hz; conductances in units of the leak conductance. Pure functions.
/// </summary>
[<RequireQualifiedAccess>]
module SpikingTheory =

    // ------------------------------------------------------------------------------------------------------
    // Kernels s(t) after a spike at t = 0
    // ------------------------------------------------------------------------------------------------------

    /// <summary>Single exponential s(t) = e^{−t/τ} (t ≥ 0, else 0).</summary>
    let exponentialKernel (tau: float) (t: float) =
        Numerics.requirePositive "tau" tau
        if t < 0.0 then 0.0 else exp (-t / tau)

    /// <summary>∫₀^∞ e^{−t/τ} dt = τ (ms).</summary>
    let exponentialIntegral (tau: float) =
        Numerics.requirePositive "tau" tau
        tau

    /// <summary>Alpha kernel with peak 1: s(t) = (t/τ) e^{1 − t/τ} (t ≥ 0, else 0).</summary>
    let alphaKernel (tau: float) (t: float) =
        Numerics.requirePositive "tau" tau
        if t < 0.0 then 0.0 else t / tau * exp (1.0 - t / tau)

    /// <summary>Peak time of the alpha kernel: t* = τ (peak value 1).</summary>
    let alphaPeakTime (tau: float) =
        Numerics.requirePositive "tau" tau
        tau

    /// <summary>∫₀^∞ (t/τ) e^{1 − t/τ} dt = e·τ (ms).</summary>
    let alphaIntegral (tau: float) =
        Numerics.requirePositive "tau" tau
        Math.E * tau

    let private requireRiseDecay (tauRise: float) (tauDecay: float) =
        Numerics.requirePositive "tauRise" tauRise
        Numerics.requirePositive "tauDecay" tauDecay

        if not (tauDecay > tauRise) then
            raise (ArgumentOutOfRangeException("tauDecay", tauDecay, "tauDecay must be > tauRise."))

    /// <summary>
    /// Peak time of e^{−t/τ_d} − e^{−t/τ_r}: t* = τ_d τ_r ln(τ_d/τ_r)/(τ_d − τ_r) (where the derivative
    /// −e^{−t/τ_d}/τ_d + e^{−t/τ_r}/τ_r vanishes).
    /// </summary>
    let differencePeakTime (tauRise: float) (tauDecay: float) =
        requireRiseDecay tauRise tauDecay
        tauDecay * tauRise * log (tauDecay / tauRise) / (tauDecay - tauRise)

    /// <summary>Unnormalised peak P = e^{−t*/τ_d} − e^{−t*/τ_r} (the normaliser of the peak-1 kernel).</summary>
    let differencePeakValue (tauRise: float) (tauDecay: float) =
        let t = differencePeakTime tauRise tauDecay
        exp (-t / tauDecay) - exp (-t / tauRise)

    /// <summary>Peak-normalised difference of exponentials s(t) = (e^{−t/τ_d} − e^{−t/τ_r})/P (t ≥ 0, else 0).</summary>
    let differenceKernel (tauRise: float) (tauDecay: float) (t: float) =
        let peak = differencePeakValue tauRise tauDecay
        if t < 0.0 then 0.0 else (exp (-t / tauDecay) - exp (-t / tauRise)) / peak

    /// <summary>∫₀^∞ of the peak-normalised difference of exponentials: (τ_d − τ_r)/P (ms).</summary>
    let differenceIntegral (tauRise: float) (tauDecay: float) =
        (tauDecay - tauRise) / differencePeakValue tauRise tauDecay

    // ------------------------------------------------------------------------------------------------------
    // Leaky integrate-and-fire neuron with constant input
    // ------------------------------------------------------------------------------------------------------

    let private requireFinite (name: string) (value: float) =
        if not (Double.IsFinite value) then
            raise (ArgumentOutOfRangeException(name, value, name + " must be finite."))

    /// <summary>
    /// Time from reset to threshold of τ dV/dt = −(V − E_L) + R·I: T = τ ln((RI − (V_r − E_L))/(RI − (V_t − E_L)))
    /// (ms), or +∞ when RI ≤ V_t − E_L (V∞ = E_L + RI never reaches V_t).
    /// </summary>
    /// <param name="tau">τ_m (ms).</param>
    /// <param name="restingPotential">E_L (mV).</param>
    /// <param name="threshold">V_t (mV).</param>
    /// <param name="reset">V_r (mV), &lt; V_t.</param>
    /// <param name="drive">R·I (mV). All potentials and the drive must be finite (ArgumentOutOfRangeException).</param>
    let lifTimeToThreshold (tau: float) (restingPotential: float) (threshold: float) (reset: float) (drive: float) =
        Numerics.requirePositive "tau" tau
        // Every comparison below is false for NaN, which would fall through to a NaN result: refuse it here.
        requireFinite "restingPotential" restingPotential
        requireFinite "threshold" threshold
        requireFinite "reset" reset
        requireFinite "drive" drive

        if not (threshold > reset) then
            raise (ArgumentOutOfRangeException("threshold", threshold, "threshold must be > reset."))

        if drive <= threshold - restingPotential then
            Double.PositiveInfinity
        else
            tau * log ((drive - (reset - restingPotential)) / (drive - (threshold - restingPotential)))

    /// <summary>
    /// LIF f–I curve: f = 1/(t_ref + T) with T from <see cref="lifTimeToThreshold"/>, in Hz (1000/ms); 0 when
    /// RI ≤ V_t − E_L. Assumes V_r &lt; V_t ≤ E_L + RI (reset below threshold). Inputs must be finite, t_ref ≥ 0.
    /// </summary>
    let lifRate (tau: float) (restingPotential: float) (threshold: float) (reset: float) (refractory: float) (drive: float) =
        if not (refractory >= 0.0 && Double.IsFinite refractory) then
            raise (ArgumentOutOfRangeException("refractory", refractory, "refractory must be finite and ≥ 0."))

        let t = lifTimeToThreshold tau restingPotential threshold reset drive
        if Double.IsPositiveInfinity t then 0.0 else 1000.0 / (refractory + t)

    // ------------------------------------------------------------------------------------------------------
    // Poisson input on a grid and the mean-conductance approximation
    // ------------------------------------------------------------------------------------------------------

    /// <summary>Per-step spike probability of a rate-r Poisson train binned at dt: p = 1 − e^{−r·dt} (r in Hz, dt in ms).</summary>
    let poissonStepProbability (rateHz: float) (dt: float) =
        Numerics.requirePositive "dt" dt

        if not (rateHz >= 0.0 && Double.IsFinite rateHz) then
            raise (ArgumentOutOfRangeException("rateHz", rateHz, "rate must be finite and ≥ 0."))

        1.0 - exp (-(rateHz * 1e-3 * dt))

    /// <summary>
    /// Mean conductance of N Poisson inputs at rate r with mean weight ⟨w⟩ onto an exponential conductance
    /// (τ_e): ⟨g⟩ = N·r·⟨w⟩·τ_e (Campbell's theorem; r converted to 1/ms). Units of the leak conductance.
    /// </summary>
    let meanConductance (inputs: int) (rateHz: float) (meanWeight: float) (tauE: float) =
        Numerics.requireAtLeast "inputs" 0 inputs
        Numerics.requirePositive "tauE" tauE
        float inputs * (rateHz * 1e-3) * meanWeight * tauE

    /// <summary>
    /// Free membrane potential with the conductance frozen at its mean (no threshold):
    /// V_free = (E_L + ⟨g⟩E_e)/(1 + ⟨g⟩) (mV). A sanity reference: fluctuations of g make the true mean of V differ.
    /// </summary>
    let freeMembranePotential (restingPotential: float) (reversal: float) (meanG: float) =
        if not (meanG >= 0.0 && Double.IsFinite meanG) then
            raise (ArgumentOutOfRangeException("meanG", meanG, "mean conductance must be finite and ≥ 0."))

        (restingPotential + meanG * reversal) / (1.0 + meanG)

    /// <summary>Effective membrane time constant τ_m/(1 + ⟨g⟩) (ms) of the conductance-driven membrane.</summary>
    let effectiveTimeConstant (tauM: float) (meanG: float) =
        Numerics.requirePositive "tauM" tauM

        if not (meanG >= 0.0 && Double.IsFinite meanG) then
            raise (ArgumentOutOfRangeException("meanG", meanG, "mean conductance must be finite and ≥ 0."))

        tauM / (1.0 + meanG)
