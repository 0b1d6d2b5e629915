using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Prediction;

/// <summary>One named forecast value: a price, a log return, a volatility or a probability.</summary>
public sealed record ForecastValue(string Name, double Value);

/// <summary>
/// A forecast from the latest usable window: the values (prices for price models, with their change from the last
/// close), the candle it was made at, and the signal derived from it.
/// </summary>
public sealed record Prediction(
    string Symbol,
    string Interval,
    string Model,
    ForecastKind Kind,
    DateTime LastCandle,
    DateTime TargetTime,
    double LastClose,
    IReadOnlyList<ForecastValue> Values,
    double? PredictedClose,
    double? Change,
    TradeSignal Signal,
    string SignalReason)
{
    /// <summary>What the user should know about the forecast: inputs of the window outside the range seen in training.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
