namespace CryptoPredict.Core.Training;

/// <summary>The loss became NaN or infinite; the run stops without touching the last good checkpoint.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException()
    {
    }

    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
