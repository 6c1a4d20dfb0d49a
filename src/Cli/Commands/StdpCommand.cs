namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity stdp window|competition</c>: the spike-timing-dependent plasticity jobs of issue 4, the STDP window
/// of a rule as it implements it (<see cref="StdpWindowCommand"/>) and the Song–Miller–Abbott competition experiment
/// (<see cref="StdpCompetitionCommand"/>).
/// </summary>
public static class StdpCommand
{
    /// <summary>Creates the command with its two subcommands.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("stdp", "Spike-timing-dependent plasticity: the window of a rule, and the Song–Miller–Abbott competition experiment.");
        command.Subcommands.Add(StdpWindowCommand.Create(context));
        command.Subcommands.Add(StdpCompetitionCommand.Create(context));
        return command;
    }

    /// <summary>Runs <paramref name="action"/>; a <see cref="UsageException"/> becomes one line on stderr and exit code 2.</summary>
    internal static int Run(CommandContext context, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException e)
        {
            ErrorText.WriteError(context.Error, e.Message);
            return ExitCodes.Usage;
        }
    }
}
