namespace Plasticity.Core.Data;

/// <summary>
/// A data file could not be read. The message is one line, "&lt;path&gt;: &lt;problem&gt;", and the problem names
/// the 1-based row (line of the file) and column where relevant, e.g.
/// <c>data.csv: row 7 has 3 columns; expected 4</c>.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>
    /// Creates the exception; control characters, line breaks and other invisible code points in the path and the
    /// problem (a cell of a binary file, a file name with a newline) are escaped (<see cref="PrintableText.Escape"/>),
    /// so the message is one printable line for every caller.
    /// </summary>
    /// <param name="filePath">The file, as given by the caller.</param>
    /// <param name="row">1-based row (line number in the file, header included), or null when not about one row.</param>
    /// <param name="column">1-based column, or null when not about one cell.</param>
    /// <param name="problem">What is wrong, including the row and column wording.</param>
    /// <param name="innerException">The underlying I/O error, if any.</param>
    public DataFileException(string filePath, int? row, int? column, string problem, Exception? innerException = null)
        : base(OneLine($"{filePath}: {problem}"), innerException)
    {
        FilePath = filePath;
        Row = row;
        Column = column;
    }

    /// <summary>The file, as given by the caller.</summary>
    public string FilePath { get; }

    /// <summary>1-based row (line number in the file), or null.</summary>
    public int? Row { get; }

    /// <summary>1-based column, or null.</summary>
    public int? Column { get; }

    private static string OneLine(string text) => PrintableText.Escape(text);
}
