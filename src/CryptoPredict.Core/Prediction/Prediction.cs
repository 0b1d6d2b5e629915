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

    /// <summary>
    /// With quantile heads: per value name (as in <see cref="Values"/>), its quantiles by level text (<c>"0.1"</c>), in the
    /// value's units (prices for price models), increasing; null for a model without them.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Quantiles { get; init; }

    /// <summary>A multi-horizon model's forecast per horizon, nearest first; null for a model of one horizon.</summary>
    public IReadOnlyList<HorizonForecast>? Horizons { get; init; }
}

/// <summary>One horizon of a multi-horizon forecast: its value's name, candles ahead, the candle it is for and the close forecast there.</summary>
public sealed record HorizonForecast(string Name, int Candles, DateTime TargetTime, double Close, double Change);
