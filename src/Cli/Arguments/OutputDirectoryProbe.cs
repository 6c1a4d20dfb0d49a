namespace Plasticity.Cli.Arguments;

/// <summary>
/// Makes sure the output directory exists and is writable before any trial runs.
/// </summary>
/// <remarks>
/// Permissions are only known by trying: the directory is created (with parents) and a probe file is written and
/// deleted. Doing this up front turns "read-only disk" into an immediate usage error instead of a lost sweep.
/// </remarks>
public static class OutputDirectoryProbe
{
    /// <summary>Creates <paramref name="directory"/> if needed and checks that a file can be written in it.</summary>
    /// <returns>The full path of the directory.</returns>
    /// <exception cref="UsageException">The directory cannot be created or written to.</exception>
    public static string EnsureWritable(string directory)
    {
        OutputPath.CheckLength("--out", directory);
        try
        {
            var full = Path.GetFullPath(directory);
            if (File.Exists(full))
            {
                throw new UsageException("--out", $"--out must be a writable directory ('{directory}' is a file)");
            }

            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".plasticity-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return full;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or NotSupportedException
                                      or ArgumentException or System.Security.SecurityException)
        {
            throw new UsageException(
                "--out",
                $"--out must be a writable directory; cannot write to '{directory}' ({OneLine(e.Message)})");
        }
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
