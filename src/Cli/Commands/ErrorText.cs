namespace Plasticity.Cli.Commands;

/// <summary>
/// Turns an exception into the single line the program prints: the innermost meaningful message and its type.
/// </summary>
/// <remarks>
/// Wrapper exceptions (a type initializer that failed to load a native library, a parallel loop's aggregate) hide
/// the message that tells the user what to fix, so they are unwrapped first.
/// </remarks>
public static class ErrorText
{
    /// <summary>Longest message kept; native-loader messages list every probed path and run to kilobytes.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>One line describing <paramref name="exception"/>.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var e = exception;
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                e = aggregate.InnerExceptions[0];
            }
            else if (e is TypeInitializationException { InnerException: { } inner })
            {
                e = inner;
            }
            else
            {
                break;
            }
        }

        var message = e.Message.ReplaceLineEndings(" ").Trim();
        if (message.Length > MaxMessageLength)
        {
            message = message[..MaxMessageLength].TrimEnd() + " ...";
        }

        return $"{message} ({e.GetType().Name})";
    }
}
