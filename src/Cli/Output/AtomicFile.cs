namespace Plasticity.Cli.Output;

/// <summary>
/// Writes every result file to a temporary name in the same folder and renames it into place only when it is
/// complete, so the final name never holds a truncated file: not after a full disk, not after a SIGKILL.
/// </summary>
/// <remarks>
/// <para>The temporary file is a hidden sibling (<c>.name.&lt;random&gt;.tmp.ext</c>): being in the same folder, the
/// rename is a single atomic <c>rename(2)</c> on one file system, and a reader sees either the previous file or the
/// new one. The extension is kept last because some writers (the figures) choose the format from it.</para>
/// <para>On any failure the temporary file is deleted and the previous file under the final name is left untouched;
/// I/O failures (a full disk, a read-only folder, a directory in the way) become one <see cref="OutputFileException"/>
/// naming the final file. A SIGKILL cannot run clean-up code, so it may leave the hidden temporary file behind, never a
/// truncated final one. The data are flushed to the device before the rename, so an error the file system reports
/// late (at flush rather than at write) is still caught before the final name changes.</para>
/// </remarks>
public static class AtomicFile
{
    /// <summary>Longest part of the final name kept in the temporary name (file names are limited to 255 bytes).</summary>
    public const int MaxStemInTemporaryName = 80;

    /// <summary>Marker between the random part and the extension of every temporary name.</summary>
    public const string TemporaryMarker = ".tmp";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without byte-order mark.</summary>
    public static void WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            var bytes = Utf8.GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        });
    }

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static void WriteBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes, 0, bytes.Length));
    }

    /// <summary>Lets <paramref name="write"/> fill a new stream, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteVia(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// For writers that only take a path (the plotting library, <c>CsvDataset</c>): <paramref name="writeTo"/> writes
    /// the temporary path it is given, which is then renamed to <paramref name="path"/>.
    /// </summary>
    public static void WriteVia(string path, Action<string> writeTo)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeTo);
        var final = Path.GetFullPath(path);
        var temporary = TemporaryName(final);
        try
        {
            writeTo(temporary);
            File.Move(temporary, final, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temporary);
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputFileException(path, Reason(e, temporary, final), e);
            }

            throw;
        }
    }

    /// <summary>Whether <paramref name="fileName"/> (no folder) is a temporary name of this class.</summary>
    public static bool IsTemporaryName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.StartsWith('.') && fileName.Contains(TemporaryMarker, StringComparison.Ordinal);
    }

    /// <summary>A fresh hidden name next to <paramref name="final"/>: <c>.stem.&lt;12 hex&gt;.tmp.ext</c>.</summary>
    public static string TemporaryName(string final)
    {
        ArgumentNullException.ThrowIfNull(final);
        var directory = Path.GetDirectoryName(final) ?? string.Empty;
        var extension = Path.GetExtension(final);
        if (extension.Length > 16)
        {
            extension = string.Empty;
        }

        var stem = Path.GetFileNameWithoutExtension(final);
        if (stem.Length > MaxStemInTemporaryName)
        {
            stem = stem[..MaxStemInTemporaryName];
        }

        // A GUID, not a seeded draw: the name must differ between concurrent processes and never affects results.
        var unique = Guid.NewGuid().ToString("N")[..12];
        return Path.Combine(directory, $".{stem}.{unique}{TemporaryMarker}{extension}");
    }

    private static string Reason(Exception e, string temporary, string final)
    {
        // .NET appends " : 'path'" naming the temporary file; the user only knows the final name.
        var message = e.Message.Replace($" : '{temporary}'", string.Empty, StringComparison.Ordinal)
            .Replace(temporary, final, StringComparison.Ordinal);
        return message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the original failure is the one to report.
        }
    }
}
