namespace Plasticity.Core.Data;

/// <summary>
/// Escapes text that ends up in a one-line message: a data file's cells and a file name can hold newlines, NULs,
/// terminal escape sequences or bytes that were never text, and echoing them raw would break the message over
/// several lines or recolour the terminal.
/// </summary>
/// <remarks>
/// The one implementation of the escaping: <see cref="DataFileException"/> applies it to its message (so the message
/// is clean for every caller, not only the CLI), and the CLI's ErrorText applies it to every line it prints.
/// </remarks>
public static class PrintableText
{
    /// <summary>
    /// <paramref name="text"/> with every character that is not visible text replaced by a C-style escape:
    /// <c>\n</c>, <c>\r</c>, <c>\t</c>, other C0/C1 controls and DEL as <c>\xNN</c>, format and separator characters
    /// (line/paragraph separators, bidirectional overrides, zero-width characters), private-use and unassigned code
    /// points and unpaired surrogates as <c>\uNNNN</c>. Printable text, including non-ASCII letters and U+FFFD, is
    /// kept; a backslash is left as is.
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
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!NeedsEscape(c))
            {
                escaped?.Append(c);
                continue;
            }

            var replacement = c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c <= '\u00ff' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            };
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
}
