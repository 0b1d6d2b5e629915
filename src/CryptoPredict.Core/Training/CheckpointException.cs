namespace CryptoPredict.Core.Training;

/// <summary>A checkpoint is missing, unreadable, corrupted, or does not fit the run that wants to resume from it.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException()
    {
    }

    public CheckpointException(string message)
        : base(message)
    {
    }

    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
