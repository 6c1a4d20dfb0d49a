namespace Plasticity.Core.Neurons;

/// <summary>
/// A rate neuron's static nonlinearity y = g(h) of its drive h = Σ_j w_j x_j (science sheet §1).
/// </summary>
public interface ITransferFunction
{
    /// <summary>g(h).</summary>
    double Apply(double drive);

    /// <summary>g′(h) (for non-differentiable points the documented one-sided value).</summary>
    double Derivative(double drive);

    /// <summary>y_i = g(h_i) element-wise; equals <see cref="Apply(double)"/> bit for bit.</summary>
    void Apply(ReadOnlySpan<double> drive, Span<double> rate);
}
