namespace Plasticity.Cli.Arguments;

/// <summary>
/// The one check every output path goes through (<c>--out</c> of every command, and the names derived from it):
/// not empty, no invalid characters, and within the file-system limits on one name and on the whole path.
/// </summary>
/// <remarks>
/// Without the length check a 300-character file name passes every other test and fails only when the file is
/// created, as a <see cref="PathTooLongException"/> that names no option (exit code 1). The limits are the common
/// POSIX ones (NAME_MAX = 255 bytes per name, PATH_MAX = 4096 bytes for the whole path, in UTF-8); Windows' 260-char
/// legacy limit is not assumed (.NET opts into long paths there).
/// </remarks>
public static class OutputPath
{
    /// <summary>Longest name of one file or directory, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Longest full path, in UTF-8 bytes (including the terminating NUL of the C interface).</summary>
    public const int MaxPathBytes = 4095;

    /// <summary>
    /// Checks <paramref name="text"/> as the path of a file or directory to write and returns it trimmed.
    /// <paramref name="what"/> describes what is expected ("a directory path", "a file path").
    /// </summary>
    /// <exception cref="UsageException">Empty, invalid characters, or a name or the whole path too long.</exception>
    public static string Check(string parameter, string? text, string what)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            throw new UsageException(parameter, $"{parameter} must be {what} (got '{trimmed}')");
        }

        CheckLength(parameter, trimmed);
        return trimmed;
    }

    /// <summary>Checks that <paramref name="path"/> (already non-empty) is within the name and path length limits.</summary>
    /// <exception cref="UsageException">A name or the whole path is too long.</exception>
    public static void CheckLength(string parameter, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException
                                      or System.Security.SecurityException)
        {
            throw new UsageException(parameter, $"{parameter} is not a usable path: '{path}' ({e.Message})");
        }

        var fullBytes = Encoding.UTF8.GetByteCount(full);
        if (fullBytes > MaxPathBytes)
        {
            throw new UsageException(
                parameter,
                $"{parameter} path is too long: {fullBytes} bytes as a full path, at most {MaxPathBytes} allowed");
        }

        foreach (var name in full.Split(
                     [System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar],
                     StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.UTF8.GetByteCount(name);
            if (bytes > MaxNameBytes)
            {
                var shown = name.Length > 40 ? name[..20] + "..." + name[^12..] : name;
                throw new UsageException(
                    parameter,
                    $"{parameter} has a file or directory name of {bytes} bytes ('{shown}'); at most {MaxNameBytes} bytes per name allowed");
            }
        }
    }
}
