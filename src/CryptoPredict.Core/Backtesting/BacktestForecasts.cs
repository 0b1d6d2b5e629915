using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// Runs a bundle over candles to get what it said before each traded candle. The one place that decides which
/// window a position comes from: the forecast for candle r is made on the window ending at row r - 1, so a position
/// depends on candles up to r - 1 only (tested by truncating and changing later candles). Features, windows and the
/// network are the evaluator's (<see cref="Forecaster"/>, <see cref="InputWindows"/>).
/// </summary>
public static class BacktestForecasts
{
    public static ModelForecasts Compute(Forecaster forecaster, CandleSeries series, BacktestPart part, Action<EvaluationNote>? log = null)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(part);
        if (series.Count < 2)
        {
            throw new ForecastDataException($"too few candles: {series.Count} candle(s); a backtest needs a window and a candle after it.");
        }

        var windows = forecaster.WindowsOf(forecaster.ComputeFeatures(series));
        var (first, last) = Origins(forecaster.Bundle, series, windows, part, log);
        return Build(forecaster, series, windows, first, last, part.Name, log);
    }

    /// <summary>
    /// What the bundle said before each candle that follows a forecast origin opening in <paramref name="from"/> ..
    /// <paramref name="to"/> (a walk-forward fold's test block), with the same window rule as the other overload.
    /// </summary>
    public static ModelForecasts Compute(Forecaster forecaster, CandleSeries series, DateTime from, DateTime to, string name, Action<EvaluationNote>? log = null)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(series);
        var windows = forecaster.WindowsOf(forecaster.ComputeFeatures(series));
        var times = series.OpenTimes;
        var first = -1;
        var last = -1;
        for (var r = 0; r + 1 < series.Count; r++)
        {
            if (times[r] >= from && times[r] <= to)
            {
                first = first < 0 ? r : first;
                last = r;
            }
        }

        return first >= 0
            ? Build(forecaster, series, windows, first, last, name, log)
            : throw new ForecastDataException($"no candle to trade in {Time(from)} .. {Time(to)} UTC with a candle after it.");
    }

    private static ModelForecasts Build(Forecaster forecaster, CandleSeries series, InputWindows windows, int first, int last, string name, Action<EvaluationNote>? log)
    {
        // Candle r = origin + 1 is forecast only from a usable window that it directly follows (no gap between).
        var origins = Enumerable.Range(first, last - first + 1).ToArray();
        var forecastable = origins.Where(o => windows.IsUsable(o) && windows.Gaps.IsContiguous(o, o + 1)).ToArray();
        var raw = forecastable.Length > 0 ? forecaster.Forecast(windows, forecastable) : [];
        var outputs = forecastable.Length > 0 ? raw.Length / forecastable.Length : 0;
        var kind = forecaster.Bundle.Architecture.Kind;
        var target = TargetSet.ParseOne(forecaster.Bundle.Description.Targets[0]);

        // Quantile columns follow the point forecasts; positions are taken from the point forecasts alone.
        var points = forecaster.Bundle.Architecture.IsClassifier ? outputs : Math.Min(outputs, forecaster.Bundle.Heads.Targets);
        var closes = series.Close;
        var times = series.OpenTimes;
        var values = new double[origins.Length];
        Array.Fill(values, double.NaN);
        for (var k = 0; k < forecastable.Length; k++)
        {
            var origin = forecastable[k];
            values[origin - first] = Reading(kind, target, raw.AsSpan(k * outputs, points), closes[origin]);
        }

        var tradedTimes = new DateTime[origins.Length];
        var tradedCloses = new double[origins.Length];
        for (var k = 0; k < origins.Length; k++)
        {
            tradedTimes[k] = times[origins[k] + 1];
            tradedCloses[k] = closes[origins[k] + 1];
        }

        var forecasts = new ModelForecasts(kind, series.Interval, times[first], closes[first], tradedTimes, tradedCloses, values);
        if (forecasts.WithoutForecast > 0)
        {
            log?.Invoke(Note(false, $"{forecasts.WithoutForecast} of {forecasts.Count} candles ({name}) have no usable window before them (a gap or missing features): flat there"));
        }

        return forecasts;
    }

    /// <summary>
    /// One forecast as <see cref="ModelForecasts.Values"/> holds it: the fractional change of the close (the last
    /// price target), the most likely regime, or the volatility.
    /// </summary>
    private static double Reading(ForecastKind kind, TargetSpec target, ReadOnlySpan<double> raw, double lastClose)
    {
        switch (kind)
        {
            case ForecastKind.Close:
            case ForecastKind.Ohlc:
                var close = ForecastDecoding.Decode(kind, raw[^1], lastClose);
                return double.IsFinite(close)
                    ? (close / lastClose) - 1
                    : throw new ModelBundleException(FormattableString.Invariant($"The model produced a forecast close of {close} from a close of {lastClose}; its weights are unusable. Retrain it."));
            case ForecastKind.Volatility:
                return ForecastDecoding.Decode(target, kind, raw[0], lastClose);
            default:
                var best = 0;
                for (var c = 1; c < raw.Length; c++)
                {
                    best = raw[c] > raw[best] ? c : best;
                }

                return best;
        }
    }

    /// <summary>First and last forecast origin (row) of <paramref name="part"/>; every origin has a candle after it.</summary>
    private static (int First, int Last) Origins(ModelBundle bundle, CandleSeries series, InputWindows windows, BacktestPart part, Action<EvaluationNote>? log)
    {
        var description = bundle.Description;
        var fingerprint = DataFingerprint.Of(series);
        var trainedOn = string.Equals(fingerprint.Sha256, description.TrainingData.Sha256, StringComparison.OrdinalIgnoreCase);
        var times = series.OpenTimes;
        if (part == BacktestPart.All)
        {
            var firstUsable = Enumerable.Range(0, Math.Max(0, series.Count - 1)).FirstOrDefault(windows.IsUsable, -1);
            if (firstUsable < 0)
            {
                throw new ForecastDataException(
                    $"too few candles: {series.Count} candles give no window of {description.Window} usable candles with one more after it " +
                    "(the window starts after the indicators' warm-up).");
            }

            if (trainedOn)
            {
                log?.Invoke(Note(true, $"these are the candles the model was trained on: the backtest includes its training and validation candles (omit --data to trade the test part only)"));
            }

            return (firstUsable, series.Count - 2);
        }

        var (from, to) = part == BacktestPart.Validation
            ? (description.Split.ValidationFrom, description.Split.ValidationTo)
            : (description.Split.TestFrom, description.Split.TestTo);
        if (!trainedOn)
        {
            log?.Invoke(Note(true, $"the candles ({fingerprint}) are not the ones the model was trained on ({description.TrainingData}); the {part.Name} part is taken by time range {Time(from)} .. {Time(to)} UTC"));
        }

        var first = -1;
        var last = -1;
        for (var r = 0; r + 1 < series.Count; r++)
        {
            if (times[r] >= from && times[r] <= to)
            {
                first = first < 0 ? r : first;
                last = r;
            }
        }

        return first >= 0
            ? (first, last)
            : throw new ForecastDataException(
                $"no candle to trade: the {series.Count} candles ({Time(times[0])} .. {Time(times[^1])} UTC) have none in the model's {part.Name} range " +
                $"{Time(from)} .. {Time(to)} UTC with a candle after it. Pass --data FILE to trade other candles.");
    }

    private static EvaluationNote Note(bool isWarning, FormattableString message) => new(isWarning, FormattableString.Invariant(message));

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
