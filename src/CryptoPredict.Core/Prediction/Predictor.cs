using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Prediction;

/// <summary>
/// Turns the forecast of the latest window into prices, a change from the last close and a signal; a forecast that is
/// not finite is a <see cref="ModelBundleException"/> (the weights are unusable).
/// </summary>
public static class Predictor
{
    public const double DefaultThreshold = 0.002;

    public static Prediction PredictLatest(IForecastEngine forecaster, CandleSeries series, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(series);
        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The signal threshold must be a finite fraction >= 0, e.g. 0.002.");
        }

        var windows = new InputWindows(Forecaster.ComputeFeatures(forecaster.Bundle.Description, series), forecaster.Bundle.Description.Window);
        var row = Forecaster.LatestUsableRowOf(windows);
        var raw = forecaster.Forecast(windows, [row]);
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
                    values.Add(new ForecastValue(names[i], ForecastDecoding.Decode(kind, raw[i], lastClose)));
                }

                predictedClose = values[3].Value;
                (signal, reason) = PriceSignal(predictedClose.Value, lastClose, threshold);
                break;
            case ForecastKind.Close:
                var closeNames = Export.ExportDescription.OutputNamesOf(kind, description);
                for (var i = 0; i < description.Targets.Count; i++)
                {
                    values.Add(new ForecastValue(closeNames[i], ForecastDecoding.Decode(kind, raw[i], lastClose)));
                }

                // The farthest horizon, the one target_time names, as a single-horizon model's own.
                predictedClose = values[^1].Value;
                (signal, reason) = PriceSignal(predictedClose.Value, lastClose, threshold);
                break;
            case ForecastKind.Volatility:
                var volatility = (RealizedVolatilityTarget)TargetSet.ParseOne(description.Targets[0]);
                values.Add(new ForecastValue(volatility.VolatilityName, volatility.ToVolatility(raw[0])));
                signal = TradeSignal.Hold;
                reason = "a volatility forecast has no direction";
                break;
            default:
                for (var i = 0; i < ForecastDecoding.RegimeNames.Count; i++)
                {
                    values.Add(new ForecastValue(ForecastDecoding.RegimeNames[i], ForecastDecoding.Decode(kind, raw[i], lastClose)));
                }

                var best = Array.IndexOf(raw, raw.Max());
                signal = best switch
                {
                    (int)MarketRegime.Bullish => TradeSignal.Buy,
                    (int)MarketRegime.Bearish => TradeSignal.Sell,
                    _ => TradeSignal.Hold,
                };
                reason = string.Create(CultureInfo.InvariantCulture, $"most likely regime: {ForecastDecoding.RegimeNames[best]} ({raw[best]:P1})");
                break;
        }

        // A finite log return can still overflow into an infinite price.
        if (values.Any(v => !double.IsFinite(v.Value)))
        {
            throw new ModelBundleException(
                $"The model in '{forecaster.Bundle.Directory}' produced a non-finite forecast ({string.Join(", ", values.Select(v => $"{v.Name} {v.Value}"))}); retrain it.");
        }

        var quantiles = PredictionQuantiles.Of(forecaster.Bundle, raw, values, lastClose);
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
            reason)
        {
            Warnings = Drift.TrainingRange.Outside(description, windows.Features, row),
            Quantiles = quantiles,
            Horizons = PredictionQuantiles.Horizons(description, values, lastTime, series.Interval.Duration, lastClose),
        };
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
