namespace Plasticity.Experiments.Checks.Families;

/// <summary>
/// Every call the continuous-Hopfield checks make into the core: <see cref="ContinuousHopfieldNetwork"/> (potential
/// form, its <see cref="ContinuousHopfieldNetwork.Energy"/>), <see cref="RecurrentRateNetwork"/> (rate form),
/// <see cref="LeakyIntegrator"/> with RK4, and <see cref="TanhTransfer"/>.
/// </summary>
public static class ContinuousHopfieldAdapter
{
    /// <summary>The tanh transfer of gain β.</summary>
    public static IInvertibleTransfer Tanh(double gain) => new TanhTransfer(gain);

    private static DenseWeightMatrix Dense(double[,] m) =>
        DenseWeightMatrix.FromRows(Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray()).ToArray());

    /// <summary>
    /// One RK4 step of the potential-form network with dt and two with dt/2 from u: (after, refined). Also returns a
    /// function computing the network's energy E(F(u)).
    /// </summary>
    public static (Func<double[], (double[] After, double[] Refined)> Step, Func<double[], double> Energy) PotentialForm(
        double[,] m, double[] h, double tau, IInvertibleTransfer transfer, double dt)
    {
        var network = new ContinuousHopfieldNetwork(Dense(m), h, tau, transfer);
        var coarse = new LeakyIntegrator(network, IntegrationScheme.RungeKutta4, dt);
        var fine = new LeakyIntegrator(network, IntegrationScheme.RungeKutta4, dt / 2);
        (double[], double[]) Step(double[] u)
        {
            var after = (double[])u.Clone();
            coarse.Step(after);
            var refined = (double[])u.Clone();
            fine.Step(refined);
            fine.Step(refined);
            return (after, refined);
        }

        double Energy(double[] u) => network.Energy(u.Select(transfer.Apply).ToArray());
        return (Step, Energy);
    }

    /// <summary>Final state of the rate-form network after <paramref name="steps"/> RK4 steps of dt from v0.</summary>
    public static double[] RateFormFinal(double[,] m, double[] h, double tau, ITransferFunction transfer, double[] v0, double dt, int steps)
    {
        var network = new RecurrentRateNetwork(Dense(m), h, tau, transfer);
        var v = (double[])v0.Clone();
        new LeakyIntegrator(network, IntegrationScheme.RungeKutta4, dt).Run(v, steps);
        return v;
    }
}
