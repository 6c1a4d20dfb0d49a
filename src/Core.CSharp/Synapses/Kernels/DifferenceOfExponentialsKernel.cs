using Plasticity.Core.Neurons.Spiking;

namespace Plasticity.Core.Synapses.Kernels;

/// <summary>
/// Difference-of-exponentials kernel normalised to peak 1: s(t) = (e^{−t/τ_d} − e^{−t/τ_r})/P for t ≥ 0, τ_d &gt; τ_r
/// (science sheet §1). Peak time t* = τ_d τ_r ln(τ_d/τ_r)/(τ_d − τ_r), normaliser P = e^{−t*/τ_d} − e^{−t*/τ_r},
/// integral (τ_d − τ_r)/P.
/// </summary>
/// <remarks>
/// State-space form: two independent exponentials a (τ_d) and b (τ_r), both jumping by w/P at a spike; s = a − b;
/// exact propagator a ← a·e^{−dt/τ_d}, b ← b·e^{−dt/τ_r}. Near t = 0 s is a difference of nearly equal numbers, so its
/// rounding error is relative to a + b, not to s.
/// </remarks>
/// <param name="RiseTime">τ_r &gt; 0 (ms), finite.</param>
/// <param name="DecayTime">τ_d &gt; τ_r (ms), finite. Both are validated at construction (ArgumentOutOfRangeException), so
/// <see cref="PeakTime"/>, <see cref="Normaliser"/> and <see cref="Integral"/> are always finite and positive.</param>
public sealed record DifferenceOfExponentialsKernel(double RiseTime, double DecayTime) : ISynapseKernel
{
    /// <summary>τ_r (ms). Get-only so that a <c>with</c> expression cannot bypass the constructor's checks.</summary>
    public double RiseTime { get; } = ParameterChecks.Positive(RiseTime, nameof(RiseTime));

    /// <summary>τ_d (ms), &gt; τ_r. Get-only so that a <c>with</c> expression cannot bypass the constructor's checks.</summary>
    public double DecayTime { get; } = CheckDecay(RiseTime, DecayTime);

    /// <inheritdoc/>
    public string Name => "difference-of-exponentials";

    /// <inheritdoc/>
    public double PeakTime => DecayTime * RiseTime * Math.Log(DecayTime / RiseTime) / (DecayTime - RiseTime);

    /// <summary>Normaliser P = e^{−t*/τ_d} − e^{−t*/τ_r} (the unnormalised peak).</summary>
    public double Normaliser
    {
        get
        {
            var peak = PeakTime;
            return Math.Exp(-peak / DecayTime) - Math.Exp(-peak / RiseTime);
        }
    }

    /// <inheritdoc/>
    public double PeakValue => 1.0;

    /// <inheritdoc/>
    public double Integral => (DecayTime - RiseTime) / Normaliser;

    /// <inheritdoc/>
    public double Value(double time) =>
        time < 0 ? 0.0 : (Math.Exp(-time / DecayTime) - Math.Exp(-time / RiseTime)) / Normaliser;

    /// <inheritdoc/>
    public IKernelState CreateState(double timeStep)
    {
        return new State(RiseTime, DecayTime, Normaliser, ParameterChecks.Positive(timeStep, nameof(timeStep)));
    }

    // τ_d = τ_r makes t* = 0/0 and τ_d < τ_r a negative normaliser: refuse both (the rise time is checked first,
    // by the property initialiser declared above).
    private static double CheckDecay(double riseTime, double decayTime)
    {
        ParameterChecks.Positive(decayTime, nameof(DecayTime));
        return decayTime > riseTime ? decayTime
            : throw new ArgumentOutOfRangeException(nameof(DecayTime), decayTime, $"decay time must be > rise time ({riseTime} ms).");
    }

    /// <summary>The two exponential states (a, b) with s = a − b.</summary>
    public sealed class State : IKernelState
    {
        private readonly double _tauRise;
        private readonly double _tauDecay;
        private readonly double _decayRise;
        private readonly double _decayDecay;
        private readonly double _jump;
        private double _a;
        private double _b;

        internal State(double tauRise, double tauDecay, double normaliser, double dt)
        {
            _tauRise = tauRise;
            _tauDecay = tauDecay;
            TimeStep = dt;
            _decayRise = Math.Exp(-dt / tauRise);
            _decayDecay = Math.Exp(-dt / tauDecay);
            _jump = 1.0 / normaliser;
        }

        /// <inheritdoc/>
        public double TimeStep { get; }

        /// <inheritdoc/>
        public double Value => _a - _b;

        /// <summary>Sum a + b (the scale of the rounding error of <see cref="Value"/>).</summary>
        public double Magnitude => _a + _b;

        /// <summary>(1/dt)[a·τ_d(1 − E_d) − b·τ_r(1 − E_r)].</summary>
        public double MeanOverStep => ((_a * _tauDecay * (1.0 - _decayDecay)) - (_b * _tauRise * (1.0 - _decayRise))) / TimeStep;

        /// <inheritdoc/>
        public void Spike(double weight = 1.0)
        {
            _a += weight * _jump;
            _b += weight * _jump;
        }

        /// <inheritdoc/>
        public void Advance()
        {
            _a *= _decayDecay;
            _b *= _decayRise;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _a = 0.0;
            _b = 0.0;
        }
    }
}
