namespace Plasticity.Cli.Output;

/// <summary>
/// A result file could not be written (full disk, read-only folder, a directory in the way). The message names the
/// final file; nothing was left under that name (see <see cref="AtomicFile"/>).
/// </summary>
public sealed class OutputFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public OutputFileException(string path, string reason, Exception inner)
        : base($"cannot write {path}: {reason}; nothing was written under that name", inner)
    {
        Path = path;
    }

    /// <summary>The file that could not be written, as the command named it.</summary>
    public string Path { get; }
}
