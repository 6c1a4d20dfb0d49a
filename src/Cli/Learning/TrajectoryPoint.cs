namespace Plasticity.Cli.Learning;

/// <summary>One recorded state of a learning run.</summary>
/// <param name="Step">Weight updates made so far (0 = initial weights).</param>
/// <param name="Norms">‖w_i‖ for each output i (finite: the trainer never commits a non-finite or over-limit row, and
/// the norm is computed without overflow).</param>
/// <param name="Cosines">|cos(w_i, e_k)| for each output i and reference eigenvector k = 1..K (NaN for a zero row: the
/// direction is undefined; trajectory.csv leaves that cell empty).</param>
/// <param name="Alignment">Each output's alignment with its target (see <see cref="TargetKind"/>).</param>
/// <param name="Rows">The weight rows themselves (signed), kept only when the figure needs them (BCM responses
/// y_k = w·x_k, scaling's ⟨y⟩); null otherwise.</param>
/// <param name="Theta">BCM's sliding threshold θ of each output at this step; null for the other rules.</param>
public sealed record TrajectoryPoint(long Step, double[] Norms, double[][] Cosines, double[] Alignment, double[][]? Rows = null, double[]? Theta = null);
