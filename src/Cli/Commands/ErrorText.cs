using System.Globalization;
using System.Text;

namespace Plasticity.Cli.Commands;

/// <summary>
/// The one place that turns messages into the single lines the program prints on stderr: control characters and
/// other invisible code points are escaped, over-long lines are shortened in the middle, and exceptions are reduced to
/// their innermost meaningful message and type.
/// </summary>
/// <remarks>
/// Messages echo what the user typed or what a data file holds, and either can contain a newline, a NUL, an escape
/// sequence that would recolour the terminal, or bytes that were not text at all (decoded as U+FFFD). The promise
/// "exactly one line on stderr" must hold whatever the input, so every line written to stderr goes through
/// <see cref="Escape"/> here rather than each message being cleaned where it is made. Wrapper exceptions (a type
/// initializer that failed to load a native library, a parallel loop's aggregate) hide the message that tells the
/// user what to fix, so they are unwrapped first.
/// </remarks>
public static class ErrorText
{
    /// <summary>Longest exception message kept; native-loader messages list every probed path and run to kilobytes.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>
    /// Longest line written to stderr (after escaping). Longer lines keep their start (which names the option or the
    /// file) and their end (which holds the echoed value's closing and the allowed range) around an ellipsis.
    /// </summary>
    public const int MaxLineLength = 2000;

    /// <summary>Writes <c>error: message</c> as one line.</summary>
    public static void WriteError(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine(Line("error: " + message));
    }

    /// <summary>Writes <c>warning: message</c> as one line.</summary>
    public static void WriteWarning(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine(Line("warning: " + message));
    }

    /// <summary><paramref name="text"/> escaped (see <see cref="Escape"/>) and shortened to <see cref="MaxLineLength"/>.</summary>
    public static string Line(string text)
    {
        var line = Escape(text);
        if (line.Length <= MaxLineLength)
        {
            return line;
        }

        const string ellipsis = " ... ";
        var keep = (MaxLineLength - ellipsis.Length) / 2;
        return line[..keep] + ellipsis + line[^keep..];
    }

    /// <summary>
    /// <paramref name="text"/> with every character that is not visible text replaced by a C-style escape:
    /// <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\\</c> is left as is, other C0/C1 controls and DEL as <c>\xNN</c>, format and
    /// separator characters (line/paragraph separators, bidirectional overrides, zero-width characters) and unpaired
    /// surrogates as <c>\uNNNN</c>. Printable text, including non-ASCII letters and U+FFFD, is kept.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = null;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (NeedsEscape(c))
            {
                replacement = c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ when c <= '\u00ff' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                    _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                };
            }

            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
            escaped.Append(replacement);
        }

        return escaped?.ToString() ?? text;
    }

    private static bool NeedsEscape(char c)
    {
        if (char.IsSurrogate(c))
        {
            return true; // unpaired (pairs are handled by the caller)
        }

        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.Control
            or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>One line describing <paramref name="exception"/> (escaped; see <see cref="Escape"/>).</summary>
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

        var message = Escape(e.Message.ReplaceLineEndings(" ").Trim());
        if (message.Length > MaxMessageLength)
        {
            message = message[..MaxMessageLength].TrimEnd() + " ...";
        }

        return $"{message} ({e.GetType().Name})";
    }
}
