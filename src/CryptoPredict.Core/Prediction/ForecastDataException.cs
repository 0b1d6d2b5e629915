namespace CryptoPredict.Core.Prediction;

/// <summary>The candles given cannot feed the model (too short, a gap inside the window, undefined features).</summary>
public sealed class ForecastDataException : Exception
{
    public ForecastDataException()
    {
    }

    public ForecastDataException(string message)
        : base(message)
    {
    }

    public ForecastDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
