namespace Plasticity.Core.Data;

/// <summary>
/// Reads and writes samples and weight rows as comma-separated text: one row per line, cells separated by
/// ',', numbers in the invariant culture, written with the round-trip format "R" so that reading a written
/// file gives back the same doubles bit for bit.
/// </summary>
/// <remarks>
/// <para>Header: the first line is a header iff none of its cells parses as a number
/// (<see cref="NumberStyles.Float"/>, invariant culture), so a typo in a first data row ("1,2x") is reported
/// as a bad cell rather than silently dropped as a header; a header must have as many cells as the data rows
/// and is otherwise ignored. "NaN" and "Infinity" parse as numbers, so a first row holding them is a data
/// row and is rejected as non-finite.</para>
/// <para>Cells are not quoted or escaped; surrounding spaces are allowed. Blank (empty or white-space) lines
/// are allowed only after the last data row. Rows are counted from 1 as lines of the file, header included.</para>
/// <para>Every error is a <see cref="DataFileException"/> with a one-line message naming the file and the row
/// (and column): missing or unreadable file, empty file, no data rows, interior blank line, ragged row,
/// non-numeric cell (quoted in the message), NaN or infinite cell, and too few rows.</para>
/// </remarks>
public static class CsvDataset
{
    /// <summary>Longest line read, in characters; a longer one is not CSV text (for example <c>/dev/zero</c>).</summary>
    public const int MaxLineLength = 1 << 22;

    /// <summary>Most cells in one row.</summary>
    public const int MaxColumns = 100_000;

    /// <summary>Most data rows read (header excluded).</summary>
    public const int MaxRows = 10_000_000;

    /// <summary>Most values (data rows × columns) read: 800 MB as doubles.</summary>
    public const long MaxValues = 100_000_000;

    /// <summary>Longest cell text quoted in an error message.</summary>
    public const int MaxQuotedCell = 40;

    /// <summary>
    /// Reads a dataset: one sample per row. At least 2 samples are required (a single sample has no
    /// spread to learn from).
    /// </summary>
    /// <exception cref="DataFileException">The file is missing, unreadable, malformed or beyond the limits.</exception>
    public static Dataset Read(string path) => Read(path, double.MaxValue, string.Empty);

    /// <summary>
    /// Reads a dataset as <see cref="Read(string)"/> does and also refuses any value with |x| &gt;
    /// <paramref name="maxMagnitude"/>, naming its file row and column; <paramref name="why"/> (may be empty) is
    /// appended to the message to say why such values cannot be used.
    /// </summary>
    /// <exception cref="DataFileException">The file is missing, unreadable, malformed, beyond the limits, or holds a value beyond <paramref name="maxMagnitude"/>.</exception>
    public static Dataset Read(string path, double maxMagnitude, string why)
    {
        ArgumentNullException.ThrowIfNull(why);
        if (!(maxMagnitude >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxMagnitude), maxMagnitude, "must be ≥ 0.");
        }

        var (rows, width, values) = ReadFile(path, minimumRows: 2, what: "sample", new MagnitudeLimit(maxMagnitude, why));
        return new Dataset(rows, width, values);
    }

    /// <summary>
    /// Reads a dataset from <paramref name="stream"/> (read to its end or to the first error, whichever is first),
    /// naming it <paramref name="name"/> in errors; the same format and limits as <see cref="Read(string)"/>.
    /// </summary>
    /// <exception cref="DataFileException">The text is malformed or beyond the limits.</exception>
    public static Dataset Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var (rows, width, values) = ReadStream(stream, name, minimumRows: 2, what: "sample", MagnitudeLimit.None);
        return new Dataset(rows, width, values);
    }

    /// <summary>Reads rows of numbers of equal length (for example initial weights, one row per neuron); at least 1 row.</summary>
    /// <exception cref="DataFileException">The file is missing, unreadable, malformed or beyond the limits.</exception>
    public static double[][] ReadRows(string path)
    {
        var (rows, width, values) = ReadFile(path, minimumRows: 1, what: "row", MagnitudeLimit.None);
        var result = new double[rows][];
        for (var k = 0; k < rows; k++)
        {
            result[k] = values.AsSpan(k * width, width).ToArray();
        }

        return result;
    }

    /// <summary>Writes a dataset, one sample per row, with an optional header line.</summary>
    public static void Write(string path, Dataset data, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = new double[data.Count][];
        for (var k = 0; k < data.Count; k++)
        {
            rows[k] = data.Sample(k).ToArray();
        }

        WriteRows(path, rows, header);
    }

    /// <summary>
    /// Writes rows of equal length, cells in the round-trip format "R" (invariant culture), lines ended
    /// by '\n', UTF-8 without byte-order mark; the header, if any, is written first as given.
    /// </summary>
    /// <param name="path">Target file (overwritten).</param>
    /// <param name="rows">At least one row; every row the same non-zero length; every value finite.</param>
    /// <param name="header">One line (no line breaks) with the same number of cells, none of them numeric,
    /// so that <see cref="Read(string)"/> recognises it; or null for none.</param>
    public static void WriteRows(string path, IReadOnlyList<double[]> rows, string? header = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("at least one row is required.", nameof(rows));
        }

        var width = rows[0]?.Length ?? 0;
        if (width == 0)
        {
            throw new ArgumentException("rows must have at least one column.", nameof(rows));
        }

        for (var k = 0; k < rows.Count; k++)
        {
            if (rows[k] is null || rows[k].Length != width)
            {
                throw new ArgumentException($"row {k} has {rows[k]?.Length ?? 0} values; expected {width}.", nameof(rows));
            }

            for (var j = 0; j < width; j++)
            {
                if (!double.IsFinite(rows[k][j]))
                {
                    throw new ArgumentException($"row {k}, column {j} is {rows[k][j]}; every value must be finite.", nameof(rows));
                }
            }
        }

        if (header is not null)
        {
            if (header.Contains('\n') || header.Contains('\r'))
            {
                throw new ArgumentException("header must be one line.", nameof(header));
            }

            var cells = header.Split(',');
            if (cells.Length != width || !Array.TrueForAll(cells, c => !TryParse(c, out _)))
            {
                throw new ArgumentException($"header must have {width} cells, none of them a number; it has {cells.Length}.", nameof(header));
            }
        }

        var text = new StringBuilder();
        if (header is not null)
        {
            text.Append(header).Append('\n');
        }

        foreach (var row in rows)
        {
            for (var j = 0; j < width; j++)
            {
                if (j > 0)
                {
                    text.Append(',');
                }

                text.Append(row[j].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static bool TryParse(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static (int Rows, int Width, double[] Values) ReadFile(string path, int minimumRows, string what, MagnitudeLimit limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return ReadStream(stream, path, minimumRows, what, limit);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, null, null, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DataFileException(path, null, null, $"cannot read the file ({e.Message})", e);
        }
    }

    /// <summary>
    /// Streams the text line by line (never more than one line of <see cref="MaxLineLength"/> characters in memory
    /// besides the values), so an endless or binary input stops at the first limit with a one-line error instead of
    /// being read whole into memory. Data rows are parsed from spans, without a string per line or cell.
    /// </summary>
    private static (int Rows, int Width, double[] Values) ReadStream(Stream stream, string path, int minimumRows, string what, MagnitudeLimit limit)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var lines = new LineReader(reader, path);
        var lineCount = 0;
        int? pendingBlank = null;   // first blank row not yet followed by data: an error only if data follows
        var width = 0;
        var hasHeader = false;
        var values = Array.Empty<double>();
        var rows = 0;
        // The first value beyond the magnitude limit; reported only once the whole file has parsed, so a malformed
        // row anywhere is reported as such (a format error says more about the file than a range error).
        DataFileException? beyondLimit = null;
        while (lines.Next(lineCount + 1))
        {
            lineCount++;
            var row = lineCount;
            var text = lines.Line;
            if (text.IsWhiteSpace())
            {
                pendingBlank ??= row;
                continue;
            }

            if (pendingBlank is int blank)
            {
                throw new DataFileException(path, blank, null, $"row {blank} is blank; blank lines are allowed only at the end");
            }

            var cellCount = text.Count(',') + 1;
            if (row == 1)
            {
                width = cellCount;
                if (width > MaxColumns)
                {
                    throw new DataFileException(path, row, null, $"row 1 has {width} columns; at most {MaxColumns} are read");
                }

                hasHeader = Array.TrueForAll(text.ToString().Split(','), c => !TryParse(c, out _));
                if (hasHeader)
                {
                    continue;
                }
            }

            if (cellCount != width)
            {
                var reference = hasHeader ? "as the header in row 1" : "as row 1";
                throw new DataFileException(path, row, null, $"row {row} has {cellCount} columns; expected {width} ({reference})");
            }

            if (rows == MaxRows || (long)(rows + 1) * width > MaxValues)
            {
                throw new DataFileException(
                    path, row, null, $"row {row}: the file holds more than {Math.Min(MaxRows, MaxValues / width)} data rows of {width} columns; at most {MaxRows} rows and {MaxValues} values (rows × columns) are read");
            }

            if ((long)(rows + 1) * width > values.Length)
            {
                var capacity = Math.Min(Math.Max(2L * values.Length, (rows + 1L) * width), (MaxValues / width) * width);
                Array.Resize(ref values, (int)Math.Max(capacity, (rows + 1L) * width));
            }

            var offset = rows * width;
            var rest = text;
            for (var j = 0; j < width; j++)
            {
                var comma = rest.IndexOf(',');
                var cell = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? ReadOnlySpan<char>.Empty : rest[(comma + 1)..];
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    throw new DataFileException(path, row, j + 1, $"row {row}, column {j + 1}: \"{Quoted(cell.ToString())}\" is not a number");
                }

                if (!double.IsFinite(v))
                {
                    throw new DataFileException(path, row, j + 1, $"row {row}, column {j + 1}: \"{Quoted(cell.ToString())}\" is not finite");
                }

                if (Math.Abs(v) > limit.MaxMagnitude && beyondLimit is null)
                {
                    var why = limit.Why.Length == 0 ? string.Empty : "; " + limit.Why;
                    beyondLimit = new DataFileException(path, row, j + 1, $"row {row}, column {j + 1}: |{v:R}| > {limit.MaxMagnitude:R}{why}");
                }

                values[offset + j] = v;
            }

            rows++;
        }

        if (width == 0)
        {
            throw new DataFileException(path, null, null, lineCount == 0 ? "the file is empty" : "the file has only blank lines");
        }

        if (rows < minimumRows)
        {
            var found = rows == 0 ? "no data rows after the header in row 1" : $"{rows} data row{(rows == 1 ? "" : "s")}";
            throw new DataFileException(path, null, null, $"{found}; at least {minimumRows} {what}{(minimumRows == 1 ? " is" : "s are")} required");
        }

        if (beyondLimit is not null)
        {
            throw beyondLimit;
        }

        if (values.Length != rows * width)
        {
            Array.Resize(ref values, rows * width);
        }

        return (rows, width, values);
    }

    /// <summary>
    /// Splits text into lines at \n, \r\n or \r (as <see cref="TextReader.ReadLine"/>), reading blocks of the input and
    /// keeping at most <see cref="MaxLineLength"/> characters of one line: a longer line is an error, found after
    /// reading at most that many characters of it.
    /// </summary>
    private sealed class LineReader(TextReader reader, string path)
    {
        private readonly char[] _buffer = new char[1 << 16];
        private int _start;
        private int _end;
        private char[] _line = new char[256];
        private int _length;
        private bool _skipLineFeed;   // the previous line ended in \r: a \n right after it belongs to that line end

        /// <summary>The current line, without its end.</summary>
        public ReadOnlySpan<char> Line => _line.AsSpan(0, _length);

        /// <summary>Reads the next line (<paramref name="row"/> is its 1-based number, for errors); false at the end.</summary>
        public bool Next(int row)
        {
            _length = 0;
            var any = false;
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = reader.ReadBlock(_buffer, 0, _buffer.Length);
                    if (_end == 0)
                    {
                        return any;
                    }
                }

                if (_skipLineFeed)
                {
                    _skipLineFeed = false;
                    if (_buffer[_start] == '\n')
                    {
                        _start++;
                        continue;
                    }
                }

                any = true;
                var chunk = _buffer.AsSpan(_start, _end - _start);
                var stop = chunk.IndexOfAny('\n', '\r');
                var take = stop < 0 ? chunk : chunk[..stop];
                Append(take, row);
                if (stop < 0)
                {
                    _start = _end;
                    continue;
                }

                _skipLineFeed = chunk[stop] == '\r';
                _start += stop + 1;
                return true;
            }
        }

        private void Append(ReadOnlySpan<char> text, int row)
        {
            if (_length + text.Length > MaxLineLength)
            {
                throw new DataFileException(path, row, null, $"row {row} is longer than {MaxLineLength} characters; this does not look like a CSV text file");
            }

            if (_length + text.Length > _line.Length)
            {
                Array.Resize(ref _line, Math.Min(MaxLineLength, Math.Max(2 * _line.Length, _length + text.Length)));
            }

            text.CopyTo(_line.AsSpan(_length));
            _length += text.Length;
        }
    }

    /// <summary>The largest accepted magnitude of a value and why larger ones are refused (empty: no reason given).</summary>
    private readonly record struct MagnitudeLimit(double MaxMagnitude, string Why)
    {
        public static MagnitudeLimit None => new(double.MaxValue, string.Empty);
    }

    private static string Quoted(string cell) =>
        cell.Length <= MaxQuotedCell ? cell : $"{cell[..(MaxQuotedCell - 8)]}... ({cell.Length} characters)";
}
