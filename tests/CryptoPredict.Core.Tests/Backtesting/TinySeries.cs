using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Tests.Backtesting;

/// <summary>Hand-made forecasts over a few 1h candles, for checking the accounting and the metrics by hand.</summary>
internal static class TinySeries
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Candles after a start close of <paramref name="startClose"/>, one hour apart, with the given forecasts (NaN: none).</summary>
    public static ModelForecasts Of(ForecastKind kind, double startClose, double[] closes, double[] values, CandleInterval? interval = null)
    {
        var step = (interval ?? CandleInterval.OneHour).Duration;
        var times = Enumerable.Range(1, closes.Length).Select(i => Start + (step * i)).ToArray();
        return new ModelForecasts(kind, interval ?? CandleInterval.OneHour, Start, startClose, times, closes, values);
    }

    /// <summary>Price-model forecasts whose values are the given forecast changes.</summary>
    public static ModelForecasts Prices(double startClose, double[] closes, double[] changes) => Of(ForecastKind.Close, startClose, closes, changes);
}
