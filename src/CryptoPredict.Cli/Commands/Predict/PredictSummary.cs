namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>predict --json</c>: the forecast made at the last usable candle. <see cref="Timestamp"/> is that candle's open
/// time (UTC); <see cref="Forecast"/> maps each value's name to its value (prices for price models, the volatility, or
/// the regime probabilities); <see cref="PredictedClose"/> and <see cref="Change"/> (a fraction) are null unless the
/// model forecasts a price; <see cref="Warnings"/> names inputs of the window outside the range seen in training.
/// </summary>
internal sealed record PredictSummary(
    string Symbol,
    string Interval,
    string Model,
    DateTime Timestamp,
    DateTime TargetTime,
    double LastClose,
    IReadOnlyDictionary<string, double> Forecast,
    double? PredictedClose,
    double? Change,
    string Signal,
    string SignalReason,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The summary of <paramref name="prediction"/>: what <c>predict --json</c> prints and <c>serve</c> answers.</summary>
    public static PredictSummary Of(Core.Prediction.Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return new PredictSummary(
            prediction.Symbol,
            prediction.Interval,
            prediction.Model,
            prediction.LastCandle,
            prediction.TargetTime,
            prediction.LastClose,
            prediction.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal),
            prediction.PredictedClose,
            prediction.Change,
            PredictCommand.SignalText(prediction.Signal),
            prediction.SignalReason,
            prediction.Warnings)
        {
            Quantiles = prediction.Quantiles,
            Horizons = prediction.Horizons?.Select(h => new HorizonSummary(h.Name, h.Candles, h.TargetTime, h.Close, h.Change)).ToArray(),
        };
    }

    /// <summary>With quantile heads: per forecast value name, its quantiles by level (<c>{"close": {"0.1": ..., "0.9": ...}}</c>), increasing.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Quantiles { get; init; }

    /// <summary>A multi-horizon model's forecast per horizon, nearest first, each with the candle it is for.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HorizonSummary>? Horizons { get; init; }
}

/// <summary>One horizon of <c>predict --json</c>'s <c>horizons</c>: the value's name, candles ahead, the target time, the close and its change (a fraction).</summary>
internal sealed record HorizonSummary(string Name, int Candles, DateTime TargetTime, double Close, double Change);
