namespace Plasticity.Cli.Learning;

/// <summary>One recorded state of a learning run.</summary>
/// <param name="Step">Weight updates made so far (0 = initial weights).</param>
/// <param name="Norms">‖w_i‖ for each output i.</param>
/// <param name="Cosines">|cos(w_i, e_k)| for each output i and reference eigenvector k = 1..K (NaN for a zero row).</param>
/// <param name="Alignment">Each output's alignment with its target (see <see cref="TargetKind"/>).</param>
public sealed record TrajectoryPoint(long Step, double[] Norms, double[][] Cosines, double[] Alignment);
