using System.Globalization;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Prediction;

/// <summary>Turns the forecast of the latest window into prices, a change from the last close and a signal.</summary>
public static class Predictor
{
    public const double DefaultThreshold = 0.002;

    private static readonly string[] RegimeNames = ["bearish", "neutral", "bullish"];

    public static Prediction PredictLatest(Forecaster forecaster, CandleSeries series, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(series);
        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The signal threshold must be a finite fraction >= 0, e.g. 0.002.");
        }

        var features = forecaster.ComputeFeatures(series);
        var row = forecaster.LatestUsableRow(features);
        var raw = forecaster.Forecast(features, [row]);
        var description = forecaster.Bundle.Description;
        var kind = forecaster.Bundle.Architecture.Kind;
        var lastClose = series.Close[row];
        var lastTime = series.OpenTimes[row];
        var target = lastTime + (series.Interval.Duration * description.Horizon);
        var values = new List<ForecastValue>();
        double? predictedClose = null;
        TradeSignal signal;
        string reason;
        switch (kind)
        {
            case ForecastKind.Ohlc:
                string[] names = ["open", "high", "low", "close"];
                for (var i = 0; i < names.Length; i++)
                {
                    values.Add(new ForecastValue(names[i], PriceTargets.ToPrice(raw[i], lastClose)));
                }

                predictedClose = values[3].Value;
                (signal, reason) = PriceSignal(predictedClose.Value, lastClose, threshold);
                break;
            case ForecastKind.Close:
                predictedClose = PriceTargets.ToPrice(raw[0], lastClose);
                values.Add(new ForecastValue("close", predictedClose.Value));
                (signal, reason) = PriceSignal(predictedClose.Value, lastClose, threshold);
                break;
            case ForecastKind.Volatility:
                var volatility = Math.Max(0, raw[0]);
                values.Add(new ForecastValue(description.Targets[0], volatility));
                signal = TradeSignal.Hold;
                reason = "a volatility forecast has no direction";
                break;
            default:
                for (var i = 0; i < RegimeNames.Length; i++)
                {
                    values.Add(new ForecastValue(RegimeNames[i], raw[i]));
                }

                var best = Array.IndexOf(raw, raw.Max());
                signal = best switch
                {
                    (int)MarketRegime.Bullish => TradeSignal.Buy,
                    (int)MarketRegime.Bearish => TradeSignal.Sell,
                    _ => TradeSignal.Hold,
                };
                reason = string.Create(CultureInfo.InvariantCulture, $"most likely regime: {RegimeNames[best]} ({raw[best]:P1})");
                break;
        }

        return new Prediction(
            description.Symbol,
            description.Interval,
            description.Architecture.Name,
            kind,
            lastTime,
            target,
            lastClose,
            values,
            predictedClose,
            predictedClose is { } close ? (close / lastClose) - 1 : null,
            signal,
            reason);
    }

    /// <summary>BUY above +threshold, SELL below -threshold (fractional change of the close), HOLD between.</summary>
    public static (TradeSignal Signal, string Reason) PriceSignal(double predictedClose, double lastClose, double threshold)
    {
        var change = (predictedClose / lastClose) - 1;
        var text = string.Create(CultureInfo.InvariantCulture, $"forecast change {change:+0.000%;-0.000%} against threshold ±{threshold:0.###%}");
        return change > threshold ? (TradeSignal.Buy, text)
            : change < -threshold ? (TradeSignal.Sell, text)
            : (TradeSignal.Hold, text);
    }
}
