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
            prediction.Warnings);
    }
}
