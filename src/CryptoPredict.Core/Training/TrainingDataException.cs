namespace CryptoPredict.Core.Training;

/// <summary>The candles cannot train or evaluate the model as configured (too few samples, a part of the split empty, ...).</summary>
public sealed class TrainingDataException : Exception
{
    public TrainingDataException()
    {
    }

    public TrainingDataException(string message)
        : base(message)
    {
    }

    public TrainingDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
