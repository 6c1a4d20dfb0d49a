namespace Plasticity.Experiments.Results;

/// <summary>
/// A results store that cannot be used as asked: it belongs to another run, it is not a store, or shards to merge do
/// not form one complete sweep. The message is one line naming the file and the reason.
/// </summary>
public sealed class ResultStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResultStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ResultStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ResultStoreException()
    {
    }
}
