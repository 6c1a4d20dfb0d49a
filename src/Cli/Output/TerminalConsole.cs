using Spectre.Console;

namespace Plasticity.Cli.Output;

/// <summary>The Spectre console of a command: ANSI, colour and live widgets only when the context is interactive.</summary>
public static class TerminalConsole
{
    /// <summary>A console writing to <see cref="CommandContext.Out"/>; without a terminal it writes plain text.</summary>
    public static IAnsiConsole Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Out),
            Ansi = context.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = context.Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
