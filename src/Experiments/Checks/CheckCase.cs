namespace Plasticity.Experiments.Checks;

/// <summary>
/// One prepared instance of a check: the inputs are drawn (data, pattern sets) from the seed, and the three functions
/// compute the prediction from the theory, the measurement by running the core model, and the tolerance.
/// </summary>
/// <remarks>
/// Predictions may depend on the drawn inputs (an oracle uses the sample's own correlation matrix), never on the
/// model's output; the tolerance may use both (an SE from the measurement's repetitions, a binomial SE at the
/// prediction). The power demonstration re-evaluates <see cref="Tolerate"/> at a wrong prediction.
/// </remarks>
/// <param name="Predict">The prediction, from Plasticity.Analysis or a closed form written in the check.</param>
/// <param name="Measure">Runs the model (through the family's adapter) and measures.</param>
/// <param name="Tolerate">The tolerance for a prediction and the measurement.</param>
public sealed record CheckCase(Func<double> Predict, Func<Measurement> Measure, Func<double, Measurement, Tolerance> Tolerate);
