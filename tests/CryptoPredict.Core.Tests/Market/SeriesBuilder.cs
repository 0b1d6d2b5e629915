using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>Builds small hand-made series for resampling and gap tests.</summary>
internal static class SeriesBuilder
{
    public static readonly DateTime Day = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Hourly candles at the given hours of <see cref="Day"/>; rows are (hour, open, high, low, close, volume).</summary>
    public static CandleSeries Hourly(params (int Hour, double Open, double High, double Low, double Close, double Volume)[] rows) =>
        new(
            "TESTUSDT",
            CandleInterval.OneHour,
            [.. rows.Select(r => Day.AddHours(r.Hour))],
            [.. rows.Select(r => r.Open)],
            [.. rows.Select(r => r.High)],
            [.. rows.Select(r => r.Low)],
            [.. rows.Select(r => r.Close)],
            [.. rows.Select(r => r.Volume)]);

    /// <summary>A plain hourly candle whose values follow from its hour.</summary>
    public static (int, double, double, double, double, double) Plain(int hour) => (hour, hour, hour + 1, hour - 0.5, hour + 0.5, 1);

    public static CandleSeries HourlyAt(CandleInterval interval, params int[] steps) =>
        new(
            "TESTUSDT",
            interval,
            [.. steps.Select(s => Day + (interval.Duration * s))],
            [.. steps.Select(_ => 1.0)],
            [.. steps.Select(_ => 2.0)],
            [.. steps.Select(_ => 0.5)],
            [.. steps.Select(_ => 1.5)],
            [.. steps.Select(_ => 10.0)]);
}
